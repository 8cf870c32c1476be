/**
 * The key-figure series an imported application printed, as `key_figures` rows, so imported and
 * entered figures look the same. A series is named as printed (the parser's short name); when two
 * series share a name, the row label tells them apart ("… (kommunen totalt)"). A year printed
 * twice in one series keeps its first value (the raw series stay in `facts.series`).
 */
import type { KeyFigureInput } from '../../db/repositories/self-assessments.ts';
import type { KeyFigureSeries } from '../../import/self-assessment/types.ts';
import { MAX_SERIES_NAME, MAX_UNIT } from './rules.ts';

export function keyFigureRowsOf(series: readonly KeyFigureSeries[]): KeyFigureInput[] {
  const nameCount = new Map<string, number>();
  for (const item of series) nameCount.set(item.name, (nameCount.get(item.name) ?? 0) + 1);
  const rows: KeyFigureInput[] = [];
  const seen = new Set<string>();
  for (const item of series) {
    const shared = (nameCount.get(item.name) ?? 0) > 1 && item.label !== undefined;
    const name = (shared ? `${item.name} (${(item.label ?? '').toLowerCase()})` : item.name)
      .trim()
      .slice(0, MAX_SERIES_NAME);
    if (name === '') continue;
    for (const point of item.points) {
      const key = `${name}|${String(point.year)}`;
      if (seen.has(key) || point.year < 1990 || point.year > 2100) continue;
      seen.add(key);
      rows.push({
        seriesName: name,
        unit: item.unit?.slice(0, MAX_UNIT) ?? null,
        year: point.year,
        target: point.target,
        result: point.result,
        theme: item.theme ?? null,
      });
    }
  }
  return rows;
}

const isNumberOrNull = (value: unknown): value is number | null =>
  value === null || (typeof value === 'number' && Number.isFinite(value));

/**
 * The series an application's `facts.series` keeps (as parsed), read defensively: an entry of
 * another shape is left out. For an application imported before its key figures had a table.
 */
export function seriesFromFacts(facts: Record<string, unknown>): KeyFigureSeries[] {
  const series = facts.series;
  if (!Array.isArray(series)) return [];
  return series.flatMap((item: unknown): KeyFigureSeries[] => {
    if (typeof item !== 'object' || item === null) return [];
    const entry = item as Record<string, unknown>;
    if (typeof entry.name !== 'string' || !Array.isArray(entry.points)) return [];
    const points = (entry.points as unknown[]).flatMap((point) => {
      if (typeof point !== 'object' || point === null) return [];
      const { year, target, result } = point as Record<string, unknown>;
      return typeof year === 'number' &&
        Number.isInteger(year) &&
        isNumberOrNull(target) &&
        isNumberOrNull(result)
        ? [{ year, target, result }]
        : [];
    });
    return [
      {
        name: entry.name,
        title: typeof entry.title === 'string' ? entry.title : entry.name,
        ...(typeof entry.label === 'string' ? { label: entry.label } : {}),
        ...(typeof entry.unit === 'string' ? { unit: entry.unit } : {}),
        ...(typeof entry.theme === 'number' ? { theme: entry.theme } : {}),
        line: typeof entry.line === 'number' ? entry.line : 0,
        points,
      },
    ];
  });
}
