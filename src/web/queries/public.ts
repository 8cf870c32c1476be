/**
 * Read queries for the public pages. Everything here sees published evaluations only: a draft
 * or an evaluation under review is never returned, so a public route cannot leak one by mistake.
 * (Kept in the web layer; the repositories in `db/` stay as they are.)
 */
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { getEdition, type StoredEdition } from '../../db/repositories/editions.ts';
import {
  getEvaluation,
  listRevisions,
  newestPublished,
  type AreaScore,
  type EvaluationKind,
  type EvaluationRecord,
} from '../../db/repositories/evaluations.ts';
import {
  getMunicipalities,
  getMunicipality,
  listLan,
  listMunicipalities,
  type Lan,
  type Municipality,
} from '../../db/repositories/municipalities.ts';
import {
  listReferenceSeries,
  type ReferenceSeriesRecord,
} from '../../db/repositories/reference-series.ts';
import { areaScores, editions, evaluations, municipalities } from '../../db/schema.ts';

/** One published evaluation in a list. */
export interface PublishedEvaluationItem {
  id: string;
  municipalityCode: string;
  municipalityName: string;
  year: number;
  month: number | null;
  editionId: string;
  editionName: string;
  kind: EvaluationKind;
  /** The total as printed, else the sum of the area scores; null when neither is stored. */
  total: number | null;
  /** The total as the source printed it, if it printed one. */
  totalPrinted: number | null;
  publishedAt: Date | null;
}

/** For each revision chain, its newest published revision (a correction in draft hides nothing). */
const published = newestPublished;

/** How many current published evaluations each municipality has (codes without any are absent). */
export async function countPublishedByMunicipality(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .select({ code: evaluations.municipalityCode, n: count() })
    .from(evaluations)
    .where(published)
    .groupBy(evaluations.municipalityCode);
  return new Map(rows.map((row) => [row.code, Number(row.n)]));
}

/**
 * Current published evaluations, newest first: of one municipality, or of all (with `limit`,
 * e.g. the start page's latest five).
 */
export async function listPublishedEvaluations(
  db: Db,
  filter: { municipalityCode?: string; limit?: number } = {},
): Promise<PublishedEvaluationItem[]> {
  const conditions: SQL[] = [];
  if (filter.municipalityCode) {
    conditions.push(eq(evaluations.municipalityCode, filter.municipalityCode));
  }
  const areaSum = sql<number | null>`(select sum(${areaScores.score}) from ${areaScores}
    where ${areaScores.evaluationId} = ${evaluations.id})`.mapWith((value) =>
    value === null ? null : Number(value),
  );
  const query = db
    .select({
      id: evaluations.id,
      municipalityCode: evaluations.municipalityCode,
      municipalityName: municipalities.name,
      year: evaluations.year,
      month: evaluations.month,
      editionId: evaluations.editionId,
      editionName: editions.name,
      kind: evaluations.kind,
      totalPrinted: evaluations.totalPrinted,
      areaSum,
      publishedAt: evaluations.publishedAt,
    })
    .from(evaluations)
    .innerJoin(municipalities, eq(municipalities.code, evaluations.municipalityCode))
    .innerJoin(editions, eq(editions.id, evaluations.editionId))
    .where(and(published, ...conditions))
    .orderBy(
      desc(evaluations.year),
      sql`${evaluations.month} desc nulls last`,
      municipalities.name,
      evaluations.id,
    );
  const rows = filter.limit === undefined ? await query : await query.limit(filter.limit);
  return rows.map(({ areaSum: sum, ...row }) => ({ ...row, total: row.totalPrinted ?? sum }));
}

/** A published evaluation with what its summary page shows beside it. */
export interface PublishedEvaluationView {
  evaluation: EvaluationRecord;
  municipality: Municipality;
  edition: StoredEdition;
  /** The municipality's published evaluation before this one (any edition), with its scores. */
  previous?: PreviousEvaluation;
  /** Published comparison series stored with this evaluation, e.g. the national average. */
  series: ReferenceSeriesRecord[];
  /** The municipalities the findings name as worth learning from, by code. */
  referenced: Map<string, Municipality>;
  /** When a newer revision superseded this one: its id. */
  supersededBy?: string;
}

/** The evaluation before, as the summary compares it: its year, edition and area scores. */
export interface PreviousEvaluation extends PublishedEvaluationItem {
  areas: AreaScore[];
}

/** One evaluation's area scores, in area order. */
async function areaScoresOf(db: Db, evaluationId: string): Promise<AreaScore[]> {
  return db
    .select({ number: areaScores.areaNumber, score: areaScores.score, printed: areaScores.printed })
    .from(areaScores)
    .where(eq(areaScores.evaluationId, evaluationId))
    .orderBy(areaScores.areaNumber);
}

/** The area scores of several evaluations, by evaluation id, each in area order (one query). */
export async function areaScoresByEvaluation(
  db: Db,
  evaluationIds: readonly string[],
): Promise<Map<string, AreaScore[]>> {
  const result = new Map<string, AreaScore[]>(evaluationIds.map((id) => [id, []]));
  if (evaluationIds.length === 0) return result;
  const rows = await db
    .select({
      evaluationId: areaScores.evaluationId,
      number: areaScores.areaNumber,
      score: areaScores.score,
      printed: areaScores.printed,
    })
    .from(areaScores)
    .where(inArray(areaScores.evaluationId, [...evaluationIds]))
    .orderBy(areaScores.areaNumber);
  for (const { evaluationId, ...area } of rows) result.get(evaluationId)?.push(area);
  return result;
}

/** Earlier in time: by year, then month (an unknown month counts as the end of the year). */
const isBefore = (
  a: { year: number; month: number | null },
  b: { year: number; month: number | null },
) => a.year < b.year || (a.year === b.year && (a.month ?? 13) < (b.month ?? 13));

/**
 * The evaluation `id` if it is published, with its municipality, edition, previous evaluation
 * and stored series; undefined for an unknown id and for anything not published.
 */
export async function findPublishedEvaluation(
  db: Db,
  id: string,
): Promise<PublishedEvaluationView | undefined> {
  const evaluation = await getEvaluation(db, id);
  if (!evaluation || evaluation.status !== 'published') return undefined;
  const referencedCodes = [
    ...new Set(
      evaluation.findings.flatMap((finding) =>
        finding.referenceMunicipalityCode ? [finding.referenceMunicipalityCode] : [],
      ),
    ),
  ];
  const [municipality, edition, series, earlier, referenced] = await Promise.all([
    getMunicipality(db, evaluation.municipalityCode),
    getEdition(db, evaluation.editionId),
    listReferenceSeries(db, { sourceEvaluationId: evaluation.id }),
    listPublishedEvaluations(db, { municipalityCode: evaluation.municipalityCode }),
    getMunicipalities(db, referencedCodes),
  ]);
  if (!municipality || !edition) return undefined;

  const view: PublishedEvaluationView = {
    evaluation,
    municipality,
    edition,
    series,
    referenced: new Map(referenced.map((item) => [item.code, item])),
  };
  const previousItem = earlier.find(
    (item) =>
      item.id !== evaluation.id && item.kind !== 'self-assessment' && isBefore(item, evaluation),
  );
  if (previousItem && evaluation.kind !== 'self-assessment') {
    view.previous = { ...previousItem, areas: await areaScoresOf(db, previousItem.id) };
  }
  if (!evaluation.current) {
    // The newest published revision after this one (a correction still in draft does not count).
    const newer = (await listRevisions(db, evaluation.id)).find(
      (revision) => revision.revision > evaluation.revision && revision.status === 'published',
    );
    if (newer) view.supersededBy = newer.id;
  }
  return view;
}

/** How many current published evaluations there are, and of how many municipalities. */
export async function countPublished(
  db: Db,
): Promise<{ evaluations: number; municipalities: number }> {
  const [row] = await db
    .select({
      evaluations: count(),
      municipalities: sql<number>`count(distinct ${evaluations.municipalityCode})`.mapWith(Number),
    })
    .from(evaluations)
    .where(published);
  return { evaluations: Number(row?.evaluations ?? 0), municipalities: row?.municipalities ?? 0 };
}

const lanLists = new WeakMap<Db, Promise<Lan[]>>();

/**
 * The 21 län, read once per database handle and kept: the register changes only with a new
 * release of Kompass (and then the server restarts after `kompass migrate`).
 */
export function listLanCached(db: Db): Promise<Lan[]> {
  let list = lanLists.get(db);
  if (!list) {
    list = listLan(db);
    lanLists.set(db, list);
    list.catch(() => lanLists.delete(db));
  }
  return list;
}

const municipalityLists = new WeakMap<Db, Promise<Municipality[]>>();

/** The 290 municipalities in Swedish order, read once per database handle (see listLanCached). */
export function listMunicipalitiesCached(db: Db): Promise<Municipality[]> {
  let list = municipalityLists.get(db);
  if (!list) {
    list = listMunicipalities(db);
    municipalityLists.set(db, list);
    list.catch(() => municipalityLists.delete(db));
  }
  return list;
}
