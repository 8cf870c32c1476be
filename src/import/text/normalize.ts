import { collapseSpaces, splitCleanLines } from './chars.ts';
import {
  LINE_BULLET,
  mayHaveCheckboxes,
  normalizeCheckboxes,
  parseInline,
  type Span,
} from './inline.ts';
import { removePageHeaders, type RemovedHeader } from './page-headers.ts';

/** One cell of a table row (cells are separated by tabs or markdown pipes). */
export interface Cell {
  /** Plain text of the cell, its spans joined by a space. */
  text: string;
  spans: Span[];
  bold: boolean;
  italic: boolean;
}

/** Where a physical line of the raw text begins inside a logical line's `text`. */
export interface LinePart {
  /** Offset in `ReportLine.text`. */
  offset: number;
  /** 1-based line in the raw text. */
  line: number;
}

/**
 * One logical line of a report: a paragraph (wrapped lines joined), a list item, a heading or a
 * table row, with its markup turned into flags.
 */
export interface ReportLine {
  /** 1-based line in the raw text where this logical line starts. */
  line: number;
  /** 1-based line in the raw text where it ends (after joining wrapped lines). */
  endLine: number;
  /** The printed page it starts on, when running headers gave page numbers. */
  page?: number;
  /** Plain text: no markup, single spaces; for a table row the cells joined by a tab. */
  text: string;
  /** Markdown or HTML heading level, 0 when the line is not a heading. */
  heading: number;
  /** The whole line is bold / italic. */
  bold: boolean;
  italic: boolean;
  /** The line is a list item (a bullet glyph, "- ", "* " or `<li>`). */
  bullet: boolean;
  spans: Span[];
  /** Present when the line is a table row. */
  cells?: Cell[];
  /** Where each raw line begins in `text` (more than one entry for a joined paragraph). */
  parts: LinePart[];
}

export interface NormalizedReport {
  /** The logical lines, blank lines left out. */
  lines: ReportLine[];
  /** Running headers and footers that were taken out. */
  removed: RemovedHeader[];
}

export interface NormalizeOptions {
  /**
   * Join lines wrapped inside a paragraph or list item into one logical line (default true).
   * A whole page printed on one line stays one line; consecutive prose lines become one.
   */
  unwrap?: boolean;
}

const HEADING = /^\s*(#{1,6})\s+/;
const HTML_HEADING = /^\s*<h([1-6])\b[^>]*>([\s\S]*)<\/h\1>\s*$/i;
const RULE = /^[\s|:=_*\-–—]*$/;
const BLOCK_START = new RegExp(
  [
    HEADING.source,
    LINE_BULLET.source,
    '^\\s*<(?:ul|ol|li|p|h[1-6]|table|tr|div|b|strong)\\b',
    '^\\s*\\|',
    '^\\s*\\d{1,2}(?:\\.\\d{1,2})+\\.?\\s',
    '^\\s*\\d{1,2}\\.\\s',
    '^\\s*[☐☒]',
  ].join('|'),
  'i',
);
/** Joining markers: a line break that becomes a space, or nothing (a hyphenated word). */
const JOIN_SPACE = '\ue000';
const JOIN_TIGHT = '\ue001';
const JOIN = /[\ue000\ue001]/g;
const HAS_JOIN = /[\ue000\ue001]/;
/** Words after which a trailing hyphen is a shared compound part, not a broken word. */
const KEEP_HYPHEN_BEFORE = /^(?:och|eller|samt|respektive|resp|till|som|men)\b/;

function isRule(line: string): boolean {
  return /[-–—=_]{3}/.test(line) && RULE.test(line);
}

function isTableRow(line: string): boolean {
  return line.includes('\t') || /^\s*\|.*\|\s*$/.test(line);
}

function isWholeBold(line: string): boolean {
  return /^\s*(?:\*\*|<b>|<strong>)[\s\S]*(?:\*\*|<\/b>|<\/strong>)\s*$/i.test(line);
}

function standsAlone(line: string): boolean {
  return HEADING.test(line) || HTML_HEADING.test(line) || isTableRow(line) || isWholeBold(line);
}

/** How two wrapped lines are joined: repairs "jäm-" + "förelser", keeps "medborgar- och". */
function joiner(previous: string, next: string): string {
  const hyphen = /([a-zåäöéü])-$/.exec(previous.trimEnd());
  const nextText = next.trimStart();
  if (hyphen && /^[a-zåäöéü]/.test(nextText) && !KEEP_HYPHEN_BEFORE.test(nextText)) {
    return JOIN_TIGHT;
  }
  return JOIN_SPACE;
}

interface RawLogical {
  text: string;
  line: number;
  endLine: number;
  page: number | undefined;
  joins: number[];
}

/** A logical line being built: its pieces are joined once, when it is complete. */
interface OpenLogical extends RawLogical {
  /** The text as pieces (the first untrimmed, the others after a join marker). */
  pieces: string[];
  /** False when the text certainly does not stand alone (a cheap test on its start). */
  mayStandAlone: boolean;
}

/**
 * The text can stand alone only when it starts like a heading, a table row or a bold line, or
 * holds a tab: a cheap test that never says no when `standsAlone` would say yes.
 */
const MAY_STAND_ALONE = /^\s*(?:#|<h[1-6]|\||\*\*|<b>|<strong>)/i;

function mayStandAlone(text: string): boolean {
  return MAY_STAND_ALONE.test(text) || text.includes('\t');
}

function joinLines(
  lines: readonly (string | null)[],
  pages: readonly (number | undefined)[],
  unwrap: boolean,
): RawLogical[] {
  const result: OpenLogical[] = [];
  let current: OpenLogical | undefined;
  // Joining appends pieces instead of growing one string: a long paragraph stays linear.
  const currentStandsAlone = (open: OpenLogical): boolean =>
    open.mayStandAlone && standsAlone(open.pieces.length === 1 ? open.text : open.pieces.join(''));
  lines.forEach((line, index) => {
    if (line === null) return;
    const lineNumber = index + 1;
    if (line.trim() === '' || isRule(line)) {
      current = undefined;
      return;
    }
    const canJoin =
      unwrap &&
      current !== undefined &&
      !currentStandsAlone(current) &&
      !standsAlone(line) &&
      !BLOCK_START.test(line);
    if (canJoin && current) {
      const last = current.pieces.length - 1;
      // Every piece holds more than spaces, so trimming the whole text trims its last piece.
      const previous = (current.pieces[last] ?? '').trimEnd();
      const mark = joiner(previous, line);
      current.pieces[last] = mark === JOIN_TIGHT ? previous.slice(0, -1) : previous;
      current.pieces.push(mark + line.trimStart());
      current.endLine = lineNumber;
      current.joins.push(lineNumber);
      return;
    }
    current = {
      text: line,
      line: lineNumber,
      endLine: lineNumber,
      page: pages[index],
      joins: [],
      pieces: [line],
      mayStandAlone: mayStandAlone(line),
    };
    result.push(current);
  });
  return result.map(({ pieces, text, line, endLine, page, joins }) => ({
    text: pieces.length === 1 ? text : pieces.join(''),
    line,
    endLine,
    page,
    joins,
  }));
}

/** Replaces join markers with a space (or nothing) and records where each raw line begins. */
function resolveJoins(text: string, joins: readonly number[], first: number): [string, LinePart[]] {
  const parts: LinePart[] = [{ offset: 0, line: first }];
  if (joins.length === 0 && !HAS_JOIN.test(text)) {
    return [text.replace(/ {2,}/g, ' ').replace(/^ /, '').trimEnd(), parts];
  }
  // Spaces are collapsed and leading ones dropped; offsets count UTF-16 units, as
  // String.prototype.slice does. Runs of other characters are copied as slices.
  const SPACE = 0x20;
  const NOTHING = -1;
  const chunks: string[] = [];
  let length = 0;
  let last = NOTHING;
  let joinIndex = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0xe000 || code === 0xe001) {
      if (code === 0xe000 && last !== SPACE && last !== NOTHING) {
        chunks.push(' ');
        length += 1;
        last = SPACE;
      }
      const line = joins[joinIndex];
      joinIndex += 1;
      if (line !== undefined) parts.push({ offset: length, line });
      index += 1;
      continue;
    }
    if (code === SPACE) {
      if (last !== SPACE && last !== NOTHING) {
        chunks.push(' ');
        length += 1;
        last = SPACE;
      }
      index += 1;
      continue;
    }
    let end = index + 1;
    while (end < text.length) {
      const next = text.charCodeAt(end);
      if (next === SPACE || next === 0xe000 || next === 0xe001) break;
      end += 1;
    }
    chunks.push(text.slice(index, end));
    length += end - index;
    last = code;
    index = end;
  }
  const trimmed = chunks.join('').trimEnd();
  for (const part of parts) part.offset = Math.min(part.offset, trimmed.length);
  return [trimmed, parts];
}

function cleanSpans(spans: Span[]): Span[] {
  const result: Span[] = [];
  for (const span of spans) {
    const text = collapseSpaces(span.text.replace(JOIN, ' '));
    if (text !== '') result.push({ ...span, text });
  }
  return result;
}

function allOf(spans: readonly Span[], flag: 'bold' | 'italic'): boolean {
  return spans.length > 0 && spans.every((span) => span[flag]);
}

function splitCells(text: string): string[] {
  if (text.includes('\t')) return text.split('\t');
  return text.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
}

function toReportLine(raw: RawLogical): ReportLine {
  let text = raw.text;
  let heading = 0;
  const html = HTML_HEADING.exec(text);
  const markdown = HEADING.exec(text);
  if (html) {
    heading = Number(html[1]);
    text = html[2] ?? '';
  } else if (markdown) {
    heading = markdown[1]?.length ?? 0;
    text = text.slice(markdown[0].length).replace(/\s+#+\s*$/, '');
  }
  if (heading === 0 && isTableRow(text)) {
    const cells = splitCells(text).map((cellText): Cell => {
      const spans = cleanSpans(parseInline(cellText));
      return {
        text: joinTexts(spans),
        spans,
        bold: allOf(spans, 'bold'),
        italic: allOf(spans, 'italic'),
      };
    });
    const spans = cells.flatMap((cell) => cell.spans);
    const joined = cells.map((cell) => cell.text).join('\t');
    const [plain, parts] = resolveJoins(joined, raw.joins, raw.line);
    return reportLine(raw, heading, plain, spans, false, parts, cells);
  }
  const bulletMark = heading === 0 ? LINE_BULLET.exec(text) : null;
  if (bulletMark) text = text.slice(bulletMark[0].length);
  const rawSpans = parseInline(text, bulletMark !== null);
  const joined = joinTexts(rawSpans);
  const [plain, parts] = resolveJoins(joined, raw.joins, raw.line);
  const spans = cleanSpans(rawSpans);
  const bullet = bulletMark !== null || (spans.length === 1 && spans[0]?.bullet === true);
  return reportLine(raw, heading, plain, spans, bullet, parts);
}

/** The texts of spans joined by a space. */
function joinTexts(spans: readonly Span[]): string {
  if (spans.length === 1) return spans[0]?.text ?? '';
  return spans.map((span) => span.text).join(' ');
}

/** A report line, its properties always in the same order (as `--json` prints them). */
function reportLine(
  raw: RawLogical,
  heading: number,
  text: string,
  spans: Span[],
  bullet: boolean,
  parts: LinePart[],
  cells?: Cell[],
): ReportLine {
  const bold = allOf(spans, 'bold');
  const italic = allOf(spans, 'italic');
  const { line, endLine, page } = raw;
  if (page === undefined) {
    return cells
      ? { line, endLine, heading, text, bold, italic, bullet, spans, cells, parts }
      : { line, endLine, heading, text, bold, italic, bullet, spans, parts };
  }
  return cells
    ? { line, endLine, heading, page, text, bold, italic, bullet, spans, cells, parts }
    : { line, endLine, heading, page, text, bold, italic, bullet, spans, parts };
}

/**
 * Normalises the text of a report, whatever PDF-to-text run produced it: BOM, CRLF / CR,
 * decomposed accents (NFD → NFC), no-break and other odd spaces, HTML fragments and entities,
 * markdown headings and emphasis, bullet glyphs, tab or pipe tables, checkboxes (→ ☒ / ☐),
 * running page headers and footers ("Sveriges Kommuner och Landsting 2009-10-01 7 (27)"), and
 * lines wrapped at any width (joined back into paragraphs, hyphenated words repaired).
 *
 * Line numbers always refer to the raw text, so an issue can point at the source.
 *
 * @example
 * const { lines } = normalizeReportText('# Rubrik\r\n\r\n- *kursiv punkt*\r\n');
 * // lines[0]: { line: 1, heading: 1, text: 'Rubrik', … }
 * // lines[1]: { line: 3, bullet: true, italic: true, text: 'kursiv punkt', … }
 */
export function normalizeReportText(raw: string, options: NormalizeOptions = {}): NormalizedReport {
  const cleaned = splitCleanLines(raw);
  // Tested on the cleaned text: cleaning can make a box ("[\u00a0]" becomes "[ ]").
  const physical = mayHaveCheckboxes(cleaned.join('\n'))
    ? cleaned.map(normalizeCheckboxes)
    : cleaned;
  const { lines, removed, pages } = removePageHeaders(physical);
  const logical = joinLines(lines, pages, options.unwrap ?? true);
  return {
    lines: logical.map(toReportLine).filter((line) => line.text !== '' || line.cells),
    removed,
  };
}

/**
 * The raw line a character of a logical line came from.
 *
 * @example
 * lineAt(paragraph, paragraph.text.indexOf('Styrkor')); // e.g. 212
 */
export function lineAt(line: ReportLine, offset: number): number {
  let result = line.line;
  for (const part of line.parts) {
    if (part.offset <= offset) result = part.line;
    else break;
  }
  return result;
}
