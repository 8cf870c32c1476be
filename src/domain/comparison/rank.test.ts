import { describe, expect, it } from 'vitest';
import { createRanker } from './rank.ts';

describe('createRanker', () => {
  const rank = createRanker([70, 40, 50, 50, 60]);

  it('the highest score ranks 1 at the 100th percentile, the lowest at the 0th', () => {
    expect(rank(70)).toEqual({ rank: 1, of: 5, percentile: 100 });
    expect(rank(40)).toEqual({ rank: 5, of: 5, percentile: 0 });
  });

  it('tied scores share the better rank; the percentile counts the others scoring lower', () => {
    expect(rank(50)).toEqual({ rank: 3, of: 5, percentile: 25 });
  });

  it('a score outside the population is ranked as if added to it', () => {
    expect(rank(65)).toEqual({ rank: 2, of: 6, percentile: 80 });
  });

  it('a score alone is first, at the 100th percentile', () => {
    expect(createRanker([])(42)).toEqual({ rank: 1, of: 1, percentile: 100 });
    expect(createRanker([42])(42)).toEqual({ rank: 1, of: 1, percentile: 100 });
  });
});
