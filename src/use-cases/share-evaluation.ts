/**
 * Shares an unpublished evaluation with the evaluated municipality's users (or stops sharing):
 * the policy's `sharedWithMunicipality`. Checks the form's version and is audited.
 */
import type { Db } from '../db/client.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { lockForEdit, writeSharedWithMunicipality } from '../db/repositories/workspace.ts';

export interface ShareEvaluationInput {
  actorUserId: string;
  evaluationId: string;
  expectedVersion: number;
  shared: boolean;
}

export async function shareEvaluation(
  db: Db,
  input: ShareEvaluationInput,
): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const locked = await lockForEdit(tx, input.evaluationId, input.expectedVersion);
    if (locked.before.sharedWithMunicipality !== input.shared) {
      await writeSharedWithMunicipality(tx, input.evaluationId, input.shared);
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: 'evaluation.share',
        entityType: 'evaluation',
        entityId: input.evaluationId,
        evaluationId: input.evaluationId,
        field: 'sharedWithMunicipality',
        oldValue: locked.before.sharedWithMunicipality,
        newValue: input.shared,
      });
    }
    return { version: locked.version };
  });
}
