/** An evaluation under review goes back to the team as a draft (with a reason, when given). */
import type { Db } from '../db/client.ts';
import { changeStatus, type WorkflowCommand, type WorkflowOutcome } from './publish-evaluation.ts';

/**
 * Moves an evaluation under review back to draft and records who did it and why.
 *
 * @example
 * await returnToDraft(db, { evaluationId, expectedVersion: 2, actorUserId, reason: 'Område 3' });
 */
export function returnToDraft(db: Db, command: WorkflowCommand): Promise<WorkflowOutcome> {
  return changeStatus(db, 'return', command);
}
