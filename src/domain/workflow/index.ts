export {
  STATUS_LABEL,
  TRANSITIONS,
  canStartCorrection,
  isEditable,
  planTransition,
  type Transition,
  type TransitionResult,
} from './transitions.ts';
export {
  describeMissing,
  publishChecklist,
  type ChecklistEdition,
  type ChecklistEvaluation,
  type MissingItem,
} from './checklist.ts';
