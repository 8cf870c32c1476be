/**
 * Action plans: a municipality's actions on the improvement areas of a published evaluation,
 * and their dated progress notes. Writers take the caller's transaction (the use case also
 * records the audit entries); readers take `db`.
 *
 * Optimistic locking: `lockAction(tx, id, expectedVersion)` locks the row, refuses a stale
 * version (StorageError "stale-version") and the caller writes `version + 1`.
 */
import { and, asc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { StorageError, translateWriteError } from '../errors.ts';
import { actionNotes, actions, users, type ACTION_STATUSES } from '../schema.ts';
import { isUuid } from './workspace.ts';

export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The fields a person edits. */
export interface ActionFields {
  title: string;
  description: string;
  owner: string;
  startsOn: string | null;
  dueOn: string | null;
  status: ActionStatus;
}

export interface NewAction extends ActionFields {
  municipalityCode: string;
  evaluationId: string;
  areaNumber: number;
  findingId: string | null;
  improvementText: string;
  createdBy: string | null;
}

export interface Action extends NewAction {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ActionNote {
  id: string;
  actionId: string;
  notedOn: string;
  body: string;
  author: string | null;
  createdAt: Date;
}

const actionColumns = {
  id: actions.id,
  municipalityCode: actions.municipalityCode,
  evaluationId: actions.evaluationId,
  areaNumber: actions.areaNumber,
  findingId: actions.findingId,
  improvementText: actions.improvementText,
  title: actions.title,
  description: actions.description,
  owner: actions.owner,
  startsOn: actions.startsOn,
  dueOn: actions.dueOn,
  status: actions.status,
  version: actions.version,
  createdBy: actions.createdBy,
  createdAt: actions.createdAt,
  updatedAt: actions.updatedAt,
};

export async function insertAction(tx: Db, input: NewAction): Promise<Action> {
  try {
    const [row] = await tx.insert(actions).values(input).returning(actionColumns);
    if (!row) throw new Error('inserting an action returned no row');
    return row;
  } catch (error) {
    throw translateWriteError(error, `action "${input.title}"`);
  }
}

export async function getAction(db: Db, id: string): Promise<Action | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select(actionColumns).from(actions).where(eq(actions.id, id));
  return row;
}

/** Locks the action for the rest of the transaction and checks the form's version. */
export async function lockAction(tx: Db, id: string, expectedVersion: number): Promise<Action> {
  const [row] = isUuid(id)
    ? await tx.select(actionColumns).from(actions).where(eq(actions.id, id)).for('update')
    : [];
  if (!row) throw new StorageError('not-found', `action ${id} does not exist`);
  if (row.version !== expectedVersion) {
    throw new StorageError(
      'stale-version',
      `action ${id} is at version ${String(row.version)}, the form was based on ${String(expectedVersion)}`,
    );
  }
  return row;
}

/** Writes the edited fields and the next version (after `lockAction`). */
export async function writeAction(
  tx: Db,
  id: string,
  fields: ActionFields,
  version: number,
): Promise<Action> {
  try {
    const [row] = await tx
      .update(actions)
      .set({ ...fields, version, updatedAt: new Date() })
      .where(eq(actions.id, id))
      .returning(actionColumns);
    if (!row) throw new StorageError('not-found', `action ${id} does not exist`);
    return row;
  } catch (error) {
    throw translateWriteError(error, `action ${id}`);
  }
}

export interface ActionFilter {
  evaluationIds?: readonly string[];
  municipalityCode?: string;
  /** Only actions due before this ISO date and still planned or ongoing. */
  overdueOn?: string;
}

/** Actions matching the filter, by due date (undated last), then title. */
export async function listActions(db: Db, filter: ActionFilter = {}): Promise<Action[]> {
  const conditions: SQL[] = [];
  if (filter.evaluationIds) {
    if (filter.evaluationIds.length === 0) return [];
    conditions.push(inArray(actions.evaluationId, [...filter.evaluationIds]));
  }
  if (filter.municipalityCode)
    conditions.push(eq(actions.municipalityCode, filter.municipalityCode));
  if (filter.overdueOn) {
    conditions.push(lt(actions.dueOn, filter.overdueOn));
    conditions.push(inArray(actions.status, ['planned', 'ongoing']));
  }
  return db
    .select(actionColumns)
    .from(actions)
    .where(and(...conditions))
    .orderBy(
      asc(actions.municipalityCode),
      asc(actions.dueOn),
      asc(actions.title),
      asc(actions.id),
    );
}

export async function insertActionNote(
  tx: Db,
  input: { actionId: string; notedOn: string; body: string; authorUserId: string | null },
): Promise<{ id: string }> {
  try {
    const [row] = await tx.insert(actionNotes).values(input).returning({ id: actionNotes.id });
    if (!row) throw new Error('inserting a note returned no row');
    return row;
  } catch (error) {
    throw translateWriteError(error, `note on action ${input.actionId}`);
  }
}

/** The notes of these actions, oldest date first, by action id. */
export async function listActionNotes(
  db: Db,
  actionIds: readonly string[],
): Promise<Map<string, ActionNote[]>> {
  const byAction = new Map<string, ActionNote[]>();
  if (actionIds.length === 0) return byAction;
  const rows = await db
    .select({
      id: actionNotes.id,
      actionId: actionNotes.actionId,
      notedOn: actionNotes.notedOn,
      body: actionNotes.body,
      author: users.displayName,
      createdAt: actionNotes.createdAt,
    })
    .from(actionNotes)
    .leftJoin(users, eq(users.id, actionNotes.authorUserId))
    .where(inArray(actionNotes.actionId, [...actionIds]))
    .orderBy(asc(actionNotes.notedOn), asc(actionNotes.createdAt));
  for (const row of rows) {
    const list = byAction.get(row.actionId) ?? [];
    list.push(row);
    byAction.set(row.actionId, list);
  }
  return byAction;
}
