/**
 * The workflow of an evaluation: draft → review → published, and back from review to draft.
 * A published evaluation is frozen; it changes only through a correction, which starts a new
 * revision as a draft (see `correctionOf`). Pure: no database, no clock.
 */
import type { EvaluationStatus } from '../access/index.ts';

/** The status changes people ask for. */
export type Transition = 'submit' | 'publish' | 'return';

export const TRANSITIONS: Readonly<
  Record<Transition, { from: EvaluationStatus; to: EvaluationStatus }>
> = {
  submit: { from: 'draft', to: 'review' },
  publish: { from: 'review', to: 'published' },
  return: { from: 'review', to: 'draft' },
};

/** What a transition asked of an evaluation in `from` leads to, or why it may not happen. */
export type TransitionResult =
  | { ok: true; from: EvaluationStatus; to: EvaluationStatus }
  | { ok: false; reason: 'wrong-status' | 'superseded'; message: string };

export const STATUS_LABEL: Readonly<Record<EvaluationStatus, string>> = {
  draft: 'utkast',
  review: 'granskning',
  published: 'publicerad',
};

const WRONG_STATUS_MESSAGE: Readonly<Record<Transition, string>> = {
  submit: 'Bara ett utkast kan lämnas till granskning.',
  publish: 'Bara en utvärdering som granskas kan publiceras. Lämna den till granskning först.',
  return: 'Bara en utvärdering som granskas kan skickas tillbaka till utkast.',
};

/**
 * Whether `transition` may happen to an evaluation with `status` that is (or is not) the current
 * revision.
 *
 * @example
 * planTransition({ status: 'draft', current: true }, 'submit'); // { ok: true, from: 'draft', to: 'review' }
 */
export function planTransition(
  evaluation: { status: EvaluationStatus; current: boolean },
  transition: Transition,
): TransitionResult {
  if (!evaluation.current) {
    return {
      ok: false,
      reason: 'superseded',
      message: 'En nyare revision har ersatt den här utvärderingen. Ändra den gällande revisionen.',
    };
  }
  const rule = TRANSITIONS[transition];
  if (evaluation.status !== rule.from) {
    return { ok: false, reason: 'wrong-status', message: WRONG_STATUS_MESSAGE[transition] };
  }
  return { ok: true, from: rule.from, to: rule.to };
}

/** Whether the content (scores, texts, findings, sources) may change: only before publishing. */
export function isEditable(evaluation: { status: EvaluationStatus; current: boolean }): boolean {
  return evaluation.current && evaluation.status !== 'published';
}

/**
 * Whether a correction may start from this evaluation: only the current published revision (a
 * draft is simply edited; an old revision was already corrected).
 */
export function canStartCorrection(evaluation: {
  status: EvaluationStatus;
  current: boolean;
}): boolean {
  return evaluation.current && evaluation.status === 'published';
}
