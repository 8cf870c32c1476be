/**
 * Running page headers and footers: text that a PDF repeats on every page and that a
 * PDF-to-text run puts wherever the page break fell (at the start of a line, in the middle of a
 * sentence, on a line of its own).
 */

/** A header or footer taken out of the text. */
export interface RemovedHeader {
  /** 1-based line of the raw text it was found on. */
  line: number;
  text: string;
  /** The page number it printed, when it printed one. */
  page?: number;
}

export interface HeaderPattern {
  /** Finds every occurrence; group 1 is the page number when the pattern has one. */
  regex: RegExp;
  description: string;
}

const PAGE_OF = /(\d{1,4}) ?\((\d{1,4})\)/g;
const MIN_REPEATS = 3;
const MAX_PREFIX_WORDS = 8;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Finds "<same text> N (M)" page headers: a page number N of M pages that repeats at least three
 * times with changing N, preceded by the same words each time (e.g. "Sveriges Kommuner och
 * Landsting 2009-10-01 7 (27)").
 */
function pageOfHeaders(text: string): HeaderPattern[] {
  const byTotal = new Map<string, { before: string[]; page: number; atLineStart: boolean }[]>();
  for (const match of text.matchAll(PAGE_OF)) {
    const page = Number(match[1]);
    const total = match[2] ?? '';
    if (page < 1 || page > Number(total)) continue;
    // The words before it, across a line break: a wrapped header spans two lines.
    const context = text.slice(Math.max(0, match.index - 120), match.index);
    const before = context.replace(/\s+/g, ' ').trim();
    const list = byTotal.get(total) ?? [];
    list.push({
      before: before === '' ? [] : before.split(' '),
      page,
      atLineStart: /(?:^|\n)[ \t]*$/.test(context),
    });
    byTotal.set(total, list);
  }
  const patterns: HeaderPattern[] = [];
  for (const [total, hits] of byTotal) {
    if (new Set(hits.map((hit) => hit.page)).size < MIN_REPEATS) continue;
    let prefix: string | undefined;
    for (let size = MAX_PREFIX_WORDS; size >= 1 && prefix === undefined; size -= 1) {
      const counts = new Map<string, number>();
      for (const hit of hits) {
        if (hit.before.length < size) continue;
        const key = hit.before.slice(-size).join(' ');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      for (const [key, count] of counts) {
        // Words up to a sentence end belong to the text before the header, even when every
        // page happens to end with them.
        const words = key.split(' ');
        const end = words.findLastIndex((word) => /[.!?]$/.test(word));
        const own = words.slice(end + 1).join(' ');
        if (count >= MIN_REPEATS && count * 2 >= hits.length && own.length >= 6) prefix = own;
      }
    }
    const pageNumber = `(\\d{1,4}) ?\\(${total}\\)`;
    if (prefix !== undefined) {
      const words = prefix.split(' ').map(escapeRegex).join('\\s+');
      patterns.push({
        regex: new RegExp(`${words}\\s+${pageNumber}`, 'g'),
        description: `${prefix} N (${total})`,
      });
    }
    // A first page often prints a different word before the same "N (M)": "RAPPORT 1 (27)".
    const atStart = hits.filter((hit) => hit.atLineStart).length;
    if (prefix === undefined && atStart < MIN_REPEATS) continue;
    patterns.push({
      regex: new RegExp(
        `^[ \\t]*(?:[A-ZÅÄÖ]{3,}(?: [A-ZÅÄÖ]{2,}){0,3} )?${pageNumber}(?=\\s|$)`,
        'gm',
      ),
      description: `N (${total}) at the start of a line`,
    });
  }
  return patterns;
}

const PAGE_NUMBER_LINE =
  /^\s*(?:sida\s+)?[-–]?\s*(\d{1,4})\s*[-–]?\s*(?:(?:\(|av\s+|\/\s*)\d{1,4}\)?)?\s*$/i;

/** Lines that are only a page number ("7", "- 7 -", "Sida 7 av 27"), counting up. */
function pageNumberLines(lines: readonly string[]): Set<number> {
  const found: { index: number; page: number }[] = [];
  lines.forEach((line, index) => {
    const match = PAGE_NUMBER_LINE.exec(line);
    if (match) found.push({ index, page: Number(match[1]) });
  });
  const chosen = new Set<number>();
  let run: typeof found = [];
  const close = (): void => {
    if (run.length >= MIN_REPEATS) for (const item of run) chosen.add(item.index);
    run = [];
  };
  for (const item of found) {
    const previous = run.at(-1);
    if (previous && (item.page <= previous.page || item.page > previous.page + 2)) close();
    run.push(item);
  }
  close();
  return chosen;
}

/** Short lines with a date that repeat exactly, e.g. "Rapport 2016-10-12". */
function repeatedDatedLines(lines: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const text = line.trim();
    if (text.length > 0 && text.length <= 80 && /\b\d{4}-\d{2}-\d{2}\b/.test(text)) {
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
  }
  return new Set([...counts].filter(([, count]) => count >= MIN_REPEATS).map(([text]) => text));
}

export interface HeaderRemoval {
  /** The lines with headers taken out; `null` where a line held nothing but a header. */
  lines: (string | null)[];
  removed: RemovedHeader[];
  /** For each line, the page it starts on (from the last page header before it), if known. */
  pages: (number | undefined)[];
}

/**
 * Finds running headers and footers and removes them. A line that held nothing else becomes
 * `null` (not a blank line: a sentence broken by a page break goes on across it).
 */
export function removePageHeaders(lines: readonly string[]): HeaderRemoval {
  const joined = lines.join('\n');
  const patterns = pageOfHeaders(joined);
  const numberLines = pageNumberLines(lines);
  const datedLines = repeatedDatedLines(lines);
  const removed: RemovedHeader[] = [];
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  const lineIndexAt = (position: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((lineStarts[middle] ?? 0) <= position) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  /** The page each line starts on, set where a header was found. */
  const pageFrom = new Map<number, number>();
  let text = joined;
  for (const pattern of patterns) {
    // Matches are replaced by the line breaks they held, so every line keeps its number.
    const positions: [number, string, number][] = [];
    for (const match of text.matchAll(pattern.regex)) {
      positions.push([match.index, match[0], Number(match[1])]);
    }
    for (const [position, whole, page] of positions) {
      const index = lineIndexAt(position);
      const atStart = text.slice(lineStarts[index] ?? 0, position).trim() === '';
      pageFrom.set(atStart ? index : index + 1, page);
      removed.push({ line: index + 1, text: whole.replace(/\s+/g, ' ').trim(), page });
    }
    text = text.replace(pattern.regex, (whole: string) => whole.replace(/[^\n]/g, '') || ' ');
  }
  const afterPatterns = text.split('\n');
  let page: number | undefined;
  const pages: (number | undefined)[] = [];
  const result = lines.map((line, index): string | null => {
    page = pageFrom.get(index) ?? page;
    pages.push(page);
    if (numberLines.has(index) || datedLines.has(line.trim())) {
      const match = PAGE_NUMBER_LINE.exec(line);
      const printed = match ? Number(match[1]) : undefined;
      removed.push({ line: index + 1, text: line.trim(), page: printed });
      return null;
    }
    const cleaned = afterPatterns[index] ?? line;
    if (cleaned === line) return line;
    return cleaned.trim() === '' ? null : cleaned.replace(/ {2,}/g, ' ').trim();
  });
  removed.sort((a, b) => a.line - b.line);
  return { lines: result, removed, pages };
}
