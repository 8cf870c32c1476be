/** Where one score stands among all scores of its population. */
export interface Rank {
  /** 1 for the highest; tied scores share the better rank. */
  rank: number;
  /** Size of the population (the score itself included). */
  of: number;
  /**
   * Share of the others that scored lower, in whole percent (half up): 100 for the best, 0 for
   * the lowest; 100 when the score stands alone.
   */
  percentile: number;
}

/** Index of the first element > value (ascending array). */
function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of the first element >= value (ascending array). */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A ranker over a population of scores (sorted once; each lookup is a binary search). A score
 * not in the population is ranked as if it were added to it.
 *
 * @example
 * const rank = createRanker([40, 50, 50, 70]);
 * rank(50); // { rank: 2, of: 4, percentile: 33 }
 */
export function createRanker(population: readonly number[]): (score: number) => Rank {
  const sorted = population.filter(Number.isFinite).sort((a, b) => a - b);
  return (score) => {
    const lower = lowerBound(sorted, score);
    const notHigher = upperBound(sorted, score);
    const present = notHigher > lower;
    const of = present ? sorted.length : sorted.length + 1;
    const higher = sorted.length - notHigher;
    const others = of - 1;
    return {
      rank: higher + 1,
      of,
      percentile: others === 0 ? 100 : Math.floor((lower / others) * 100 + 0.5),
    };
  };
}
