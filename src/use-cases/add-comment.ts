/**
 * Adds a comment to an evaluation: a municipality user commenting on a draft shared with its
 * kommun or on its published evaluation, or the team replying. Optionally about one area or one
 * question of the evaluation's edition. The caller has checked `evaluation.comment`.
 *
 * A comment changes nothing the team edits, so it takes no version and does not bump it (the
 * team's open forms stay valid), and it works on a published evaluation too. It is audited in
 * the same transaction: who, when, where, and the text.
 */
import type { Db } from '../db/client.ts';
import { StorageError } from '../db/errors.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { insertComment } from '../db/repositories/comments.ts';
import { getEdition } from '../db/repositories/editions.ts';
import { getWorkspaceEvaluation } from '../db/repositories/workspace.ts';
import { findQuestion } from '../domain/framework/index.ts';
import { refused, type FieldIssue, type Outcome } from './workspace-outcome.ts';

/** The longest comment, in characters (the database says the same). */
export const COMMENT_MAX_LENGTH = 4000;

export interface AddCommentInput {
  actorUserId: string;
  evaluationId: string;
  body: string;
  /** The area the comment is about, or null for the whole evaluation. */
  areaNumber: number | null;
  /** The question the comment is about (its area is implied), or null. */
  questionId: string | null;
}

export async function addComment(db: Db, input: AddCommentInput): Promise<Outcome<{ id: string }>> {
  const evaluation = await getWorkspaceEvaluation(db, input.evaluationId);
  if (!evaluation) throw new StorageError('not-found', `evaluation ${input.evaluationId}`);
  const edition = (await getEdition(db, evaluation.editionId))?.definition;
  if (!edition) throw new Error(`evaluation ${evaluation.id} names a missing edition`);

  const issues: FieldIssue[] = [];
  const body = input.body.trim();
  if (body === '') {
    issues.push({ field: 'body', message: 'Skriv en kommentar: fältet är tomt.' });
  } else if (body.length > COMMENT_MAX_LENGTH) {
    issues.push({
      field: 'body',
      message: `Kommentaren är ${String(body.length)} tecken lång. Korta den till högst ${String(COMMENT_MAX_LENGTH)} tecken.`,
    });
  }
  let areaNumber = input.areaNumber;
  const questionId = input.questionId;
  if (questionId !== null) {
    const found = findQuestion(edition, questionId);
    if (!found || (areaNumber !== null && found.area.number !== areaNumber)) {
      issues.push({
        field: 'target',
        message: `Fråga ${questionId} finns inte i utvärderingens utgåva. Välj en fråga i listan eller hela utvärderingen.`,
      });
    } else {
      areaNumber = found.area.number;
    }
  } else if (areaNumber !== null && !edition.areas.some((area) => area.number === areaNumber)) {
    issues.push({
      field: 'target',
      message: `Område ${String(areaNumber)} finns inte i utvärderingens utgåva. Välj ett område i listan eller hela utvärderingen.`,
    });
  }
  if (issues.length > 0) return refused(issues);

  const created = await db.transaction(async (tx) => {
    const row = await insertComment(tx, {
      evaluationId: evaluation.id,
      authorUserId: input.actorUserId,
      areaNumber,
      questionId,
      body,
    });
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'comment.add',
      entityType: 'comment',
      entityId: row.id,
      evaluationId: evaluation.id,
      newValue: { areaNumber, questionId, body },
    });
    return row;
  });
  return { ok: true, value: created };
}
