/**
 * What the plan page of a published evaluation shows: its improvement areas per area, each with
 * the actions the municipality created for it and their progress notes. Actions of earlier
 * revisions of the same evaluation are included (a correction writes new finding rows); an
 * action whose improvement area is gone shows under its area with the text it kept.
 */
import type { Db } from '../../db/client.ts';
import {
  listActionNotes,
  listActions,
  type Action,
  type ActionNote,
} from '../../db/repositories/actions.ts';
import { getEdition } from '../../db/repositories/editions.ts';
import {
  getEvaluation,
  listRevisions,
  type EvaluationRecord,
  type Finding,
} from '../../db/repositories/evaluations.ts';
import { getMunicipality } from '../../db/repositories/municipalities.ts';

export interface PlannedAction extends Action {
  notes: ActionNote[];
}

export interface PlanArea {
  number: number;
  name: string;
  improvements: Array<{ finding: Finding; actions: PlannedAction[] }>;
  /** Actions whose improvement area is no longer among the evaluation's findings. */
  otherActions: PlannedAction[];
}

export interface Plan {
  evaluation: EvaluationRecord;
  municipality: { code: string; name: string };
  editionName: string;
  areas: PlanArea[];
  actionCount: number;
}

/** Actions (with notes) of every revision of the evaluation `evaluationId` belongs to. */
export async function listPlannedActions(db: Db, evaluationId: string): Promise<PlannedAction[]> {
  const revisions = await listRevisions(db, evaluationId);
  const actions = await listActions(db, { evaluationIds: revisions.map((r) => r.id) });
  const notes = await listActionNotes(
    db,
    actions.map((a) => a.id),
  );
  return actions.map((action) => ({ ...action, notes: notes.get(action.id) ?? [] }));
}

/** The plan of a published evaluation, or undefined when there is none to show. */
export async function loadPlan(db: Db, evaluationId: string): Promise<Plan | undefined> {
  const evaluation = await getEvaluation(db, evaluationId);
  if (!evaluation || evaluation.status !== 'published' || evaluation.kind === 'self-assessment') {
    return undefined;
  }
  const [municipality, edition] = [
    await getMunicipality(db, evaluation.municipalityCode),
    await getEdition(db, evaluation.editionId),
  ];
  if (!municipality || !edition) return undefined;
  const actions = await listPlannedActions(db, evaluation.id);
  const findingIds = new Set(evaluation.findings.map((f) => f.id));
  const areas = edition.definition.areas.map((area): PlanArea => {
    const improvements = evaluation.findings
      .filter((f) => f.kind === 'improvement' && f.area === area.number)
      .sort((a, b) => a.position - b.position)
      .map((finding) => ({
        finding,
        actions: actions.filter((a) => a.findingId === finding.id),
      }));
    return {
      number: area.number,
      name: area.name,
      improvements,
      otherActions: actions.filter(
        (a) =>
          a.areaNumber === area.number && (a.findingId === null || !findingIds.has(a.findingId)),
      ),
    };
  });
  return {
    evaluation,
    municipality: { code: municipality.code, name: municipality.name },
    editionName: edition.name,
    areas,
    actionCount: actions.length,
  };
}
