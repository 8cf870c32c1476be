/**
 * National (or län) averages per area from the stored published evaluations, with n. When none
 * of the underlying evaluations is stored, the averages published in reports (reference series,
 * e.g. "Medelvärde, beräknat från 2010 och framåt") are given instead, as such, with their
 * source. The published report's national-average column uses this same function.
 */
import type { Db } from '../db/client.ts';
import { listPublishedAreaResults } from '../db/repositories/comparison.ts';
import { getEdition } from '../db/repositories/editions.ts';
import { listLan } from '../db/repositories/municipalities.ts';
import { listReferenceSeries } from '../db/repositories/reference-series.ts';
import {
  QueryError,
  averageAreaResults,
  checkLanCode,
  checkYearRange,
  describeYears,
} from '../domain/comparison/index.ts';

export interface ComputeAverageOptions {
  db: Db;
  editionId: string;
  yearFrom?: number;
  yearTo?: number;
  /** Only municipalities of this län (two digits). */
  lanCode?: string;
}

/** An average a report printed (a reference series), shown as such. */
export interface PublishedAverage {
  label: string;
  /** As printed, e.g. "beräknat från 2010 och framåt". */
  basis: string | null;
  yearFrom: number | null;
  yearTo: number | null;
  total: number | null;
  /** The file or URL it was imported from. */
  source: string;
  /** The evaluation whose report printed it. */
  sourceEvaluationId: string | null;
  areas: Array<{ number: number; score: number }>;
}

export interface AverageResult {
  edition: { id: string; name: string };
  basis: {
    yearFrom: number | null;
    yearTo: number | null;
    lan: { code: string; name: string } | null;
    /** In Swedish, e.g. "från 2010 och framåt, Södermanlands län". */
    description: string;
  };
  /**
   * "computed": from the stored published evaluations (n of them); "published": none is stored,
   * so the figures are the first of `published`, and n is unknown (null).
   */
  source: 'computed' | 'published';
  n: number | null;
  areas: Array<{ number: number; name: string; mean: number | null; n: number | null }>;
  total: number | null;
  /** The averages the reports of this edition printed, for reference. */
  published: PublishedAverage[];
}

/**
 * The average per area and in total of the published evaluations of an edition, optionally in a
 * year range and one län.
 *
 * @throws QueryError: "not-found" for an unknown edition or län, or when there is neither a
 * stored evaluation nor a published average on this basis; "invalid-input" for a
 * self-assessment edition or bad years
 * @example
 * const average = await computeAverage({ db, editionId: 'kk-2016', yearFrom: 2010 });
 * average.source === 'computed' ? average.n : average.published[0]?.source;
 */
export async function computeAverage(options: ComputeAverageOptions): Promise<AverageResult> {
  const { db } = options;
  const years = checkYearRange(options.yearFrom, options.yearTo);
  const stored = await getEdition(db, options.editionId);
  if (!stored) {
    throw new QueryError(
      'not-found',
      `edition "${options.editionId}" does not exist`,
      `Det finns ingen version av Kommunkompassen som heter "${options.editionId}".`,
      'edition',
    );
  }
  const edition = stored.definition;
  if (edition.kind !== 'kommunkompassen') {
    throw new QueryError(
      'invalid-input',
      `edition "${edition.id}" is a self-assessment: it has no points to average`,
      `${edition.name} är en självvärdering utan poäng, så den har inget medelvärde.`,
      'edition',
    );
  }
  let lan: { code: string; name: string } | null = null;
  if (options.lanCode !== undefined) {
    const code = checkLanCode(options.lanCode);
    const found = (await listLan(db)).find((candidate) => candidate.code === code);
    if (!found) {
      throw new QueryError(
        'not-found',
        `län "${code}" does not exist`,
        `Det finns inget län med koden ${code}.`,
        'lan',
      );
    }
    lan = { code: found.code, name: found.name };
  }
  const description = [describeYears(years.yearFrom, years.yearTo), lan?.name]
    .filter(Boolean)
    .join(', ');

  const results = await listPublishedAreaResults(db, {
    editionId: edition.id,
    ...years,
    ...(lan ? { lanCode: lan.code } : {}),
  });
  const areaNumbers = edition.areas.map((area) => area.number);
  const average = averageAreaResults(results, { areaNumbers });
  const published = (await listReferenceSeries(db, { editionId: edition.id })).map(
    (series): PublishedAverage => ({
      label: series.label,
      basis: series.basis,
      yearFrom: series.yearFrom,
      yearTo: series.yearTo,
      total: series.total,
      source: series.source,
      sourceEvaluationId: series.sourceEvaluationId,
      areas: series.areas,
    }),
  );
  const basis = {
    yearFrom: years.yearFrom ?? null,
    yearTo: years.yearTo ?? null,
    lan,
    description,
  };
  const nameOf = (number: number) =>
    edition.areas.find((area) => area.number === number)?.name ?? `Område ${number}`;

  if (average.n > 0) {
    return {
      edition: { id: edition.id, name: edition.name },
      basis,
      source: 'computed',
      n: average.n,
      areas: average.areas.map((area) => ({ ...area, name: nameOf(area.number) })),
      total: average.total,
      published,
    };
  }
  // Nothing stored: a national average a report printed, when the basis allows it.
  const fallback = lan === null ? pickPublished(published, years) : undefined;
  if (!fallback) {
    throw new QueryError(
      'not-found',
      `no published evaluation of ${edition.id} (${description}) is stored, and no report ` +
        'printed an average for it: n = 0',
      `Det finns inga publicerade utvärderingar med ${edition.name} (${description}) och inget ` +
        'publicerat medelvärde att visa.',
    );
  }
  return {
    edition: { id: edition.id, name: edition.name },
    basis,
    source: 'published',
    n: null,
    areas: areaNumbers.map((number) => ({
      number,
      name: nameOf(number),
      mean: fallback.areas.find((area) => area.number === number)?.score ?? null,
      n: null,
    })),
    total: fallback.total,
    published: [fallback, ...published.filter((series) => series !== fallback)],
  };
}

/** The published average whose period matches the years asked for, else the first one. */
function pickPublished(
  published: readonly PublishedAverage[],
  years: { yearFrom?: number; yearTo?: number },
): PublishedAverage | undefined {
  return (
    published.find(
      (series) =>
        (series.yearFrom ?? undefined) === years.yearFrom &&
        (series.yearTo ?? undefined) === years.yearTo,
    ) ?? (years.yearFrom === undefined && years.yearTo === undefined ? published[0] : undefined)
  );
}
