import { describe, expect, it } from 'vitest';
import { exactPoints } from './questions.ts';

describe('exactPoints', () => {
  it('points are max × percent when the percent agrees with the rounded points', () => {
    expect(exactPoints(8, 15, 55)).toBe(8.25);
    expect(exactPoints(12, 30, 42)).toBe(12.6);
  });

  it('the printed points win when the percent disagrees by more than rounding', () => {
    expect(exactPoints(8, 15, 75)).toBe(8);
  });

  it('without a percent the printed points are the best estimate', () => {
    expect(exactPoints(8, 15, null)).toBe(8);
  });

  it('with a percent and no printed points the percent gives the points', () => {
    expect(exactPoints(null, 20, 71)).toBe(14.2);
  });

  it('nothing printed gives null, never zero', () => {
    expect(exactPoints(null, null, null)).toBeNull();
  });
});
