import { describe, expect, it } from 'vitest';
import { builtInEdition } from '../framework/fixtures/editions.ts';
import { sodertalje2006Areas, upplandsBro2011 } from './fixtures/printed-tables.ts';
import { derivePointsFromPrintedTable } from './printed-table.ts';
import { checkPoints, scoreEvaluation, type EvaluationScore, type ScoreInput } from './score.ts';

const kk2010 = builtInEdition('kk-2010');

function score(input: ScoreInput, edition = kk2010, areaDecimals?: number): EvaluationScore {
  const result = scoreEvaluation(
    edition,
    input,
    areaDecimals === undefined ? {} : { areaDecimals },
  );
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.score;
}

/** Every question of kk-2010 at `fraction` of its max. */
function uniform(fraction: number): Record<string, number> {
  return Object.fromEntries(
    kk2010.areas.flatMap((a) => a.questions.map((q) => [q.id, (q.max ?? 0) * fraction])),
  );
}

describe('scoring an evaluation', () => {
  it('reproduces the Upplands-Bro 2011 table from exact points: areas 44…60, total 383 out of 800', () => {
    const derived = derivePointsFromPrintedTable(upplandsBro2011);
    const points = Object.fromEntries(derived.questions.map((q) => [q.id, q.points]));
    const result = score({ questions: points });

    expect(result.complete).toBe(true);
    expect(result.areas.map((a) => a.printed.score)).toEqual([44, 41, 52, 42, 49, 49, 45, 60]);
    expect(result.areas.map((a) => a.printed.percent)).toEqual([44, 41, 52, 42, 49, 49, 45, 60]);
    expect(result.total.printed.score).toBe(383);
    expect(result.total.max).toBe(800);
    const printedRows = upplandsBro2011.areas.flatMap((a) => a.questions);
    const scoredRows = result.areas.flatMap((a) => a.questions);
    expect(scoredRows.map((q) => q.printed.achieved)).toEqual(printedRows.map((r) => r.achieved));
    expect(scoredRows.map((q) => q.printed.percent)).toEqual(printedRows.map((r) => r.percent));
  });

  it('area total is the sum of exact points, not of rounded points', () => {
    // At 70 % of each max, area 1's questions score 10.5, 14, 17.5, 21 and 7 points: printed
    // 11, 14, 18, 21 and 7, which add up to 71, while the area is worth 70.
    const result = score({ questions: uniform(0.7) });
    const area1 = result.areas[0];
    expect(area1?.questions.map((q) => q.printed.achieved)).toEqual([11, 14, 18, 21, 7]);
    expect(area1?.points).toBe(70);
    expect(area1?.printed.score).toBe(70);
    expect(result.total.points).toBe(560);
    expect(result.total.printed.score).toBe(560);
    expect(result.total.percent).toBe(70);
  });

  it('an unscored question leaves its area and the total incomplete instead of counting as zero', () => {
    const points = uniform(0.5);
    delete points['3.2'];
    const result = score({ questions: { ...points, '4.1': null } });

    expect(result.complete).toBe(false);
    const area3 = result.areas[2];
    expect(area3?.complete).toBe(false);
    expect(area3?.points).toBeNull();
    expect(area3?.printed.score).toBeNull();
    expect(area3?.unscored).toEqual(['3.2']);
    expect(area3?.scoredPoints).toBe(37.5);
    expect(result.areas[3]?.unscored).toEqual(['4.1']);
    expect(result.total.points).toBeNull();
    expect(result.total.scoredPoints).toBe(400 - 12.5 - 7.5);
  });

  it('refuses points outside 0..max, naming the question and the allowed range', () => {
    const result = scoreEvaluation(kk2010, {
      questions: { '1.1': 16, '1.2': -1, '1.3': Number.NaN },
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          field: 'questions.1.1',
          message: 'question "1.1": 16 is above the max 15: give 0 to 15 points',
        },
        { field: 'questions.1.2', message: 'question "1.2": -1 is below 0: give 0 to 20 points' },
        {
          field: 'questions.1.3',
          message: 'question "1.3": NaN is not a number: give points such as 7.5',
        },
      ],
    });
  });

  it('says what was given when points are not a number', () => {
    expect(checkPoints('7,5', 15)).toBe('"7,5" is not a number: give points such as 7.5');
    expect(checkPoints(Number.POSITIVE_INFINITY, 15)).toBe(
      'Infinity is not a number: give points such as 7.5',
    );
    expect(checkPoints(7.5, 15)).toBeNull();
  });

  it('accepts the max itself and decimals off the half-point grid', () => {
    const result = score({ questions: { '1.1': 15, '1.2': 14.2, '1.3': 0 } });
    expect(result.areas[0]?.questions.map((q) => q.printed.percent)).toEqual([
      100,
      71,
      0,
      null,
      null,
    ]);
  });

  it('refuses question ids the edition does not have', () => {
    const result = scoreEvaluation(kk2010, { questions: { '2.7': 3 } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]?.message).toBe(
        'edition "kk-2010" has no question "2.7": use the question ids of the edition, such as "1.1"',
      );
    }
  });

  it('refuses an area scored both as a whole and per question', () => {
    const result = scoreEvaluation(kk2010, { questions: { '1.1': 8 }, areas: { 1: 44 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/^area 1 is scored both as a whole/);
  });

  it('scores the 2020 edition at area level: each area out of 100, total out of 800', () => {
    const kk2020 = builtInEdition('kk-2020');
    const result = score(
      { areas: { 1: 63, 2: 60, 3: 60, 4: 67, 5: 64, 6: 49, 7: 66, 8: 68 } },
      kk2020,
    );
    expect(result.areas.every((a) => a.basis === 'area')).toBe(true);
    expect(result.total.points).toBe(497);
    const refused = scoreEvaluation(kk2020, { areas: { 9: 50, 1: 101 } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.issues.map((i) => i.message)).toEqual([
        'area 1: 101 is above the max 100: give 0 to 100 points',
        'edition "kk-2020" has no area 9: use area numbers 1 to 8',
      ]);
    }
  });

  it('keeps halves in the 2002–2009 area scores: Södertälje 2006 prints 74,5 and 87,5, total 577', () => {
    const kk2002 = builtInEdition('kk-2002');
    const areas = Object.fromEntries(sodertalje2006Areas.areas.map((points, i) => [i + 1, points]));
    const result = score({ areas }, kk2002, 1);
    expect(result.areas.map((a) => a.printed.score)).toEqual([...sodertalje2006Areas.areas]);
    expect(result.total.printed.score).toBe(sodertalje2006Areas.total);
    // Rounded to whole points the halves would go up and the parts would no longer add up to 577.
    const whole = score({ areas }, kk2002);
    expect(whole.areas.map((a) => a.printed.score)).toEqual([66, 75, 88, 77, 73, 66, 50, 83]);
    expect(whole.total.printed.score).toBe(577);
  });

  it('scores questions with unknown max points (kk-2002) against the area max of 100', () => {
    const kk2002 = builtInEdition('kk-2002');
    expect(checkPoints(101, null)).toBe('101 is above the area max 100: give 0 to 100 points');
    const result = score({ questions: { '1.1': 30, '1.2': 20.5, '1.3': 24 } }, kk2002);
    expect(result.areas[0]?.points).toBe(74.5);
    expect(result.areas[0]?.questions[0]?.percent).toBeNull();
  });

  it('does not score a self-assessment in points', () => {
    const result = scoreEvaluation(builtInEdition('kvalitetskommun-2009'), { questions: {} });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          field: 'edition',
          message:
            'edition "kvalitetskommun-2009" is a self-assessment: its answers are steps on a scale, not points',
        },
      ],
    });
  });
});
