import { describe, expect, it } from 'vitest';
import { parseSwedishNumber, printedDecimals } from './numbers.ts';

describe('parseSwedishNumber', () => {
  it.each([
    ['74,5', 74.5],
    ['74.5', 74.5],
    ['55%', 55],
    ['55 %', 55],
    ['55\u00a0%', 55],
    ['383', 383],
    ['23 600', 23600],
    ['19.58', 19.58],
    ['-3,25', -3.25],
    ['\u22122', -2],
    [' 0 ', 0],
  ])('reads %j as %d', (text, expected) => {
    expect(parseSwedishNumber(text)).toBe(expected);
  });

  it.each([
    '',
    ' ',
    '%',
    '7a',
    'a7',
    '1,2,3',
    '1.2.3',
    '--1',
    '4 4 4 4',
    '12 34',
    'NaN',
    '∞',
    '1e5',
  ])('refuses the garbage %j', (text) => {
    expect(parseSwedishNumber(text)).toBeNull();
  });
});

describe('printedDecimals', () => {
  it('counts the decimals as printed', () => {
    expect(printedDecimals('74,5')).toBe(1);
    expect(printedDecimals('19.58')).toBe(2);
    expect(printedDecimals('44')).toBe(0);
    expect(printedDecimals('55 %')).toBe(0);
  });
});
