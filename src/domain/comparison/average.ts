import { roundHalfUp, sumPoints } from '../scoring/index.ts';

/** One area's score in one evaluation (exact points). */
export interface AreaResult {
  number: number;
  score: number;
}

/** The area results of one evaluation. */
export interface EvaluationAreaResults {
  areas: readonly AreaResult[];
}

export interface AreaAverage {
  number: number;
  /** Mean of the exact area scores, rounded half up to `decimals`; null when n is 0. */
  mean: number | null;
  /** How many evaluations have a score for this area. */
  n: number;
}

export interface Average {
  /** How many evaluations the average is computed from. */
  n: number;
  areas: AreaAverage[];
  /** Sum of the exact area means, rounded half up; null unless every area has a mean. */
  total: number | null;
}

export interface AverageOptions {
  /** The areas to report, in order (default: every area number found, ascending). */
  areaNumbers?: readonly number[];
  /** Decimals of the means and the total (default 1). */
  decimals?: number;
}

/**
 * The average of area results, with n. Each area is averaged over the evaluations that scored
 * it (a missing area is not a zero); the total is the sum of the exact area means, never of the
 * rounded ones, and is null when an area has no score at all.
 *
 * @example
 * averageAreaResults([{ areas: [{ number: 1, score: 60 }] }, { areas: [{ number: 1, score: 55 }] }]);
 * // { n: 2, areas: [{ number: 1, mean: 57.5, n: 2 }], total: 57.5 }
 */
export function averageAreaResults(
  evaluations: readonly EvaluationAreaResults[],
  options: AverageOptions = {},
): Average {
  const decimals = options.decimals ?? 1;
  const byArea = new Map<number, number[]>();
  for (const evaluation of evaluations) {
    for (const area of evaluation.areas) {
      if (!Number.isFinite(area.score)) continue;
      const scores = byArea.get(area.number);
      if (scores) scores.push(area.score);
      else byArea.set(area.number, [area.score]);
    }
  }
  const numbers = options.areaNumbers ?? [...byArea.keys()].sort((a, b) => a - b);
  const exact = numbers.map((number) => {
    const scores = byArea.get(number) ?? [];
    return {
      number,
      n: scores.length,
      mean: scores.length === 0 ? null : sumPoints(scores) / scores.length,
    };
  });
  const complete = exact.length > 0 && exact.every((area) => area.mean !== null);
  return {
    n: evaluations.filter((evaluation) => evaluation.areas.length > 0).length,
    areas: exact.map((area) => ({
      number: area.number,
      n: area.n,
      mean: area.mean === null ? null : roundHalfUp(area.mean, decimals),
    })),
    total: complete ? roundHalfUp(sumPoints(exact.map((area) => area.mean ?? 0)), decimals) : null,
  };
}
