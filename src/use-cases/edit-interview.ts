/**
 * Edits an interview: date, category, the optional name and the notes. Checks the form's version
 * (optimistic locking). Names and notes are personal data, so the audit entry holds the old and
 * new date and category only, and for the name and the notes no more than THAT they changed:
 * the history page never spreads them further (as when the interview was recorded).
 */
import type { Db } from '../db/client.ts';
import { StorageError } from '../db/errors.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import {
  getInterview,
  updateInterview,
  type InterviewChanges,
} from '../db/repositories/sources.ts';
import { lockForEdit } from '../db/repositories/workspace.ts';

export interface EditInterviewInput extends InterviewChanges {
  actorUserId: string;
  evaluationId: string;
  /** The evaluation version the form was based on. */
  expectedVersion: number;
  interviewId: string;
}

export async function editInterview(
  db: Db,
  input: EditInterviewInput,
): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const locked = await lockForEdit(tx, input.evaluationId, input.expectedVersion);
    const before = await getInterview(tx, input.evaluationId, input.interviewId);
    if (!before) throw new StorageError('not-found', `no interview ${input.interviewId}`);
    const after = await updateInterview(tx, input.evaluationId, input.interviewId, {
      heldOn: input.heldOn,
      category: input.category,
      name: input.name,
      notes: input.notes,
    });
    if (!after) throw new StorageError('not-found', `no interview ${input.interviewId}`);
    const changed = (['heldOn', 'category', 'name', 'notes'] as const).filter(
      (key) => before[key] !== after[key],
    );
    if (changed.length > 0) {
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: 'interview.update',
        entityType: 'interview',
        entityId: input.interviewId,
        evaluationId: input.evaluationId,
        field: changed.join(','),
        // Date and category only: never the name or the notes.
        oldValue: { heldOn: before.heldOn, category: before.category },
        newValue: { heldOn: after.heldOn, category: after.category },
      });
    }
    return { version: locked.version };
  });
}
