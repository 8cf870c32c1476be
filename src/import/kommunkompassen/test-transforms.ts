/**
 * The same report as other PDF-to-text runs print it (tests only): each function takes a seed's
 * text and returns it as a converter with another habit would have produced it.
 */

const isStructure = (line: string): boolean =>
  line.includes('\t') || /^\s*(?:#|\||<)/.test(line) || line.trim() === '';

/** Windows line endings. */
export const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

/** Decomposed accents: "ä" as "a" + U+0308. */
export const nfd = (text: string): string => text.normalize('NFD');

/** Every space printed as a no-break space. */
export const noBreakSpaces = (text: string): string => text.replace(/ /g, '\u00a0');

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    // A dash or bullet glyph never starts a wrapped line (it would read as a new list item).
    const glued = /^[-–•]/.test(word);
    if (current !== '' && current.length + 1 + word.length > width && !glued) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines;
}

/** Paragraphs and list items wrapped at `width` columns (tables and headings left alone). */
export function rewrap(text: string, width = 60): string {
  return text
    .split('\n')
    .flatMap((line) => (isStructure(line) || line.length <= width ? [line] : wrap(line, width)))
    .join('\n');
}

const header = (page: number, pages: number): string =>
  `Sveriges Kommuner och Landsting 2011-10-01 ${String(page)} (${String(pages)})`;

/** A running page header on a line of its own at a paragraph break about every `every` lines. */
export function paginate(text: string, every = 40): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let page = 1;
  let since = 0;
  lines.forEach((line, index) => {
    out.push(line);
    since += 1;
    const next = lines[index + 1] ?? '';
    if (since >= every && line.trim() === '' && next.trim() !== '') {
      page += 1;
      out.push(header(page, 40), '');
      since = 0;
    }
  });
  return out.join('\n');
}

/**
 * Prose paragraphs of a page printed as one line (blank lines between them gone), with the
 * running page header in the middle of the joined line. Headings, lists and tables stay as
 * they are: joining those would change what they are, not only how they are printed.
 */
export function joinProse(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let page = 1;
  let joined = 0;
  lines.forEach((line) => {
    const previous = out.at(-1);
    const prose = (value: string | undefined): boolean =>
      value !== undefined && !isStructure(value) && !/^\s*(?:[-•*]|\d)/.test(value);
    if (line.trim() === '') return void out.push(line);
    const lastContent = [...out].reverse().find((value) => value.trim() !== '');
    if (prose(line) && prose(lastContent) && previous?.trim() === '') {
      while (out.at(-1)?.trim() === '') out.pop();
      joined += 1;
      const mark = joined % 3 === 0 ? ` ${header((page += 1), 40)}` : '';
      out[out.length - 1] = `${out.at(-1) ?? ''}${mark} ${line}`;
      return;
    }
    out.push(line);
  });
  return out.join('\n');
}

function listItems(html: string, glyph: string): { lead: string; items: string[] } {
  const lead = html
    .replace(/<ul[\s\S]*$/, '')
    .replace(/<\/?p>/g, '')
    .trim();
  const items = [...html.matchAll(/<li>\s*(?:•\s*)?([\s\S]*?)<\/li>/g)].map(
    (match) => `${glyph} ${(match[1] ?? '').trim()}`,
  );
  return { lead, items };
}

/** HTML lists inside table cells printed as plain "•" bullets; markdown "- " bullets as "•". */
export function plainBullets(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (!line.includes('<li>')) return line.replace(/^- /, '• ');
      return line
        .split('\t')
        .map((cell) => {
          if (!cell.includes('<li>')) return cell;
          const { lead, items } = listItems(cell, '•');
          return [lead, ...items].filter(Boolean).join(' ');
        })
        .join('\t');
    })
    .join('\n');
}

/**
 * Two-column "Styrkor | Förbättringsmöjligheter" tables read column by column, as pdftotext
 * reads them: each label, then its items as "- " lines, a blank line between the columns, and a
 * page header where a table goes on over a page break.
 */
export function columnByColumn(text: string): string {
  const out: string[] = [];
  let labels: string[] | undefined;
  let inTable = false;
  let page = 30;
  for (const line of text.split('\n')) {
    if (/^Styrkor\tFörbättring/.test(line)) {
      labels = line.split('\t');
      inTable = true;
      continue;
    }
    if (inTable && line.includes('\t') && /<li>|<p>/.test(line)) {
      if (!labels) out.push('', header((page += 1), 40), '');
      line.split('\t').forEach((cell, index) => {
        const { lead, items } = listItems(cell, '-');
        out.push('');
        if (labels?.[index]) out.push(labels[index] ?? '');
        if (lead !== '') out.push(lead);
        out.push(...items);
      });
      out.push('');
      labels = undefined;
      continue;
    }
    if (inTable && (line.trim() === '' || /^-+\t-+$/.test(line))) continue;
    inTable = false;
    out.push(line);
  }
  return out.join('\n');
}

/** Several habits at once. */
export const everything = (text: string): string =>
  crlf(noBreakSpaces(nfd(rewrap(plainBullets(text), 60))));

/**
 * A page-per-line report as a layout-keeping run prints it: area headings and the
 * "Styrkor" / "Förbättringsområden" labels on lines of their own, the items after each label
 * as one paragraph.
 */
export function labelsOnOwnLines(text: string): string {
  return text
    .replace(/ (Styrkor|Förbättringsområden) /g, '\n\n$1\n')
    .replace(/ (Område \d) /g, '\n\n$1 ');
}

/** Running headers printed as footers: at the end of the previous page instead of the start. */
export function headersAsFooters(text: string): string {
  const header = /^(Sveriges Kommuner och Landsting \d{4}-\d{2}-\d{2} \d+ \(\d+\)) /;
  const lines = text.split('\n');
  return lines
    .map((line, index) => {
      const footer = header.exec(lines[index + 1] ?? '')?.[1];
      const own = line.replace(header, '');
      return footer ? `${own} ${footer}` : own;
    })
    .join('\n');
}
