import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatIsoDate,
  formatMonthYear,
  formatNumber,
  formatPercent,
  formatShare,
} from './format.ts';

const NBSP = '\u00a0';

describe('Swedish formatting', () => {
  it('writes a decimal comma and keeps printed decimals', () => {
    expect(formatNumber(74.5)).toBe('74,5');
    expect(formatNumber(19.58)).toBe('19,58');
    expect(formatNumber(577)).toBe('577');
  });

  it('groups thousands with a no-break space', () => {
    expect(formatNumber(23600)).toBe(`23${NBSP}600`);
  });

  it('shows a missing figure as an en dash', () => {
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(undefined)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatPercent(null)).toBe('–');
  });

  it('writes percentages with a no-break space before the sign', () => {
    expect(formatPercent(63)).toBe(`63${NBSP}%`);
    expect(formatPercent(62.125, 1)).toBe(`62,1${NBSP}%`);
    expect(formatShare(497, 800)).toBe(`62${NBSP}%`);
  });

  it('writes dates as they fall in Sweden', () => {
    const lateEvening = new Date('2016-10-02T22:30:00Z'); // already 3 October in Stockholm
    expect(formatDate(lateEvening)).toBe('3 oktober 2016');
    expect(formatIsoDate(lateEvening)).toBe('2016-10-03');
    expect(formatMonthYear(2016, 10)).toBe('oktober 2016');
    expect(formatMonthYear(2014, null)).toBe('2014');
  });

  it('puts the noun in the right number', () => {
    expect(formatCount(1, 'utvärdering', 'utvärderingar')).toBe('1 utvärdering');
    expect(formatCount(2, 'utvärdering', 'utvärderingar')).toBe('2 utvärderingar');
    expect(formatCount(0, 'kommun', 'kommuner')).toBe('0 kommuner');
  });
});
