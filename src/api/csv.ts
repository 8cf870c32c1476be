/** CSV of all published scores: one row per area score, RFC 4180 quoting, "." as decimal mark. */
import type { PublishedScoreRow } from '../db/repositories/comparison.ts';

export const SCORE_CSV_COLUMNS = [
  'kommunkod',
  'kommun',
  'lanskod',
  'ar',
  'version',
  'versionsnamn',
  'typ',
  'omrade',
  'poang',
  'poang_tryckt',
  'total_tryckt',
  'utvardering_id',
] as const;

/** A field quoted when it holds a comma, a quote or a line break; formulas are defused. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function scoresCsv(rows: readonly PublishedScoreRow[]): string {
  const lines = [SCORE_CSV_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.municipalityCode,
        row.municipalityName,
        row.lanCode,
        row.year,
        row.editionId,
        row.editionName,
        row.kind,
        row.area,
        row.score,
        row.printed,
        row.totalPrinted,
        row.evaluationId,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
