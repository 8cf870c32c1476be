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
