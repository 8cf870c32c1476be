/**
 * Rounding rules of the published Kommunkompassen tables (see docs/frameworks.md).
 *
 * Evaluators score each question in exact points (decimals such as 8.25). Reports print:
 * - "Uppnått": the exact points rounded half up to a whole number (8.25 → 8, 7.5 → 8);
 * - "Procent": the exact percent of the question's max, rounded half up (7.5 of 15 → 50);
 * - the area score and the total: the sum of exact points, rounded half up only at the end
 *   (Upplands-Bro 2011 prints 383 although its rounded area scores add up to 382). The
 *   2002–2009 edition printed area scores to the half point (Södertälje 2006: 74,5 and 87,5).
 * Half up is what a spreadsheet's ROUND and number format do, and the only rule under which
 * every printed figure of the Upplands-Bro 2011 and Strängnäs 2016 tables is reproduced by
 * points that stay as close as possible to percent × max.
 */

/**
 * Values within this distance of a half are treated as the half, so that floating-point
 * noise (12.45 / 30 × 100 = 41.49999…) does not flip a rounding.
 */
export const HALF_TOLERANCE = 1e-9;

/**
 * Rounds half up (away from zero) to `decimals` places: 8.25 → 8, 7.5 → 8, 74.45 → 74.5 (1 place).
 *
 * @example
 * roundHalfUp(7.5); // 8
 * roundHalfUp(74.45, 1); // 74.5
 */
export function roundHalfUp(value: number, decimals = 0): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.floor(scaled + 0.5 + HALF_TOLERANCE * Math.max(1, scaled)) / factor;
  return value < 0 ? -rounded : rounded;
}

/** Exact percent of `max` (no rounding): 7.5 of 15 → 50. */
export function percentOf(points: number, max: number): number {
  return (points * 100) / max;
}

/** The printed "Uppnått" for exact points: rounded half up to a whole number. */
export function displayPoints(points: number, decimals = 0): number {
  return roundHalfUp(points, decimals);
}

/** The printed "Procent": the exact percent rounded half up to a whole number. */
export function displayPercent(points: number, max: number): number {
  return roundHalfUp(percentOf(points, max));
}

/** True for whole and half points (0, 0.5, 1, …): the grid the evaluator's form offers by default. */
export function isOnHalfPointGrid(points: number): boolean {
  const doubled = points * 2;
  return Math.abs(doubled - Math.round(doubled)) <= HALF_TOLERANCE * Math.max(1, doubled);
}

/**
 * The best estimate of exact points when only the rounded percent is known: percent × max / 100,
 * the middle of the range of points that print as that percent.
 *
 * @example
 * pointsFromPercent(55, 15); // 8.25
 */
export function pointsFromPercent(percent: number, max: number): number {
  return Number(((percent * max) / 100).toFixed(9));
}

/**
 * The range of exact points that print as `percent` of `max`: from `min` (included) up to
 * `below` (excluded), e.g. 42 % of 30 → 12.45 up to 12.75.
 */
export function pointsRangeFromPercent(
  percent: number,
  max: number,
): { min: number; below: number } {
  return {
    min: Math.max(0, Number((((percent - 0.5) * max) / 100).toFixed(9))),
    below: Number((((percent + 0.5) * max) / 100).toFixed(9)),
  };
}

/**
 * Sums exact points without floating-point noise (8.25 + 14.2 + … stays 43.99 rather than
 * 43.989999999999995): the result is rounded to 9 decimals.
 */
export function sumPoints(values: readonly number[]): number {
  return Number(values.reduce((sum, value) => sum + value, 0).toFixed(9));
}
