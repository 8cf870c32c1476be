/**
 * Submits a self-assessment draft. Rule: every question must have exactly one answer; otherwise
 * nothing changes and the refusal lists each missing question. A submitted self-assessment
 * (status "review", shown as "inskickad") is frozen: a new round is a new self-assessment.
 */
import type { Db } from '../../db/client.ts';
import { StorageError } from '../../db/errors.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import { getEdition } from '../../db/repositories/editions.ts';
import {
  getSelfAssessment,
  lockSelfAssessment,
  writeSelfAssessmentStatus,
} from '../../db/repositories/self-assessments.ts';
import { missingAnswers, type MissingAnswer } from './rules.ts';

export interface SubmitSelfAssessmentInput {
  actorUserId: string | null;
  evaluationId: string;
  expectedVersion: number;
}

export type SubmitOutcome = { ok: true; version: number } | { ok: false; missing: MissingAnswer[] };

export async function submitSelfAssessment(
  db: Db,
  input: SubmitSelfAssessmentInput,
): Promise<SubmitOutcome> {
  return db
    .transaction(async (tx) => {
      const locked = await lockSelfAssessment(
        tx,
        input.evaluationId,
        input.expectedVersion,
        'draft',
      );
      const record = await getSelfAssessment(tx, input.evaluationId);
      if (!record) throw new StorageError('not-found', `self-assessment ${input.evaluationId}`);
      const edition = await getEdition(tx, record.editionId);
      if (!edition) throw new StorageError('not-found', `edition ${record.editionId}`);
      const missing = missingAnswers(edition.definition, record.answers);
      if (missing.length > 0) {
        // Nothing may change: undo the version bump of the lock.
        throw new SubmitRefused(missing);
      }
      await writeSelfAssessmentStatus(tx, input.evaluationId, 'review');
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: 'self-assessment.submit',
        entityType: 'evaluation',
        entityId: input.evaluationId,
        evaluationId: input.evaluationId,
        field: 'status',
        oldValue: locked.status,
        newValue: 'review',
      });
      return { ok: true as const, version: locked.version };
    })
    .catch((error: unknown) => {
      if (error instanceof SubmitRefused) return { ok: false as const, missing: error.missing };
      throw error;
    });
}

/** Rolls the submit's transaction back (the lock bumped the version). */
class SubmitRefused extends Error {
  constructor(readonly missing: MissingAnswer[]) {
    super(`${String(missing.length)} question(s) unanswered`);
  }
}
