/**
 * An evaluation's history from the audit trail: every revision of it (a correction is a new
 * revision), oldest entry first. Values that may hold personal data from interviews are withheld
 * from viewers who may not read interviews.
 */
import type { Db } from '../../../db/client.ts';
import { listAudit, type AuditRecord } from '../../../db/repositories/audit.ts';
import { listRevisions } from '../../../db/repositories/evaluations.ts';

export interface HistoryEntry extends AuditRecord {
  /** The revision the entry belongs to. */
  revision: number;
  /** True when old and new values are withheld from this viewer. */
  withheld: boolean;
}

/** Whether an entry is about interviews (names and notes are personal data). */
export const isInterviewEntry = (entry: Pick<AuditRecord, 'action' | 'entityType'>) =>
  entry.entityType === 'interview' || entry.action.startsWith('interview.');

/**
 * The audit entries of every revision of evaluation `id`, in the order they were written.
 * With `mayReadInterviews: false`, interview entries keep who and when but lose their values.
 */
export async function loadHistory(
  db: Db,
  id: string,
  options: { mayReadInterviews: boolean },
): Promise<HistoryEntry[]> {
  const revisions = await listRevisions(db, id);
  const entries: HistoryEntry[] = [];
  for (const revision of revisions) {
    for (const entry of await listAudit(db, { evaluationId: revision.id, limit: 5000 })) {
      const withheld = !options.mayReadInterviews && isInterviewEntry(entry);
      entries.push({
        ...entry,
        revision: revision.revision,
        withheld,
        ...(withheld ? { oldValue: null, newValue: null, reason: null } : {}),
      });
    }
  }
  return entries.sort((a, b) => a.id - b.id);
}

/** A correction as readers see it: when, by whom, why, and which revisions. */
export interface CorrectionNote {
  at: Date;
  by: string | null;
  reason: string | null;
  fromRevision: number;
  toRevision: number;
}

/**
 * The corrections made to evaluation `id` (any revision of it), oldest first: for pages that
 * show readers that a published evaluation was corrected, when and by whom.
 */
export async function listCorrections(db: Db, id: string): Promise<CorrectionNote[]> {
  const entries = await loadHistory(db, id, { mayReadInterviews: false });
  return entries
    .filter((entry) => entry.action === 'evaluation.correct')
    .map((entry) => ({
      at: entry.at,
      by: entry.actor?.displayName ?? null,
      reason: entry.reason,
      fromRevision: Number(entry.oldValue),
      toRevision: Number(entry.newValue),
    }));
}
