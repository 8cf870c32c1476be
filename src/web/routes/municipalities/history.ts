/**
 * A municipality's results over the years: its scored published evaluations, oldest first, with
 * their area scores and total, the areas named as in the newest edition, and a note when the
 * evaluations were made with different editions (they are then compared per area only).
 */
import type { StoredEdition } from '../../../db/repositories/editions.ts';
import type { AreaScore } from '../../../db/repositories/evaluations.ts';
import { describeEditionDifference } from '../../../domain/comparison/index.ts';
import { formatMonthYear } from '../../format.ts';
import type { PublishedEvaluationItem } from '../../queries/public.ts';

export const AREA_MAX = 100;

export interface HistoryColumn {
  id: string;
  /** The column's heading and the chart's category: the year, with the month when needed. */
  label: string;
  editionName: string;
  /** Area number → score as printed, else the exact score. */
  scores: Map<number, number>;
  total: number | null;
}

export interface MunicipalityHistory {
  /** Oldest first. */
  columns: HistoryColumn[];
  /** Every area number of the editions used, named as in the newest evaluation's edition. */
  areas: Array<{ number: number; name: string; otherNames: string[] }>;
  /** Why the editions make the comparison approximate; null within one edition. */
  editionNote: string | null;
}

/**
 * @param evaluations the municipality's published evaluations (any order, any kind:
 * self-assessments have no points and are left out)
 * @param areaScores area scores by evaluation id
 * @param editions the editions the evaluations used
 */
export function buildHistory(
  evaluations: readonly PublishedEvaluationItem[],
  areaScores: ReadonlyMap<string, readonly AreaScore[]>,
  editions: readonly StoredEdition[],
): MunicipalityHistory {
  const scored = evaluations
    .filter((item) => item.kind !== 'self-assessment')
    .filter((item) => (areaScores.get(item.id)?.length ?? 0) > 0)
    .sort((a, b) => a.year - b.year || (a.month ?? 13) - (b.month ?? 13));
  const editionById = new Map(editions.map((edition) => [edition.id, edition]));
  const yearCount = new Map<number, number>();
  for (const item of scored) yearCount.set(item.year, (yearCount.get(item.year) ?? 0) + 1);

  const columns = scored.map((item): HistoryColumn => {
    const areas = areaScores.get(item.id) ?? [];
    return {
      id: item.id,
      label:
        (yearCount.get(item.year) ?? 0) > 1
          ? formatMonthYear(item.year, item.month)
          : String(item.year),
      editionName: item.editionName,
      scores: new Map(areas.map((area) => [area.number, area.printed ?? area.score])),
      total: item.total,
    };
  });

  // Newest edition first, so its names lead; older names follow as "även: …".
  const used = [...new Set(scored.map((item) => item.editionId).reverse())]
    .map((id) => editionById.get(id))
    .filter((edition) => edition !== undefined);
  const names = new Map<number, string[]>();
  for (const edition of used) {
    for (const area of edition.definition.areas) {
      const list = names.get(area.number) ?? [];
      if (!list.includes(area.name)) list.push(area.name);
      names.set(area.number, list);
    }
  }
  const areas = [...names.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, [name = `Område ${number}`, ...otherNames]]) => ({
      number,
      name,
      otherNames,
    }));
  const difference = describeEditionDifference(used.map((edition) => edition.definition));
  return { columns, areas, editionNote: difference.note };
}
