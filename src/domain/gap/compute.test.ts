import { describe, expect, it } from 'vitest';
import {
  computeGap,
  scaleLevel,
  type EvaluatedArea,
  type SelfAssessmentAnswer,
} from './compute.ts';
import { validateGapMapping, type GapMapping } from './mapping.ts';
import type { Edition } from '../framework/index.ts';

const SCALE = ['Ej alls', 'Delvis', 'I hög grad', 'Fullt ut'] as const;

const mapping: GapMapping = {
  schemaVersion: 1,
  selfAssessmentEdition: 'sa',
  edition: 'kk',
  description: 'test',
  areas: [
    { area: 1, questions: ['1', '2'] },
    { area: 2, questions: ['3', '4'] },
    { area: 3, questions: ['5'] },
  ],
};

const areas = (scores: Array<number | null>): EvaluatedArea[] =>
  scores.map((score, index) => ({ number: index + 1, name: `Område ${String(index + 1)}`, score }));

const answer = (id: string, value: string | null, flags: string[] = []): SelfAssessmentAnswer => ({
  id,
  answer: value,
  flags,
});

describe('scaleLevel', () => {
  it('maps the four steps to 0, 33⅓, 66⅔ and 100 in equal steps', () => {
    const levels = SCALE.map((step) => scaleLevel(SCALE, step) ?? NaN);
    [0, 100 / 3, 200 / 3, 100].forEach((level, index) => {
      expect(levels[index]).toBeCloseTo(level, 9);
    });
  });

  it('ignores case and spacing, and knows no level for text off the scale', () => {
    expect(scaleLevel(SCALE, ' i  hög grad ')).toBeCloseTo(66.667, 3);
    expect(scaleLevel(SCALE, 'Ja')).toBeUndefined();
  });
});

describe('computeGap', () => {
  it('an area’s level is the mean level of its answered questions, and the difference is level − evaluated score', () => {
    const gap = computeGap({
      scale: SCALE,
      answers: [
        answer('1', 'Fullt ut'),
        answer('2', 'I hög grad'),
        answer('3', 'Delvis'),
        answer('4', 'Delvis'),
        answer('5', 'Ej alls'),
      ],
      mapping,
      evaluated: areas([62, 40, 48]),
    });
    expect(
      gap.areas.map((a) => [a.area, a.selfLevel, a.evaluated, a.difference, a.direction]),
    ).toEqual([
      [1, 83.3, 62, 21.3, 'above'],
      [2, 33.3, 40, -6.7, 'below'],
      [3, 0, 48, -48, 'below'],
    ]);
    expect(gap.summary).toEqual({ above: 1, below: 2, 'in-line': 0, unknown: 0 });
  });

  it('a difference of at most 5 points either way counts as in line', () => {
    const gap = computeGap({
      scale: SCALE,
      answers: [
        answer('1', 'I hög grad'),
        answer('2', 'I hög grad'),
        answer('3', 'I hög grad'),
        answer('4', 'I hög grad'),
        answer('5', 'I hög grad'),
      ],
      mapping,
      evaluated: areas([61.67, 71.66, 72]),
    });
    expect(gap.areas.map((a) => a.direction)).toEqual(['in-line', 'in-line', 'below']);
  });

  it('a question with two ticked boxes, or unanswered, is left out of the level and listed, never counted as 0', () => {
    const gap = computeGap({
      scale: SCALE,
      answers: [
        answer('1', 'Fullt ut'),
        answer('2', null, ['multiple-ticked: I hög grad, Fullt ut']),
        answer('4', 'Ja'),
      ],
      mapping,
      evaluated: areas([50, 50, 50]),
    });
    const [first, second, third] = gap.areas;
    expect(first).toMatchObject({
      answered: 1,
      selfLevel: 100,
      missing: [{ id: '2', reason: 'multiple-ticked' }],
    });
    expect(second).toMatchObject({
      answered: 0,
      selfLevel: null,
      difference: null,
      direction: null,
      missing: [
        { id: '3', reason: 'unanswered' },
        { id: '4', reason: 'off-scale' },
      ],
    });
    expect(third?.selfLevel).toBeNull();
    expect(gap.summary).toEqual({ above: 1, below: 0, 'in-line': 0, unknown: 2 });
  });

  it('a resolved double tick (an answer despite the flag) counts with its answer', () => {
    const gap = computeGap({
      scale: SCALE,
      answers: [
        answer('1', 'Delvis', ['multiple-ticked: Delvis, I hög grad']),
        answer('2', 'Delvis'),
      ],
      mapping,
      evaluated: areas([30]),
    });
    expect(gap.areas[0]).toMatchObject({
      answered: 2,
      selfLevel: 33.3,
      difference: 3.3,
      missing: [],
    });
  });

  it('an area the evaluation did not score, or the mapping does not cover, has no difference', () => {
    const gap = computeGap({
      scale: SCALE,
      answers: [answer('1', 'Delvis')],
      mapping,
      evaluated: [...areas([null]), { number: 8, name: 'Område 8', score: 70 }],
    });
    expect(gap.areas.map((a) => [a.area, a.difference, a.questions])).toEqual([
      [1, null, ['1', '2']],
      [8, null, []],
    ]);
  });

  it('rounds levels and differences to one decimal only at the end, halves away from zero', () => {
    const gap = computeGap({
      scale: SCALE,
      answers: [answer('5', 'I hög grad')],
      mapping,
      evaluated: areas([0, 0, 66.62]),
    });
    // 66,666… − 66,62 = 0,0466… → 0 (not 66,7 − 66,6 = 0,1)
    expect(gap.areas[2]).toMatchObject({ selfLevel: 66.7, evaluated: 66.6, difference: 0 });
  });
});

describe('validateGapMapping', () => {
  const edition = (id: string, kind: Edition['kind'], areasOf: Array<[number, string[]]>) =>
    ({
      schemaVersion: 1,
      id,
      name: id,
      kind,
      years: { from: 2010, to: null },
      areas: areasOf.map(([number, questions]) => ({
        number,
        name: `Område ${String(number)}`,
        headings: [],
        questions: questions.map((q) => ({ id: q, text: q, max: null })),
      })),
    }) as Edition;
  const sa = edition('sa', 'self-assessment', [[1, ['1', '2', '3', '4', '5']]]);
  const kk = edition('kk', 'kommunkompassen', [
    [1, []],
    [2, []],
    [3, []],
  ]);

  it('accepts a mapping whose questions and areas exist and that covers every area', () => {
    expect(validateGapMapping(mapping, 'm.json', { selfAssessment: sa, edition: kk }).ok).toBe(
      true,
    );
  });

  it('names the file and field of a bad shape', () => {
    const result = validateGapMapping(
      { ...mapping, areas: [{ area: 0, questions: [] }] },
      'm.json',
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        'm.json: areas.0.area: must be 1 or more',
        'm.json: areas.0.questions: must name at least one question',
      ],
    });
  });

  it('refuses unknown questions and areas, an area left out and a question listed twice', () => {
    const result = validateGapMapping(
      {
        ...mapping,
        areas: [
          { area: 1, questions: ['1', '1'] },
          { area: 9, questions: ['51'] },
          { area: 2, questions: ['2'] },
        ],
      },
      'm.json',
      { selfAssessment: sa, edition: kk },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual([
      'm.json: areas.0: question 1 is listed twice in area 1: keep one',
      'm.json: areas.1.area: kk has no area 9 (it has 1, 2, 3)',
      'm.json: areas.1.questions: sa has no question "51"',
      'm.json: areas: area 3 (Område 3) has no questions: add an entry for it',
    ]);
  });

  it('refuses editions that do not exist or are of the wrong kind', () => {
    const result = validateGapMapping(mapping, 'm.json', {
      selfAssessment: kk,
      edition: undefined,
    });
    expect(!result.ok && result.issues).toEqual([
      'm.json: selfAssessmentEdition: "kk" is not a self-assessment edition',
      'm.json: edition: edition "kk" does not exist: use the id of a stored Kommunkompassen edition such as "kk-2016"',
    ]);
  });
});
