/**
 * A small HTML tokenizer for tests: it finds the start tags a browser would build elements from,
 * with their attributes, the way the HTML parser reads them (quoted attribute values may hold
 * `>`, comments and the text inside <script>, <style>, <textarea> and <title> hold no tags). No
 * HTML parser is among the project's packages, and the checks here need only the tags.
 *
 * On it: the forms of a page (for the fuzzers to fill in) and the markup a stored payload must
 * never produce (for the stored-script check).
 */

export interface Tag {
  name: string;
  /** Attribute names are lower-cased; values have the common character references decoded. */
  attrs: Map<string, string>;
  /** Offset of the `<` in the document. */
  start: number;
}

/** Elements whose content is text up to their end tag (no tags inside). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed']);

const ATTRIBUTE =
  /[\s/]*(?<name>[^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*(?:"(?<dq>[^"]*)"|'(?<sq>[^']*)'|(?<uq>[^\s>]+)))?/y;

/** Decodes the character references this app's renderer writes, and numeric ones. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);?/gi, (whole, ref: string) => {
    const lower = ref.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    const named: Record<string, string> = {
      amp: '&',
      lt: '<',
      gt: '>',
      quot: '"',
      apos: "'",
      nbsp: '\u00a0',
    };
    return named[lower] ?? whole;
  });
}

/** Every start tag in `html`, in document order. */
export function startTags(html: string): Tag[] {
  const tags: Tag[] = [];
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open < 0) break;
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      at = end < 0 ? html.length : end + 3;
      continue;
    }
    const nameMatch = /^<([a-zA-Z][^\s/>]*)/.exec(html.slice(open, open + 64));
    if (!nameMatch?.[1]) {
      at = open + 1;
      continue;
    }
    const name = nameMatch[1].toLowerCase();
    const attrs = new Map<string, string>();
    let cursor = open + nameMatch[0].length;
    for (;;) {
      ATTRIBUTE.lastIndex = cursor;
      const attr = ATTRIBUTE.exec(html);
      if (!attr?.groups) break;
      const attrName = (attr.groups.name ?? '').toLowerCase();
      if (!attrs.has(attrName)) {
        attrs.set(
          attrName,
          decodeEntities(attr.groups.dq ?? attr.groups.sq ?? attr.groups.uq ?? ''),
        );
      }
      cursor = ATTRIBUTE.lastIndex;
    }
    const close = html.indexOf('>', cursor);
    at = close < 0 ? html.length : close + 1;
    tags.push({ name, attrs, start: open });
    if (RAW_TEXT.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, at);
      if (end >= 0) {
        // Keep the raw text for checks on inline scripts.
        attrs.set('#text', html.slice(at, end));
        at = end;
      }
    }
  }
  return tags;
}

export interface FormField {
  name: string;
  /** "text", "hidden", "date", "file", "checkbox", "select", "textarea", … */
  type: string;
  value: string;
  inputmode?: string;
  /** The option values of a select. */
  options?: string[];
  checked?: boolean;
  /** A select with an option marked selected. */
  selected?: boolean;
}

export interface Form {
  action: string;
  method: string;
  enctype: string;
  fields: FormField[];
}

/** The forms of a page with their fields (inputs, selects with their options, textareas). */
export function formsOf(html: string): Form[] {
  const forms: Form[] = [];
  let current: Form | undefined;
  let select: FormField | undefined;
  const tags = startTags(html);
  // Form ends are found by offset: a field belongs to the last form opened before it and not yet
  // closed (forms do not nest).
  const closes: number[] = [];
  for (const match of html.matchAll(/<\/form\s*>/gi)) closes.push(match.index);
  let nextClose = 0;
  for (const tag of tags) {
    while (current && nextClose < closes.length && (closes[nextClose] ?? 0) < tag.start) {
      current = undefined;
      nextClose += 1;
    }
    if (tag.name === 'form') {
      current = {
        action: tag.attrs.get('action') ?? '',
        method: (tag.attrs.get('method') ?? 'get').toLowerCase(),
        enctype: tag.attrs.get('enctype') ?? 'application/x-www-form-urlencoded',
        fields: [],
      };
      forms.push(current);
      continue;
    }
    if (!current) continue;
    const name = tag.attrs.get('name');
    if (tag.name === 'option' && select) {
      select.options?.push(tag.attrs.get('value') ?? '');
      if (tag.attrs.has('selected')) {
        select.value = tag.attrs.get('value') ?? '';
        select.selected = true;
      }
      continue;
    }
    if (name === undefined) continue;
    if (tag.name === 'input') {
      const inputmode = tag.attrs.get('inputmode');
      current.fields.push({
        name,
        type: (tag.attrs.get('type') ?? 'text').toLowerCase(),
        value: tag.attrs.get('value') ?? '',
        ...(inputmode ? { inputmode } : {}),
        checked: tag.attrs.has('checked'),
      });
    } else if (tag.name === 'textarea') {
      current.fields.push({
        name,
        type: 'textarea',
        value: decodeEntities(tag.attrs.get('#text') ?? ''),
      });
    } else if (tag.name === 'select') {
      select = { name, type: 'select', value: '', options: [] };
      current.fields.push(select);
    }
  }
  // As a browser does: a select with no option marked selected sends its first option.
  for (const field of forms.flatMap((form) => form.fields)) {
    if (field.type === 'select' && field.value === '' && !field.selected) {
      field.value = field.options?.[0] ?? '';
    }
  }
  return forms;
}

/**
 * What no page may contain, whatever was stored: an inline script, an event-handler attribute,
 * a `javascript:` URL, or an element carrying one of the test's markers in its name or
 * attributes (a payload that became markup). Returns one line per finding.
 */
export function unsafeMarkup(html: string, markers: readonly string[] = []): string[] {
  const problems: string[] = [];
  for (const tag of startTags(html)) {
    const where = `<${tag.name}> at ${String(tag.start)}`;
    if (tag.name === 'script') {
      const src = tag.attrs.get('src');
      if (src === undefined || (tag.attrs.get('#text') ?? '').trim() !== '') {
        problems.push(`${where}: an inline script`);
      } else if (!src.startsWith('/')) {
        problems.push(`${where}: a script from elsewhere (${src})`);
      }
    }
    for (const [name, value] of tag.attrs) {
      if (name === '#text') continue;
      if (name.startsWith('on')) problems.push(`${where}: event handler ${name}="${value}"`);
      if (
        ['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name) &&
        /^\s*(javascript|vbscript|data:text\/html)/i.test(
          [...value].filter((char) => char.charCodeAt(0) > 0x20).join(''),
        )
      ) {
        problems.push(`${where}: ${name}="${value}"`);
      }
      if (name === 'srcdoc') problems.push(`${where}: srcdoc`);
      // `<img src=x …>` is the classic payload: no page of the app has an image called "x".
      if (tag.name === 'img' && name === 'src' && value === 'x') problems.push(`${where}: src=x`);
      for (const marker of markers) {
        if (name.includes(marker)) problems.push(`${where}: attribute named with ${marker}`);
        if (['script', 'iframe', 'object', 'embed'].includes(tag.name) && value.includes(marker)) {
          problems.push(`${where}: ${name}="${value}" carries ${marker}`);
        }
      }
    }
  }
  return problems;
}
