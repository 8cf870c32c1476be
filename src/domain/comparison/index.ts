export { averageAreaResults } from './average.ts';
export type {
  AreaAverage,
  AreaResult,
  Average,
  AverageOptions,
  EvaluationAreaResults,
} from './average.ts';
export { MAX_COMPARED, buildComparison } from './compare.ts';
export type {
  AreaCell,
  ComparedEvaluation,
  Comparison,
  ComparisonInput,
  QuestionCell,
} from './compare.ts';
export { describeEditionDifference, listSwedish } from './editions.ts';
export type { EditionDifference } from './editions.ts';
export { QueryError } from './errors.ts';
export type { QueryErrorCode } from './errors.ts';
export { createRanker } from './rank.ts';
export type { Rank } from './rank.ts';
export { LOW_SCORE_PERCENT, pickRoleModels, selectLearningNeeds } from './role-models.ts';
export type {
  LearningNeed,
  LearningNeedsInput,
  LearningNeedsOptions,
  RoleModelCandidate,
} from './role-models.ts';
export {
  MAX_QUERY_LENGTH,
  checkArea,
  checkLanCode,
  checkMunicipalityCode,
  checkSearchQuery,
  checkYearRange,
  describeYears,
} from './input.ts';
