import { mapAreasAcrossEditions, type Edition } from '../framework/index.ts';

/** How the editions of compared evaluations differ. */
export interface EditionDifference {
  /** True when every evaluation used the same edition. */
  sameEdition: boolean;
  /** The edition ids, in order of first appearance. */
  editionIds: string[];
  /** Area numbers whose name differs between at least two of the editions. */
  renamedAreas: number[];
  /** What a reader must know, in Swedish; null when all share one edition. */
  note: string | null;
}

/**
 * Compares the editions of evaluations shown side by side. Areas map by number across editions
 * (`mapAreasAcrossEditions`), so a comparison across editions is made per area and carries a
 * note; questions never map across editions.
 *
 * @example
 * describeEditionDifference([kk2010, kk2016]).renamedAreas; // [7]
 */
export function describeEditionDifference(editions: readonly Edition[]): EditionDifference {
  const distinct = [...new Map(editions.map((edition) => [edition.id, edition])).values()];
  const editionIds = distinct.map((edition) => edition.id);
  const [first, ...others] = distinct;
  if (!first || others.length === 0) {
    return { sameEdition: true, editionIds, renamedAreas: [], note: null };
  }
  const renamed = new Set<number>();
  for (const [index, a] of distinct.entries()) {
    for (const b of distinct.slice(index + 1)) {
      for (const area of mapAreasAcrossEditions(a, b)) if (area.renamed) renamed.add(area.number);
    }
  }
  const renamedAreas = [...renamed].sort((x, y) => x - y);
  const names = distinct.map((edition) => edition.name).join(', ');
  const renamedText =
    renamedAreas.length === 0
      ? ''
      : renamedAreas.length === 1
        ? ` Område ${renamedAreas[0]} har olika namn i versionerna.`
        : ` Områdena ${listSwedish(renamedAreas.map(String))} har olika namn i versionerna.`;
  return {
    sameEdition: false,
    editionIds,
    renamedAreas,
    note:
      `Utvärderingarna är gjorda med olika versioner av Kommunkompassen (${names}). ` +
      'De jämförs per område med samma nummer, men innehållet kan skilja sig mellan ' +
      `versionerna, så jämförelsen är ungefärlig.${renamedText} Frågorna jämförs bara inom ` +
      'samma version.',
  };
}

/** "1, 2 och 3" */
export function listSwedish(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1] ?? ''}`;
}
