/**
 * Gap mappings in the database: one per (self-assessment edition, Kommunkompassen edition), the
 * validated JSON of a mapping file with a version that bumps on every change. Migrate adds the
 * built-in ones that are missing and never overwrites a stored one (an admin may have replaced
 * it); writers run in the caller's transaction, which also records the audit entry.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { GapMapping } from '../../domain/gap/index.ts';
import type { Db } from '../client.ts';
import { StorageError, translateWriteError } from '../errors.ts';
import { gapMappings, users } from '../schema.ts';
import type { SyncCounts } from './municipalities.ts';

export interface StoredGapMapping {
  selfAssessmentEditionId: string;
  editionId: string;
  mapping: GapMapping;
  version: number;
  updatedBy: { id: string; displayName: string } | null;
  updatedAt: Date;
}

const columns = {
  selfAssessmentEditionId: gapMappings.selfAssessmentEditionId,
  editionId: gapMappings.editionId,
  mapping: gapMappings.mapping,
  version: gapMappings.version,
  updatedAt: gapMappings.updatedAt,
  updatedById: users.id,
  updatedByName: users.displayName,
};

type Row = {
  selfAssessmentEditionId: string;
  editionId: string;
  mapping: unknown;
  version: number;
  updatedAt: Date;
  updatedById: string | null;
  updatedByName: string | null;
};

const toStored = (row: Row): StoredGapMapping => ({
  selfAssessmentEditionId: row.selfAssessmentEditionId,
  editionId: row.editionId,
  mapping: row.mapping as GapMapping,
  version: row.version,
  updatedBy:
    row.updatedById !== null && row.updatedByName !== null
      ? { id: row.updatedById, displayName: row.updatedByName }
      : null,
  updatedAt: row.updatedAt,
});

/** Adds the built-in mappings that are not stored yet (one transaction); leaves stored ones. */
export async function seedGapMappings(
  db: Db,
  mappings: readonly GapMapping[],
): Promise<SyncCounts> {
  const counts: SyncCounts = { added: 0, updated: 0, unchanged: 0 };
  if (mappings.length === 0) return counts;
  return db.transaction(async (tx) => {
    for (const mapping of mappings) {
      const inserted = await tx
        .insert(gapMappings)
        .values({
          selfAssessmentEditionId: mapping.selfAssessmentEdition,
          editionId: mapping.edition,
          mapping,
        })
        .onConflictDoNothing()
        .returning({ version: gapMappings.version });
      if (inserted.length > 0) counts.added += 1;
      else counts.unchanged += 1;
    }
    return counts;
  });
}

/** The mapping between two editions, or undefined. */
export async function getGapMapping(
  db: Db,
  selfAssessmentEditionId: string,
  editionId: string,
): Promise<StoredGapMapping | undefined> {
  const [row] = await db
    .select(columns)
    .from(gapMappings)
    .leftJoin(users, eq(users.id, gapMappings.updatedBy))
    .where(
      and(
        eq(gapMappings.selfAssessmentEditionId, selfAssessmentEditionId),
        eq(gapMappings.editionId, editionId),
      ),
    );
  return row ? toStored(row) : undefined;
}

/** Every stored mapping, by self-assessment edition then edition. */
export async function listGapMappings(db: Db): Promise<StoredGapMapping[]> {
  const rows = await db
    .select(columns)
    .from(gapMappings)
    .leftJoin(users, eq(users.id, gapMappings.updatedBy))
    .orderBy(asc(gapMappings.selfAssessmentEditionId), asc(gapMappings.editionId));
  return rows.map(toStored);
}

/**
 * Writes `mapping` through `tx` (the caller's transaction): inserts it at version 1 or replaces
 * the stored one and bumps its version. With `expectedVersion`, refuses a stale write
 * (StorageError "stale-version"). Returns the version before (null when new) and after.
 */
export async function writeGapMapping(
  tx: Db,
  mapping: GapMapping,
  options: { actorUserId: string | null; expectedVersion?: number },
): Promise<{ before: StoredGapMapping | undefined; version: number }> {
  const key = and(
    eq(gapMappings.selfAssessmentEditionId, mapping.selfAssessmentEdition),
    eq(gapMappings.editionId, mapping.edition),
  );
  const [locked] = await tx
    .select({ version: gapMappings.version })
    .from(gapMappings)
    .where(key)
    .for('update');
  const before = locked
    ? await getGapMapping(tx, mapping.selfAssessmentEdition, mapping.edition)
    : undefined;
  if (options.expectedVersion !== undefined && (before?.version ?? 0) !== options.expectedVersion) {
    throw new StorageError(
      'stale-version',
      `the gap mapping ${mapping.selfAssessmentEdition} → ${mapping.edition} is at version ${String(before?.version ?? 0)}, the change was based on ${String(options.expectedVersion)}`,
    );
  }
  try {
    if (!before) {
      await tx.insert(gapMappings).values({
        selfAssessmentEditionId: mapping.selfAssessmentEdition,
        editionId: mapping.edition,
        mapping,
        version: 1,
        updatedBy: options.actorUserId,
      });
      return { before, version: 1 };
    }
    const version = before.version + 1;
    await tx
      .update(gapMappings)
      .set({ mapping, version, updatedBy: options.actorUserId, updatedAt: new Date() })
      .where(key);
    return { before, version };
  } catch (error) {
    throw translateWriteError(
      error,
      `gap mapping ${mapping.selfAssessmentEdition} → ${mapping.edition}`,
    );
  }
}
