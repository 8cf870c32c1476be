/**
 * Changes an action's fields (what, description, owner, dates, status) from a form based on
 * `expectedVersion`: a stale form is refused (StorageError "stale-version") and nothing changes.
 * Each changed field gets its own audit entry (old and new value) in the same transaction.
 */
import type { Db } from '../../db/client.ts';
import {
  lockAction,
  writeAction,
  type Action,
  type ActionFields,
} from '../../db/repositories/actions.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import { refused, type Outcome } from '../workspace-outcome.ts';
import { validateActionFields, type ActionFieldsInput } from './action-input.ts';

export interface UpdateActionInput extends ActionFieldsInput {
  actorUserId: string | null;
  actionId: string;
  expectedVersion: number;
}

const FIELDS: ReadonlyArray<keyof ActionFields> = [
  'title',
  'description',
  'owner',
  'startsOn',
  'dueOn',
  'status',
];

export async function updateAction(db: Db, input: UpdateActionInput): Promise<Outcome<Action>> {
  const validated = validateActionFields(input);
  if (!validated.ok) return refused(validated.issues);
  const fields = validated.fields;
  return db.transaction(async (tx) => {
    const before = await lockAction(tx, input.actionId, input.expectedVersion);
    const changed = FIELDS.filter((name) => before[name] !== fields[name]);
    if (changed.length === 0) return { ok: true, value: before };
    const action = await writeAction(tx, before.id, fields, before.version + 1);
    await recordAudit(
      tx,
      changed.map((name) => ({
        actorUserId: input.actorUserId,
        action: name === 'status' ? 'action.status' : 'action.update',
        entityType: 'action',
        entityId: before.id,
        field: name,
        oldValue: before[name],
        newValue: fields[name],
      })),
    );
    return { ok: true, value: action };
  });
}
