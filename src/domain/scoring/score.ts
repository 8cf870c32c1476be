import {
  KOMMUNKOMPASSEN_AREA_MAX,
  KOMMUNKOMPASSEN_TOTAL_MAX,
  type Area,
  type Edition,
} from '../framework/index.ts';
import { displayPercent, displayPoints, percentOf, sumPoints } from './rounding.ts';

/** The exact points an evaluation gives, as plain data (what a form or an import hands over). */
export interface ScoreInput {
  /** Exact points per question id ("2.4": 8.25); null or absent means not scored yet. */
  questions?: Readonly<Record<string, number | null | undefined>>;
  /**
   * Points per area number for areas scored as a whole: areas without questions (kk-2020, area 8
   * of kk-2002) or results imported from a report that printed area scores only.
   */
  areas?: Readonly<Record<number, number | null | undefined>>;
}

export interface ScoreOptions {
  /**
   * Decimals of the printed area scores and total: 0 (default) for the 2010 and later tables,
   * 1 to reproduce the 2002–2009 reports, which printed halves (Södertälje 2006: 74,5).
   */
  areaDecimals?: number;
}

export interface ScoredQuestion {
  id: string;
  max: number | null;
  /** Exact points, or null when not scored. */
  points: number | null;
  /** Exact percent of max, or null when not scored or the max is unknown. */
  percent: number | null;
  /** The figures a report prints: "Uppnått" and "Procent". */
  printed: { achieved: number | null; percent: number | null };
}

export interface ScoredArea {
  number: number;
  name: string;
  max: number;
  /** Whether the area's points come from its questions or were given for the area as a whole. */
  basis: 'questions' | 'area';
  /** Exact area points (sum of exact question points), or null until every question is scored. */
  points: number | null;
  /** Sum of the points scored so far (equals `points` when complete). */
  scoredPoints: number;
  /** Ids of questions not scored yet. */
  unscored: string[];
  complete: boolean;
  percent: number | null;
  questions: ScoredQuestion[];
  printed: { score: number | null; percent: number | null };
}

export interface EvaluationScore {
  editionId: string;
  areas: ScoredArea[];
  total: {
    /** Sum of the exact area points (never of rounded ones), or null while any area is incomplete. */
    points: number | null;
    scoredPoints: number;
    max: number;
    percent: number | null;
    printed: { score: number | null; percent: number | null };
  };
  /** True when every area has its points: an incomplete evaluation cannot be published. */
  complete: boolean;
}

/** Bad input for scoring: which question or area, what is wrong and how to fix it. */
export interface ScoringIssue {
  /** `questions.2.4` or `areas.3`. */
  field: string;
  message: string;
}

export type ScoringResult =
  { ok: true; score: EvaluationScore } | { ok: false; issues: ScoringIssue[] };

/**
 * Checks the exact points given to one question (or area): a finite number from 0 to max.
 * Returns null when fine, else what is wrong in plain words.
 *
 * @example
 * checkPoints(16, 15); // "16 is above the max 15: give 0 to 15 points"
 */
export function checkPoints(points: unknown, max: number | null): string | null {
  if (typeof points !== 'number' || !Number.isFinite(points)) {
    const shown =
      typeof points === 'number' ? String(points) : (JSON.stringify(points) ?? 'nothing');
    return `${shown} is not a number: give points such as 7.5`;
  }
  const upper = max ?? KOMMUNKOMPASSEN_AREA_MAX;
  if (points < 0) return `${String(points)} is below 0: give 0 to ${String(upper)} points`;
  if (points > upper) {
    const what = max === null ? 'the area max' : 'the max';
    return `${String(points)} is above ${what} ${String(upper)}: give 0 to ${String(upper)} points`;
  }
  return null;
}

/**
 * Scores an evaluation of a Kommunkompassen edition: area points are sums of exact question
 * points, the total is the sum of exact area points out of 800, and rounding happens only in
 * the `printed` figures. Refuses points outside 0..max, unknown question ids and areas scored
 * both per question and as a whole.
 *
 * @example
 * const result = scoreEvaluation(kk2010, { questions: { '1.1': 8.25, '1.2': 14.2 } });
 * if (result.ok) result.score.areas[0]?.scoredPoints; // 22.45
 */
export function scoreEvaluation(
  edition: Edition,
  input: ScoreInput,
  options: ScoreOptions = {},
): ScoringResult {
  const areaDecimals = options.areaDecimals ?? 0;
  if (edition.kind !== 'kommunkompassen') {
    return {
      ok: false,
      issues: [
        {
          field: 'edition',
          message: `edition "${edition.id}" is a ${edition.kind}: its answers are steps on a scale, not points`,
        },
      ],
    };
  }
  const issues = checkInput(edition, input);
  if (issues.length > 0) return { ok: false, issues };

  const areas = edition.areas.map((area) => scoreArea(area, input, areaDecimals));
  const scoredPoints = sumPoints(areas.map((a) => a.scoredPoints));
  const complete = areas.every((a) => a.complete);
  const points = complete ? scoredPoints : null;
  const max = KOMMUNKOMPASSEN_TOTAL_MAX;
  return {
    ok: true,
    score: {
      editionId: edition.id,
      areas,
      total: {
        points,
        scoredPoints,
        max,
        percent: points === null ? null : percentOf(points, max),
        printed: {
          score: points === null ? null : displayPoints(points, areaDecimals),
          percent: points === null ? null : displayPercent(points, max),
        },
      },
      complete,
    },
  };
}

function checkInput(edition: Edition, input: ScoreInput): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  const questions = new Map(
    edition.areas.flatMap((area) => area.questions.map((q) => [q.id, { area, q }] as const)),
  );
  for (const [id, points] of Object.entries(input.questions ?? {})) {
    const found = questions.get(id);
    if (found === undefined) {
      issues.push({
        field: `questions.${id}`,
        message: `edition "${edition.id}" has no question "${id}": use the question ids of the edition, such as "1.1"`,
      });
      continue;
    }
    if (points === null || points === undefined) continue;
    const problem = checkPoints(points, found.q.max);
    if (problem !== null) {
      issues.push({ field: `questions.${id}`, message: `question "${id}": ${problem}` });
    }
  }
  for (const [key, points] of Object.entries(input.areas ?? {})) {
    const area = edition.areas.find((a) => String(a.number) === key);
    if (area === undefined) {
      issues.push({
        field: `areas.${key}`,
        message: `edition "${edition.id}" has no area ${key}: use area numbers 1 to ${String(edition.areas.length)}`,
      });
      continue;
    }
    if (points === null || points === undefined) continue;
    const problem = checkPoints(points, KOMMUNKOMPASSEN_AREA_MAX);
    if (problem !== null) {
      issues.push({ field: `areas.${key}`, message: `area ${key}: ${problem}` });
    }
    const scoredQuestions = area.questions.filter((q) => isScored(input.questions?.[q.id]));
    if (scoredQuestions.length > 0) {
      issues.push({
        field: `areas.${key}`,
        message: `area ${key} is scored both as a whole and per question (${scoredQuestions.map((q) => q.id).join(', ')}): give either the area points or the question points`,
      });
    }
  }
  return issues;
}

function isScored(points: number | null | undefined): points is number {
  return points !== null && points !== undefined;
}

function scoreArea(area: Area, input: ScoreInput, areaDecimals: number): ScoredArea {
  const max = KOMMUNKOMPASSEN_AREA_MAX;
  const areaPoints = input.areas?.[area.number];
  const questions = area.questions.map((q): ScoredQuestion => {
    const given = input.questions?.[q.id];
    const points = isScored(given) ? given : null;
    const percent = points === null || q.max === null ? null : percentOf(points, q.max);
    return {
      id: q.id,
      max: q.max,
      points,
      percent,
      printed: {
        achieved: points === null ? null : displayPoints(points),
        percent: points === null || q.max === null ? null : displayPercent(points, q.max),
      },
    };
  });
  const byArea = isScored(areaPoints) || area.questions.length === 0;
  const unscored = byArea ? [] : questions.filter((q) => q.points === null).map((q) => q.id);
  const scoredPoints = byArea
    ? (areaPoints ?? 0)
    : sumPoints(questions.flatMap((q) => (q.points === null ? [] : [q.points])));
  const complete = byArea ? isScored(areaPoints) : unscored.length === 0;
  const points = complete ? scoredPoints : null;
  return {
    number: area.number,
    name: area.name,
    max,
    basis: byArea ? 'area' : 'questions',
    points,
    scoredPoints,
    unscored,
    complete,
    percent: points === null ? null : percentOf(points, max),
    questions,
    printed: {
      score: points === null ? null : displayPoints(points, areaDecimals),
      percent: points === null ? null : displayPercent(points, max),
    },
  };
}
