import type { Edition } from '../framework/index.ts';
import { percentOf, roundHalfUp } from '../scoring/index.ts';
import type { AreaResult } from './average.ts';

/** Below this share of the max (in percent) a question or an area counts as low-scoring. */
export const LOW_SCORE_PERCENT = 50;

/** Something an evaluation could learn from others about. */
export type LearningNeed =
  | {
      type: 'question';
      area: number;
      questionId: string;
      /** The evaluation's own result on the question, in whole percent. */
      percent: number;
    }
  | {
      type: 'area';
      area: number;
      /** The evaluation's own area score (exact points of 100); null when not scored. */
      score: number | null;
      /** "improvement": the evaluators named improvement areas here; "low-score": below 50 %. */
      reason: 'improvement' | 'low-score';
    };

export interface LearningNeedsInput {
  areas: readonly AreaResult[];
  questions: ReadonlyArray<{ id: string; points: number | null }>;
  findings: ReadonlyArray<{ area: number; kind: string }>;
}

export interface LearningNeedsOptions {
  /** Default `LOW_SCORE_PERCENT`. */
  thresholdPercent?: number;
  /** At most this many questions, lowest first (default 5). */
  maxQuestions?: number;
}

/**
 * What an evaluation could learn about: every area where the evaluators named an improvement
 * area or that scored below the threshold, and its lowest-scoring questions below the threshold
 * (questions with unknown max are skipped: their percent is unknown). Areas come in area order;
 * questions lowest percent first, then by id.
 */
export function selectLearningNeeds(
  evaluation: LearningNeedsInput,
  edition: Edition,
  options: LearningNeedsOptions = {},
): LearningNeed[] {
  const threshold = options.thresholdPercent ?? LOW_SCORE_PERCENT;
  const maxQuestions = options.maxQuestions ?? 5;
  const improvementAreas = new Set(
    evaluation.findings.filter((finding) => finding.kind === 'improvement').map((f) => f.area),
  );
  const areaNeeds: LearningNeed[] = [];
  for (const area of edition.areas) {
    const score = evaluation.areas.find((candidate) => candidate.number === area.number)?.score;
    if (improvementAreas.has(area.number)) {
      areaNeeds.push({
        type: 'area',
        area: area.number,
        score: score ?? null,
        reason: 'improvement',
      });
    } else if (score !== undefined && score < threshold) {
      areaNeeds.push({ type: 'area', area: area.number, score, reason: 'low-score' });
    }
  }
  const questionNeeds: Array<LearningNeed & { type: 'question'; exact: number }> = [];
  for (const area of edition.areas) {
    for (const question of area.questions) {
      const points = evaluation.questions.find((candidate) => candidate.id === question.id)?.points;
      if (points === null || points === undefined || question.max === null) continue;
      const exact = percentOf(points, question.max);
      if (exact < threshold) {
        questionNeeds.push({
          type: 'question',
          area: area.number,
          questionId: question.id,
          percent: roundHalfUp(exact),
          exact,
        });
      }
    }
  }
  questionNeeds.sort((a, b) => a.exact - b.exact);
  return [
    ...areaNeeds,
    ...questionNeeds.slice(0, maxQuestions).map(({ exact: _exact, ...need }) => need),
  ];
}

/** An evaluation that scored on the question or area looked at. */
export interface RoleModelCandidate {
  evaluationId: string;
  municipalityCode: string;
  year: number;
  editionId: string;
  /** Points on the question, or the area score. */
  score: number;
}

/**
 * The role models among candidates: the best score of each municipality (the latest when a
 * municipality scored its best twice), the evaluated municipality itself left out, highest first
 * (ties: latest year, then kommunkod), at most `limit` (default 3).
 */
export function pickRoleModels<T extends RoleModelCandidate>(
  candidates: readonly T[],
  options: { excludeMunicipalityCode?: string; limit?: number } = {},
): T[] {
  const limit = options.limit ?? 3;
  const order = (a: T, b: T) =>
    b.score - a.score || b.year - a.year || a.municipalityCode.localeCompare(b.municipalityCode);
  const best = new Map<string, T>();
  for (const candidate of candidates) {
    if (candidate.municipalityCode === options.excludeMunicipalityCode) continue;
    const current = best.get(candidate.municipalityCode);
    if (!current || order(candidate, current) < 0) best.set(candidate.municipalityCode, candidate);
  }
  return [...best.values()].sort(order).slice(0, limit);
}
