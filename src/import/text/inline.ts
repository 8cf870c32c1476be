import { collapseSpaces, decodeEntities } from './chars.ts';

/**
 * One run of text inside a line or table cell: a list item, a paragraph, or the text between
 * two list items. `bold` / `italic` are true when the whole run is bold / italic.
 */
export interface Span {
  text: string;
  bullet: boolean;
  bold: boolean;
  italic: boolean;
}

/** Bullet glyphs converters print at the start of a list item, incl. Symbol-font private use. */
export const BULLET_GLYPHS = '•●▪■◦‣∙·○◾➢►▶✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8';
/** A bullet at the start of a line: a glyph, or a markdown / plain-text dash or star. */
export const LINE_BULLET = new RegExp(`^\\s*(?:[${BULLET_GLYPHS}]|[-–—*])\\s+`);
/** A glyph that starts a new list item even in the middle of a line ("• A • B"). */
const INLINE_BULLET = new RegExp(`(?:^|\\s)[${BULLET_GLYPHS}]\\s+`, 'g');
const SPAN_BULLET = new RegExp(`^(?:[${BULLET_GLYPHS}]|[-–—])\\s+`);

/** Per UTF-16 unit: 1 for a character that starts markup, 2 for a dash, 4 for what `\s` matches. */
const CHAR_KIND = (() => {
  const kinds = new Uint8Array(0x10000);
  for (const char of `<>*_&${BULLET_GLYPHS}`) kinds[char.charCodeAt(0)] = 1;
  for (const char of '-–—') kinds[char.charCodeAt(0)] = 2;
  // What `\s` matches: ASCII white space, line terminators and Unicode spaces.
  const spaces = [0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
  for (let code = 0x09; code <= 0x0d; code += 1) spaces.push(code);
  for (let code = 0x2000; code <= 0x200a; code += 1) spaces.push(code);
  for (const code of spaces) kinds[code] = 4;
  return kinds;
})();
const isSpace = (code: number): boolean => ((CHAR_KIND[code] ?? 0) & 4) !== 0;

/**
 * Characters that may start markup (`/[<>*_&•…]|(?:^|\s)[-–—]\s/`, tested in one pass over the
 * characters: it runs on every line); a text without them is one plain span.
 */
function mayHaveMarkup(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const kind = CHAR_KIND[text.charCodeAt(index)] ?? 0;
    if (kind === 0 || kind === 4) continue;
    if (kind === 1) return true;
    if (
      (index === 0 || isSpace(text.charCodeAt(index - 1))) &&
      index + 1 < text.length &&
      isSpace(text.charCodeAt(index + 1))
    ) {
      return true;
    }
  }
  return false;
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(\/?)>/g;
const BOUNDARY_TAGS = new Set([
  'ul',
  'ol',
  'p',
  'div',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'td',
  'th',
  'table',
  'blockquote',
]);

/**
 * Turns checkboxes into the glyphs ☒ (ticked) and ☐ (empty), whatever the converter drew:
 * `<input type="checkbox" checked>`, `[x]`, `[ ]`, ☑, ✗ in a box.
 */
export function normalizeCheckboxes(text: string): string {
  return text
    .replace(/<input\b[^>]*>/gi, (tag) =>
      /type\s*=\s*["']?(?!checkbox)/i.test(tag) && !/checkbox/i.test(tag)
        ? tag
        : /\bchecked\b/i.test(tag)
          ? '☒'
          : '☐',
    )
    .replace(/\[[xX✓✗]\]/g, '☒')
    .replace(/\[ \]/g, '☐')
    .replace(/[☑⊠]/g, '☒')
    .replace(/[□❑❒]/g, '☐');
}

/** Any text `normalizeCheckboxes` changes holds one of these. */
const MAY_HAVE_CHECKBOX = /<input|\[[xX✓✗ ]\]|[☑⊠□❑❒]/i;

/**
 * Whether `normalizeCheckboxes` can change anything in `text` (when it cannot for a whole
 * text, it cannot for any of its lines).
 */
export function mayHaveCheckboxes(text: string): boolean {
  return MAY_HAVE_CHECKBOX.test(text);
}

/** Markdown emphasis (`**bold**`, `__bold__`, `*italic*`) rewritten as HTML tags. */
function markdownToTags(text: string): string {
  return text
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<b>$1</b>')
    .replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, '$1<b>$2</b>')
    .replace(/(^|[^\w*])\*(?=[^\s*])((?:[^*]*?[^\s*])?)\*(?![\w*])/g, '$1<i>$2</i>');
}

interface Piece {
  text: string;
  bold: boolean;
  italic: boolean;
}

class SpanBuilder {
  readonly spans: Span[] = [];
  private pieces: Piece[] = [];
  private bullet = false;

  add(text: string, bold: boolean, italic: boolean): void {
    let last = 0;
    for (const match of text.matchAll(INLINE_BULLET)) {
      this.pieces.push({ text: text.slice(last, match.index), bold, italic });
      this.start(true);
      last = match.index + match[0].length;
    }
    this.pieces.push({ text: text.slice(last), bold, italic });
  }

  start(bullet: boolean): void {
    this.flush();
    this.bullet = bullet;
  }

  flush(): void {
    const visible = this.pieces.filter((piece) => /\S/.test(piece.text));
    let text = collapseSpaces(this.pieces.map((piece) => piece.text).join(''));
    let bullet = this.bullet;
    const glyph = SPAN_BULLET.exec(text);
    if (glyph) {
      text = text.slice(glyph[0].length);
      bullet = true;
    }
    if (text !== '') {
      this.spans.push({
        text,
        bullet,
        bold: visible.every((piece) => piece.bold),
        italic: visible.every((piece) => piece.italic),
      });
    }
    this.pieces = [];
    this.bullet = false;
  }
}

/**
 * Parses the inline markup of one line or table cell (HTML tags, entities, markdown emphasis,
 * bullet glyphs) into spans of plain text.
 *
 * @example
 * parseInline('<ul><li>• Första</li><li>• <i>Andra</i></li></ul>');
 * // [{ text: 'Första', bullet: true, … }, { text: 'Andra', bullet: true, italic: true, … }]
 */
export function parseInline(text: string, bullet = false): Span[] {
  if (!mayHaveMarkup(text)) {
    const plain = collapseSpaces(text);
    return plain === '' ? [] : [{ text: plain, bullet, bold: false, italic: false }];
  }
  const source = markdownToTags(text);
  const builder = new SpanBuilder();
  builder.start(bullet);
  let bold = 0;
  let italic = 0;
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    builder.add(decodeEntities(source.slice(last, match.index)), bold > 0, italic > 0);
    last = match.index + match[0].length;
    const closing = match[1] === '/';
    const name = (match[2] ?? '').toLowerCase();
    if (name === 'b' || name === 'strong') bold = Math.max(0, bold + (closing ? -1 : 1));
    else if (name === 'i' || name === 'em') italic = Math.max(0, italic + (closing ? -1 : 1));
    else if (name === 'li') builder.start(!closing);
    else if (BOUNDARY_TAGS.has(name)) builder.start(false);
  }
  builder.add(decodeEntities(source.slice(last)), bold > 0, italic > 0);
  builder.flush();
  return builder.spans;
}
