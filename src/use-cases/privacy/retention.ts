/**
 * How long interview names and notes are kept: a number of months after an evaluation is
 * published, set by an admin in `settings` under `interview-retention-months` (JSON number).
 * Unset means no automatic erasure. Changing it is audited.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import { settings } from '../../db/schema.ts';
import { refused, type Outcome } from '../workspace-outcome.ts';

export const RETENTION_KEY = 'interview-retention-months';
export const RETENTION_MIN_MONTHS = 1;
/** Fifty years: longer is a typo, not a policy. */
export const RETENTION_MAX_MONTHS = 600;

/** The retention period in months, or null when none is set. */
export async function getRetentionMonths(db: Db): Promise<number | null> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, RETENTION_KEY));
  const value = row?.value;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

export interface SetRetentionInput {
  /** Whole months, or null to remove the period (no automatic erasure). */
  months: number | null;
  actorUserId: string | null;
}

/** Checks the months: a whole number from 1 to 600 (or null). */
export function retentionIssue(months: number | null): string | null {
  if (months === null) return null;
  if (!Number.isInteger(months) || months < RETENTION_MIN_MONTHS || months > RETENTION_MAX_MONTHS) {
    return `Ange ett helt antal månader mellan ${String(RETENTION_MIN_MONTHS)} och ${String(RETENTION_MAX_MONTHS)}.`;
  }
  return null;
}

/** Sets (or with null removes) the retention period; audited as `setting.update`. */
export async function setRetentionMonths(
  db: Db,
  input: SetRetentionInput,
): Promise<Outcome<{ months: number | null; previous: number | null }>> {
  const issue = retentionIssue(input.months);
  if (issue) return refused([{ field: 'months', message: issue }]);
  return db.transaction(async (tx) => {
    const previous = await getRetentionMonths(tx);
    if (input.months === null) {
      await tx.delete(settings).where(eq(settings.key, RETENTION_KEY));
    } else {
      await tx
        .insert(settings)
        .values({ key: RETENTION_KEY, value: input.months, updatedBy: input.actorUserId })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value: input.months, updatedBy: input.actorUserId, updatedAt: sql`now()` },
        });
    }
    if (previous !== input.months) {
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: 'setting.update',
        entityType: 'setting',
        entityId: RETENTION_KEY,
        oldValue: previous,
        newValue: input.months,
      });
    }
    return { ok: true as const, value: { months: input.months, previous } };
  });
}
