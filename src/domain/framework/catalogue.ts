import { KOMMUNKOMPASSEN_AREA_MAX, type Area, type Edition, type Question } from './schema.ts';

/**
 * The Kommunkompassen edition used for evaluations in `year`, derived from each edition's
 * `years` (self-assessments are ignored). A year before the first edition maps to the first
 * edition; a year no range covers after that gives `undefined`.
 *
 * @example
 * editionForYear(loadBuiltInCatalogue(), 2011)?.id; // "kk-2010"
 */
export function editionForYear(catalogue: readonly Edition[], year: number): Edition | undefined {
  if (!Number.isInteger(year)) return undefined;
  const editions = catalogue
    .filter((edition) => edition.kind === 'kommunkompassen')
    .sort((a, b) => a.years.from - b.years.from);
  const first = editions[0];
  if (first !== undefined && year < first.years.from) return first;
  return editions.find(
    (edition) =>
      edition.years.from <= year && (edition.years.to === null || year <= edition.years.to),
  );
}

/** How one area number reads in two editions. */
export interface AreaCorrespondence {
  number: number;
  /** The area in the first edition, or null when it has no area with this number. */
  from: Area | null;
  /** The area in the second edition, or null when it has no area with this number. */
  to: Area | null;
  /** True when both editions have the area but name it differently. */
  renamed: boolean;
}

/**
 * Maps the areas of two Kommunkompassen editions onto each other. Areas map by number: area 7
 * of kk-2010 ("Verksamhetsutveckling") is area 7 of kk-2016 ("Ständiga förbättringar").
 * Questions do not map: compare editions at area level.
 *
 * @throws when either edition is not a Kommunkompassen edition (a self-assessment's themes are
 * not Kommunkompassen areas)
 * @example
 * mapAreasAcrossEditions(kk2010, kk2016).filter((m) => m.renamed).map((m) => m.number); // [7]
 */
export function mapAreasAcrossEditions(a: Edition, b: Edition): AreaCorrespondence[] {
  for (const edition of [a, b]) {
    if (edition.kind !== 'kommunkompassen') {
      throw new Error(
        `edition "${edition.id}" is a ${edition.kind}: only Kommunkompassen editions map by area number`,
      );
    }
  }
  const numbers = [...new Set([...a.areas, ...b.areas].map((area) => area.number))].sort(
    (x, y) => x - y,
  );
  return numbers.map((number) => {
    const from = a.areas.find((area) => area.number === number) ?? null;
    const to = b.areas.find((area) => area.number === number) ?? null;
    return { number, from, to, renamed: from !== null && to !== null && from.name !== to.name };
  });
}

/** The edition with `id`, or undefined. */
export function findEdition(catalogue: readonly Edition[], id: string): Edition | undefined {
  return catalogue.find((edition) => edition.id === id);
}

/** The question with `id` and its area, or undefined. */
export function findQuestion(
  edition: Edition,
  id: string,
): { area: Area; question: Question } | undefined {
  for (const area of edition.areas) {
    const question = area.questions.find((q) => q.id === id);
    if (question !== undefined) return { area, question };
  }
  return undefined;
}

/** Every Kommunkompassen area is worth 100 points, whether or not its questions are known. */
export function areaMaxPoints(edition: Edition): number | null {
  return edition.kind === 'kommunkompassen' ? KOMMUNKOMPASSEN_AREA_MAX : null;
}
