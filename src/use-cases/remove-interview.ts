/**
 * Removes an interview (and its evidence links): how a wrongly recorded name or note is erased.
 * Checks the form's version; the audit entry keeps the date and category only, never the name
 * or the notes.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { StorageError } from '../db/errors.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { isUuid, lockForEdit } from '../db/repositories/workspace.ts';
import { interviews } from '../db/schema.ts';

export interface RemoveInterviewInput {
  actorUserId: string;
  evaluationId: string;
  expectedVersion: number;
  interviewId: string;
}

export async function removeInterview(
  db: Db,
  input: RemoveInterviewInput,
): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const locked = await lockForEdit(tx, input.evaluationId, input.expectedVersion);
    const [removed] = isUuid(input.interviewId)
      ? await tx
          .delete(interviews)
          .where(
            and(
              eq(interviews.id, input.interviewId),
              eq(interviews.evaluationId, input.evaluationId),
            ),
          )
          .returning({ heldOn: interviews.heldOn, category: interviews.category })
      : [];
    if (!removed) throw new StorageError('not-found', `no interview ${input.interviewId}`);
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'interview.remove',
      entityType: 'interview',
      entityId: input.interviewId,
      evaluationId: input.evaluationId,
      oldValue: removed,
    });
    return { version: locked.version };
  });
}
