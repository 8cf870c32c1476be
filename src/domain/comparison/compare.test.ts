import { describe, expect, it } from 'vitest';
import { builtInEdition } from '../framework/fixtures/editions.ts';
import type { Edition } from '../framework/index.ts';
import { buildComparison, type ComparedEvaluation } from './compare.ts';
import { QueryError } from './errors.ts';

const kk2010 = builtInEdition('kk-2010');
const kk2016 = builtInEdition('kk-2016');
const editions = new Map<string, Edition>([
  [kk2010.id, kk2010],
  [kk2016.id, kk2016],
]);

function evaluation(overrides: Partial<ComparedEvaluation> = {}): ComparedEvaluation {
  return {
    id: 'a',
    municipalityCode: '0486',
    municipalityName: 'Strängnäs',
    year: 2016,
    editionId: 'kk-2016',
    totalPrinted: null,
    areas: Array.from({ length: 8 }, (_, index) => ({ number: index + 1, score: 60 + index })),
    questions: [{ id: '1.1', points: 10.5 }],
    ...overrides,
  };
}

const populations = new Map([
  ['kk-2016', new Map([[1, [40, 60, 80]]])],
  ['kk-2010', new Map([[1, [50, 54]]])],
]);

describe('buildComparison', () => {
  it('ranks each area score among all evaluations of its edition', () => {
    const comparison = buildComparison({ evaluations: [evaluation()], editions, populations });
    expect(comparison.areas[0]?.cells[0]).toEqual({
      evaluationId: 'a',
      score: 60,
      rank: 2,
      of: 3,
      percentile: 50,
    });
    expect(comparison.sameEdition).toBe(true);
    expect(comparison.editionNote).toBeNull();
  });

  it('within one edition it shows the question table with percent of max', () => {
    const comparison = buildComparison({
      evaluations: [evaluation(), evaluation({ id: 'b', municipalityCode: '0139', questions: [] })],
      editions,
      populations,
    });
    const first = comparison.questions?.[0];
    expect(first).toMatchObject({ id: '1.1', area: 1, max: 15 });
    expect(first?.cells).toEqual([
      { evaluationId: 'a', points: 10.5, percent: 70 },
      { evaluationId: 'b', points: null, percent: null },
    ]);
    expect(comparison.questions).toHaveLength(45);
  });

  it('across editions it compares areas with a note and leaves the questions out', () => {
    const comparison = buildComparison({
      evaluations: [
        evaluation(),
        evaluation({ id: 'b', year: 2014, editionId: 'kk-2010', questions: [] }),
      ],
      editions,
      populations,
    });
    expect(comparison.sameEdition).toBe(false);
    expect(comparison.editionNote).toContain('olika versioner av Kommunkompassen');
    expect(comparison.editionNote).toContain('Område 7 har olika namn');
    expect(comparison.areas.find((area) => area.number === 7)?.names).toHaveLength(2);
    expect(comparison.questions).toBeNull();
    expect(comparison.questionsNote).toContain('samma version');
  });

  it('refuses a question table across editions with a clear message', () => {
    const run = () =>
      buildComparison({
        evaluations: [evaluation(), evaluation({ id: 'b', editionId: 'kk-2010' })],
        editions,
        populations,
        questions: true,
      });
    expect(run).toThrow(QueryError);
    expect(run).toThrow(/questions cannot be compared across editions \(kk-2016, kk-2010\)/);
  });

  it('refuses none, more than eight, and the same evaluation twice', () => {
    expect(() => buildComparison({ evaluations: [], editions, populations })).toThrow(
      /at least one/,
    );
    const nine = Array.from({ length: 9 }, (_, index) => evaluation({ id: String(index) }));
    expect(() => buildComparison({ evaluations: nine, editions, populations })).toThrow(
      /at most 8 evaluations/,
    );
    expect(() =>
      buildComparison({ evaluations: [evaluation(), evaluation()], editions, populations }),
    ).toThrow(/chosen twice/);
  });

  it('the total is the printed one, else the sum of the exact area scores', () => {
    const comparison = buildComparison({
      evaluations: [
        evaluation({ totalPrinted: 497 }),
        evaluation({
          id: 'b',
          areas: [
            { number: 1, score: 10.25 },
            { number: 2, score: 10.25 },
          ],
        }),
      ],
      editions,
      populations,
    });
    expect(comparison.evaluations.map((e) => e.total)).toEqual([497, 21]);
  });
});
