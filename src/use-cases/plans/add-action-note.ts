/**
 * Adds a dated progress note to an action. Adding never overwrites anyone's work, so it takes
 * no version; it is audited with its date and text in the same transaction.
 */
import type { Db } from '../../db/client.ts';
import { getAction, insertActionNote } from '../../db/repositories/actions.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import { StorageError } from '../../db/errors.ts';
import { refused, type FieldIssue, type Outcome } from '../workspace-outcome.ts';
import { isIsoDate } from './action-input.ts';

export interface AddActionNoteInput {
  actorUserId: string | null;
  actionId: string;
  notedOn: string;
  body: string;
}

export async function addActionNote(
  db: Db,
  input: AddActionNoteInput,
): Promise<Outcome<{ id: string }>> {
  const notedOn = input.notedOn.trim();
  const body = input.body.trim();
  const issues: FieldIssue[] = [];
  if (!isIsoDate(notedOn)) {
    issues.push({
      field: 'notedOn',
      message: 'Skriv anteckningens datum som ÅÅÅÅ-MM-DD, till exempel 2026-05-15.',
    });
  }
  if (body === '') {
    issues.push({ field: 'body', message: 'Skriv vad som har hänt sedan förra anteckningen.' });
  } else if (body.length > 4000) {
    issues.push({ field: 'body', message: 'Anteckningen får vara högst 4 000 tecken. Korta den.' });
  }
  if (issues.length > 0) return refused(issues);
  const action = await getAction(db, input.actionId);
  if (!action) throw new StorageError('not-found', `action ${input.actionId} does not exist`);
  return db.transaction(async (tx) => {
    const note = await insertActionNote(tx, {
      actionId: action.id,
      notedOn,
      body,
      authorUserId: input.actorUserId,
    });
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'action.note',
      entityType: 'action',
      entityId: action.id,
      field: 'notes',
      newValue: { notedOn, body },
    });
    return { ok: true, value: note };
  });
}
