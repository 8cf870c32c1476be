import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REPORT_OPTIONS,
  ReportOptionsSchema,
  mergeLoadOptions,
  parseComparisonKey,
  readStoredReportOptions,
} from './options.ts';

const kungsbacka = { municipalityCode: '1384', year: 2011 };

describe('report options (stored in evaluations.report_options)', () => {
  it('an empty object means the defaults: the published average and no extra comparisons', () => {
    expect(ReportOptionsSchema.parse({})).toEqual(DEFAULT_REPORT_OPTIONS);
    expect(readStoredReportOptions({})).toEqual({ options: DEFAULT_REPORT_OPTIONS, valid: true });
  });

  it('accepts a computed basis with years and a län, and up to seven comparisons', () => {
    const options = {
      average: { kind: 'computed', yearFrom: 2010, yearTo: 2016, lanCode: '04' },
      compare: Array.from({ length: 7 }, (_, i) => ({ municipalityCode: '1384', year: 2010 + i })),
    };
    expect(ReportOptionsSchema.parse(options)).toEqual(options);
  });

  it('refuses an eighth comparison', () => {
    const compare = Array.from({ length: 8 }, (_, i) => ({
      municipalityCode: '1384',
      year: 2010 + i,
    }));
    expect(ReportOptionsSchema.safeParse({ compare }).success).toBe(false);
  });

  it('refuses the same comparison twice', () => {
    expect(ReportOptionsSchema.safeParse({ compare: [kungsbacka, kungsbacka] }).success).toBe(
      false,
    );
  });

  it('refuses a year range that ends before it starts', () => {
    const result = ReportOptionsSchema.safeParse({
      average: { kind: 'computed', yearFrom: 2016, yearTo: 2010 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['average', 'yearTo']);
  });

  it('refuses unknown keys, a three-digit kommunkod and a one-digit län', () => {
    expect(ReportOptionsSchema.safeParse({ colour: 'red' }).success).toBe(false);
    expect(
      ReportOptionsSchema.safeParse({ compare: [{ municipalityCode: '139', year: 2011 }] }).success,
    ).toBe(false);
    expect(
      ReportOptionsSchema.safeParse({ average: { kind: 'computed', lanCode: '4' } }).success,
    ).toBe(false);
  });

  it('a stored value that does not validate falls back to the defaults, flagged as invalid', () => {
    expect(readStoredReportOptions({ average: { kind: 'median' } })).toEqual({
      options: DEFAULT_REPORT_OPTIONS,
      valid: false,
    });
  });

  it('reads "kommunkod:år" as a comparison and nothing else', () => {
    expect(parseComparisonKey('1384:2011')).toEqual(kungsbacka);
    expect(parseComparisonKey(' 1384:2011 ')).toEqual(kungsbacka);
    expect(parseComparisonKey('1384-2011')).toBeUndefined();
    expect(parseComparisonKey('1384:1800')).toBeUndefined();
  });
});

describe('stored options and overrides', () => {
  const stored = ReportOptionsSchema.parse({
    average: { kind: 'computed', yearFrom: 2010, lanCode: '04' },
    compare: [kungsbacka],
  });

  it('without an override the stored options apply', () => {
    expect(mergeLoadOptions(stored)).toEqual({
      average: { kind: 'computed', yearFrom: 2010, lanCode: '04' },
      compareWith: [kungsbacka],
    });
  });

  it('an override of the average keeps the stored comparisons, and the other way round', () => {
    expect(mergeLoadOptions(stored, { average: { kind: 'published' } })).toEqual({
      average: { kind: 'published' },
      compareWith: [kungsbacka],
    });
    const other = [{ municipalityCode: '1880', year: 2006 }];
    expect(mergeLoadOptions(stored, { compareWith: other })).toEqual({
      average: { kind: 'computed', yearFrom: 2010, lanCode: '04' },
      compareWith: other,
    });
  });
});
