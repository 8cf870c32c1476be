/**
 * The gap analysis of one municipality: its newest submitted self-assessment set against its
 * newest published external evaluation, per area of that evaluation's edition, through the
 * stored mapping between the two editions (`src/domain/gap`). The web page and `kompass gap`
 * both call it. Who may see it is the caller's check (`gap.read`).
 */
import type { Db } from '../../db/client.ts';
import { getEdition } from '../../db/repositories/editions.ts';
import {
  getEvaluation,
  listEvaluations,
  type EvaluationListItem,
} from '../../db/repositories/evaluations.ts';
import { getGapMapping } from '../../db/repositories/gap-mappings.ts';
import { getMunicipality } from '../../db/repositories/municipalities.ts';
import { computeGap, type GapResult } from '../../domain/gap/index.ts';

export interface GapSide {
  id: string;
  year: number;
  month: number | null;
  editionId: string;
  editionName: string;
}

export interface GapAnalysis {
  municipality: { code: string; name: string };
  selfAssessment: GapSide & { status: string };
  evaluation: GapSide & { total: number | null };
  mapping: { version: number; updatedAt: Date };
  gap: GapResult;
}

/** Why there is nothing to compare, each with what to do about it. */
export type GapRefusal =
  | { reason: 'unknown-municipality'; municipalityCode: string }
  | { reason: 'no-self-assessment'; municipalityName: string }
  | { reason: 'no-evaluation'; municipalityName: string }
  | {
      reason: 'no-mapping';
      municipalityName: string;
      selfAssessmentEditionId: string;
      editionId: string;
    };

export type GapOutcome = { ok: true; analysis: GapAnalysis } | ({ ok: false } & GapRefusal);

/** A self-assessment counts once it is submitted (imported ones are): anything but a draft. */
const isSubmitted = (item: EvaluationListItem) => item.status !== 'draft';

/** The self-assessment and the evaluation the gap analysis of `municipalityCode` compares. */
export async function analyseGap(db: Db, municipalityCode: string): Promise<GapOutcome> {
  const municipality = await getMunicipality(db, municipalityCode);
  if (!municipality) return { ok: false, reason: 'unknown-municipality', municipalityCode };
  const municipalityName = municipality.name;
  const [selfAssessmentItem] = (
    await listEvaluations(db, { municipalityCode, kind: 'self-assessment' })
  ).filter(isSubmitted);
  if (!selfAssessmentItem) return { ok: false, reason: 'no-self-assessment', municipalityName };
  const [evaluationItem] = (
    await listEvaluations(db, { municipalityCode, status: 'published' })
  ).filter((item) => item.kind !== 'self-assessment');
  if (!evaluationItem) return { ok: false, reason: 'no-evaluation', municipalityName };
  const mapping = await getGapMapping(db, selfAssessmentItem.editionId, evaluationItem.editionId);
  if (!mapping) {
    return {
      ok: false,
      reason: 'no-mapping',
      municipalityName,
      selfAssessmentEditionId: selfAssessmentItem.editionId,
      editionId: evaluationItem.editionId,
    };
  }
  const [selfAssessment, evaluation, saEdition, edition] = [
    await getEvaluation(db, selfAssessmentItem.id),
    await getEvaluation(db, evaluationItem.id),
    await getEdition(db, selfAssessmentItem.editionId),
    await getEdition(db, evaluationItem.editionId),
  ];
  if (!selfAssessment || !evaluation || !saEdition || !edition) {
    throw new Error(`the gap analysis of ${municipalityCode} lost a row while reading`);
  }
  const scores = new Map(evaluation.areas.map((area) => [area.number, area.score]));
  const gap = computeGap({
    scale: saEdition.definition.scale ?? [],
    answers: selfAssessment.questions.map(({ id, answer, flags }) => ({ id, answer, flags })),
    mapping: mapping.mapping,
    evaluated: edition.definition.areas.map((area) => ({
      number: area.number,
      name: area.name,
      score: scores.get(area.number) ?? null,
    })),
  });
  return {
    ok: true,
    analysis: {
      municipality: { code: municipality.code, name: municipality.name },
      selfAssessment: {
        id: selfAssessment.id,
        year: selfAssessment.year,
        month: selfAssessment.month,
        editionId: saEdition.id,
        editionName: saEdition.name,
        status: selfAssessment.status,
      },
      evaluation: {
        id: evaluation.id,
        year: evaluation.year,
        month: evaluation.month,
        editionId: edition.id,
        editionName: edition.name,
        total: evaluation.totalPrinted,
      },
      mapping: { version: mapping.version, updatedAt: mapping.updatedAt },
      gap,
    },
  };
}
