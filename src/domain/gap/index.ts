export {
  GAP_MAPPING_SCHEMA_VERSION,
  gapMappingSchema,
  validateGapMapping,
  type GapMapping,
  type GapMappingValidation,
} from './mapping.ts';
export {
  IN_LINE_TOLERANCE,
  computeGap,
  scaleLevel,
  type AreaGap,
  type EvaluatedArea,
  type GapDirection,
  type GapResult,
  type MissingAnswer,
  type MissingReason,
  type SelfAssessmentAnswer,
} from './compute.ts';
