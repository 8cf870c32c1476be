/**
 * Edits a source of an evaluation: a document's title, type, date, link and file (the stored file
 * is kept unless a new one is given), or website review notes' title, address and notes. The kind
 * stays what it was. Checks the form's version (optimistic locking) and audits the fields that
 * changed, old and new (a file by its name and size, never its bytes), in the same transaction.
 */
import type { Db } from '../db/client.ts';
import { StorageError } from '../db/errors.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import {
  getSource,
  updateSource,
  type Source,
  type SourceChanges,
} from '../db/repositories/sources.ts';
import { lockForEdit } from '../db/repositories/workspace.ts';
import { refused, type Outcome } from './workspace-outcome.ts';

/** Thrown inside the transaction to roll it back and refuse with field issues. */
class RefusedEdit extends Error {
  constructor(readonly issues: Array<{ field: string; message: string }>) {
    super('edit refused');
  }
}

export interface EditSourceInput extends SourceChanges {
  actorUserId: string;
  evaluationId: string;
  /** The evaluation version the form was based on. */
  expectedVersion: number;
  sourceId: string;
}

/** The audited view of a source: what a reader of the history needs, no file bytes. */
const audited = (source: Source) => ({
  title: source.title,
  documentType: source.documentType,
  datedOn: source.datedOn,
  url: source.url,
  notes: source.notes,
  file: source.fileName ? { name: source.fileName, size: source.fileSize } : null,
});

export async function editSource(
  db: Db,
  input: EditSourceInput,
): Promise<Outcome<{ version: number }>> {
  return db
    .transaction(async (tx) => {
      const locked = await lockForEdit(tx, input.evaluationId, input.expectedVersion);
      const before = await getSource(tx, input.evaluationId, input.sourceId);
      if (!before) throw new StorageError('not-found', `no source ${input.sourceId}`);
      const isDocument = before.kind === 'document';
      if (isDocument && !input.url && !input.file && !before.fileName) {
        // Nothing written yet: the version bump rolls back with the refusal.
        throw new RefusedEdit([{ field: 'url', message: 'Ange en länk eller välj en fil.' }]);
      }
      const after = await updateSource(tx, input.evaluationId, input.sourceId, {
        title: input.title,
        documentType: isDocument ? input.documentType : null,
        datedOn: isDocument ? input.datedOn : null,
        url: input.url,
        notes: input.notes,
        ...(input.file ? { file: input.file } : {}),
      });
      if (!after) throw new StorageError('not-found', `no source ${input.sourceId}`);
      const old = audited(before);
      const now = audited(after);
      const changed = (Object.keys(now) as Array<keyof typeof now>).filter(
        (key) => JSON.stringify(old[key]) !== JSON.stringify(now[key]),
      );
      if (changed.length > 0) {
        await recordAudit(tx, {
          actorUserId: input.actorUserId,
          action: isDocument ? 'source.update' : 'website-review.update',
          entityType: 'source',
          entityId: input.sourceId,
          evaluationId: input.evaluationId,
          field: changed.join(','),
          oldValue: Object.fromEntries(changed.map((key) => [key, old[key]])),
          newValue: Object.fromEntries(changed.map((key) => [key, now[key]])),
        });
      }
      return { ok: true as const, value: { version: locked.version } };
    })
    .catch((error: unknown) => {
      if (error instanceof RefusedEdit) return refused(error.issues);
      throw error;
    });
}
