import { describe, expect, it } from 'vitest';
import { builtInEdition } from '../framework/fixtures/editions.ts';
import { pickRoleModels, selectLearningNeeds } from './role-models.ts';

const kk2016 = builtInEdition('kk-2016');

describe('selectLearningNeeds', () => {
  const areas = Array.from({ length: 8 }, (_, index) => ({
    number: index + 1,
    score: index === 5 ? 49 : 60,
  }));

  it('areas with improvement findings, then areas below 50, in area order', () => {
    const needs = selectLearningNeeds(
      {
        areas,
        questions: [],
        findings: [
          { area: 3, kind: 'improvement' },
          { area: 1, kind: 'strength' },
        ],
      },
      kk2016,
    );
    expect(needs).toEqual([
      { type: 'area', area: 3, score: 60, reason: 'improvement' },
      { type: 'area', area: 6, score: 49, reason: 'low-score' },
    ]);
  });

  it('questions below 50 % of their max, lowest first, at most five', () => {
    const questions = [
      { id: '1.1', points: 7.5 }, // 50 %: not low
      { id: '1.2', points: 3 }, // 3 of 20 = 15 %
      { id: '2.1', points: 2.5 }, // 2.5 of 15 ≈ 17 %
      { id: '2.2', points: null },
    ];
    const needs = selectLearningNeeds({ areas: [], questions, findings: [] }, kk2016, {
      maxQuestions: 5,
    });
    expect(needs.map((need) => (need.type === 'question' ? need.questionId : need.area))).toEqual([
      '1.2',
      '2.1',
    ]);
    expect(needs.find((need) => need.type === 'question' && need.questionId === '1.2')).toEqual({
      type: 'question',
      area: 1,
      questionId: '1.2',
      percent: 15,
    });
  });
});

describe('pickRoleModels', () => {
  const candidate = (municipalityCode: string, score: number, year = 2016) => ({
    evaluationId: `${municipalityCode}-${year}`,
    municipalityCode,
    year,
    editionId: 'kk-2016',
    score,
  });

  it('the best per municipality, highest first, without the evaluated municipality', () => {
    const picked = pickRoleModels(
      [
        candidate('0486', 99),
        candidate('0139', 70),
        candidate('0139', 80, 2013),
        candidate('0181', 75),
      ],
      { excludeMunicipalityCode: '0486', limit: 3 },
    );
    expect(picked.map((p) => [p.municipalityCode, p.score])).toEqual([
      ['0139', 80],
      ['0181', 75],
    ]);
  });

  it('ties go to the latest year, then the lower kommunkod', () => {
    const picked = pickRoleModels([
      candidate('0181', 80, 2012),
      candidate('0139', 80, 2012),
      candidate('0999', 80, 2014),
    ]);
    expect(picked.map((p) => p.municipalityCode)).toEqual(['0999', '0139', '0181']);
  });
});
