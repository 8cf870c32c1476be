/**
 * Removes a document or website review from an evaluation (and, by cascade, its evidence links).
 * Checks the form's version; audited with what was removed (title and kind, not the file).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { StorageError } from '../db/errors.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { isUuid, lockForEdit } from '../db/repositories/workspace.ts';
import { sources } from '../db/schema.ts';

export interface RemoveSourceInput {
  actorUserId: string;
  evaluationId: string;
  expectedVersion: number;
  sourceId: string;
}

export async function removeSource(db: Db, input: RemoveSourceInput): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const locked = await lockForEdit(tx, input.evaluationId, input.expectedVersion);
    const [removed] = isUuid(input.sourceId)
      ? await tx
          .delete(sources)
          .where(and(eq(sources.id, input.sourceId), eq(sources.evaluationId, input.evaluationId)))
          .returning({ kind: sources.kind, title: sources.title, fileName: sources.fileName })
      : [];
    if (!removed) throw new StorageError('not-found', `no source ${input.sourceId}`);
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'source.remove',
      entityType: 'source',
      entityId: input.sourceId,
      evaluationId: input.evaluationId,
      oldValue: removed,
    });
    return { version: locked.version };
  });
}
