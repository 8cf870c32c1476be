/**
 * The stored report options of an evaluation (`evaluations.report_options`, jsonb; `{}` when
 * never set). Validation lives in src/report/options.ts; this file only reads and writes.
 *
 * A correction (a new revision) starts with `{}`: reading its options falls back to those of the
 * revision it supersedes, so the evaluator's choices survive corrections and re-imports.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { StorageError } from '../errors.ts';
import { evaluations } from '../schema.ts';
import type { EvaluationKind, EvaluationStatus } from './evaluations.ts';
import { isUuid } from './workspace.ts';

const isEmptyObject = (value: unknown) =>
  value === null ||
  value === undefined ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

/** How many revisions back an unset value is looked for (chains are a handful long). */
const MAX_REVISIONS = 50;

/**
 * The report options in force for evaluation `id`: its own, or, when it has none, those of the
 * nearest earlier revision that has some; `{}` when none has (or the id is unknown).
 */
export async function getReportOptions(db: Db, id: string): Promise<unknown> {
  let current: string | null = isUuid(id) ? id : null;
  for (let step = 0; current !== null && step < MAX_REVISIONS; step += 1) {
    const [row] = await db
      .select({ options: evaluations.reportOptions, supersedesId: evaluations.supersedesId })
      .from(evaluations)
      .where(eq(evaluations.id, current));
    if (!row) return {};
    if (!isEmptyObject(row.options)) return row.options;
    current = row.supersedesId;
  }
  return {};
}

export interface LockedForReportOptions {
  id: string;
  municipalityCode: string;
  year: number;
  editionId: string;
  kind: EvaluationKind;
  status: EvaluationStatus;
  /** The options in force before the change (inherited ones included). */
  before: unknown;
  /** The new version, already written. */
  version: number;
}

/**
 * Locks evaluation `id` for a change of its report options inside transaction `tx`: refuses an
 * unknown id (not-found), a superseded revision (conflict) and a stale form (stale-version), then
 * bumps the version. Unlike the workspace's `lockForEdit` it accepts a published evaluation: the
 * report options are how the report is presented, not what was evaluated.
 */
export async function lockForReportOptions(
  tx: Db,
  id: string,
  expectedVersion: number,
): Promise<LockedForReportOptions> {
  const [row] = isUuid(id)
    ? await tx
        .select({
          id: evaluations.id,
          municipalityCode: evaluations.municipalityCode,
          year: evaluations.year,
          editionId: evaluations.editionId,
          kind: evaluations.kind,
          status: evaluations.status,
          current: evaluations.current,
          version: evaluations.version,
        })
        .from(evaluations)
        .where(eq(evaluations.id, id))
        .for('update')
    : [];
  if (!row) throw new StorageError('not-found', `evaluation ${id} does not exist`);
  if (!row.current) {
    throw new StorageError(
      'conflict',
      `evaluation ${id} is superseded by a newer revision; set the report options there`,
    );
  }
  if (row.version !== expectedVersion) {
    throw new StorageError(
      'stale-version',
      `evaluation ${id} is at version ${String(row.version)}, the form was based on ${String(expectedVersion)}`,
    );
  }
  const before = await getReportOptions(tx, id);
  const version = row.version + 1;
  await tx
    .update(evaluations)
    .set({ version, updatedAt: new Date() })
    .where(eq(evaluations.id, id));
  const { current: _current, version: _old, ...rest } = row;
  return { ...rest, before, version };
}

/** Writes the report options of evaluation `id` (call inside the transaction that locked it). */
export async function writeReportOptions(tx: Db, id: string, options: object): Promise<void> {
  await tx.update(evaluations).set({ reportOptions: options }).where(eq(evaluations.id, id));
}
