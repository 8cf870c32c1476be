import { describe, expect, it } from 'vitest';
import {
  displayPercent,
  displayPoints,
  isOnHalfPointGrid,
  percentOf,
  pointsFromPercent,
  pointsRangeFromPercent,
  roundHalfUp,
  sumPoints,
} from './rounding.ts';

describe('rounding rules of the printed tables', () => {
  it('a quarter point rounds to the nearest whole point: 8.25 prints 8 (Upplands-Bro 1.1, 55 % of 15)', () => {
    expect(displayPoints(8.25)).toBe(8);
    expect(displayPoints(5.75)).toBe(6);
  });

  it('halves round up: 7.5 prints 8, 13.5 prints 14, 4.5 prints 5', () => {
    expect(displayPoints(7.5)).toBe(8);
    expect(displayPoints(13.5)).toBe(14);
    expect(displayPoints(4.5)).toBe(5);
    expect(roundHalfUp(0.5)).toBe(1);
    expect(roundHalfUp(2.5)).toBe(3); // not to even
  });

  it('the printed percent is the exact percent rounded half up: 7.5 of 15 prints 50, 12.45 of 30 prints 42', () => {
    expect(displayPercent(7.5, 15)).toBe(50);
    expect(displayPercent(12.45, 30)).toBe(42); // 41.5 %, although 12.45 / 30 × 100 is 41.4999… in floating point
    expect(displayPercent(9.45, 15)).toBe(63);
    expect(displayPercent(7.49, 15)).toBe(50);
  });

  it('one decimal keeps halves: 74.5 stays 74.5 (Södertälje 2006 area 2)', () => {
    expect(displayPoints(74.5, 1)).toBe(74.5);
    expect(roundHalfUp(74.45, 1)).toBe(74.5);
    expect(roundHalfUp(87.46, 1)).toBe(87.5);
  });

  it('rounds away from zero for negative values, symmetric with positive ones', () => {
    expect(roundHalfUp(-2.5)).toBe(-3);
    expect(roundHalfUp(-2.4)).toBe(-2);
  });

  it('percent is exact before display', () => {
    expect(percentOf(8.25, 15)).toBe(55);
    expect(percentOf(383, 800)).toBeCloseTo(47.875, 12);
  });
});

describe('points from a printed percent', () => {
  it('the best estimate is percent × max / 100, the middle of the range that prints as that percent', () => {
    expect(pointsFromPercent(55, 15)).toBe(8.25);
    expect(pointsFromPercent(42, 30)).toBe(12.6);
    expect(pointsFromPercent(63, 15)).toBe(9.45);
  });

  it('the range of points printing as a percent is half a percent either side, upper end excluded', () => {
    expect(pointsRangeFromPercent(42, 30)).toEqual({ min: 12.45, below: 12.75 });
    expect(pointsRangeFromPercent(0, 10)).toEqual({ min: 0, below: 0.05 });
  });
});

describe('half-point grid', () => {
  it('accepts whole and half points', () => {
    for (const points of [0, 0.5, 7, 7.5, 30]) expect(isOnHalfPointGrid(points)).toBe(true);
  });

  it('rejects quarter and tenth points', () => {
    for (const points of [8.25, 12.6, 0.1, 14.75]) expect(isOnHalfPointGrid(points)).toBe(false);
  });

  it('ignores floating-point noise', () => {
    expect(isOnHalfPointGrid(0.1 + 0.2 + 0.2)).toBe(true);
  });
});

describe('sums of exact points', () => {
  it('carry no floating-point noise', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumPoints([0.1, 0.2])).toBe(0.3);
    expect(sumPoints([8.25, 14.2, 5.75, 12.6, 3.2])).toBe(44);
  });
});
