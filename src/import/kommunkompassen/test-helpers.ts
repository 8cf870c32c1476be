import { expect } from 'vitest';
import { loadBuiltInCatalogue } from '../../frameworks/index.ts';
import { loadMunicipalities } from '../../reference/municipalities.ts';
import { formatIssue } from '../issues.ts';
import { readSeed } from '../text/test-seeds.ts';
import { parseKommunkompassen } from './parse.ts';
import type { SeedFigures } from './seed-figures.ts';
import type { ParseKommunkompassenResult, ParsedAnalysis } from './types.ts';

export const UPPLANDS_BRO = 'kommunkompassen-upplands-bro-2011.txt';
export const STRANGNAS = 'kommunkompassen-strangnas-2016.txt';
export const SODERTALJE = 'kommunkompassen-sodertalje-2006.txt';

/** Parses a text with the real register and catalogue (tests only). */
export function parseText(text: string, source = 'test.txt'): ParseKommunkompassenResult {
  return parseKommunkompassen(text, {
    source,
    municipalities: loadMunicipalities(),
    editions: loadBuiltInCatalogue(),
  });
}

/** Parses a seed, optionally transformed as another PDF-to-text run would have printed it. */
export function parseSeed(
  name: string,
  transform: (text: string) => string = (text) => text,
): ParseKommunkompassenResult {
  return parseText(transform(readSeed(name)), name);
}

/** The report of a successful parse; a failed parse fails the test with its issues. */
export function reportOf(result: ParseKommunkompassenResult): ParsedAnalysis {
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.report;
}

/** Every text field of a report, for checks such as "no page header leaks into the text". */
export function textFields(report: ParsedAnalysis): string[] {
  return [
    ...report.areas.flatMap((area) => [area.name, ...(area.headings ?? [])]),
    ...report.questions.map((question) => question.text),
    ...report.comparisons.map((comparison) => comparison.label),
    ...report.findings.flatMap((finding) => [finding.text, finding.heading ?? '']),
  ];
}

/** Strengths and improvements per area 1–8. */
export function findingCounts(report: ParsedAnalysis): [number, number][] {
  return Array.from({ length: 8 }, (_, index) => {
    const own = report.findings.filter((finding) => finding.area === index + 1);
    return [
      own.filter((finding) => finding.kind === 'strength').length,
      own.filter((finding) => finding.kind === 'improvement').length,
    ];
  });
}

/** Asserts every printed figure of a seed: areas, total, each question's row, finding counts. */
export function expectFigures(report: ParsedAnalysis, figures: SeedFigures): void {
  expect(report.municipality).toEqual(figures.municipality);
  expect([report.year, report.month, report.edition]).toEqual([
    figures.year,
    figures.month,
    figures.edition,
  ]);
  expect(report.areas.map((area) => [area.number, area.score])).toEqual(
    figures.areas.map((score, index) => [index + 1, score]),
  );
  expect(report.total).toBe(figures.total);
  if (figures.questions.length > 0) {
    expect(
      report.questions.map((question) => [
        question.id,
        question.achieved,
        question.max,
        question.percent,
      ]),
    ).toEqual(figures.questions);
  }
  expect(findingCounts(report)).toEqual(figures.findings);
}
