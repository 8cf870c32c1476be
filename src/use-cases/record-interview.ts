/**
 * Records an interview. Names and notes are personal data: they are stored in `interviews`, read
 * only by the team and admins, and kept OUT of the audit trail (its entry holds the date and the
 * category, so the history page never spreads them further).
 */
import type { Db } from '../db/client.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { insertInterview, type Interview, type NewInterview } from '../db/repositories/sources.ts';
import { lockForEdit } from '../db/repositories/workspace.ts';

export interface RecordInterviewInput extends Omit<NewInterview, 'createdBy'> {
  actorUserId: string;
}

export async function recordInterview(db: Db, input: RecordInterviewInput): Promise<Interview> {
  return db.transaction(async (tx) => {
    await lockForEdit(tx, input.evaluationId, undefined);
    const { actorUserId, ...fields } = input;
    const interview = await insertInterview(tx, { ...fields, createdBy: actorUserId });
    await recordAudit(tx, {
      actorUserId,
      action: 'interview.add',
      entityType: 'interview',
      entityId: interview.id,
      evaluationId: input.evaluationId,
      newValue: { heldOn: interview.heldOn, category: interview.category },
    });
    return interview;
  });
}
