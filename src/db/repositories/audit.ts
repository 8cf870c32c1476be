/**
 * The audit trail. A writer records who changed what INSIDE its own transaction, so the entry and
 * the change commit together or not at all (no global hook, no second connection):
 *
 * @example
 * await db.transaction(async (tx) => {
 *   const before = await readPoints(tx, evaluationId, '2.4');
 *   await writePoints(tx, evaluationId, '2.4', 3.5);
 *   await recordAudit(tx, {
 *     actorUserId: viewer.userId,
 *     action: 'score.update',
 *     entityType: 'question_score',
 *     entityId: `${evaluationId}/2.4`,
 *     evaluationId,
 *     field: 'points',
 *     oldValue: before,
 *     newValue: 3.5,
 *   });
 * });
 *
 * Never put secrets (password hashes, tokens) in `oldValue` / `newValue`.
 */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { translateWriteError } from '../errors.ts';
import { auditLog, users } from '../schema.ts';

export interface AuditEntry {
  /** Who did it; null for the system and the command line. */
  actorUserId: string | null;
  /** Dotted verb, e.g. "score.update", "evaluation.publish", "user.create". */
  action: string;
  /** What kind of thing changed, e.g. "evaluation", "question_score", "user". */
  entityType: string;
  entityId: string;
  /** The evaluation the change belongs to, so its history page finds it. */
  evaluationId?: string | null;
  /** The field or path inside the entity, e.g. "points" or "status". */
  field?: string | null;
  /** Any JSON value; undefined and null are stored as "no value". */
  oldValue?: unknown;
  newValue?: unknown;
  /** Why, when the writer was asked (a correction of a published evaluation). */
  reason?: string | null;
}

export interface AuditRecord {
  id: number;
  at: Date;
  actor: { id: string; email: string; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  evaluationId: string | null;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
}

/**
 * Appends one or more audit entries through `tx` (pass the writer's transaction). Entries of one
 * call share the transaction's time and keep their order.
 */
export async function recordAudit(
  tx: Db,
  entry: AuditEntry | readonly AuditEntry[],
): Promise<void> {
  const entries = Array.isArray(entry) ? (entry as readonly AuditEntry[]) : [entry as AuditEntry];
  if (entries.length === 0) return;
  try {
    await tx.insert(auditLog).values(
      entries.map((item) => ({
        actorUserId: item.actorUserId,
        action: item.action,
        entityType: item.entityType,
        entityId: item.entityId,
        evaluationId: item.evaluationId ?? null,
        field: item.field ?? null,
        oldValue: item.oldValue ?? null,
        newValue: item.newValue ?? null,
        reason: item.reason ?? null,
      })),
    );
  } catch (error) {
    throw translateWriteError(error, `audit entry "${entries[0]?.action ?? ''}"`);
  }
}

export interface AuditQuery {
  evaluationId?: string;
  entityType?: string;
  entityId?: string;
  /** At most this many, oldest first (default 1000). */
  limit?: number;
}

/** Audit entries, oldest first, with the actor's name when there was one. */
export async function listAudit(db: Db, query: AuditQuery): Promise<AuditRecord[]> {
  const conditions: SQL[] = [];
  if (query.evaluationId !== undefined)
    conditions.push(eq(auditLog.evaluationId, query.evaluationId));
  if (query.entityType !== undefined) conditions.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId !== undefined) conditions.push(eq(auditLog.entityId, query.entityId));
  const rows = await db
    .select({
      entry: auditLog,
      actorId: users.id,
      actorEmail: users.email,
      actorName: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...conditions))
    .orderBy(asc(auditLog.id))
    .limit(query.limit ?? 1000);
  return rows.map(({ entry, actorId, actorEmail, actorName }) => ({
    id: Number(entry.id),
    at: entry.at,
    actor:
      actorId !== null && actorEmail !== null && actorName !== null
        ? { id: actorId, email: actorEmail, displayName: actorName }
        : null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    evaluationId: entry.evaluationId,
    field: entry.field,
    oldValue: entry.oldValue,
    newValue: entry.newValue,
    reason: entry.reason,
  }));
}
