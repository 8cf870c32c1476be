import { describe, expect, it } from 'vitest';
import type { EvaluationStatus } from '../access/index.ts';
import { canStartCorrection, isEditable, planTransition, type Transition } from './transitions.ts';

const rules: Array<[string, EvaluationStatus, Transition, EvaluationStatus | null]> = [
  ['a draft is submitted for review', 'draft', 'submit', 'review'],
  ['an evaluation under review is published', 'review', 'publish', 'published'],
  ['an evaluation under review is returned to draft', 'review', 'return', 'draft'],
  ['a draft cannot be published without review', 'draft', 'publish', null],
  ['a draft cannot be returned to draft', 'draft', 'return', null],
  ['an evaluation under review cannot be submitted again', 'review', 'submit', null],
  ['a published evaluation cannot be submitted', 'published', 'submit', null],
  ['a published evaluation cannot be published again', 'published', 'publish', null],
  ['a published evaluation cannot return to draft', 'published', 'return', null],
];

describe('planTransition', () => {
  for (const [rule, from, transition, to] of rules) {
    it(rule, () => {
      const result = planTransition({ status: from, current: true }, transition);
      if (to === null) {
        expect(result).toMatchObject({ ok: false, reason: 'wrong-status' });
      } else {
        expect(result).toEqual({ ok: true, from, to });
      }
    });
  }

  it('a superseded revision changes status no more', () => {
    expect(planTransition({ status: 'review', current: false }, 'publish')).toMatchObject({
      ok: false,
      reason: 'superseded',
    });
  });

  it('says in Swedish why a transition is refused', () => {
    const result = planTransition({ status: 'draft', current: true }, 'publish');
    expect(result.ok ? '' : result.message).toBe(
      'Bara en utvärdering som granskas kan publiceras. Lämna den till granskning först.',
    );
  });
});

describe('frozen once published', () => {
  const cases: Array<[string, EvaluationStatus, boolean, boolean, boolean]> = [
    // rule, status, current, editable, may start a correction
    ['a draft is edited, not corrected', 'draft', true, true, false],
    ['an evaluation under review is edited, not corrected', 'review', true, true, false],
    [
      'a published evaluation is frozen and corrected by a new revision',
      'published',
      true,
      false,
      true,
    ],
    [
      'a superseded revision is neither edited nor corrected again',
      'published',
      false,
      false,
      false,
    ],
  ];
  for (const [rule, status, current, editable, correctable] of cases) {
    it(rule, () => {
      expect(isEditable({ status, current })).toBe(editable);
      expect(canStartCorrection({ status, current })).toBe(correctable);
    });
  }
});
