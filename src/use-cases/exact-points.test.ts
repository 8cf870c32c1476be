import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { displayPercent, roundHalfUp, sumPoints } from '../domain/scoring/index.ts';
import { loadBuiltInCatalogue } from '../frameworks/index.ts';
import { formatIssue } from '../import/issues.ts';
import type { ParsedAnalysis } from '../import/kommunkompassen/types.ts';
import { parseReport } from '../import/parse.ts';
import { loadMunicipalities } from '../reference/municipalities.ts';
import { exactFigures } from './exact-points.ts';

function analysis(name: string): ParsedAnalysis {
  const text = readFileSync(new URL(`../../../shared/seeds/${name}`, import.meta.url), 'utf8');
  const result = parseReport(text, {
    source: name,
    municipalities: loadMunicipalities(),
    editions: loadBuiltInCatalogue(),
  });
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  if (result.report.kind !== 'kommunkompassen') throw new Error(`${name} is not an analysis`);
  return result.report;
}

const scores = (exact: ReturnType<typeof exactFigures>) => [...exact.areaScores.values()];

describe('exactFigures', () => {
  it('an area score is the sum of exact points, and prints as the printed area score (Upplands-Bro 2011)', () => {
    const report = analysis('kommunkompassen-upplands-bro-2011.txt');
    const exact = exactFigures(report);
    expect(report.areas.map((area) => area.score)).toEqual([44, 41, 52, 42, 49, 49, 45, 60]);
    expect(scores(exact).map((score) => roundHalfUp(score))).toEqual([
      44, 41, 52, 42, 49, 49, 45, 60,
    ]);
    for (const area of report.areas) {
      const points = report.questions
        .filter((q) => q.id.startsWith(`${area.number}.`))
        .map((q) => exact.questionPoints.get(q.id) ?? Number.NaN);
      expect(exact.areaScores.get(area.number)).toBe(sumPoints(points));
    }
    expect(exact.notes).toEqual([]);
  });

  it('the exact total prints as the printed 383 although the rounded areas add up to 382', () => {
    const exact = exactFigures(analysis('kommunkompassen-upplands-bro-2011.txt'));
    const total = sumPoints(scores(exact));
    expect(roundHalfUp(total)).toBe(383);
    expect(sumPoints(scores(exact).map((score) => roundHalfUp(score)))).toBe(382);
  });

  it('question points reproduce the printed Uppnått and Procent: 1.4 prints 12 and 42 % of 30', () => {
    const report = analysis('kommunkompassen-upplands-bro-2011.txt');
    const exact = exactFigures(report);
    const points = exact.questionPoints.get('1.4') ?? Number.NaN;
    expect(roundHalfUp(points)).toBe(12);
    expect(displayPercent(points, 30)).toBe(42);
    for (const question of report.questions) {
      const value = exact.questionPoints.get(question.id) ?? Number.NaN;
      expect(roundHalfUp(value), question.id).toBe(question.achieved);
      expect(displayPercent(value, question.max ?? 0), question.id).toBe(question.percent);
    }
  });

  it('Strängnäs 2016: exact areas print as 63 60 60 67 64 49 66 68 and add up to a total that prints as 497', () => {
    const exact = exactFigures(analysis('kommunkompassen-strangnas-2016.txt'));
    expect(scores(exact).map((score) => roundHalfUp(score))).toEqual([
      63, 60, 60, 67, 64, 49, 66, 68,
    ]);
    expect(roundHalfUp(sumPoints(scores(exact)))).toBe(497);
  });

  it('without a score table the printed area score is the score: Södertälje 2006 keeps 74.5 and 87.5', () => {
    const report = analysis('kommunkompassen-sodertalje-2006.txt');
    const exact = exactFigures(report);
    expect(scores(exact)).toEqual([66, 74.5, 87.5, 77, 73, 66, 50, 83]);
    expect([...exact.questionPoints.values()].every((points) => points === null)).toBe(true);
  });
});
