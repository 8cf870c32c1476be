/**
 * Creates an action on an improvement area of a published evaluation, for the evaluated
 * municipality's plan. The improvement area is named by its finding; its area and text are kept
 * on the action (a later correction of the evaluation writes new finding rows). Audited in the
 * same transaction. Who may do it is the caller's check (`plan.edit`).
 */
import type { Db } from '../../db/client.ts';
import { insertAction, type Action } from '../../db/repositories/actions.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import { getEvaluation } from '../../db/repositories/evaluations.ts';
import { refused, type Outcome } from '../workspace-outcome.ts';
import { validateActionFields, type ActionFieldsInput } from './action-input.ts';

export interface CreateActionInput extends ActionFieldsInput {
  actorUserId: string | null;
  evaluationId: string;
  /** The improvement area (a finding of kind "improvement" of this evaluation). */
  findingId: string;
}

export async function createAction(db: Db, input: CreateActionInput): Promise<Outcome<Action>> {
  const evaluation = await getEvaluation(db, input.evaluationId);
  const finding = evaluation?.findings.find(
    (item) => item.id === input.findingId && item.kind === 'improvement',
  );
  const validated = validateActionFields(input);
  const issues = validated.ok ? [] : [...validated.issues];
  if (!evaluation || evaluation.status !== 'published') {
    issues.unshift({
      field: 'findingId',
      message: 'Åtgärder kan bara läggas till på en publicerad utvärdering.',
    });
  } else if (!finding) {
    issues.unshift({
      field: 'findingId',
      message: 'Välj ett av utvärderingens förbättringsområden i listan.',
    });
  }
  if (issues.length > 0 || !validated.ok || !evaluation || !finding) return refused(issues);
  const fields = validated.fields;
  return db.transaction(async (tx) => {
    const action = await insertAction(tx, {
      ...fields,
      municipalityCode: evaluation.municipalityCode,
      evaluationId: evaluation.id,
      areaNumber: finding.area,
      findingId: finding.id,
      improvementText: finding.text,
      createdBy: input.actorUserId,
    });
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'action.create',
      entityType: 'action',
      entityId: action.id,
      newValue: {
        evaluationId: evaluation.id,
        area: finding.area,
        improvement: finding.text,
        ...fields,
      },
    });
    return { ok: true, value: action };
  });
}
