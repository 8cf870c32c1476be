/**
 * Self-assessments: evaluations of kind `self-assessment` (the Kvalitetskommun questionnaire)
 * with their answers (`question_scores.answer` and `flags`), theme narratives (`area_texts`,
 * area = theme) and key-figure series (`key_figures`, one row per series and year).
 *
 * Status: `draft` is work in progress; `review` is a self-assessment submitted in Kompass
 * ("inskickad"); `published` is an imported application, a document its municipality published.
 * Both `review` and `published` are submitted, and frozen (`SUBMITTED_STATUSES`).
 *
 * Functions taking `tx` run inside the caller's transaction (the use case, which also records
 * the audit entries); readers take `db`.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { StorageError, translateWriteError } from '../errors.ts';
import { areaTexts, evaluations, keyFigures, municipalities, questionScores } from '../schema.ts';
import { compareQuestionIds, type EvaluationStatus } from './evaluations.ts';

/** The statuses of a submitted (frozen) self-assessment. */
export const SUBMITTED_STATUSES: readonly EvaluationStatus[] = ['review', 'published'];

export const isSubmitted = (status: EvaluationStatus): boolean => status !== 'draft';

export interface SelfAssessmentSummary {
  id: string;
  municipalityCode: string;
  municipalityName: string;
  year: number;
  editionId: string;
  status: EvaluationStatus;
  /** "manual" when filled in through Kompass, else the imported file's name. */
  source: string;
  version: number;
  current: boolean;
  updatedAt: Date;
  /** Questions with exactly one answer. */
  answered: number;
  /** Questions without an answer that carry a flag from the import (e.g. two ticked boxes). */
  flagged: number;
}

export interface SelfAssessmentAnswer {
  questionId: string;
  /** The step on the edition's scale; null when not (yet) answered or ambiguous. */
  answer: string | null;
  flags: string[];
}

export interface SelfAssessmentText {
  /** The theme (area number of the self-assessment edition). */
  theme: number;
  heading: string | null;
  body: string;
  position: number;
}

export interface KeyFigureInput {
  seriesName: string;
  unit: string | null;
  year: number;
  target: number | null;
  result: number | null;
  /** The theme the series belongs to, when known. */
  theme: number | null;
}

export interface KeyFigureRow extends KeyFigureInput {
  position: number;
}

export interface SelfAssessmentRecord extends SelfAssessmentSummary {
  facts: Record<string, unknown>;
  answers: SelfAssessmentAnswer[];
  texts: SelfAssessmentText[];
  keyFigures: KeyFigureRow[];
}

const isUuid = (id: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

const answeredCount = sql<number>`(select count(*) from ${questionScores}
  where ${questionScores.evaluationId} = ${evaluations.id} and ${questionScores.answer} is not null)`.mapWith(
  Number,
);
const flaggedCount = sql<number>`(select count(*) from ${questionScores}
  where ${questionScores.evaluationId} = ${evaluations.id} and ${questionScores.answer} is null
  and cardinality(${questionScores.flags}) > 0)`.mapWith(Number);

const summaryColumns = {
  id: evaluations.id,
  municipalityCode: evaluations.municipalityCode,
  municipalityName: municipalities.name,
  year: evaluations.year,
  editionId: evaluations.editionId,
  status: evaluations.status,
  source: evaluations.source,
  version: evaluations.version,
  current: evaluations.current,
  updatedAt: evaluations.updatedAt,
  answered: answeredCount,
  flagged: flaggedCount,
};

async function summariesWhere(db: Db, where: SQL | undefined): Promise<SelfAssessmentSummary[]> {
  return db
    .select(summaryColumns)
    .from(evaluations)
    .innerJoin(municipalities, eq(municipalities.code, evaluations.municipalityCode))
    .where(and(eq(evaluations.kind, 'self-assessment'), eq(evaluations.current, true), where))
    .orderBy(desc(evaluations.year), asc(municipalities.name), desc(evaluations.createdAt));
}

export interface SelfAssessmentFilter {
  municipalityCode?: string;
  /** Only submitted ones (review or published). */
  submittedOnly?: boolean;
}

/** Current self-assessments, newest year first. */
export async function listSelfAssessments(
  db: Db,
  filter: SelfAssessmentFilter = {},
): Promise<SelfAssessmentSummary[]> {
  const conditions: SQL[] = [];
  if (filter.municipalityCode) {
    conditions.push(eq(evaluations.municipalityCode, filter.municipalityCode));
  }
  if (filter.submittedOnly) conditions.push(inArray(evaluations.status, [...SUBMITTED_STATUSES]));
  return summariesWhere(db, and(...conditions));
}

/** The current self-assessment of a municipality in a year (any edition), if any. */
export async function findSelfAssessment(
  db: Db,
  key: { municipalityCode: string; year: number },
): Promise<SelfAssessmentSummary | undefined> {
  const [found] = await summariesWhere(
    db,
    and(eq(evaluations.municipalityCode, key.municipalityCode), eq(evaluations.year, key.year)),
  );
  return found;
}

/**
 * The newest submitted self-assessment of a municipality (the one a gap analysis compares with
 * the evaluators' scores), if any.
 */
export async function findLatestSubmittedSelfAssessment(
  db: Db,
  municipalityCode: string,
): Promise<SelfAssessmentSummary | undefined> {
  const [found] = await listSelfAssessments(db, { municipalityCode, submittedOnly: true });
  return found;
}

/** The key-figure rows of a self-assessment, in the order written. */
export async function listKeyFigures(db: Db, evaluationId: string): Promise<KeyFigureRow[]> {
  if (!isUuid(evaluationId)) return [];
  return db
    .select({
      seriesName: keyFigures.seriesName,
      unit: keyFigures.unit,
      year: keyFigures.year,
      target: keyFigures.target,
      result: keyFigures.result,
      theme: keyFigures.areaNumber,
      position: keyFigures.position,
    })
    .from(keyFigures)
    .where(eq(keyFigures.evaluationId, evaluationId))
    .orderBy(asc(keyFigures.position));
}

/** A self-assessment with everything it holds; undefined for an unknown id or another kind. */
export async function getSelfAssessment(
  db: Db,
  id: string,
): Promise<SelfAssessmentRecord | undefined> {
  if (!isUuid(id)) return undefined;
  return db.transaction(
    async (tx) => {
      const [row] = await tx
        .select({ ...summaryColumns, facts: evaluations.facts })
        .from(evaluations)
        .innerJoin(municipalities, eq(municipalities.code, evaluations.municipalityCode))
        .where(and(eq(evaluations.id, id), eq(evaluations.kind, 'self-assessment')));
      if (!row) return undefined;
      const answers = await tx
        .select({
          questionId: questionScores.questionId,
          answer: questionScores.answer,
          flags: questionScores.flags,
        })
        .from(questionScores)
        .where(eq(questionScores.evaluationId, id));
      const texts = await tx
        .select({
          theme: areaTexts.areaNumber,
          heading: areaTexts.heading,
          body: areaTexts.body,
          position: areaTexts.position,
        })
        .from(areaTexts)
        .where(eq(areaTexts.evaluationId, id))
        .orderBy(asc(areaTexts.position));
      return {
        ...row,
        facts: (row.facts ?? {}) as Record<string, unknown>,
        answers: answers.sort((a, b) => compareQuestionIds(a.questionId, b.questionId)),
        texts,
        keyFigures: await listKeyFigures(tx, id),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * Locks the self-assessment for the rest of the transaction, checks that the form was based on
 * the current version and that it is in `status` (a draft to fill in, a submitted one to resolve),
 * then bumps the version. Refuses with StorageError "not-found", "conflict" (frozen) or
 * "stale-version".
 */
export async function lockSelfAssessment(
  tx: Db,
  id: string,
  expectedVersion: number,
  allowed: 'draft' | 'submitted',
): Promise<{ status: EvaluationStatus; version: number; municipalityCode: string }> {
  const [row] = isUuid(id)
    ? await tx
        .select({
          status: evaluations.status,
          version: evaluations.version,
          current: evaluations.current,
          kind: evaluations.kind,
          municipalityCode: evaluations.municipalityCode,
        })
        .from(evaluations)
        .where(eq(evaluations.id, id))
        .for('update')
    : [];
  if (!row || row.kind !== 'self-assessment') {
    throw new StorageError('not-found', `self-assessment ${id} does not exist`);
  }
  if (!row.current) {
    throw new StorageError('conflict', `self-assessment ${id} was superseded and is frozen`);
  }
  if (allowed === 'draft' && isSubmitted(row.status)) {
    throw new StorageError('conflict', `self-assessment ${id} is submitted and frozen`);
  }
  if (allowed === 'submitted' && !isSubmitted(row.status)) {
    throw new StorageError('conflict', `self-assessment ${id} is a draft, not submitted`);
  }
  if (row.version !== expectedVersion) {
    throw new StorageError(
      'stale-version',
      `self-assessment ${id} is at version ${String(row.version)}, the form was based on ${String(expectedVersion)}`,
    );
  }
  const version = row.version + 1;
  await tx
    .update(evaluations)
    .set({ version, updatedAt: new Date() })
    .where(eq(evaluations.id, id));
  return { status: row.status, version, municipalityCode: row.municipalityCode };
}

/** Sets the answer and flags of one question (inserting its row when it has none). */
export async function writeAnswer(
  tx: Db,
  evaluationId: string,
  answer: SelfAssessmentAnswer,
): Promise<void> {
  try {
    await tx
      .insert(questionScores)
      .values({
        evaluationId,
        questionId: answer.questionId,
        points: null,
        answer: answer.answer,
        flags: [...answer.flags],
      })
      .onConflictDoUpdate({
        target: [questionScores.evaluationId, questionScores.questionId],
        set: { answer: answer.answer, flags: [...answer.flags] },
      });
  } catch (error) {
    throw translateWriteError(error, `answer to question ${answer.questionId}`);
  }
}

/** Replaces the narrative of each theme given (one text per theme, no heading; '' removes it). */
export async function replaceThemeTexts(
  tx: Db,
  evaluationId: string,
  texts: ReadonlyMap<number, string>,
): Promise<void> {
  const themes = [...texts.keys()];
  if (themes.length === 0) return;
  await tx
    .delete(areaTexts)
    .where(and(eq(areaTexts.evaluationId, evaluationId), inArray(areaTexts.areaNumber, themes)));
  const rows = [...texts]
    .filter(([, body]) => body.trim() !== '')
    .map(([theme, body]) => ({
      evaluationId,
      areaNumber: theme,
      heading: null,
      body,
      // One text per theme: positions theme × 1000, as the workspace numbers area texts.
      position: theme * 1000,
    }));
  if (rows.length > 0) await tx.insert(areaTexts).values(rows);
}

/** Replaces every key-figure row of a self-assessment with `rows`, in their order. */
export async function replaceKeyFigures(
  tx: Db,
  evaluationId: string,
  rows: readonly KeyFigureInput[],
): Promise<void> {
  await tx.delete(keyFigures).where(eq(keyFigures.evaluationId, evaluationId));
  if (rows.length === 0) return;
  try {
    await tx.insert(keyFigures).values(
      rows.map((row, position) => ({
        evaluationId,
        areaNumber: row.theme,
        seriesName: row.seriesName,
        unit: row.unit,
        year: row.year,
        target: row.target,
        result: row.result,
        position,
      })),
    );
  } catch (error) {
    throw translateWriteError(error, `key figures of self-assessment ${evaluationId}`);
  }
}

/** Sets the status (a draft is submitted: "review"), inside the caller's lock. */
export async function writeSelfAssessmentStatus(
  tx: Db,
  evaluationId: string,
  status: EvaluationStatus,
): Promise<void> {
  await tx
    .update(evaluations)
    .set({ status, updatedAt: new Date() })
    .where(eq(evaluations.id, evaluationId));
}
