import { parseSwedishNumber, type ReportLine } from '../text/index.ts';
import { FUNCTION_WORDS, type Issues, type Stream } from './document.ts';

/** One column of the area table: this evaluation, or another one printed beside it. */
export interface AreaColumn {
  /** The column heading as printed ("Strängnäs 2014", "Poäng 2011"); "" when there is none. */
  label: string;
  scores: { number: number; score: number }[];
  total: number;
  line: number;
}

export interface AreaTable {
  /** Area names as printed, by number. */
  names: Map<number, string>;
  lines: Map<number, number>;
  columns: AreaColumn[];
  /** Where the table starts (its caption or first row) and ends, in the stream. */
  line: number;
  /** The caption and the text right after the table, where a column's basis is explained. */
  context: string;
}

const TOTAL_LABEL = /^(?:totalt?|summa|total ?poäng|totalpoäng|sammanlagt)$/i;
const NUMBERED_NAME = /^(\d{1,2})\s*[.)]?\s+(.*)$/;
const SCORE_RANGE_MAX = 100;
const TOTAL_MAX = 800;

function numericCells(line: ReportLine): { index: number; value: number }[] {
  return (line.cells ?? []).flatMap((cell, index) => {
    const value = parseSwedishNumber(cell.text);
    return value === null ? [] : [{ index, value }];
  });
}

function checkRange(issues: Issues, line: number, what: string, value: number, max: number): void {
  if (value < 0 || value > max) {
    issues.error(
      line,
      `${what} ${String(value)} is outside 0–${String(max)}`,
      `a score from 0 to ${String(max)}`,
    );
  }
}

/**
 * Reads the area table from table rows: a header row with the column labels, one row per area
 * ("1. Offentlighet och demokrati | 44"), and a TOTALT row.
 */
function readRows(lines: readonly ReportLine[], issues: Issues): AreaTable | undefined {
  const totalIndex = lines.findIndex(
    (line) =>
      line.cells !== undefined &&
      TOTAL_LABEL.test(line.cells[0]?.text.replace(/:$/, '') ?? '') &&
      numericCells(line).length > 0,
  );
  const totalRow = lines[totalIndex];
  if (!totalRow?.cells) return undefined;
  let first = totalIndex;
  while (first > 0) {
    const row = lines[first - 1];
    if (!row?.cells || numericCells(row).length === 0) break;
    first -= 1;
  }
  const header = lines[first - 1]?.cells ? lines[first - 1] : undefined;
  const rows = lines.slice(first, totalIndex);
  const totals = numericCells(totalRow);
  const names = new Map<number, string>();
  const rowLines = new Map<number, number>();
  const columns: AreaColumn[] = totals.map(({ index, value }) => ({
    label: header?.cells?.[index]?.text ?? '',
    scores: [],
    total: value,
    line: header?.line ?? totalRow.line,
  }));
  rows.forEach((row, position) => {
    const cells = row.cells ?? [];
    const nameCell = cells[0]?.text ?? '';
    const numbered = NUMBERED_NAME.exec(nameCell);
    const number = numbered ? Number(numbered[1]) : position + 1;
    names.set(number, (numbered?.[2] ?? nameCell).trim());
    rowLines.set(number, row.line);
    totals.forEach(({ index }, column) => {
      const text = cells[index]?.text ?? '';
      const score = parseSwedishNumber(text);
      if (score === null) {
        issues.error(
          row.line,
          `area ${String(number)}: the score "${text}" is not a number`,
          'a score such as 44 or 74,5',
        );
        return;
      }
      checkRange(issues, row.line, `area ${String(number)}: score`, score, SCORE_RANGE_MAX);
      columns[column]?.scores.push({ number, score });
    });
  });
  for (const column of columns) checkRange(issues, totalRow.line, 'total', column.total, TOTAL_MAX);
  const context = lines
    .slice(Math.max(0, first - 4), first - 1)
    .concat(lines.slice(totalIndex + 1, totalIndex + 3))
    .map((line) => line.text)
    .join('\n');
  return {
    names,
    lines: rowLines,
    columns,
    line: header?.line ?? rows[0]?.line ?? totalRow.line,
    context,
  };
}

const NUMBER_TOKEN = /^\d{1,3}(?:[.,]\d+)?$/;

/** Splits a run of area names printed one after another at their capitalised first words. */
function splitNames(text: string, count: number): string[] | undefined {
  const numbered = [...text.matchAll(/(?:^|\s)(\d{1,2})[.)]\s+/g)];
  if (numbered.length >= count) {
    const starts = numbered.slice(-count).map((match) => match.index);
    return starts.map((start, index) => text.slice(start, starts[index + 1]).trim());
  }
  const words = text.split(/\s+/).filter(Boolean);
  const pieces: string[][] = [];
  words.forEach((word, index) => {
    const previous = words[index - 1] ?? '';
    const startsItem =
      index === 0 ||
      (/^[A-ZÅÄÖ][a-zåäöé]/.test(word) &&
        !FUNCTION_WORDS.has(previous.toLowerCase()) &&
        !previous.endsWith(','));
    if (startsItem) pieces.push([word]);
    else pieces.at(-1)?.push(word);
  });
  if (pieces.length < count) return undefined;
  return pieces.slice(-count).map((piece) => piece.join(' '));
}

/**
 * Reads the area table from running text, as in a report printed one page per line:
 * "Tabell 1 … Offentlighet … Tillgänglighet … Tydlighet … 66 74,5 87,5 Ledning … 77 … TOTALT 577".
 * Names and scores may come in runs; they are paired in order.
 */
function readRunningText(stream: Stream, issues: Issues, areaCount: number): AreaTable | undefined {
  const total = /\bTOTALT?\b[:\s]+(\d{1,3}(?:[.,]\d+)?)(?![\d.,]*\d)/i.exec(stream.text);
  if (!total) return undefined;
  const totalValue = parseSwedishNumber(total[1] ?? '');
  const windowStart = Math.max(0, total.index - 2000);
  const window = stream.text.slice(windowStart, total.index);
  const caption = [...window.matchAll(/Tabell\s+\d+\s*/g)].at(-1);
  const segmentStart = caption ? caption.index + caption[0].length : 0;
  const segment = window.slice(segmentStart);
  const tokens = segment.split(/\s+/).filter(Boolean);
  const runs: { names: string[]; scores: number[] }[] = [];
  for (const token of tokens) {
    const last = runs.at(-1);
    if (NUMBER_TOKEN.test(token) && !token.endsWith('.')) {
      const value = parseSwedishNumber(token);
      if (value !== null && value <= SCORE_RANGE_MAX && last && last.names.length > 0) {
        last.scores.push(value);
        continue;
      }
    }
    if (!last || last.scores.length > 0) runs.push({ names: [token], scores: [] });
    else last.names.push(token);
  }
  const scoredRuns = runs.filter((run) => run.scores.length > 0);
  const scoreCount = scoredRuns.reduce((sum, run) => sum + run.scores.length, 0);
  const line = stream.lineAt(windowStart + segmentStart) ?? 1;
  if (scoreCount !== areaCount || totalValue === null) {
    issues.error(
      line,
      `the area table in the running text has ${String(scoreCount)} scores`,
      `${String(areaCount)} area scores followed by TOTALT`,
    );
    return undefined;
  }
  const names = new Map<number, string>();
  const lines = new Map<number, number>();
  const scores: { number: number; score: number }[] = [];
  let number = 0;
  for (const run of scoredRuns) {
    const split = splitNames(run.names.join(' '), run.scores.length);
    run.scores.forEach((score, index) => {
      number += 1;
      const name = split?.[index] ?? '';
      names.set(number, name.replace(/^\d{1,2}[.)]\s+/, ''));
      lines.set(number, line);
      scores.push({ number, score });
    });
    if (!split) {
      issues.warn(
        line,
        `could not tell the area names apart before the scores ${run.scores.join(', ')}`,
      );
    }
  }
  checkRange(issues, line, 'total', totalValue, TOTAL_MAX);
  const after = stream.text.slice(total.index, total.index + 400);
  return {
    names,
    lines,
    columns: [{ label: '', scores, total: totalValue, line: stream.lineAt(total.index) ?? line }],
    line,
    context: `${window.slice(0, segmentStart)}\n${after}`,
  };
}

/** The area table of the summary: from table rows when there are any, else from running text. */
export function readAreaTable(
  lines: readonly ReportLine[],
  stream: Stream,
  issues: Issues,
  areaCount = 8,
): AreaTable | undefined {
  return readRows(lines, issues) ?? readRunningText(stream, issues, areaCount);
}
