import { describe, expect, it } from 'vitest';
import {
  describeMissing,
  publishChecklist,
  type ChecklistEdition,
  type ChecklistEvaluation,
  type MissingItem,
} from './checklist.ts';

const edition: ChecklistEdition = {
  areas: [1, 2].map((number) => ({
    number,
    name: `Område ${number}`,
    questions: [
      { id: `${number}.1`, text: `Fråga ${number}.1` },
      { id: `${number}.2`, text: `Fråga ${number}.2` },
    ],
  })),
};

const areaLevelEdition: ChecklistEdition = {
  areas: edition.areas.map((area) => ({ ...area, questions: [] })),
};

/** Every question scored, one strength and one improvement per area. */
const complete: ChecklistEvaluation = {
  kind: 'full',
  questions: ['1.1', '1.2', '2.1', '2.2'].map((id) => ({ id, points: 10 })),
  areas: [],
  findings: [1, 2].flatMap((area) => [
    { area, kind: 'strength' as const },
    { area, kind: 'improvement' as const },
  ]),
};

const rules: Array<[string, ChecklistEdition, ChecklistEvaluation, MissingItem[]]> = [
  ['a fully scored evaluation with findings in every area may be published', edition, complete, []],
  [
    'an unanswered question blocks publishing',
    edition,
    { ...complete, questions: complete.questions.filter((q) => q.id !== '2.1') },
    [{ kind: 'question-unscored', area: 2, questionId: '2.1', questionText: 'Fråga 2.1' }],
  ],
  [
    'a question stored without points blocks publishing',
    edition,
    {
      ...complete,
      questions: complete.questions.map((q) => (q.id === '1.2' ? { ...q, points: null } : q)),
    },
    [{ kind: 'question-unscored', area: 1, questionId: '1.2', questionText: 'Fråga 1.2' }],
  ],
  [
    'zero points count as scored',
    edition,
    {
      ...complete,
      questions: complete.questions.map((q) => ({ ...q, points: 0 })),
    },
    [],
  ],
  [
    'an area without a strength blocks publishing',
    edition,
    {
      ...complete,
      findings: complete.findings.filter((f) => !(f.area === 1 && f.kind === 'strength')),
    },
    [{ kind: 'strength-missing', area: 1, areaName: 'Område 1' }],
  ],
  [
    'an area without an improvement area blocks publishing',
    edition,
    {
      ...complete,
      findings: complete.findings.filter((f) => !(f.area === 2 && f.kind === 'improvement')),
    },
    [{ kind: 'improvement-missing', area: 2, areaName: 'Område 2' }],
  ],
  [
    'a good example does not stand in for a strength',
    edition,
    {
      ...complete,
      findings: [
        ...complete.findings.filter((f) => !(f.area === 1 && f.kind === 'strength')),
        { area: 1, kind: 'good-example' },
      ],
    },
    [{ kind: 'strength-missing', area: 1, areaName: 'Område 1' }],
  ],
  [
    'an area-level edition needs every area scored instead of questions',
    areaLevelEdition,
    { ...complete, questions: [], areas: [{ number: 1, score: 55 }] },
    [{ kind: 'area-unscored', area: 2, areaName: 'Område 2' }],
  ],
  [
    'an area-level evaluation of an edition with questions is scored per area',
    edition,
    {
      ...complete,
      kind: 'area-level',
      questions: [],
      areas: [1, 2].map((number) => ({ number, score: 50 })),
    },
    [],
  ],
  [
    'an empty draft lists everything, area by area in the edition order',
    edition,
    { kind: 'full', questions: [], areas: [], findings: [] },
    [
      { kind: 'question-unscored', area: 1, questionId: '1.1', questionText: 'Fråga 1.1' },
      { kind: 'question-unscored', area: 1, questionId: '1.2', questionText: 'Fråga 1.2' },
      { kind: 'strength-missing', area: 1, areaName: 'Område 1' },
      { kind: 'improvement-missing', area: 1, areaName: 'Område 1' },
      { kind: 'question-unscored', area: 2, questionId: '2.1', questionText: 'Fråga 2.1' },
      { kind: 'question-unscored', area: 2, questionId: '2.2', questionText: 'Fråga 2.2' },
      { kind: 'strength-missing', area: 2, areaName: 'Område 2' },
      { kind: 'improvement-missing', area: 2, areaName: 'Område 2' },
    ],
  ],
];

describe('publishChecklist', () => {
  for (const [rule, forEdition, evaluation, expected] of rules) {
    it(rule, () => {
      expect(publishChecklist(forEdition, evaluation)).toEqual(expected);
    });
  }
});

describe('describeMissing', () => {
  it('names each missing thing in Swedish', () => {
    expect(
      publishChecklist(edition, { kind: 'full', questions: [], areas: [], findings: [] })
        .slice(0, 4)
        .map(describeMissing),
    ).toEqual([
      'Fråga 1.1 (Fråga 1.1) saknar poäng.',
      'Fråga 1.2 (Fråga 1.2) saknar poäng.',
      'Område 1 (Område 1) saknar en styrka.',
      'Område 1 (Område 1) saknar ett förbättringsområde.',
    ]);
    expect(describeMissing({ kind: 'area-unscored', area: 3, areaName: 'Ekonomi' })).toBe(
      'Område 3 (Ekonomi) saknar poäng.',
    );
  });
});
