/**
 * Resolves an answer an imported application left open (two ticked boxes, none, an unclear row):
 * someone of the municipality (or an admin) chooses the answer and says why. The answer and its
 * flags (each marked "resolved-…") change in one transaction with two audit entries that carry
 * who and the reason. Only open answers of a submitted self-assessment can be resolved.
 */
import type { Db } from '../../db/client.ts';
import { StorageError } from '../../db/errors.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import { getEdition } from '../../db/repositories/editions.ts';
import {
  getSelfAssessment,
  lockSelfAssessment,
  writeAnswer,
} from '../../db/repositories/self-assessments.ts';
import { refused, type FieldIssue, type Outcome } from '../workspace-outcome.ts';
import { needsResolution, resolvedFlags, scaleOf } from './rules.ts';

export const MAX_REASON = 2000;

export interface ResolveAnswerInput {
  actorUserId: string | null;
  evaluationId: string;
  expectedVersion: number;
  questionId: string;
  answer: string;
  reason: string;
}

export async function resolveAnswer(
  db: Db,
  input: ResolveAnswerInput,
): Promise<Outcome<{ version: number }>> {
  const record = await getSelfAssessment(db, input.evaluationId);
  if (!record) throw new StorageError('not-found', `self-assessment ${input.evaluationId}`);
  const edition = await getEdition(db, record.editionId);
  if (!edition) throw new StorageError('not-found', `edition ${record.editionId}`);
  const known = edition.definition.areas.some((area) =>
    area.questions.some((question) => question.id === input.questionId),
  );
  if (!known) {
    throw new StorageError('not-found', `question ${input.questionId} in ${record.editionId}`);
  }
  const scale = scaleOf(edition.definition);
  const issues: FieldIssue[] = [];
  const answer = input.answer.trim();
  const reason = input.reason.trim();
  if (!scale.includes(answer)) {
    issues.push({
      field: 'answer',
      message: `Välj svaret på fråga ${input.questionId}: ett av ${scale.join(', ')}.`,
    });
  }
  if (reason === '') {
    issues.push({
      field: 'reason',
      message: 'Skriv varför svaret är det rätta, till exempel vem som bekräftade det.',
    });
  } else if (reason.length > MAX_REASON) {
    issues.push({
      field: 'reason',
      message: `Motiveringen är ${String(reason.length)} tecken. Korta den till högst ${String(MAX_REASON)}.`,
    });
  }
  if (issues.length > 0) return refused(issues);

  const version = await db.transaction(async (tx) => {
    const locked = await lockSelfAssessment(
      tx,
      input.evaluationId,
      input.expectedVersion,
      'submitted',
    );
    const current = (await getSelfAssessment(tx, input.evaluationId))?.answers.find(
      (item) => item.questionId === input.questionId,
    );
    if (!current || !needsResolution(current)) {
      throw new StorageError(
        'conflict',
        `question ${input.questionId} of self-assessment ${input.evaluationId} has no open answer to resolve`,
      );
    }
    const flags = resolvedFlags(current.flags);
    await writeAnswer(tx, input.evaluationId, { questionId: input.questionId, answer, flags });
    const base = {
      actorUserId: input.actorUserId,
      action: 'self-assessment.resolve',
      entityType: 'question_score',
      entityId: `${input.evaluationId}/${input.questionId}`,
      evaluationId: input.evaluationId,
      reason,
    };
    await recordAudit(tx, [
      { ...base, field: 'answer', oldValue: current.answer, newValue: answer },
      { ...base, field: 'flags', oldValue: current.flags, newValue: flags },
    ]);
    return locked.version;
  });
  return { ok: true, value: { version } };
}
