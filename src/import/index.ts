/**
 * Report import: published reports (PDF converted to text) in, parsed figures or issues out.
 * No database access; `kompass parse` prints what these return, `kompass import` stores it.
 */
export { formatIssue, type ImportIssue } from './issues.ts';
export {
  binaryShare,
  decodeReportBytes,
  detectReportKind,
  firstInvalidUtf8,
  parseReport,
  type ParseReportOptions,
  type ParseReportResult,
  type ParsedReport,
  type ReportKind,
} from './parse.ts';
export { parseSelfAssessment } from './self-assessment/index.ts';
export type {
  KeyFigureSeries,
  KeyFigureTable,
  SelfAssessmentAnswer,
  SelfAssessmentOption,
  SelfAssessmentReport,
  SelfAssessmentTheme,
} from './self-assessment/types.ts';
