export {
  ACTIONS,
  ANONYMOUS,
  can,
  evaluationScope,
  viewerFor,
  type AccountForViewer,
  type Action,
  type ActionResources,
  type EvaluationResource,
  type EvaluationScope,
  type EvaluationStatus,
  type ResourceArgs,
  type Role,
  type Viewer,
} from './policy.ts';
export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  checkNewPassword,
  type NewPasswordInput,
  type PasswordProblem,
} from './password.ts';
