/**
 * Publishing an evaluation under review, after the publish checklist passes. Also home to the
 * status change the other workflow use cases share (`changeStatus`): one transaction that locks
 * the evaluation, checks the rule, changes the status and records who did it.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { StorageError } from '../db/errors.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { getEdition } from '../db/repositories/editions.ts';
import {
  getEvaluation,
  setEvaluationStatus,
  type EvaluationSummary,
} from '../db/repositories/evaluations.ts';
import { evaluations } from '../db/schema.ts';
import {
  planTransition,
  publishChecklist,
  type MissingItem,
  type Transition,
} from '../domain/workflow/index.ts';

/** Who asks for which evaluation, as last read (optimistic locking), and why. */
export interface WorkflowCommand {
  evaluationId: string;
  /** The version the person saw; a change since then is refused as "stale-version". */
  expectedVersion: number;
  /** Null for the system and the command line. */
  actorUserId: string | null;
  reason?: string | null;
  /** When it happens (publishing time); defaults to now. */
  now?: Date;
}

/** The result of a workflow step: the changed evaluation, or why nothing changed. */
export type WorkflowOutcome =
  | { ok: true; evaluation: EvaluationSummary }
  | {
      ok: false;
      reason: 'wrong-status' | 'superseded' | 'incomplete';
      /** Swedish, for the person. */
      message: string;
      /** What blocks publishing (only for "incomplete"). */
      missing: MissingItem[];
    };

/** What publishing still lacks for evaluation `id` (locked or read by `tx`). */
export async function missingForPublishing(tx: Db, id: string): Promise<MissingItem[]> {
  const record = await getEvaluation(tx, id);
  if (!record) throw new StorageError('not-found', `evaluation ${id} does not exist`);
  const edition = await getEdition(tx, record.editionId);
  if (!edition) throw new StorageError('not-found', `edition ${record.editionId} does not exist`);
  return publishChecklist(edition.definition, {
    kind: record.kind,
    questions: record.questions,
    areas: record.areas,
    findings: record.findings,
  });
}

/**
 * Applies `transition` in one transaction: locks the row, checks the workflow rule (and, when
 * `check` says so, what else must hold), sets the status (checking the version) and records the
 * audit entry. Throws StorageError "not-found" / "stale-version"; returns a refusal otherwise.
 */
export async function changeStatus(
  db: Db,
  transition: Transition,
  command: WorkflowCommand,
  check?: (tx: Db) => Promise<MissingItem[]>,
): Promise<WorkflowOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        status: evaluations.status,
        current: evaluations.current,
        version: evaluations.version,
        kind: evaluations.kind,
      })
      .from(evaluations)
      .where(eq(evaluations.id, command.evaluationId))
      .for('update');
    if (!row) {
      throw new StorageError('not-found', `evaluation ${command.evaluationId} does not exist`);
    }
    if (row.version !== command.expectedVersion) {
      throw new StorageError(
        'stale-version',
        `evaluation ${command.evaluationId} is at version ${row.version}, the ${transition} ` +
          `was asked for version ${command.expectedVersion}`,
      );
    }
    if (row.kind === 'self-assessment') {
      // A self-assessment has its own life (src/use-cases/self-assessment/): once submitted it is
      // frozen, and the evaluators' workflow must not reopen or publish it.
      return {
        ok: false,
        reason: 'wrong-status',
        message: 'En självvärdering följer inte utvärderingens arbetsflöde: en inskickad är låst.',
        missing: [],
      };
    }
    const plan = planTransition(row, transition);
    if (!plan.ok) return { ok: false, reason: plan.reason, message: plan.message, missing: [] };
    const missing = check ? await check(tx) : [];
    if (missing.length > 0) {
      return {
        ok: false,
        reason: 'incomplete',
        message: 'Utvärderingen kan inte publiceras än. Detta saknas:',
        missing,
      };
    }
    const evaluation = await setEvaluationStatus(tx, command.evaluationId, {
      status: plan.to,
      expectedVersion: command.expectedVersion,
      ...(plan.to === 'published' ? { publishedAt: command.now ?? new Date() } : {}),
    });
    await recordAudit(tx, {
      actorUserId: command.actorUserId,
      action: `evaluation.${transition}`,
      entityType: 'evaluation',
      entityId: command.evaluationId,
      evaluationId: command.evaluationId,
      field: 'status',
      oldValue: plan.from,
      newValue: plan.to,
      reason: command.reason ?? null,
    });
    return { ok: true, evaluation };
  });
}

/**
 * Publishes an evaluation under review when nothing is missing (every question scored, a strength
 * and an improvement area in every area); otherwise refuses with the list of what is missing.
 *
 * @example
 * const outcome = await publishEvaluation(db, { evaluationId, expectedVersion: 3, actorUserId });
 * if (!outcome.ok) outcome.missing.map(describeMissing);
 */
export function publishEvaluation(db: Db, command: WorkflowCommand): Promise<WorkflowOutcome> {
  return changeStatus(db, 'publish', command, (tx) =>
    missingForPublishing(tx, command.evaluationId),
  );
}
