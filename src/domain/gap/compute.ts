/**
 * The gap analysis: a municipality's self-assessment set against the evaluators' scores, per
 * area of the evaluation's edition. Pure: the caller hands in the scale, the answers, the mapping
 * and the evaluated area scores. The rules (docs/gap-analysis.md), each named by a test:
 *
 * - a step on the scale maps to a level from 0 to 100 in equal steps: with Ej alls / Delvis /
 *   I hög grad / Fullt ut that is 0, 33⅓, 66⅔ and 100 (`scaleLevel`);
 * - an area's self-assessed level is the mean level of the mapped questions that have exactly
 *   one answer; a question left unanswered, with two ticked boxes (not yet resolved) or with an
 *   answer off the scale counts neither as 0 nor as anything else: it is left out and listed;
 * - an area none of whose mapped questions has an answer has no level (and no difference);
 * - the evaluated score is the area's points as a percent of its 100 points;
 * - the difference is level − evaluated score: positive when the municipality rates itself
 *   higher than the evaluators did; a difference of at most 5 points either way counts as in line;
 * - levels and differences are rounded to one decimal at the end (never in between).
 */
import type { GapMapping } from './mapping.ts';

/** Differences within this many points (either way) count as in line with the evaluators. */
export const IN_LINE_TOLERANCE = 5;

/** An area's points are out of 100 in every Kommunkompassen edition. */
const AREA_MAX = 100;

export interface SelfAssessmentAnswer {
  /** Question id in the self-assessment edition, e.g. "8". */
  id: string;
  /** The step on the scale, or null when unanswered or when several boxes were ticked. */
  answer: string | null;
  /** Import flags, e.g. "multiple-ticked: I hög grad, Fullt ut". */
  flags: readonly string[];
}

export interface EvaluatedArea {
  number: number;
  name: string;
  /** The area's points (0–100), or null when the evaluation has no score for it. */
  score: number | null;
}

export type MissingReason = 'unanswered' | 'multiple-ticked' | 'off-scale';

export interface MissingAnswer {
  id: string;
  reason: MissingReason;
}

export type GapDirection = 'above' | 'below' | 'in-line';

export interface AreaGap {
  area: number;
  name: string;
  /** The mapped question ids, in the mapping's order. */
  questions: string[];
  /** How many of them have exactly one answer on the scale. */
  answered: number;
  /** Mapped questions left out of the level, and why. */
  missing: MissingAnswer[];
  /** Self-assessed level 0–100 (one decimal), or null when no mapped question is answered. */
  selfLevel: number | null;
  /** The evaluators' score as a percent of the area's points (one decimal), or null. */
  evaluated: number | null;
  /** selfLevel − evaluated (one decimal), or null when either is missing. */
  difference: number | null;
  /** Above or below the evaluators (beyond ±IN_LINE_TOLERANCE), in line, or null. */
  direction: GapDirection | null;
}

export interface GapResult {
  areas: AreaGap[];
  /** Areas per direction, and those that could not be compared. */
  summary: Record<GapDirection | 'unknown', number>;
}

/** One decimal, halves away from zero (14,25 → 14,3 and −14,25 → −14,3). */
const round1 = (value: number) =>
  (Math.sign(value) * Math.round(Math.abs(value) * 10 + 1e-9)) / 10 || 0;

/**
 * The level (0–100) of a step on the scale, in equal steps from the lowest (0) to the highest
 * (100); undefined for text that is not a step.
 *
 * @example
 * scaleLevel(['Ej alls', 'Delvis', 'I hög grad', 'Fullt ut'], 'I hög grad'); // 66.66…
 */
export function scaleLevel(scale: readonly string[], answer: string): number | undefined {
  const fold = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
  const index = scale.findIndex((step) => fold(step) === fold(answer));
  if (index < 0 || scale.length < 2) return undefined;
  return (index / (scale.length - 1)) * 100;
}

function missingReason(answer: SelfAssessmentAnswer | undefined): MissingReason {
  if (answer?.flags.some((flag) => flag.startsWith('multiple-ticked'))) return 'multiple-ticked';
  return answer?.answer ? 'off-scale' : 'unanswered';
}

/**
 * The gap per area of the mapped edition, in the evaluation's area order.
 *
 * @example
 * const gap = computeGap({ scale, answers, mapping, evaluated });
 * gap.areas[0]; // { area: 1, selfLevel: 76.2, evaluated: 62, difference: 14.2, direction: 'above', … }
 */
export function computeGap(input: {
  scale: readonly string[];
  answers: readonly SelfAssessmentAnswer[];
  mapping: GapMapping;
  evaluated: readonly EvaluatedArea[];
}): GapResult {
  const answers = new Map(input.answers.map((answer) => [answer.id, answer]));
  const mapped = new Map(input.mapping.areas.map((entry) => [entry.area, entry.questions]));
  const summary: GapResult['summary'] = { above: 0, below: 0, 'in-line': 0, unknown: 0 };
  const areas = input.evaluated.map((area): AreaGap => {
    const questions = mapped.get(area.number) ?? [];
    const levels: number[] = [];
    const missing: MissingAnswer[] = [];
    for (const id of questions) {
      const answer = answers.get(id);
      const level = answer?.answer ? scaleLevel(input.scale, answer.answer) : undefined;
      if (level === undefined) missing.push({ id, reason: missingReason(answer) });
      else levels.push(level);
    }
    const exactLevel =
      levels.length === 0 ? null : levels.reduce((sum, level) => sum + level, 0) / levels.length;
    const exactEvaluated = area.score === null ? null : (area.score / AREA_MAX) * 100;
    const exactDifference =
      exactLevel === null || exactEvaluated === null ? null : exactLevel - exactEvaluated;
    const direction: GapDirection | null =
      exactDifference === null
        ? null
        : exactDifference > IN_LINE_TOLERANCE
          ? 'above'
          : exactDifference < -IN_LINE_TOLERANCE
            ? 'below'
            : 'in-line';
    summary[direction ?? 'unknown'] += 1;
    return {
      area: area.number,
      name: area.name,
      questions: [...questions],
      answered: levels.length,
      missing,
      selfLevel: exactLevel === null ? null : round1(exactLevel),
      evaluated: exactEvaluated === null ? null : round1(exactEvaluated),
      difference: exactDifference === null ? null : round1(exactDifference),
      direction,
    };
  });
  return { areas, summary };
}
