export {
  HALF_TOLERANCE,
  displayPercent,
  displayPoints,
  isOnHalfPointGrid,
  percentOf,
  pointsFromPercent,
  pointsRangeFromPercent,
  roundHalfUp,
  sumPoints,
} from './rounding.ts';
export { checkPoints, scoreEvaluation } from './score.ts';
export type {
  EvaluationScore,
  ScoreInput,
  ScoreOptions,
  ScoredArea,
  ScoredQuestion,
  ScoringIssue,
  ScoringResult,
} from './score.ts';
export { checkPrintedTable, derivePointsFromPrintedTable } from './printed-table.ts';
export type {
  DerivedPoints,
  DerivedQuestionPoints,
  PrintedAreaRow,
  PrintedFigure,
  PrintedQuestionRow,
  PrintedTable,
  PrintedTableOptions,
  UnreproducedFigure,
} from './printed-table.ts';
