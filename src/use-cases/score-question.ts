/**
 * Scores one question: points in steps of 0.5 from 0 to the question's max, the justification
 * and the evidence (sources and interviews of the same evaluation). Rule: a justification is
 * required whenever points are given; clearing the points ("not scored") needs none.
 *
 * The form's version is checked (optimistic locking) and every changed field gets its own audit
 * entry in the same transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { StorageError } from '../db/errors.ts';
import { recordAudit, type AuditEntry } from '../db/repositories/audit.ts';
import { getEdition } from '../db/repositories/editions.ts';
import {
  listEvidence,
  listInterviews,
  listSources,
  replaceEvidence,
} from '../db/repositories/sources.ts';
import {
  getWorkspaceEvaluation,
  lockForEdit,
  writeQuestionScore,
} from '../db/repositories/workspace.ts';
import { questionScores } from '../db/schema.ts';
import { findQuestion } from '../domain/framework/index.ts';
import { checkPoints, isOnHalfPointGrid } from '../domain/scoring/index.ts';
import { refused, type FieldIssue, type Outcome } from './workspace-outcome.ts';

export interface ScoreQuestionInput {
  actorUserId: string;
  evaluationId: string;
  /** The evaluation version the form was based on. */
  expectedVersion: number;
  questionId: string;
  /** null: not scored (clears the points). */
  points: number | null;
  justification: string;
  sourceIds: readonly string[];
  interviewIds: readonly string[];
}

const swedishNumber = (value: number) => String(value).replace('.', ',');

/** Why `points` cannot be given to a question of `max` points, in Swedish; null when fine. */
export function pointsProblem(points: number, max: number | null): string | null {
  const upper = max ?? 100;
  if (checkPoints(points, max) !== null) {
    return `Poängen ${swedishNumber(points)} ligger utanför 0–${swedishNumber(upper)}. Ge mellan 0 och ${swedishNumber(upper)} poäng.`;
  }
  if (!isOnHalfPointGrid(points)) {
    return `Poängen ${swedishNumber(points)} är inte ett halvt eller helt tal. Ge poäng i steg om 0,5, till exempel 7 eller 7,5.`;
  }
  return null;
}

export async function scoreQuestion(
  db: Db,
  input: ScoreQuestionInput,
): Promise<Outcome<{ version: number }>> {
  const evaluation = await getWorkspaceEvaluation(db, input.evaluationId);
  if (!evaluation) throw new StorageError('not-found', `evaluation ${input.evaluationId}`);
  const edition = await getEdition(db, evaluation.editionId);
  const question = edition
    ? findQuestion(edition.definition, input.questionId)?.question
    : undefined;
  if (!question) {
    throw new StorageError('not-found', `question ${input.questionId} in ${evaluation.editionId}`);
  }
  const issues: FieldIssue[] = [];
  const justification = input.justification.trim();
  if (input.points !== null) {
    const problem = pointsProblem(input.points, question.max);
    if (problem) issues.push({ field: 'points', message: problem });
    if (justification === '') {
      issues.push({
        field: 'justification',
        message: 'Skriv en motivering: den krävs när frågan får poäng.',
      });
    }
  }
  const knownSources = new Set((await listSources(db, input.evaluationId)).map((s) => s.id));
  const knownInterviews = new Set((await listInterviews(db, input.evaluationId)).map((i) => i.id));
  if (
    input.sourceIds.some((id) => !knownSources.has(id)) ||
    input.interviewIds.some((id) => !knownInterviews.has(id))
  ) {
    issues.push({
      field: 'evidence',
      message: 'Välj underlag som hör till den här utvärderingen.',
    });
  }
  if (issues.length > 0) return refused(issues);

  const version = await db.transaction(async (tx) => {
    const locked = await lockForEdit(tx, input.evaluationId, input.expectedVersion);
    const [before] = await tx
      .select({ points: questionScores.points, justification: questionScores.justification })
      .from(questionScores)
      .where(
        and(
          eq(questionScores.evaluationId, input.evaluationId),
          eq(questionScores.questionId, input.questionId),
        ),
      );
    const oldEvidence = (await listEvidence(tx, input.evaluationId)).get(input.questionId) ?? {
      sourceIds: [],
      interviewIds: [],
    };
    const newEvidence = {
      sourceIds: [...new Set(input.sourceIds)].sort(),
      interviewIds: [...new Set(input.interviewIds)].sort(),
    };
    const newJustification = justification === '' ? null : justification;
    await writeQuestionScore(tx, input.evaluationId, {
      questionId: input.questionId,
      points: input.points,
      justification: newJustification,
    });
    await replaceEvidence(tx, input.evaluationId, input.questionId, newEvidence);
    const base = {
      actorUserId: input.actorUserId,
      entityType: 'question_score',
      entityId: `${input.evaluationId}/${input.questionId}`,
      evaluationId: input.evaluationId,
    };
    const entries: AuditEntry[] = [];
    if ((before?.points ?? null) !== input.points) {
      entries.push({
        ...base,
        action: 'score.update',
        field: 'points',
        oldValue: before?.points ?? null,
        newValue: input.points,
      });
    }
    if ((before?.justification ?? null) !== newJustification) {
      entries.push({
        ...base,
        action: 'score.update',
        field: 'justification',
        oldValue: before?.justification ?? null,
        newValue: newJustification,
      });
    }
    if (JSON.stringify(oldEvidence) !== JSON.stringify(newEvidence)) {
      entries.push({
        ...base,
        action: 'evidence.update',
        field: 'evidence',
        oldValue: oldEvidence,
        newValue: newEvidence,
      });
    }
    await recordAudit(tx, entries);
    return locked.version;
  });
  return { ok: true, value: { version } };
}
