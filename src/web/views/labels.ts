/** Swedish names for the stored closed value sets, one place for every page. */
import type {
  EvaluationKind,
  EvaluationStatus,
  FindingKind,
} from '../../db/repositories/evaluations.ts';

export const EVALUATION_KIND_LABEL: Record<EvaluationKind, string> = {
  full: 'Per fråga',
  'area-level': 'Per område',
  'self-assessment': 'Självvärdering',
};

export const EVALUATION_STATUS_LABEL: Record<EvaluationStatus, string> = {
  draft: 'Utkast',
  review: 'Granskas',
  published: 'Publicerad',
};

/** Plural headings for lists of findings. */
export const FINDING_KIND_HEADING: Record<FindingKind, string> = {
  strength: 'Styrkor',
  improvement: 'Förbättringsområden',
  'good-example': 'Goda exempel',
};
