import { describe, expect, it } from 'vitest';
import { parsePoints } from './routes.ts';

describe('parsePoints', () => {
  it('reads a decimal comma or point; empty means not scored; anything else is not a number', () => {
    expect(parsePoints('7,5')).toBe(7.5);
    expect(parsePoints(' 7.5 ')).toBe(7.5);
    expect(parsePoints('')).toBeNull();
    expect(parsePoints('sju')).toBeUndefined();
    expect(parsePoints('7,5,1')).toBeUndefined();
  });
});
