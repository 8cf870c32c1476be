/**
 * Records a source of an evaluation: a document (title, type, date, a link and/or an uploaded
 * file) or website review notes. Adding never overwrites anyone's work, so it takes no expected
 * version; it still bumps the evaluation's version and is audited (the file's name and size, not
 * its bytes).
 */
import type { Db } from '../db/client.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { insertSource, type NewSource, type Source } from '../db/repositories/sources.ts';
import { lockForEdit } from '../db/repositories/workspace.ts';

export interface RecordDocumentInput extends Omit<NewSource, 'createdBy'> {
  actorUserId: string;
}

export async function recordDocument(db: Db, input: RecordDocumentInput): Promise<Source> {
  return db.transaction(async (tx) => {
    await lockForEdit(tx, input.evaluationId, undefined);
    const { actorUserId, ...fields } = input;
    const source = await insertSource(tx, { ...fields, createdBy: actorUserId });
    await recordAudit(tx, {
      actorUserId,
      action: source.kind === 'document' ? 'source.add' : 'website-review.add',
      entityType: 'source',
      entityId: source.id,
      evaluationId: input.evaluationId,
      newValue: {
        kind: source.kind,
        title: source.title,
        documentType: source.documentType,
        datedOn: source.datedOn,
        url: source.url,
        notes: source.notes,
        file: source.fileName ? { name: source.fileName, size: source.fileSize } : null,
      },
    });
    return source;
  });
}
