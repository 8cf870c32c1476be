/**
 * The evaluation workspace's writes to an evaluation: the version lock every edit takes, the
 * scores, the area write-ups (texts per heading and findings) and sharing with the municipality.
 * Functions taking `tx` run inside the caller's transaction (the use case, which also records the
 * audit entries); readers take `db`.
 *
 * Optimistic locking: every workspace edit calls `lockForEdit(tx, id, expectedVersion)`, which
 * locks the row, refuses a stale version (StorageError "stale-version") and bumps the version, so
 * of two writers based on the same version exactly one commits.
 */
import { and, asc, desc, eq, gt, inArray, max, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { StorageError } from '../errors.ts';
import { areaTexts, auditLog, evaluations, findings, questionScores, users } from '../schema.ts';
import type { AuditRecord } from './audit.ts';
import type { EvaluationStatus, FindingKind } from './evaluations.ts';

/** How workspace-created evaluations are marked in `evaluations.source`. */
export const WORKSPACE_SOURCE = 'workspace';

export interface WorkspaceEvaluation {
  id: string;
  municipalityCode: string;
  editionId: string;
  year: number;
  status: EvaluationStatus;
  current: boolean;
  version: number;
  sharedWithMunicipality: boolean;
  fieldworkStartsOn: string | null;
  fieldworkEndsOn: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const workspaceColumns = {
  id: evaluations.id,
  municipalityCode: evaluations.municipalityCode,
  editionId: evaluations.editionId,
  year: evaluations.year,
  status: evaluations.status,
  current: evaluations.current,
  version: evaluations.version,
  sharedWithMunicipality: evaluations.sharedWithMunicipality,
  fieldworkStartsOn: evaluations.fieldworkStartsOn,
  fieldworkEndsOn: evaluations.fieldworkEndsOn,
  createdAt: evaluations.createdAt,
  updatedAt: evaluations.updatedAt,
};

export const isUuid = (id: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function getWorkspaceEvaluation(
  db: Db,
  id: string,
): Promise<WorkspaceEvaluation | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select(workspaceColumns).from(evaluations).where(eq(evaluations.id, id));
  return row;
}

/**
 * Evaluations made in the workspace that a viewer may work on: every one (`all`) or those with
 * the given ids (the viewer's team assignments), newest first.
 */
export async function listWorkspaceEvaluations(
  db: Db,
  scope: { kind: 'all' } | { kind: 'ids'; ids: readonly string[] },
): Promise<WorkspaceEvaluation[]> {
  if (scope.kind === 'ids' && scope.ids.length === 0) return [];
  const conditions: SQL[] = [
    eq(evaluations.source, WORKSPACE_SOURCE),
    eq(evaluations.current, true),
  ];
  if (scope.kind === 'ids') conditions.push(inArray(evaluations.id, [...scope.ids]));
  return db
    .select(workspaceColumns)
    .from(evaluations)
    .where(and(...conditions))
    .orderBy(desc(evaluations.year), desc(evaluations.createdAt));
}

/**
 * Locks the evaluation for the rest of the transaction, checks that it may change and that the
 * form was based on the current version, then bumps the version. Refuses with StorageError:
 * "not-found", "conflict" (published or superseded: frozen) or "stale-version".
 */
export async function lockForEdit(
  tx: Db,
  id: string,
  expectedVersion: number | undefined,
): Promise<{ before: WorkspaceEvaluation; version: number }> {
  const [row] = isUuid(id)
    ? await tx
        .select(workspaceColumns)
        .from(evaluations)
        .where(eq(evaluations.id, id))
        .for('update')
    : [];
  if (!row) throw new StorageError('not-found', `evaluation ${id} does not exist`);
  if (!row.current || row.status === 'published') {
    throw new StorageError(
      'conflict',
      `evaluation ${id} is ${row.current ? 'published' : 'superseded'} and frozen; a correction is a new revision`,
    );
  }
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new StorageError(
      'stale-version',
      `evaluation ${id} is at version ${String(row.version)}, the form was based on ${String(expectedVersion)}`,
    );
  }
  const version = row.version + 1;
  await tx
    .update(evaluations)
    .set({ version, updatedAt: new Date() })
    .where(eq(evaluations.id, id));
  return { before: row, version };
}

/** The newest audit entry id of an evaluation (0 when none): forms carry it to show later changes. */
export async function latestAuditId(db: Db, evaluationId: string): Promise<number> {
  const [row] = await db
    .select({ id: max(auditLog.id) })
    .from(auditLog)
    .where(eq(auditLog.evaluationId, evaluationId));
  return row?.id === null || row?.id === undefined ? 0 : Number(row.id);
}

/**
 * What changed in an evaluation after audit entry `afterId` (oldest first, at most `limit`):
 * shown when a stale form is refused.
 */
export async function listChangesSince(
  db: Db,
  evaluationId: string,
  afterId: number,
  limit = 50,
): Promise<AuditRecord[]> {
  const rows = await db
    .select({ entry: auditLog, actorName: users.displayName, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.evaluationId, evaluationId), gt(auditLog.id, afterId)))
    .orderBy(asc(auditLog.id))
    .limit(limit);
  return rows.map(({ entry, actorName, actorEmail }) => ({
    id: Number(entry.id),
    at: entry.at,
    actor:
      entry.actorUserId !== null && actorName !== null && actorEmail !== null
        ? { id: entry.actorUserId, email: actorEmail, displayName: actorName }
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

export interface StoredQuestionScore {
  questionId: string;
  points: number | null;
  justification: string | null;
}

export async function listQuestionScores(
  db: Db,
  evaluationId: string,
): Promise<StoredQuestionScore[]> {
  return db
    .select({
      questionId: questionScores.questionId,
      points: questionScores.points,
      justification: questionScores.justification,
    })
    .from(questionScores)
    .where(eq(questionScores.evaluationId, evaluationId));
}

/** Writes one question's points and justification (a row with null points means "not scored"). */
export async function writeQuestionScore(
  tx: Db,
  evaluationId: string,
  score: StoredQuestionScore,
): Promise<void> {
  await tx
    .insert(questionScores)
    .values({
      evaluationId,
      questionId: score.questionId,
      points: score.points,
      justification: score.justification,
    })
    .onConflictDoUpdate({
      target: [questionScores.evaluationId, questionScores.questionId],
      set: { points: score.points, justification: score.justification },
    });
}

export interface WriteUpText {
  heading: string | null;
  body: string;
}

export interface WriteUpFinding {
  kind: FindingKind;
  text: string;
  referenceMunicipalityCode: string | null;
}

export interface AreaWriteUp {
  texts: WriteUpText[];
  findings: WriteUpFinding[];
}

/**
 * Positions are unique per evaluation (not per area), so an area's rows live in their own block:
 * area n uses n × 1000 + index.
 */
const AREA_BLOCK = 1000;

const inArea = (area: number) => ({
  from: area * AREA_BLOCK,
  to: area * AREA_BLOCK + AREA_BLOCK - 1,
});

export async function getAreaWriteUp(
  db: Db,
  evaluationId: string,
  area: number,
): Promise<AreaWriteUp> {
  const texts = await db
    .select({ heading: areaTexts.heading, body: areaTexts.body })
    .from(areaTexts)
    .where(and(eq(areaTexts.evaluationId, evaluationId), eq(areaTexts.areaNumber, area)))
    .orderBy(asc(areaTexts.position));
  const found = await db
    .select({
      kind: findings.kind,
      text: findings.text,
      referenceMunicipalityCode: findings.referenceMunicipalityCode,
    })
    .from(findings)
    .where(and(eq(findings.evaluationId, evaluationId), eq(findings.areaNumber, area)))
    .orderBy(asc(findings.position));
  return { texts, findings: found };
}

/** Replaces an area's texts and findings, kept in the given order. */
export async function replaceAreaWriteUp(
  tx: Db,
  evaluationId: string,
  area: number,
  writeUp: AreaWriteUp,
): Promise<void> {
  const block = inArea(area);
  await tx
    .delete(areaTexts)
    .where(and(eq(areaTexts.evaluationId, evaluationId), eq(areaTexts.areaNumber, area)));
  await tx
    .delete(findings)
    .where(and(eq(findings.evaluationId, evaluationId), eq(findings.areaNumber, area)));
  // Rows an import placed in this block under another area would collide: refuse plainly.
  const clashes: number[] = [];
  for (const table of [findings, areaTexts]) {
    const [row] = await tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(table)
      .where(
        and(
          eq(table.evaluationId, evaluationId),
          sql`${table.position} between ${block.from} and ${block.to}`,
        ),
      );
    clashes.push(row?.n ?? 0);
  }
  if (clashes.some((n) => n > 0)) {
    throw new StorageError(
      'conflict',
      `rows of another area of evaluation ${evaluationId} occupy area ${String(area)}'s positions`,
    );
  }
  if (writeUp.texts.length > 0) {
    await tx.insert(areaTexts).values(
      writeUp.texts.map((text, index) => ({
        evaluationId,
        areaNumber: area,
        position: block.from + index,
        heading: text.heading,
        body: text.body,
      })),
    );
  }
  if (writeUp.findings.length > 0) {
    await tx.insert(findings).values(
      writeUp.findings.map((finding, index) => ({
        evaluationId,
        areaNumber: area,
        kind: finding.kind,
        text: finding.text,
        referenceMunicipalityCode: finding.referenceMunicipalityCode,
        position: block.from + index,
      })),
    );
  }
}

export async function writeSharedWithMunicipality(
  tx: Db,
  evaluationId: string,
  shared: boolean,
): Promise<void> {
  await tx
    .update(evaluations)
    .set({ sharedWithMunicipality: shared })
    .where(eq(evaluations.id, evaluationId));
}
