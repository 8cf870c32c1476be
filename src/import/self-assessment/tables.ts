import { parseSwedishNumber } from '../text/numbers.ts';
import type { KeyFigureSeries, KeyFigureTable, SeriesPoint } from './types.ts';

const MONTH = String.raw`(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|sept|okt|nov|dec)[a-zåäö]*\.?`;
/** A column heading that names a year: "2007", "AUG 2008", "aug. 2008". */
const YEAR_HEADING = new RegExp(String.raw`^(?:${MONTH}\s+)?((?:19|20)\d{2})$`, 'i');
const YEAR = /^(?:19|20)\d{2}$/;
const VALUE = String.raw`[-−]?\d+(?:[,.]\d+)?(?:\s?%)?`;
/** A cell holding a number as printed ("82 %", "10,17 %", "–"). */
const VALUE_CELL = new RegExp(`^(?:${VALUE}|[-–—])$`);

/** A table line split into cells. */
interface Row {
  line: number;
  cells: string[];
}

/**
 * Splits a line into cells: on tabs, table pipes or runs of two spaces; where a converter left
 * single spaces, a trailing run of numbers (or of year headings) is split off the label.
 */
export function splitCells(raw: string): string[] {
  const line = raw.replace(/\*\*|__|<[^>]*>/g, '').trim();
  if (line === '') return [];
  let cells: string[];
  if (line.includes('\t')) cells = line.split(/\t+/);
  else if (line.includes('|')) cells = line.split('|');
  else if (/ {2,}/.test(line)) cells = line.split(/ {2,}/);
  else cells = splitSingleSpaced(line);
  return cells.map((cell) => cell.trim()).filter((cell, index) => cell !== '' || index > 0);
}

const SINGLE_SPACED_HEADER = /^(år)((?:\s+(?:mål|resultat|utfall))+)$/i;
const TRAILING_YEARS = new RegExp(String.raw`^(.*?)((?:\s+(?:${MONTH}\s+)?(?:19|20)\d{2})+)$`, 'i');
const YEAR_COLUMN = new RegExp(String.raw`(?:${MONTH}\s+)?(?:19|20)\d{2}`, 'gi');
const TRAILING_VALUES = new RegExp(String.raw`^(.*?)((?:\s+${VALUE})+)$`);
const VALUES = new RegExp(VALUE, 'g');

function splitSingleSpaced(line: string): string[] {
  // Key-figure rows are short; a long line is prose (or a whole page on one line).
  if (line.length > 200 || (!/\d/.test(line) && !/^år\s/i.test(line))) return [line];
  const header = SINGLE_SPACED_HEADER.exec(line);
  if (header !== null) return [header[1] ?? '', ...(header[2] ?? '').trim().split(/\s+/)];
  const years = TRAILING_YEARS.exec(line);
  const label = (years?.[1] ?? '').trim();
  if (years !== null && label !== '' && !/\d$/.test(label)) {
    return [label, ...[...(years[2] ?? '').matchAll(YEAR_COLUMN)].map((match) => match[0])];
  }
  const values = TRAILING_VALUES.exec(line);
  if (values !== null && (values[1] ?? '').trim() !== '') {
    return [
      (values[1] ?? '').trim(),
      ...[...(values[2] ?? '').matchAll(VALUES)].map((match) => match[0]),
    ];
  }
  return [line];
}

const isHeading = (line: string) => /^#{1,6}\s/.test(line) || isCapitalsLine(line);

/** A line in capitals (a heading in these reports), not a sentence. */
export function isCapitalsLine(line: string): boolean {
  const text = line.replace(/\*\*|__|<[^>]*>|^#{1,6}\s+/g, '').trim();
  // The cheap tests first: most lines are long sentences.
  if (text.length > 150 || text.includes('\t')) return false;
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toUpperCase();
}

/** A heading as plain text: no markdown, no surrounding quotes or trailing colon. */
export function headingText(line: string): string {
  return line
    .replace(/^#{1,6}\s+/, '')
    .replace(/\*\*|__|<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .replace(/:$/, '')
    .trim();
}

/** The short name of a series: the quoted part or the title without "Resultat", in lower case. */
function seriesName(title: string): string {
  const quoted = /["“”«»]([^"“”«»]+)["“”«»]/.exec(title)?.[1];
  let name = (quoted ?? title).replace(/^resultat:?\s+(?=\S)/i, '').trim();
  const letters = name.replace(/[^\p{L}]/gu, '');
  if (letters === letters.toUpperCase()) name = name.toLocaleLowerCase('sv');
  return name;
}

function unitOf(cells: readonly string[]): string | undefined {
  const filled = cells.filter((cell) => /\d/.test(cell));
  return filled.length > 0 && filled.every((cell) => cell.trim().endsWith('%')) ? '%' : undefined;
}

const number = (cell: string | undefined) =>
  cell === undefined ? null : parseSwedishNumber(cell.replace('−', '-'));

export interface TablesResult {
  series: KeyFigureSeries[];
  tables: KeyFigureTable[];
  /** Lines used by the tables, their titles and captions (not narrative). */
  used: Set<number>;
}

/**
 * Finds the key-figure tables: a header row ("År Mål Resultat", or a title followed by year
 * columns) and rows of numbers beneath it. Rows by year become one series; a table with years
 * as columns gives one series per row, or a plain table when it has a single year.
 */
export function readTables(lines: readonly string[], skip: ReadonlySet<number>): TablesResult {
  const series: KeyFigureSeries[] = [];
  const tables: KeyFigureTable[] = [];
  const used = new Set<number>();
  for (let index = 0; index < lines.length; index += 1) {
    const lineNumber = index + 1;
    if (skip.has(lineNumber)) continue;
    const header = splitCells(lines[index] ?? '');
    const kind = headerKind(header);
    if (kind === undefined) continue;
    const width = header.length;
    const rows: Row[] = [];
    let next = index + 1;
    for (; next < lines.length && !skip.has(next + 1); next += 1) {
      const cells = splitCells(lines[next] ?? '');
      if (cells.length !== width || !cells.slice(1).every((cell) => VALUE_CELL.test(cell))) break;
      if (kind === 'years-as-rows' && !YEAR.test(cells[0] ?? '')) break;
      rows.push({ line: next + 1, cells });
    }
    if (rows.length === 0) continue;
    const titled = kind === 'years-as-columns' && (header[0] ?? '') !== '';
    const caption = titled ? { lines: [] } : captionAbove(lines, index, skip);
    for (let line = lineNumber; line <= lineNumber + rows.length; line += 1) used.add(line);
    for (const line of caption.lines) used.add(line);
    if (kind === 'years-as-rows') {
      const title = caption.title ?? caption.description ?? 'key figure';
      const columns = header.slice(1).map((cell) => cell.toLowerCase());
      const target = columns.findIndex((cell) => /^mål/.test(cell));
      const result = columns.findIndex((cell) => /^(resultat|utfall)/.test(cell));
      const valueColumn = result >= 0 ? result : target >= 0 ? -1 : 0;
      series.push({
        name: seriesName(title),
        title,
        ...(caption.description === undefined ? {} : { description: caption.description }),
        ...optionalUnit(rows.flatMap((row) => row.cells.slice(1))),
        line: caption.titleLine ?? lineNumber,
        points: rows.map((row) => ({
          year: Number(row.cells[0]),
          target: target >= 0 ? number(row.cells[target + 1]) : null,
          result: valueColumn >= 0 ? number(row.cells[valueColumn + 1]) : null,
        })),
      });
    } else {
      const title =
        header[0] !== undefined && header[0] !== ''
          ? headingText(header[0])
          : (caption.title ?? caption.description ?? 'key figure');
      const columns = header.slice(1);
      if (columns.length >= 2) {
        for (const row of rows) {
          const points: SeriesPoint[] = columns.map((column, column_index) => {
            const year = Number(YEAR_HEADING.exec(column)?.[1]);
            return {
              year,
              ...(YEAR.test(column) ? {} : { period: column }),
              target: null,
              result: number(row.cells[column_index + 1]),
            };
          });
          series.push({
            name: seriesName(title),
            title,
            label: row.cells[0] ?? '',
            ...(caption.description === undefined ? {} : { description: caption.description }),
            ...optionalUnit(row.cells.slice(1)),
            line: row.line,
            points,
          });
        }
      } else {
        tables.push({
          title,
          ...(caption.description === undefined ? {} : { description: caption.description }),
          columns,
          rows: rows.map((row) => ({
            label: row.cells[0] ?? '',
            values: row.cells.slice(1).map((cell) => number(cell)),
          })),
          ...optionalUnit(rows.flatMap((row) => row.cells.slice(1))),
          line: lineNumber,
        });
      }
    }
    index = next - 1;
  }
  return { series, tables, used };
}

function optionalUnit(cells: readonly string[]): { unit?: string } {
  const unit = unitOf(cells);
  return unit === undefined ? {} : { unit };
}

function headerKind(cells: readonly string[]): 'years-as-rows' | 'years-as-columns' | undefined {
  if (cells.length < 2) return undefined;
  const [first, ...rest] = cells;
  if (
    /^år$/i.test(first ?? '') &&
    rest.every((cell) => /^(mål|resultat|utfall|utfäll)/i.test(cell))
  ) {
    return 'years-as-rows';
  }
  if (rest.every((cell) => YEAR_HEADING.test(cell))) return 'years-as-columns';
  return undefined;
}

/**
 * The title (the nearest heading above) and caption (a short paragraph between them) of a
 * table. Blank lines between them are allowed; without a heading there is neither.
 */
function captionAbove(
  lines: readonly string[],
  headerIndex: number,
  skip: ReadonlySet<number>,
): { title?: string; titleLine?: number; description?: string; lines: number[] } {
  const used: number[] = [];
  const caption: string[] = [];
  let closed = false;
  const describe = () =>
    caption.length === 0 ? {} : { description: headingText([...caption].reverse().join(' ')) };
  for (let index = headerIndex - 1; index >= 0 && index >= headerIndex - 12; index -= 1) {
    if (skip.has(index + 1)) break;
    const line = (lines[index] ?? '').trim();
    if (line === '') {
      if (caption.length > 0) closed = true;
      continue;
    }
    if (isHeading(line)) {
      // A heading wrapped over several lines: take the lines above it too.
      const parts = [line];
      let first = index;
      while (first > 0 && !skip.has(first) && isHeading((lines[first - 1] ?? '').trim())) {
        first -= 1;
        parts.unshift((lines[first] ?? '').trim());
      }
      for (let title = first; title <= index; title += 1) used.push(title + 1);
      return {
        title: parts.map(headingText).join(' '),
        titleLine: first + 1,
        ...describe(),
        lines: used,
      };
    }
    const length = caption.reduce((total, part) => total + part.length, line.length);
    if (closed || caption.length >= 4 || length > 200 || line.includes('\t')) break;
    caption.push(line);
    used.push(index + 1);
  }
  // Without a heading above it, the text is narrative, not a caption.
  return { lines: [] };
}
