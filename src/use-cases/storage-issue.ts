/**
 * Turns a failed write into an import issue (`file:line: message (expected …)`), so a file or
 * row the database refuses is reported like any other bad input: no stack trace.
 */
import { pgErrorOf, StorageError } from '../db/errors.ts';
import type { ImportIssue } from '../import/issues.ts';

/** What each CHECK constraint an import can hit expects, in words. */
const EXPECTED_BY_CONSTRAINT: Readonly<Record<string, string>> = {
  evaluations_year_check: 'a year from 1990 to 2100',
  evaluations_month_check: 'a month from 1 to 12',
  evaluations_total_check: 'a total of 0 or more',
  area_scores_score_check: 'an area score from 0 to 100',
  area_scores_printed_check: 'an area score from 0 to 100',
  area_scores_area_check: 'an area number from 1 to 99',
  question_scores_id_check: 'a question id such as 2.4',
  question_scores_points_check: 'points of 0 or more',
  question_scores_printed_check:
    'printed points of 0 or more, a max above 0 and a percent from 0 to 100',
  findings_text_check: 'a finding with text',
  reference_series_areas_score_check: 'an area score from 0 to 100',
  reference_series_total_check: 'a total of 0 or more',
};

/**
 * The issue for `error` thrown while storing what `source` (line `line`) holds, or undefined
 * when `error` is not about the data (a bug: let it surface).
 */
export function storageIssue(
  error: unknown,
  where: { source: string; line?: number; what?: string },
): ImportIssue | undefined {
  const prefix = where.what ? `${where.what}: ` : '';
  const located = (message: string, expected?: string): ImportIssue => ({
    source: where.source,
    ...(where.line === undefined ? {} : { line: where.line }),
    message: `${prefix}${message}`,
    ...(expected === undefined ? {} : { expected }),
  });
  if (error instanceof StorageError) {
    const constraint = pgErrorOf(error)?.constraint;
    const expected = constraint === undefined ? undefined : EXPECTED_BY_CONSTRAINT[constraint];
    return located(error.message, expected);
  }
  const pg = pgErrorOf(error);
  if (pg) return located(`the database refused it: ${pg.message}`);
  return undefined;
}
