/**
 * Read queries for comparisons, averages and role models. Everything here sees current,
 * published Kommunkompassen evaluations only (kind "full" or "area-level"): drafts, evaluations
 * under review, superseded revisions and self-assessments never count and never appear.
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
import type { FindingKind } from './evaluations.ts';

/** Current, published, scored Kommunkompassen evaluations. */
export const publishedScored: SQL = and(
  eq(evaluations.status, 'published'),
  eq(evaluations.current, true),
  inArray(evaluations.kind, ['full', 'area-level']),
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

/** The area results per evaluation on this basis (the input of `averageAreaResults`). */
export async function listPublishedAreaResults(
  db: Db,
  basis: PublishedBasis,
): Promise<Array<{ evaluationId: string; areas: Array<{ number: number; score: number }> }>> {
  const byEvaluation = new Map<string, Array<{ number: number; score: number }>>();
  for (const row of await listPublishedAreaScores(db, basis)) {
    const areas = byEvaluation.get(row.evaluationId);
    const area = { number: row.area, score: row.score };
    if (areas) areas.push(area);
    else byEvaluation.set(row.evaluationId, [area]);
  }
  return [...byEvaluation].map(([evaluationId, areas]) => ({ evaluationId, areas }));
}

/** Per area, every published score of the edition (the population ranks are taken in). */
export async function areaPopulation(db: Db, editionId: string): Promise<Map<number, number[]>> {
  const rows = await db
    .select({ area: areaScores.areaNumber, score: areaScores.score })
    .from(evaluations)
    .innerJoin(areaScores, eq(areaScores.evaluationId, evaluations.id))
    .where(and(publishedScored, eq(evaluations.editionId, editionId)));
  const byArea = new Map<number, number[]>();
  for (const row of rows) {
    const scores = byArea.get(row.area);
    if (scores) scores.push(row.score);
    else byArea.set(row.area, [row.score]);
  }
  return byArea;
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
  const conditions: SQL[] = [eq(evaluations.status, 'published'), eq(evaluations.current, true)];
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

/**
 * The best published points on one question of one edition, highest first (several per
 * municipality possible; `pickRoleModels` keeps each municipality's best).
 */
export async function topQuestionScorers(
  db: Db,
  options: {
    editionId: string;
    questionId: string;
    excludeMunicipalityCode?: string;
    limit: number;
  },
): Promise<ScorerRow[]> {
  const conditions: SQL[] = [
    publishedScored,
    eq(evaluations.editionId, options.editionId),
    eq(questionScores.questionId, options.questionId),
    sql`${questionScores.points} is not null`,
  ];
  if (options.excludeMunicipalityCode !== undefined) {
    conditions.push(sql`${evaluations.municipalityCode} <> ${options.excludeMunicipalityCode}`);
  }
  const rows = await db
    .select({
      evaluationId: evaluations.id,
      municipalityCode: evaluations.municipalityCode,
      municipalityName: municipalities.name,
      year: evaluations.year,
      editionId: evaluations.editionId,
      score: questionScores.points,
    })
    .from(questionScores)
    .innerJoin(evaluations, eq(evaluations.id, questionScores.evaluationId))
    .innerJoin(municipalities, eq(municipalities.code, evaluations.municipalityCode))
    .where(and(...conditions))
    .orderBy(desc(questionScores.points), desc(evaluations.year), asc(evaluations.municipalityCode))
    .limit(options.limit);
  return rows.map((row) => ({ ...row, score: row.score ?? 0 }));
}

/** The best published scores on one area number across the given editions, highest first. */
export async function topAreaScorers(
  db: Db,
  options: {
    area: number;
    editionIds: readonly string[];
    excludeMunicipalityCode?: string;
    limit: number;
  },
): Promise<ScorerRow[]> {
  if (options.editionIds.length === 0) return [];
  const conditions: SQL[] = [
    publishedScored,
    inArray(evaluations.editionId, [...options.editionIds]),
    eq(areaScores.areaNumber, options.area),
  ];
  if (options.excludeMunicipalityCode !== undefined) {
    conditions.push(sql`${evaluations.municipalityCode} <> ${options.excludeMunicipalityCode}`);
  }
  return db
    .select({
      evaluationId: evaluations.id,
      municipalityCode: evaluations.municipalityCode,
      municipalityName: municipalities.name,
      year: evaluations.year,
      editionId: evaluations.editionId,
      score: areaScores.score,
    })
    .from(areaScores)
    .innerJoin(evaluations, eq(evaluations.id, areaScores.evaluationId))
    .innerJoin(municipalities, eq(municipalities.code, evaluations.municipalityCode))
    .where(and(...conditions))
    .orderBy(desc(areaScores.score), desc(evaluations.year), asc(evaluations.municipalityCode))
    .limit(options.limit);
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
    eq(evaluations.status, 'published'),
    eq(evaluations.current, true),
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
    .where(and(eq(evaluations.status, 'published'), eq(evaluations.current, true)))
    .orderBy(
      asc(evaluations.municipalityCode),
      asc(evaluations.year),
      asc(evaluations.editionId),
      asc(evaluations.kind),
      asc(areaScores.areaNumber),
    );
}
