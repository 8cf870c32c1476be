/**
 * The follow-up of a published evaluation: per area, the change since the municipality's
 * previous published evaluation, next to the actions the municipality planned on the previous
 * evaluation's improvement areas (and their status). The change per area is public; the
 * actions are for those who may read the plan (the caller decides whether to ask for them).
 */
import type { Db } from '../../db/client.ts';
import { getEdition } from '../../db/repositories/editions.ts';
import {
  getEvaluation,
  listEvaluations,
  type EvaluationRecord,
} from '../../db/repositories/evaluations.ts';
import { getMunicipality } from '../../db/repositories/municipalities.ts';
import { mapAreasAcrossEditions } from '../../domain/framework/index.ts';
import { listPlannedActions, type PlannedAction } from './load-plan.ts';

export interface FollowUpArea {
  number: number;
  name: string;
  /** The previous edition's name for the area when it differs. */
  previousName: string | null;
  score: number | null;
  previousScore: number | null;
  /** score − previousScore, or null when either is missing. */
  change: number | null;
  actions: PlannedAction[];
}

export interface FollowUp {
  evaluation: EvaluationRecord;
  municipality: { code: string; name: string };
  editionName: string;
  previous: { id: string; year: number; editionId: string; editionName: string } | null;
  areas: FollowUpArea[];
}

const when = (e: { year: number; month: number | null }) => e.year * 100 + (e.month ?? 12);

export async function loadFollowUp(
  db: Db,
  evaluationId: string,
  options: { withActions: boolean },
): Promise<FollowUp | undefined> {
  const evaluation = await getEvaluation(db, evaluationId);
  if (!evaluation || evaluation.status !== 'published' || evaluation.kind === 'self-assessment') {
    return undefined;
  }
  const [municipality, edition] = [
    await getMunicipality(db, evaluation.municipalityCode),
    await getEdition(db, evaluation.editionId),
  ];
  if (!municipality || !edition) return undefined;
  const previousItem = (
    await listEvaluations(db, {
      municipalityCode: evaluation.municipalityCode,
      status: 'published',
    })
  ).find(
    (item) =>
      item.kind !== 'self-assessment' && item.id !== evaluation.id && when(item) < when(evaluation),
  );
  const previous = previousItem ? await getEvaluation(db, previousItem.id) : undefined;
  const previousEdition = previous ? await getEdition(db, previous.editionId) : undefined;
  const actions = previous && options.withActions ? await listPlannedActions(db, previous.id) : [];
  const scores = new Map(evaluation.areas.map((a) => [a.number, a.score]));
  const previousScores = new Map(previous?.areas.map((a) => [a.number, a.score]) ?? []);
  const correspondence = previousEdition
    ? mapAreasAcrossEditions(previousEdition.definition, edition.definition)
    : [];
  const areas = edition.definition.areas.map((area): FollowUpArea => {
    const score = scores.get(area.number) ?? null;
    const previousScore = previousScores.get(area.number) ?? null;
    const match = correspondence.find((c) => c.number === area.number);
    return {
      number: area.number,
      name: area.name,
      previousName: match?.renamed && match.from ? match.from.name : null,
      score,
      previousScore,
      change:
        score === null || previousScore === null
          ? null
          : Math.round((score - previousScore) * 100) / 100,
      actions: actions.filter((a) => a.areaNumber === area.number),
    };
  });
  return {
    evaluation,
    municipality: { code: municipality.code, name: municipality.name },
    editionName: edition.name,
    previous:
      previous && previousEdition
        ? {
            id: previous.id,
            year: previous.year,
            editionId: previous.editionId,
            editionName: previousEdition.name,
          }
        : null,
    areas,
  };
}
