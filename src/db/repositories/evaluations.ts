/**
 * Evaluations with their area scores, question scores, findings and area texts: one aggregate,
 * written in one transaction (a failure leaves nothing) and read back whole.
 *
 * Corrections never overwrite: `replaceEvaluation` writes a new revision that supersedes the old
 * row, which stays readable (`current: false`). Updates check `version` (optimistic locking).
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { StorageError, translateWriteError } from '../errors.ts';
import {
  areaScores,
  areaTexts,
  evaluations,
  findings,
  questionScores,
  type EVALUATION_KINDS,
  type EVALUATION_STATUSES,
  type FINDING_KINDS,
} from '../schema.ts';

export type EvaluationKind = (typeof EVALUATION_KINDS)[number];
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface AreaScoreInput {
  number: number;
  /** Exact score, or the printed one when nothing better is known. */
  score: number;
  /** As the source printed it (74.5 stays 74.5). */
  printed?: number | null;
}

export interface QuestionScoreInput {
  /** Question id in the edition, e.g. "2.4" (a self-assessment's question number, e.g. "8"). */
  id: string;
  /** Best estimate of the exact points; null when not scored. */
  points: number | null;
  achievedPrinted?: number | null;
  maxPrinted?: number | null;
  percentPrinted?: number | null;
  justification?: string | null;
  /** Self-assessment: the step on the edition's scale, null when unanswered or ambiguous. */
  answer?: string | null;
  flags?: readonly string[];
}

export interface FindingInput {
  area: number;
  kind: FindingKind;
  heading?: string | null;
  text: string;
  /** A municipality named as worth learning from. */
  referenceMunicipalityCode?: string | null;
}

export interface AreaTextInput {
  area: number;
  heading?: string | null;
  body: string;
}

export interface NewEvaluation {
  municipalityCode: string;
  year: number;
  month?: number | null;
  editionId: string;
  kind: EvaluationKind;
  status?: EvaluationStatus;
  /** File name, URL or "manual". */
  source: string;
  sourceHash?: string | null;
  totalPrinted?: number | null;
  facts?: Record<string, unknown>;
  /** Defaults to now when `status` is "published". */
  publishedAt?: Date | null;
  areas?: readonly AreaScoreInput[];
  questions?: readonly QuestionScoreInput[];
  /** Kept in this order. */
  findings?: readonly FindingInput[];
  /** Kept in this order. */
  texts?: readonly AreaTextInput[];
}

export interface EvaluationSummary {
  id: string;
  municipalityCode: string;
  year: number;
  month: number | null;
  editionId: string;
  kind: EvaluationKind;
  status: EvaluationStatus;
  source: string;
  sourceHash: string | null;
  totalPrinted: number | null;
  version: number;
  revision: number;
  supersedesId: string | null;
  /** False once a newer revision superseded this one. */
  current: boolean;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AreaScore {
  number: number;
  score: number;
  printed: number | null;
}

export interface QuestionScore {
  id: string;
  points: number | null;
  achievedPrinted: number | null;
  maxPrinted: number | null;
  percentPrinted: number | null;
  justification: string | null;
  answer: string | null;
  flags: string[];
}

export interface Finding {
  id: string;
  area: number;
  kind: FindingKind;
  heading: string | null;
  text: string;
  referenceMunicipalityCode: string | null;
  position: number;
}

export interface AreaText {
  area: number;
  heading: string | null;
  body: string;
  position: number;
}

export interface EvaluationRecord extends EvaluationSummary {
  facts: Record<string, unknown>;
  areas: AreaScore[];
  questions: QuestionScore[];
  findings: Finding[];
  texts: AreaText[];
}

/** Identifies "the" evaluation of a municipality in a year under an edition. */
export interface EvaluationKey {
  municipalityCode: string;
  year: number;
  editionId: string;
  kind: EvaluationKind;
}

const summaryColumns = {
  id: evaluations.id,
  municipalityCode: evaluations.municipalityCode,
  year: evaluations.year,
  month: evaluations.month,
  editionId: evaluations.editionId,
  kind: evaluations.kind,
  status: evaluations.status,
  source: evaluations.source,
  sourceHash: evaluations.sourceHash,
  totalPrinted: evaluations.totalPrinted,
  version: evaluations.version,
  revision: evaluations.revision,
  supersedesId: evaluations.supersedesId,
  current: evaluations.current,
  publishedAt: evaluations.publishedAt,
  createdAt: evaluations.createdAt,
  updatedAt: evaluations.updatedAt,
};

const recordColumns = { ...summaryColumns, facts: evaluations.facts };

const areaColumns = {
  number: areaScores.areaNumber,
  score: areaScores.score,
  printed: areaScores.printed,
};

const questionColumns = {
  id: questionScores.questionId,
  points: questionScores.points,
  achievedPrinted: questionScores.achievedPrinted,
  maxPrinted: questionScores.maxPrinted,
  percentPrinted: questionScores.percentPrinted,
  justification: questionScores.justification,
  answer: questionScores.answer,
  flags: questionScores.flags,
};

const findingColumns = {
  id: findings.id,
  area: findings.areaNumber,
  kind: findings.kind,
  heading: findings.heading,
  text: findings.text,
  referenceMunicipalityCode: findings.referenceMunicipalityCode,
  position: findings.position,
};

const textColumns = {
  area: areaTexts.areaNumber,
  heading: areaTexts.heading,
  body: areaTexts.body,
  position: areaTexts.position,
};

/** "1.2" < "1.10" < "2.1": question ids compare part by part as numbers. */
export function compareQuestionIds(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? -1) - (right[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

const describe = (input: Pick<NewEvaluation, 'municipalityCode' | 'year' | 'editionId' | 'kind'>) =>
  `evaluation of ${input.municipalityCode} in ${input.year} (${input.editionId}, ${input.kind})`;

/** Checks what the database cannot say clearly: duplicates and numbers that are not numbers. */
function checkInput(input: NewEvaluation): void {
  const what = describe(input);
  const fail = (message: string) => {
    throw new StorageError('invalid-value', `${what}: ${message}`);
  };
  const finite = (value: number | null | undefined, field: string) => {
    if (value !== null && value !== undefined && !Number.isFinite(value)) {
      fail(`${field} must be a finite number, got ${String(value)}`);
    }
  };
  finite(input.totalPrinted, 'totalPrinted');
  const areaNumbers = new Set<number>();
  for (const area of input.areas ?? []) {
    if (areaNumbers.has(area.number)) fail(`area ${area.number} appears twice in areas`);
    areaNumbers.add(area.number);
    finite(area.score, `area ${area.number} score`);
    finite(area.printed, `area ${area.number} printed`);
  }
  const questionIds = new Set<string>();
  for (const question of input.questions ?? []) {
    if (questionIds.has(question.id)) fail(`question ${question.id} appears twice in questions`);
    questionIds.add(question.id);
    finite(question.points, `question ${question.id} points`);
    finite(question.achievedPrinted, `question ${question.id} achievedPrinted`);
    finite(question.maxPrinted, `question ${question.id} maxPrinted`);
    finite(question.percentPrinted, `question ${question.id} percentPrinted`);
  }
}

/** Inserts the evaluation row and its children with `tx`; returns the stored record. */
async function insertAggregate(
  tx: Db,
  input: NewEvaluation,
  lineage: { revision: number; supersedesId: string | null },
): Promise<EvaluationRecord> {
  const status = input.status ?? 'draft';
  const [row] = await tx
    .insert(evaluations)
    .values({
      municipalityCode: input.municipalityCode,
      year: input.year,
      month: input.month ?? null,
      editionId: input.editionId,
      kind: input.kind,
      status,
      source: input.source,
      sourceHash: input.sourceHash ?? null,
      totalPrinted: input.totalPrinted ?? null,
      facts: input.facts ?? {},
      publishedAt: input.publishedAt ?? (status === 'published' ? new Date() : null),
      revision: lineage.revision,
      supersedesId: lineage.supersedesId,
    })
    .returning(recordColumns);
  if (!row) throw new Error(`inserting the ${describe(input)} returned no row`);
  const id = row.id;

  const areas =
    input.areas && input.areas.length > 0
      ? await tx
          .insert(areaScores)
          .values(
            input.areas.map((area) => ({
              evaluationId: id,
              areaNumber: area.number,
              score: area.score,
              printed: area.printed ?? null,
            })),
          )
          .returning(areaColumns)
      : [];
  const questions =
    input.questions && input.questions.length > 0
      ? await tx
          .insert(questionScores)
          .values(
            input.questions.map((question) => ({
              evaluationId: id,
              questionId: question.id,
              points: question.points,
              achievedPrinted: question.achievedPrinted ?? null,
              maxPrinted: question.maxPrinted ?? null,
              percentPrinted: question.percentPrinted ?? null,
              justification: question.justification ?? null,
              answer: question.answer ?? null,
              flags: [...(question.flags ?? [])],
            })),
          )
          .returning(questionColumns)
      : [];
  const insertedFindings =
    input.findings && input.findings.length > 0
      ? await tx
          .insert(findings)
          .values(
            input.findings.map((finding, position) => ({
              evaluationId: id,
              areaNumber: finding.area,
              kind: finding.kind,
              heading: finding.heading ?? null,
              text: finding.text,
              referenceMunicipalityCode: finding.referenceMunicipalityCode ?? null,
              position,
            })),
          )
          .returning(findingColumns)
      : [];
  const texts =
    input.texts && input.texts.length > 0
      ? await tx
          .insert(areaTexts)
          .values(
            input.texts.map((text, position) => ({
              evaluationId: id,
              areaNumber: text.area,
              heading: text.heading ?? null,
              body: text.body,
              position,
            })),
          )
          .returning(textColumns)
      : [];
  return assemble(row, areas, questions, insertedFindings, texts);
}

type RecordRow = Omit<EvaluationRecord, 'facts' | 'areas' | 'questions' | 'findings' | 'texts'> & {
  facts: unknown;
};

function assemble(
  row: RecordRow,
  areas: AreaScore[],
  questions: QuestionScore[],
  found: Finding[],
  texts: AreaText[],
): EvaluationRecord {
  return {
    ...row,
    facts: (row.facts ?? {}) as Record<string, unknown>,
    areas: [...areas].sort((a, b) => a.number - b.number),
    questions: [...questions].sort((a, b) => compareQuestionIds(a.id, b.id)),
    findings: [...found].sort((a, b) => a.position - b.position),
    texts: [...texts].sort((a, b) => a.position - b.position),
  };
}

/**
 * Stores a new evaluation with its area scores, question scores, findings and texts in one
 * transaction. Refuses (StorageError "conflict") when a current evaluation with the same
 * municipality, year, edition and kind exists: replace that one instead.
 */
export async function createEvaluation(db: Db, input: NewEvaluation): Promise<EvaluationRecord> {
  checkInput(input);
  try {
    return await db.transaction((tx) =>
      insertAggregate(tx, input, { revision: 1, supersedesId: null }),
    );
  } catch (error) {
    throw translateWriteError(error, describe(input));
  }
}

/** One evaluation with everything it holds, or undefined. Reads one consistent snapshot. */
export async function getEvaluation(db: Db, id: string): Promise<EvaluationRecord | undefined> {
  if (!isUuid(id)) return undefined;
  return db.transaction(
    async (tx) => {
      const [row] = await tx.select(recordColumns).from(evaluations).where(eq(evaluations.id, id));
      if (!row) return undefined;
      const [areas, questions, found, texts] = [
        await tx.select(areaColumns).from(areaScores).where(eq(areaScores.evaluationId, id)),
        await tx
          .select(questionColumns)
          .from(questionScores)
          .where(eq(questionScores.evaluationId, id)),
        await tx.select(findingColumns).from(findings).where(eq(findings.evaluationId, id)),
        await tx.select(textColumns).from(areaTexts).where(eq(areaTexts.evaluationId, id)),
      ];
      return assemble(row, areas, questions, found, texts);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

const isUuid = (id: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export interface EvaluationFilter {
  municipalityCode?: string;
  editionId?: string;
  status?: EvaluationStatus;
  kind?: EvaluationKind;
  /**
   * Include revisions a newer one superseded (default: current ones only; with status
   * "published", the newest published revision of each chain).
   */
  includeSuperseded?: boolean;
}

export interface EvaluationListItem extends EvaluationSummary {
  /** Sum of the stored area scores (null when none are stored). */
  areaTotal: number | null;
  areaCount: number;
}

/** Evaluations matching the filter, newest year first, with their area totals. */
export async function listEvaluations(
  db: Db,
  filter: EvaluationFilter = {},
): Promise<EvaluationListItem[]> {
  const conditions: SQL[] = [];
  if (filter.municipalityCode)
    conditions.push(eq(evaluations.municipalityCode, filter.municipalityCode));
  if (filter.editionId) conditions.push(eq(evaluations.editionId, filter.editionId));
  if (filter.kind) conditions.push(eq(evaluations.kind, filter.kind));
  if (filter.status === 'published' && !filter.includeSuperseded) {
    // What is published is the newest published revision of each chain, even while a correction
    // of it is the current (draft) revision.
    conditions.push(newestPublished);
  } else {
    if (filter.status) conditions.push(eq(evaluations.status, filter.status));
    if (!filter.includeSuperseded) conditions.push(eq(evaluations.current, true));
  }
  return listWhere(db, and(...conditions));
}

async function listWhere(db: Db, where: SQL | undefined): Promise<EvaluationListItem[]> {
  return db
    .select({
      ...summaryColumns,
      areaTotal: sql<number | null>`sum(${areaScores.score})`.mapWith(Number),
      areaCount: sql<number>`count(${areaScores.areaNumber})`.mapWith(Number),
    })
    .from(evaluations)
    .leftJoin(areaScores, eq(areaScores.evaluationId, evaluations.id))
    .where(where)
    .groupBy(evaluations.id)
    .orderBy(
      desc(evaluations.year),
      sql`${evaluations.month} desc nulls last`,
      asc(evaluations.municipalityCode),
      asc(evaluations.editionId),
      asc(evaluations.kind),
      desc(evaluations.revision),
    );
}

/** Every evaluation (any revision) imported from a source with this hash. */
export async function findEvaluationsBySourceHash(
  db: Db,
  sourceHash: string,
): Promise<EvaluationListItem[]> {
  return listWhere(db, eq(evaluations.sourceHash, sourceHash));
}

/** The current evaluation for this municipality, year, edition and kind, if any. */
export async function findCurrentEvaluation(
  db: Db,
  key: EvaluationKey,
): Promise<EvaluationListItem | undefined> {
  const [item] = await listWhere(
    db,
    and(
      eq(evaluations.municipalityCode, key.municipalityCode),
      eq(evaluations.year, key.year),
      eq(evaluations.editionId, key.editionId),
      eq(evaluations.kind, key.kind),
      eq(evaluations.current, true),
    ),
  );
  return item;
}

/** Locks the row for the rest of the transaction and checks it may change. */
async function lockForChange(
  tx: Db,
  id: string,
  expectedVersion: number | undefined,
): Promise<EvaluationSummary> {
  const [row] = isUuid(id)
    ? await tx.select(summaryColumns).from(evaluations).where(eq(evaluations.id, id)).for('update')
    : [];
  if (!row) throw new StorageError('not-found', `evaluation ${id} does not exist`);
  if (!row.current) {
    throw new StorageError(
      'conflict',
      `evaluation ${id} is revision ${row.revision}, which a newer revision superseded; ` +
        'change the current revision instead',
    );
  }
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new StorageError(
      'stale-version',
      `evaluation ${id} changed since you read it (version ${row.version}, you had ` +
        `${expectedVersion}, last updated ${row.updatedAt.toISOString()}); reload and apply ` +
        'your change again',
    );
  }
  return row;
}

/**
 * Writes `input` as a new revision superseding evaluation `id`, in one transaction. The old
 * revision stays readable (`current: false`). With `expectedVersion`, refuses (StorageError
 * "stale-version") when someone changed the old one since it was read.
 */
export async function replaceEvaluation(
  db: Db,
  id: string,
  input: NewEvaluation,
  options: { expectedVersion?: number } = {},
): Promise<EvaluationRecord> {
  checkInput(input);
  try {
    return await db.transaction(async (tx) => {
      const old = await lockForChange(tx, id, options.expectedVersion);
      await tx
        .update(evaluations)
        .set({ current: false, version: old.version + 1, updatedAt: new Date() })
        .where(eq(evaluations.id, id));
      return insertAggregate(tx, input, { revision: old.revision + 1, supersedesId: id });
    });
  } catch (error) {
    throw translateWriteError(error, describe(input));
  }
}

/**
 * Moves an evaluation to another status, checking `expectedVersion` (optimistic locking).
 * Publishing sets `publishedAt` (now unless given). Returns the updated summary.
 */
export async function setEvaluationStatus(
  db: Db,
  id: string,
  change: { status: EvaluationStatus; expectedVersion: number; publishedAt?: Date },
): Promise<EvaluationSummary> {
  return db.transaction(async (tx) => {
    const old = await lockForChange(tx, id, change.expectedVersion);
    const [row] = await tx
      .update(evaluations)
      .set({
        status: change.status,
        publishedAt:
          change.status === 'published'
            ? (change.publishedAt ?? old.publishedAt ?? new Date())
            : null,
        version: old.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(evaluations.id, id))
      .returning(summaryColumns);
    if (!row) throw new StorageError('not-found', `evaluation ${id} does not exist`);
    return row;
  });
}

/** Every revision of the evaluation `id` belongs to, newest first. */
export async function listRevisions(db: Db, id: string): Promise<EvaluationSummary[]> {
  if (!isUuid(id)) return [];
  const chain = await db.execute<{ id: string }>(sql`
    with recursive back(id, supersedes_id) as (
      select id, supersedes_id from ${evaluations} where id = ${id}
      union all
      select e.id, e.supersedes_id from ${evaluations} e join back on e.id = back.supersedes_id
    ), forward(id) as (
      select id from back
      union
      select e.id from ${evaluations} e join forward on e.supersedes_id = forward.id
    )
    select id from forward`);
  const ids = rowsOf<{ id: string }>(chain).map((row) => row.id);
  if (ids.length === 0) return [];
  return db
    .select(summaryColumns)
    .from(evaluations)
    .where(inArray(evaluations.id, ids))
    .orderBy(desc(evaluations.revision));
}

/**
 * Published, and the newest published revision of its chain: no later revision of it is
 * published. What the public sees: while a correction is still a draft or under review (and
 * `current`), the published revision it corrects stays in the public lists; once the correction
 * is published, it takes the old revision's place.
 *
 * Written as "not an earlier revision of any published evaluation": one uncorrelated recursive
 * query (a hashed set) instead of a recursive query per row. The per-row form was estimated so
 * expensive that PostgreSQL chose nested-loop joins and JIT compilation; with 5,000 evaluations
 * the evaluation page's role-model queries took ~300 ms each instead of ~60 ms (bench:load).
 */
export const newestPublished: SQL = sql`(${evaluations.status} = 'published' and ${evaluations.id} not in (
  with recursive earlier(id) as (
    select e.supersedes_id from ${evaluations} e
      where e.status = 'published' and e.supersedes_id is not null
    union
    select e.supersedes_id from ${evaluations} e join earlier on e.id = earlier.id
      where e.supersedes_id is not null
  )
  select id from earlier))`;

/** Whether evaluation `id` is the newest published revision of its chain (see `newestPublished`). */
export async function isNewestPublished(db: Db, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const [row] = await db
    .select({ id: evaluations.id })
    .from(evaluations)
    .where(and(eq(evaluations.id, id), newestPublished));
  return row !== undefined;
}

/** `db.execute` returns `{ rows }` on both drivers. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
