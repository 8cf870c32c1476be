import { describe, expect, it } from 'vitest';
import { pointsProblem } from './score-question.ts';

describe('pointsProblem', () => {
  it('accepts 0, the max and every half point between', () => {
    for (const points of [0, 0.5, 7, 7.5, 14.5, 15]) expect(pointsProblem(points, 15)).toBeNull();
  });

  it('refuses points above the max or below 0, naming the range', () => {
    expect(pointsProblem(15.5, 15)).toBe(
      'Poängen 15,5 ligger utanför 0–15. Ge mellan 0 och 15 poäng.',
    );
    expect(pointsProblem(-1, 15)).toContain('utanför 0–15');
  });

  it('refuses points off the half-point grid, with an example', () => {
    expect(pointsProblem(7.25, 15)).toBe(
      'Poängen 7,25 är inte ett halvt eller helt tal. Ge poäng i steg om 0,5, till exempel 7 eller 7,5.',
    );
  });
});
