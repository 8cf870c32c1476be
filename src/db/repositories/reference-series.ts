/**
 * Reference series: published comparison figures that are not one municipality's evaluation,
 * e.g. the national average of all evaluated municipalities, with its area scores.
 */
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { StorageError, translateWriteError } from '../errors.ts';
import { referenceSeries, referenceSeriesAreas } from '../schema.ts';

export interface NewReferenceSeries {
  /** E.g. "Medelvärde". */
  label: string;
  /** How it was computed, e.g. "beräknat från 2010 och framåt". */
  basis?: string | null;
  editionId?: string | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  total?: number | null;
  /** File name, URL or "manual". */
  source: string;
  /** The evaluation whose report printed it. */
  sourceEvaluationId?: string | null;
  areas: ReadonlyArray<{ number: number; score: number }>;
}

export interface ReferenceSeriesRecord {
  id: string;
  label: string;
  basis: string | null;
  editionId: string | null;
  yearFrom: number | null;
  yearTo: number | null;
  total: number | null;
  source: string;
  sourceEvaluationId: string | null;
  createdAt: Date;
  areas: Array<{ number: number; score: number }>;
}

const columns = {
  id: referenceSeries.id,
  label: referenceSeries.label,
  basis: referenceSeries.basis,
  editionId: referenceSeries.editionId,
  yearFrom: referenceSeries.yearFrom,
  yearTo: referenceSeries.yearTo,
  total: referenceSeries.total,
  source: referenceSeries.source,
  sourceEvaluationId: referenceSeries.sourceEvaluationId,
  createdAt: referenceSeries.createdAt,
};

const areaColumns = {
  seriesId: referenceSeriesAreas.seriesId,
  number: referenceSeriesAreas.areaNumber,
  score: referenceSeriesAreas.score,
};

/** Stores a series with its area scores in one transaction. */
export async function createReferenceSeries(
  db: Db,
  input: NewReferenceSeries,
): Promise<ReferenceSeriesRecord> {
  const what = `reference series "${input.label}"${input.basis ? ` (${input.basis})` : ''}`;
  const seen = new Set<number>();
  for (const area of input.areas) {
    if (seen.has(area.number)) {
      throw new StorageError('invalid-value', `${what}: area ${area.number} appears twice`);
    }
    seen.add(area.number);
    if (!Number.isFinite(area.score)) {
      throw new StorageError('invalid-value', `${what}: area ${area.number} score is not a number`);
    }
  }
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(referenceSeries)
        .values({
          label: input.label,
          basis: input.basis ?? null,
          editionId: input.editionId ?? null,
          yearFrom: input.yearFrom ?? null,
          yearTo: input.yearTo ?? null,
          total: input.total ?? null,
          source: input.source,
          sourceEvaluationId: input.sourceEvaluationId ?? null,
        })
        .returning(columns);
      if (!row) throw new Error(`inserting the ${what} returned no row`);
      const areas =
        input.areas.length > 0
          ? await tx
              .insert(referenceSeriesAreas)
              .values(
                input.areas.map((area) => ({
                  seriesId: row.id,
                  areaNumber: area.number,
                  score: area.score,
                })),
              )
              .returning(areaColumns)
          : [];
      return withAreas(row, areas);
    });
  } catch (error) {
    throw translateWriteError(error, what);
  }
}

type Row = Omit<ReferenceSeriesRecord, 'areas'>;
type AreaRow = { seriesId: string; number: number; score: number };

function withAreas(row: Row, areas: readonly AreaRow[]): ReferenceSeriesRecord {
  return {
    ...row,
    areas: areas
      .map(({ number, score }) => ({ number, score }))
      .sort((a, b) => a.number - b.number),
  };
}

export interface ReferenceSeriesFilter {
  editionId?: string;
  label?: string;
  sourceEvaluationId?: string;
}

/** Series matching the filter, by label, then period, then when they were stored. */
export async function listReferenceSeries(
  db: Db,
  filter: ReferenceSeriesFilter = {},
): Promise<ReferenceSeriesRecord[]> {
  const conditions: SQL[] = [];
  if (filter.editionId) conditions.push(eq(referenceSeries.editionId, filter.editionId));
  if (filter.label) conditions.push(eq(referenceSeries.label, filter.label));
  if (filter.sourceEvaluationId) {
    conditions.push(eq(referenceSeries.sourceEvaluationId, filter.sourceEvaluationId));
  }
  const rows = await db
    .select(columns)
    .from(referenceSeries)
    .where(and(...conditions))
    .orderBy(
      asc(referenceSeries.label),
      asc(referenceSeries.yearFrom),
      asc(referenceSeries.yearTo),
      asc(referenceSeries.createdAt),
      asc(referenceSeries.id),
    );
  if (rows.length === 0) return [];
  const areas = await db
    .select(areaColumns)
    .from(referenceSeriesAreas)
    .where(
      inArray(
        referenceSeriesAreas.seriesId,
        rows.map((row) => row.id),
      ),
    );
  const bySeries = new Map<string, AreaRow[]>();
  for (const area of areas)
    bySeries.set(area.seriesId, [...(bySeries.get(area.seriesId) ?? []), area]);
  return rows.map((row) => withAreas(row, bySeries.get(row.id) ?? []));
}
