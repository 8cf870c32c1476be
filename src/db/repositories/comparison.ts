/**
 * Read queries for comparisons, averages and role models. Everything here sees the newest
 * published revision of each Kommunkompassen evaluation only (kind "full" or "area-level"):
 * drafts, evaluations under review, revisions a published correction superseded and
 * self-assessments never count and never appear. (A correction still in draft hides nothing.)
 */
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  areaScores,
  editions,
  evaluations,
  findings,
  municipalities,
  questionScores,
} from '../schema.ts';
import { newestPublished, type FindingKind } from './evaluations.ts';

/** The kinds of evaluation that carry Kommunkompassen scores. */
const SCORED_KINDS = ['full', 'area-level'] as const;

/** Current, published, scored Kommunkompassen evaluations. */
export const publishedScored: SQL = and(
  newestPublished,
  inArray(evaluations.kind, [...SCORED_KINDS]),
) as SQL;

/** Which published evaluations an average or a population is taken over. */
export interface PublishedBasis {
  editionId?: string;
  yearFrom?: number;
  yearTo?: number;
  lanCode?: string;
}

export interface PublishedAreaScoreRow {
  evaluationId: string;
  municipalityCode: string;
  year: number;
  editionId: string;
  area: number;
  score: number;
}

function basisConditions(basis: PublishedBasis): SQL[] {
  const conditions: SQL[] = [publishedScored];
  if (basis.editionId !== undefined) conditions.push(eq(evaluations.editionId, basis.editionId));
  if (basis.yearFrom !== undefined) conditions.push(gte(evaluations.year, basis.yearFrom));
  if (basis.yearTo !== undefined) conditions.push(lte(evaluations.year, basis.yearTo));
  if (basis.lanCode !== undefined) {
    conditions.push(sql`left(${evaluations.municipalityCode}, 2) = ${basis.lanCode}`);
  }
  return conditions;
}

/** Every area score of the published evaluations on this basis, by evaluation then area. */
export async function listPublishedAreaScores(
  db: Db,
  basis: PublishedBasis,
): Promise<PublishedAreaScoreRow[]> {
  return db
    .select({
      evaluationId: evaluations.id,
      municipalityCode: evaluations.municipalityCode,
      year: evaluations.year,
      editionId: evaluations.editionId,
      area: areaScores.areaNumber,
      score: areaScores.score,
    })
    .from(evaluations)
    .innerJoin(areaScores, eq(areaScores.evaluationId, evaluations.id))
    .where(and(...basisConditions(basis)))
    .orderBy(asc(evaluations.id), asc(areaScores.areaNumber));
}

/** One published evaluation's area scores (see `listPublishedAreaResults`). */
export interface PublishedAreaResults {
  evaluationId: string;
  municipalityCode: string;
  year: number;
  areas: Array<{ number: number; score: number }>;
}

/**
 * The area results per evaluation on this basis (the input of `averageAreaResults`), one row
 * per evaluation (scores travel as float8 arrays: exact for the decimals scores are written in).
 */
export async function listPublishedAreaResults(
  db: Db,
  basis: PublishedBasis,
): Promise<PublishedAreaResults[]> {
  const rows = await db
    .select({
      evaluationId: evaluations.id,
      municipalityCode: evaluations.municipalityCode,
      year: evaluations.year,
      numbers: sql<
        number[]
      >`array_agg(${areaScores.areaNumber}::int order by ${areaScores.areaNumber})`,
      scores: sql<
        number[]
      >`array_agg(${areaScores.score}::float8 order by ${areaScores.areaNumber})`,
    })
    .from(evaluations)
    .innerJoin(areaScores, eq(areaScores.evaluationId, evaluations.id))
    .where(and(...basisConditions(basis)))
    .groupBy(evaluations.id)
    .orderBy(asc(evaluations.id));
  return rows.map((row) => ({
    evaluationId: row.evaluationId,
    municipalityCode: row.municipalityCode,
    year: row.year,
    areas: row.numbers.map((number, index) => ({
      number: Number(number),
      score: Number(row.scores[index]),
    })),
  }));
}

/** Per area, every published score of the edition (the population ranks are taken in). */
export async function areaPopulation(db: Db, editionId: string): Promise<Map<number, number[]>> {
  const rows = await db
    .select({
      area: areaScores.areaNumber,
      scores: sql<number[]>`array_agg(${areaScores.score}::float8 order by ${areaScores.score})`,
    })
    .from(evaluations)
    .innerJoin(areaScores, eq(areaScores.evaluationId, evaluations.id))
    .where(and(publishedScored, eq(evaluations.editionId, editionId)))
    .groupBy(areaScores.areaNumber);
  return new Map(rows.map((row) => [row.area, row.scores.map(Number)]));
}

/** A published evaluation's scores, for a comparison. */
export interface ScoredEvaluationRow {
  id: string;
  municipalityCode: string;
  municipalityName: string;
  year: number;
  editionId: string;
  kind: 'full' | 'area-level' | 'self-assessment';
  totalPrinted: number | null;
  areas: Array<{ number: number; score: number }>;
  questions: Array<{ id: string; points: number | null }>;
}

/**
 * The current published evaluations with these ids (any kind) with their area and question
 * scores, in three queries; ids that are unknown, not published or superseded are absent.
 */
export async function getPublishedScores(
  db: Db,
  ids: readonly string[],
): Promise<ScoredEvaluationRow[]> {
  if (ids.length === 0) return [];
  const heads = await db
    .select({
      id: evaluations.id,
      municipalityCode: evaluations.municipalityCode,
      municipalityName: municipalities.name,
      year: evaluations.year,
      editionId: evaluations.editionId,
      kind: evaluations.kind,
      totalPrinted: evaluations.totalPrinted,
    })
    .from(evaluations)
    .innerJoin(municipalities, eq(municipalities.code, evaluations.municipalityCode))
    .where(and(inArray(evaluations.id, [...ids]), newestPublished));
  if (heads.length === 0) return [];
  const found = heads.map((head) => head.id);
  const areas = await db
    .select({ id: areaScores.evaluationId, number: areaScores.areaNumber, score: areaScores.score })
    .from(areaScores)
    .where(inArray(areaScores.evaluationId, found))
    .orderBy(asc(areaScores.areaNumber));
  const questions = await db
    .select({
      evaluationId: questionScores.evaluationId,
      id: questionScores.questionId,
      points: questionScores.points,
    })
    .from(questionScores)
    .where(inArray(questionScores.evaluationId, found));
  return heads.map((head) => ({
    ...head,
    areas: areas
      .filter((area) => area.id === head.id)
      .map(({ number, score }) => ({ number, score })),
    questions: questions
      .filter((question) => question.evaluationId === head.id)
      .map(({ id, points }) => ({ id, points })),
  }));
}

/** A published evaluation as lists show it. */
export interface PublishedEvaluationRow {
  id: string;
  municipalityCode: string;
  municipalityName: string;
  lanCode: string;
  year: number;
  month: number | null;
  editionId: string;
  kind: 'full' | 'area-level' | 'self-assessment';
  totalPrinted: number | null;
  publishedAt: Date | null;
}

const publishedColumns = {
  id: evaluations.id,
  municipalityCode: evaluations.municipalityCode,
  municipalityName: municipalities.name,
  lanCode: municipalities.lanCode,
  year: evaluations.year,
  month: evaluations.month,
  editionId: evaluations.editionId,
  kind: evaluations.kind,
  totalPrinted: evaluations.totalPrinted,
  publishedAt: evaluations.publishedAt,
};

/**
 * The latest published, scored evaluation of each of these municipalities (latest year, then
 * month); municipalities without one are absent.
 */
export async function findLatestPublished(
  db: Db,
  municipalityCodes: readonly string[],
): Promise<PublishedEvaluationRow[]> {
  if (municipalityCodes.length === 0) return [];
  const rows = await db
    .selectDistinctOn([evaluations.municipalityCode], publishedColumns)
    .from(evaluations)
    .innerJoin(municipalities, eq(municipalities.code, evaluations.municipalityCode))
    .where(and(publishedScored, inArray(evaluations.municipalityCode, [...municipalityCodes])))
    .orderBy(
      asc(evaluations.municipalityCode),
      desc(evaluations.year),
      sql`${evaluations.month} desc nulls last`,
      asc(evaluations.editionId),
    );
  return rows;
}

export interface PublishedEvaluationFilter extends PublishedBasis {
  municipalityCode?: string;
  limit?: number;
  offset?: number;
}

/** Published (current) evaluations of every kind, newest first, with the number in all. */
export async function listPublished(
  db: Db,
  filter: PublishedEvaluationFilter = {},
): Promise<{ total: number; items: PublishedEvaluationRow[] }> {
  const conditions: SQL[] = [newestPublished];
  if (filter.editionId !== undefined) conditions.push(eq(evaluations.editionId, filter.editionId));
  if (filter.yearFrom !== undefined) conditions.push(gte(evaluations.year, filter.yearFrom));
  if (filter.yearTo !== undefined) conditions.push(lte(evaluations.year, filter.yearTo));
  if (filter.lanCode !== undefined) conditions.push(eq(municipalities.lanCode, filter.lanCode));
  if (filter.municipalityCode !== undefined) {
    conditions.push(eq(evaluations.municipalityCode, filter.municipalityCode));
  }
  const where = and(...conditions);
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(evaluations)
    .innerJoin(municipalities, eq(municipalities.code, evaluations.municipalityCode))
    .where(where);
  const items = await db
    .select(publishedColumns)
    .from(evaluations)
    .innerJoin(municipalities, eq(municipalities.code, evaluations.municipalityCode))
    .where(where)
    .orderBy(
      desc(evaluations.year),
      sql`${evaluations.month} desc nulls last`,
      asc(evaluations.municipalityCode),
      asc(evaluations.editionId),
      asc(evaluations.kind),
    )
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0);
  return { total: counted?.n ?? 0, items };
}

/** One evaluation's result on the question or area a role model is sought for. */
export interface ScorerRow {
  evaluationId: string;
  municipalityCode: string;
  municipalityName: string;
  year: number;
  editionId: string;
  score: number;
}

/** What role models are sought for: questions of one edition and area numbers across editions. */
export interface ScorerNeeds {
  /** The edition the question ids belong to; only its evaluations are ranked on them. */
  editionId: string;
  questionIds: readonly string[];
  areas: readonly number[];
  /** The editions whose evaluations are ranked on the area numbers. */
  areaEditionIds: readonly string[];
  excludeMunicipalityCode?: string;
  /** Rows per question and per area. */
  limit: number;
}

/** The top rows per question id and per area number, highest first. */
export interface ScorersByNeed {
  questions: Map<string, ScorerRow[]>;
  areas: Map<number, ScorerRow[]>;
}

interface ScorerDbRow {
  question_id: string | null;
  area: number | null;
  evaluation_id: string;
  municipality_code: string;
  municipality_name: string;
  year: number;
  edition_id: string;
  score: number;
}

/**
 * In one query: the best published points on each question of one edition and the best
 * published scores on each area number across the given editions, by score, then the newest
 * year, then municipality code, at most `limit` per need (several per municipality possible;
 * `pickRoleModels` keeps each municipality's best). Every requested need has an entry.
 *
 * Each need is a lateral walk down its index (question_scores(question_id, points),
 * area_scores(area_number, score)) that stops after `limit` rows and their ties. A join with
 * `publishedScored` itself would make the planner read every score instead: it costs the
 * hashed NOT IN of the superseded revisions once per looked-up evaluation. So the revisions
 * `publishedScored` leaves out of the published scored ones are gathered once, up front (a
 * few corrected evaluations), and each candidate is checked against that array.
 */
export async function topScorersForNeeds(db: Db, needs: ScorerNeeds): Promise<ScorersByNeed> {
  const questionIds = [...new Set(needs.questionIds)];
  const areas = [...new Set(needs.areas)];
  const result: ScorersByNeed = {
    questions: new Map(questionIds.map((id) => [id, []])),
    areas: new Map(areas.map((area) => [area, []])),
  };
  if (questionIds.length === 0 && (areas.length === 0 || needs.areaEditionIds.length === 0)) {
    return result;
  }
  const candidate = and(
    eq(evaluations.status, 'published'),
    inArray(evaluations.kind, [...SCORED_KINDS]),
    sql`${evaluations.id} <> all((select ids from superseded)::uuid[])`,
    needs.excludeMunicipalityCode === undefined
      ? undefined
      : sql`${evaluations.municipalityCode} <> ${needs.excludeMunicipalityCode}`,
  );
  const scorerColumns = sql`${evaluations.id} as evaluation_id,
    ${evaluations.municipalityCode} as municipality_code, ${evaluations.year} as year,
    ${evaluations.editionId} as edition_id`;
  const executed = await db.execute(sql`
    with superseded as materialized (
      select coalesce(array_agg(${evaluations.id}), '{}') as ids from ${evaluations}
      where ${evaluations.status} = 'published'
        and ${inArray(evaluations.kind, [...SCORED_KINDS])}
        and not ${publishedScored}
    )
    select top.question_id, top.area, top.evaluation_id, top.municipality_code,
      ${municipalities.name} as municipality_name, top.year, top.edition_id,
      top.score::float8 as score
    from (
      select need.question_id, null::int as area, best.*
      from unnest(${sql.param(questionIds)}::text[]) as need(question_id)
      cross join lateral (
        select * from (
          select ${scorerColumns}, ${questionScores.points} as score
          from ${questionScores}
          join ${evaluations} on ${evaluations.id} = ${questionScores.evaluationId}
          where ${questionScores.questionId} = need.question_id
            and ${questionScores.points} is not null
            and ${evaluations.editionId} = ${needs.editionId}
            and ${candidate}
          order by ${questionScores.points} desc
          fetch first (${needs.limit}) rows with ties
        ) tied
        order by score desc, year desc, municipality_code asc
        limit ${needs.limit}
      ) best
      union all
      select null, need.area, best.*
      from unnest(${sql.param(areas)}::int[]) as need(area)
      cross join lateral (
        select * from (
          select ${scorerColumns}, ${areaScores.score} as score
          from ${areaScores}
          join ${evaluations} on ${evaluations.id} = ${areaScores.evaluationId}
          where ${areaScores.areaNumber} = need.area
            and ${evaluations.editionId} = any(${sql.param([...needs.areaEditionIds])}::text[])
            and ${candidate}
          order by ${areaScores.score} desc
          fetch first (${needs.limit}) rows with ties
        ) tied
        order by score desc, year desc, municipality_code asc
        limit ${needs.limit}
      ) best
    ) top
    join ${municipalities} on ${municipalities.code} = top.municipality_code
    order by top.question_id, top.area, top.score desc, top.year desc, top.municipality_code`);
  for (const row of rowsOf<ScorerDbRow>(executed)) {
    const scorer: ScorerRow = {
      evaluationId: row.evaluation_id,
      municipalityCode: row.municipality_code,
      municipalityName: row.municipality_name,
      year: Number(row.year),
      editionId: row.edition_id,
      score: Number(row.score),
    };
    if (row.question_id !== null) result.questions.get(row.question_id)?.push(scorer);
    else if (row.area !== null) result.areas.get(Number(row.area))?.push(scorer);
  }
  return result;
}

/** `db.execute` returns `{ rows }` on both drivers. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface AreaFindingRow {
  evaluationId: string;
  area: number;
  kind: FindingKind;
  heading: string | null;
  text: string;
  position: number;
}

/** The findings of these (published) evaluations in these areas, of these kinds, in order. */
export async function listAreaFindings(
  db: Db,
  options: {
    evaluationIds: readonly string[];
    areas?: readonly number[];
    kinds: readonly FindingKind[];
  },
): Promise<AreaFindingRow[]> {
  if (options.evaluationIds.length === 0 || options.kinds.length === 0) return [];
  const conditions: SQL[] = [
    newestPublished,
    inArray(findings.evaluationId, [...options.evaluationIds]),
    inArray(findings.kind, [...options.kinds]),
  ];
  if (options.areas) conditions.push(inArray(findings.areaNumber, [...options.areas]));
  return db
    .select({
      evaluationId: findings.evaluationId,
      area: findings.areaNumber,
      kind: findings.kind,
      heading: findings.heading,
      text: findings.text,
      position: findings.position,
    })
    .from(findings)
    .innerJoin(evaluations, eq(evaluations.id, findings.evaluationId))
    .where(and(...conditions))
    .orderBy(asc(findings.evaluationId), asc(findings.position));
}

/** One row of the open-data CSV: one area score of one published evaluation. */
export interface PublishedScoreRow {
  evaluationId: string;
  municipalityCode: string;
  municipalityName: string;
  lanCode: string;
  year: number;
  editionId: string;
  editionName: string;
  kind: string;
  area: number;
  score: number;
  printed: number | null;
  totalPrinted: number | null;
}

/** Every area score of every current published evaluation, by municipality, year and area. */
export async function listPublishedScores(db: Db): Promise<PublishedScoreRow[]> {
  return db
    .select({
      evaluationId: evaluations.id,
      municipalityCode: evaluations.municipalityCode,
      municipalityName: municipalities.name,
      lanCode: municipalities.lanCode,
      year: evaluations.year,
      editionId: evaluations.editionId,
      editionName: editions.name,
      kind: evaluations.kind,
      area: areaScores.areaNumber,
      score: areaScores.score,
      printed: areaScores.printed,
      totalPrinted: evaluations.totalPrinted,
    })
    .from(areaScores)
    .innerJoin(evaluations, eq(evaluations.id, areaScores.evaluationId))
    .innerJoin(municipalities, eq(municipalities.code, evaluations.municipalityCode))
    .innerJoin(editions, eq(editions.id, evaluations.editionId))
    .where(newestPublished)
    .orderBy(
      asc(evaluations.municipalityCode),
      asc(evaluations.year),
      asc(evaluations.editionId),
      asc(evaluations.kind),
      asc(areaScores.areaNumber),
    );
}
