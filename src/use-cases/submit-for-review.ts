/** A draft goes to review: the team says it is ready to be checked before publishing. */
import type { Db } from '../db/client.ts';
import { changeStatus, type WorkflowCommand, type WorkflowOutcome } from './publish-evaluation.ts';

/**
 * Moves a draft to review and records who did it. Refuses anything not a draft.
 *
 * @example
 * await submitForReview(db, { evaluationId, expectedVersion: 1, actorUserId: user.id });
 */
export function submitForReview(db: Db, command: WorkflowCommand): Promise<WorkflowOutcome> {
  return changeStatus(db, 'submit', command);
}
