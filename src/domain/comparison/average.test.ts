import { describe, expect, it } from 'vitest';
import { averageAreaResults } from './average.ts';

const evaluation = (...scores: number[]) => ({
  areas: scores.map((score, index) => ({ number: index + 1, score })),
});

describe('averageAreaResults', () => {
  it('averages each area over the evaluations and reports n', () => {
    const average = averageAreaResults([
      evaluation(60, 50),
      evaluation(55, 41),
      evaluation(50, 47),
    ]);
    expect(average).toEqual({
      n: 3,
      areas: [
        { number: 1, mean: 55, n: 3 },
        { number: 2, mean: 46, n: 3 },
      ],
      total: 101,
    });
  });

  it('a missing area is not a zero: it is averaged over the evaluations that scored it', () => {
    const average = averageAreaResults([evaluation(60, 40), { areas: [{ number: 1, score: 70 }] }]);
    expect(average.areas).toEqual([
      { number: 1, mean: 65, n: 2 },
      { number: 2, mean: 40, n: 1 },
    ]);
  });

  it('the total is the sum of the exact area means, not of the rounded ones', () => {
    // Means 50.25 and 50.25 round to 50.3 each (60.6 together) but sum to 100.5 exactly.
    const average = averageAreaResults([evaluation(50.5, 50.5), evaluation(50, 50)], {
      decimals: 0,
    });
    expect(average.areas.map((area) => area.mean)).toEqual([50, 50]);
    expect(average.total).toBe(101);
  });

  it('means are rounded half up to one decimal by default', () => {
    expect(averageAreaResults([evaluation(74.5), evaluation(74.6)]).areas[0]?.mean).toBe(74.6);
  });

  it('with no evaluation n is 0 and every mean and the total are null', () => {
    expect(averageAreaResults([], { areaNumbers: [1, 2] })).toEqual({
      n: 0,
      areas: [
        { number: 1, mean: null, n: 0 },
        { number: 2, mean: null, n: 0 },
      ],
      total: null,
    });
  });

  it('an area nobody scored leaves the total null', () => {
    expect(averageAreaResults([evaluation(60)], { areaNumbers: [1, 2] }).total).toBeNull();
  });
});
