/**
 * The report options an evaluator stores with an evaluation (`evaluations.report_options`,
 * jsonb, `{}` = the defaults): which average the summary shows and which other municipalities
 * the radar chart and the summary table compare with. Pure: validation and conversion only.
 *
 * Comparisons are stored as municipality and year, not as evaluation ids: a correction of the
 * compared evaluation is a new revision with a new id, and the report should then show the
 * corrected figures, so the id is resolved to the newest published revision when the report is
 * made (an area-level result only when that year has no full evaluation).
 */
import { z } from 'zod';
import type { AverageChoice, LoadReportOptions } from './load.ts';

/** At most this many municipalities besides this evaluation, its previous one and the average. */
export const REPORT_COMPARISONS_MAX = 7;

export const REPORT_YEAR_MIN = 1990;
export const REPORT_YEAR_MAX = 2100;

const year = z
  .number()
  .int()
  .min(REPORT_YEAR_MIN)
  .max(REPORT_YEAR_MAX)
  .describe('A calendar year, e.g. 2010');

export const AverageBasisSchema = z
  .discriminatedUnion('kind', [
    z
      .strictObject({ kind: z.literal('published') })
      .describe('The average the evaluation’s own report printed (the default)'),
    z
      .strictObject({
        kind: z.literal('computed'),
        yearFrom: year.optional().describe('Evaluations from this year on'),
        yearTo: year.optional().describe('Evaluations up to and including this year'),
        lanCode: z
          .string()
          .regex(/^\d{2}$/)
          .optional()
          .describe('Only municipalities of this län (two-digit länskod)'),
      })
      .describe('Computed by Kompass from the stored published evaluations of the same edition'),
    z.strictObject({ kind: z.literal('none') }).describe('No average column'),
  ])
  .superRefine((basis, context) => {
    if (
      basis.kind === 'computed' &&
      basis.yearFrom !== undefined &&
      basis.yearTo !== undefined &&
      basis.yearFrom > basis.yearTo
    ) {
      context.addIssue({
        code: 'custom',
        path: ['yearTo'],
        message: 'yearTo must not be before yearFrom',
      });
    }
  });
export type AverageBasis = z.output<typeof AverageBasisSchema>;

export const ReportComparisonSchema = z
  .strictObject({
    municipalityCode: z
      .string()
      .regex(/^\d{4}$/)
      .describe('SCB kommunkod'),
    year,
  })
  .describe('A published evaluation to compare with, by municipality and year');
export type ReportComparison = z.output<typeof ReportComparisonSchema>;

export const ReportOptionsSchema = z.strictObject({
  average: AverageBasisSchema.default({ kind: 'published' }),
  compare: z
    .array(ReportComparisonSchema)
    .max(REPORT_COMPARISONS_MAX)
    .default([])
    .superRefine((items, context) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        const key = comparisonKey(item);
        if (seen.has(key)) {
          context.addIssue({ code: 'custom', path: [index], message: `${key} is listed twice` });
        }
        seen.add(key);
      });
    }),
});
export type ReportOptions = z.output<typeof ReportOptionsSchema>;

export const DEFAULT_REPORT_OPTIONS: ReportOptions = Object.freeze({
  average: { kind: 'published' },
  compare: [],
}) as ReportOptions;

/** "0139:2011": how a comparison is written in forms, the CLI's `--compare` and messages. */
export const comparisonKey = (item: ReportComparison) =>
  `${item.municipalityCode}:${String(item.year)}`;

/** The comparison a "0139:2011" stands for, or undefined when it is not of that form. */
export function parseComparisonKey(text: string): ReportComparison | undefined {
  const match = /^(\d{4}):(\d{4})$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const parsed = ReportComparisonSchema.safeParse({
    municipalityCode: match[1],
    year: Number(match[2]),
  });
  return parsed.success ? parsed.data : undefined;
}

/**
 * The stored options as the report uses them. `{}` (never set) gives the defaults; a value that
 * does not validate (written by hand or by an older version) also gives the defaults, with
 * `valid: false` so callers can say so instead of failing the report.
 */
export function readStoredReportOptions(stored: unknown): {
  options: ReportOptions;
  valid: boolean;
} {
  const parsed = ReportOptionsSchema.safeParse(stored ?? {});
  return parsed.success
    ? { options: parsed.data, valid: true }
    : { options: DEFAULT_REPORT_OPTIONS, valid: false };
}

/** Whether nothing was ever stored (`{}`), as opposed to stored defaults. */
export const isUnset = (stored: unknown): boolean =>
  stored === null ||
  stored === undefined ||
  (typeof stored === 'object' && !Array.isArray(stored) && Object.keys(stored).length === 0);

/** The average the loader draws for a stored basis. */
export function averageChoiceOf(basis: AverageBasis): AverageChoice {
  if (basis.kind !== 'computed') return { kind: basis.kind };
  return {
    kind: 'computed',
    ...(basis.yearFrom === undefined ? {} : { yearFrom: basis.yearFrom }),
    ...(basis.yearTo === undefined ? {} : { yearTo: basis.yearTo }),
    ...(basis.lanCode === undefined ? {} : { lanCode: basis.lanCode }),
  };
}

/**
 * The loader options for stored options and an override (URL query, CLI flags): each part the
 * override names wins, the rest comes from what is stored.
 *
 * @example
 * mergeLoadOptions(stored, { average: { kind: 'none' } }); // stored comparisons, no average
 */
export function mergeLoadOptions(
  stored: ReportOptions,
  override: Pick<LoadReportOptions, 'average' | 'compareWith'> = {},
): Pick<LoadReportOptions, 'average' | 'compareWith'> {
  return {
    average: override.average ?? averageChoiceOf(stored.average),
    compareWith: override.compareWith ?? stored.compare,
  };
}
