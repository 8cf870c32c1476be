import { describe, expect, it } from 'vitest';
import {
  checkArea,
  checkMunicipalityCode,
  checkSearchQuery,
  checkYearRange,
  describeYears,
} from './input.ts';

describe('input checks', () => {
  it('an empty or whitespace query is refused with a message saying what to do', () => {
    expect(() => checkSearchQuery('  ')).toThrow('the search query is empty');
    expect(() => checkSearchQuery(undefined)).toThrow('the search query is empty');
  });

  it('a 2,000-character query is refused, naming the limit', () => {
    expect(() => checkSearchQuery('a'.repeat(2000))).toThrow(
      'the search query is 2000 characters long; at most 200 are allowed',
    );
  });

  it('a query is trimmed and its whitespace collapsed', () => {
    expect(checkSearchQuery('  medborgar\n dialog ')).toBe('medborgar dialog');
  });

  it('areas are 1 to 8, years 1990 to 2100 in order, kommunkoder four digits', () => {
    expect(checkArea(8)).toBe(8);
    expect(() => checkArea(9)).toThrow('area must be a whole number from 1 to 8, got 9');
    expect(checkYearRange(2010, undefined)).toEqual({ yearFrom: 2010 });
    expect(() => checkYearRange(2016, 2010)).toThrow('ends before it starts');
    expect(() => checkYearRange(20100, undefined)).toThrow('from must be a year');
    expect(() => checkMunicipalityCode('486')).toThrow('is not a kommunkod');
  });

  it('describes year ranges in Swedish', () => {
    expect(describeYears(2010, undefined)).toBe('från 2010 och framåt');
    expect(describeYears(2010, 2015)).toBe('2010–2015');
    expect(describeYears(undefined, undefined)).toBe('alla år');
  });
});
