/**
 * A problem found while importing a report: what went wrong, where, and what was expected.
 *
 * Parsers never throw on bad input; they return a list of these instead.
 *
 * @example
 * const issue: ImportIssue = {
 *   source: "report.txt",
 *   line: 12,
 *   message: "score 120 is above its max 100",
 *   expected: "a score between 0 and 100",
 * };
 */
export interface ImportIssue {
  /** The file (or other source label) the text came from. */
  source: string;
  /** 1-based line number in the source text, when the problem is local to a line. */
  line?: number;
  /** What went wrong, in plain words. */
  message: string;
  /** What the parser expected to find instead. */
  expected?: string;
}

/**
 * Format an issue as one line: `file:line: message (expected …)`.
 *
 * @example
 * formatIssue({ source: "a.txt", line: 3, message: "no total", expected: "Totalt" });
 * // "a.txt:3: no total (expected Totalt)"
 */
export function formatIssue(issue: ImportIssue): string {
  const where = issue.line === undefined ? issue.source : `${issue.source}:${String(issue.line)}`;
  const expected = issue.expected === undefined ? '' : ` (expected ${issue.expected})`;
  return `${where}: ${issue.message}${expected}`;
}
