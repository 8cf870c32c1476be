/**
 * Erases the personal data of an evaluation's interviews (GDPR): every interviewee's name
 * becomes null and every note empty, the evaluation records when (`personal_data_erased_at`),
 * and audit entries that carry a name or a note are scrubbed. Dates, categories, the evidence
 * links, scores and findings stay. One transaction per evaluation, audited as `interview.erase`
 * with counts only.
 *
 * Either on request (`eraseInterviewData`) or for every published evaluation whose retention
 * period has run out (`eraseExpiredInterviewData`): the clock starts at publication, so work in
 * progress is never erased automatically.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { StorageError } from '../../db/errors.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import { isUuid } from '../../db/repositories/workspace.ts';
import { auditLog, evaluations, interviews, municipalities } from '../../db/schema.ts';
import { getRetentionMonths } from './retention.ts';

/** What an erased name or note is replaced by inside old audit entries. */
export const ERASED_MARKER = '[raderat]';

export type ErasureReason = 'request' | 'retention';

export interface Erasure {
  evaluationId: string;
  municipalityCode: string;
  municipalityName: string;
  year: number;
  /** Interviews whose name or notes were erased now. */
  interviewsErased: number;
  /** Old audit entries from which a name or a note was removed. */
  auditEntriesScrubbed: number;
  erasedAt: Date;
}

export interface EraseInput {
  evaluationId: string;
  actorUserId: string | null;
  reason: ErasureReason;
  now?: Date;
}

/** Interview entries keep no name or notes; any other value loses the personal strings. */
function scrub(value: unknown, personal: readonly string[], interviewEntry: boolean): unknown {
  if (typeof value === 'string') {
    return personal.reduce((text, item) => text.split(item).join(ERASED_MARKER), value);
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, personal, interviewEntry));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !(interviewEntry && (key === 'name' || key === 'notes')))
        .map(([key, item]) => [key, scrub(item, personal, interviewEntry)]),
    );
  }
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function eraseIn(tx: Db, input: EraseInput): Promise<Erasure> {
  const now = input.now ?? new Date();
  const [evaluation] = isUuid(input.evaluationId)
    ? await tx
        .select({
          id: evaluations.id,
          municipalityCode: evaluations.municipalityCode,
          municipalityName: municipalities.name,
          year: evaluations.year,
        })
        .from(evaluations)
        .innerJoin(municipalities, eq(municipalities.code, evaluations.municipalityCode))
        .where(eq(evaluations.id, input.evaluationId))
        .for('update', { of: evaluations })
    : [];
  if (!evaluation) {
    throw new StorageError('not-found', `evaluation ${input.evaluationId} does not exist`);
  }
  const held = await tx
    .select({ id: interviews.id, name: interviews.name, notes: interviews.notes })
    .from(interviews)
    .where(eq(interviews.evaluationId, evaluation.id));
  // Longest first, so a full name is replaced before a part of it.
  const personal = [
    ...new Set(held.flatMap((row) => [row.name ?? '', row.notes].map((text) => text.trim()))),
  ]
    .filter((text) => text.length >= 3)
    .sort((a, b) => b.length - a.length);
  const erased = await tx
    .update(interviews)
    .set({ name: null, notes: '', updatedAt: now })
    .where(
      and(
        eq(interviews.evaluationId, evaluation.id),
        or(sql`${interviews.name} is not null`, sql`${interviews.notes} <> ''`),
      ),
    )
    .returning({ id: interviews.id });

  const interviewIds = held.map((row) => row.id);
  const entries = await tx
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entityType: auditLog.entityType,
      oldValue: auditLog.oldValue,
      newValue: auditLog.newValue,
      reason: auditLog.reason,
    })
    .from(auditLog)
    .where(
      or(
        eq(auditLog.evaluationId, evaluation.id),
        interviewIds.length > 0
          ? and(eq(auditLog.entityType, 'interview'), inArray(auditLog.entityId, interviewIds))
          : undefined,
      ),
    );
  let scrubbed = 0;
  for (const entry of entries) {
    const interviewEntry =
      entry.entityType === 'interview' || entry.action.startsWith('interview.');
    const oldValue = scrub(entry.oldValue, personal, interviewEntry);
    const newValue = scrub(entry.newValue, personal, interviewEntry);
    const reason = entry.reason === null ? null : (scrub(entry.reason, personal, false) as string);
    if (
      same(oldValue, entry.oldValue) &&
      same(newValue, entry.newValue) &&
      reason === entry.reason
    ) {
      continue;
    }
    await tx.update(auditLog).set({ oldValue, newValue, reason }).where(eq(auditLog.id, entry.id));
    scrubbed += 1;
  }

  await tx
    .update(evaluations)
    .set({ personalDataErasedAt: now, updatedAt: now, version: sql`${evaluations.version} + 1` })
    .where(eq(evaluations.id, evaluation.id));
  await recordAudit(tx, {
    actorUserId: input.actorUserId,
    action: 'interview.erase',
    entityType: 'evaluation',
    entityId: evaluation.id,
    evaluationId: evaluation.id,
    field: 'interviews.name,interviews.notes',
    newValue: {
      reason: input.reason,
      interviewsErased: erased.length,
      auditEntriesScrubbed: scrubbed,
    },
  });
  return {
    evaluationId: evaluation.id,
    municipalityCode: evaluation.municipalityCode,
    municipalityName: evaluation.municipalityName,
    year: evaluation.year,
    interviewsErased: erased.length,
    auditEntriesScrubbed: scrubbed,
    erasedAt: now,
  };
}

/**
 * Erases one evaluation's interview names and notes on request (an admin's decision, or a
 * person's request under GDPR). Safe to repeat: a second run finds nothing left to erase.
 */
export async function eraseInterviewData(db: Db, input: EraseInput): Promise<Erasure> {
  return db.transaction((tx) => eraseIn(tx, input));
}

/** Published evaluations whose interviews still hold names or notes, published before `cutoff`. */
async function expiredEvaluationIds(db: Db, cutoff: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: evaluations.id, publishedAt: evaluations.publishedAt })
    .from(evaluations)
    .innerJoin(interviews, eq(interviews.evaluationId, evaluations.id))
    .where(
      and(
        sql`${evaluations.publishedAt} is not null`,
        sql`${evaluations.publishedAt} <= ${cutoff.toISOString()}::timestamptz`,
        or(sql`${interviews.name} is not null`, sql`${interviews.notes} <> ''`),
      ),
    )
    .orderBy(evaluations.publishedAt, evaluations.id);
  return rows.map((row) => row.id);
}

/** `now` minus `months` calendar months (the last day of a shorter month when needed). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(
    Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0),
  ).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

export type ExpiredErasure =
  | { ok: false; reason: 'no-retention' }
  | { ok: true; retentionMonths: number; cutoff: Date; erased: Erasure[] };

/** What `eraseExpiredInterviewData` would erase now, without erasing it. */
export async function findExpiredInterviewData(
  db: Db,
  now: Date = new Date(),
): Promise<{ retentionMonths: number | null; cutoff: Date | null; evaluationIds: string[] }> {
  const months = await getRetentionMonths(db);
  if (months === null) return { retentionMonths: null, cutoff: null, evaluationIds: [] };
  const cutoff = retentionCutoff(now, months);
  return { retentionMonths: months, cutoff, evaluationIds: await expiredEvaluationIds(db, cutoff) };
}

/**
 * Erases the interview data of every evaluation published more than the retention period ago,
 * one transaction per evaluation (a failure leaves the ones before it erased and says so).
 */
export async function eraseExpiredInterviewData(
  db: Db,
  input: { actorUserId: string | null; now?: Date },
): Promise<ExpiredErasure> {
  const now = input.now ?? new Date();
  const found = await findExpiredInterviewData(db, now);
  if (found.retentionMonths === null || found.cutoff === null) {
    return { ok: false, reason: 'no-retention' };
  }
  const erased: Erasure[] = [];
  for (const evaluationId of found.evaluationIds) {
    erased.push(
      await eraseInterviewData(db, {
        evaluationId,
        actorUserId: input.actorUserId,
        reason: 'retention',
        now,
      }),
    );
  }
  return { ok: true, retentionMonths: found.retentionMonths, cutoff: found.cutoff, erased };
}
