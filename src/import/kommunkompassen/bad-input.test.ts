import { describe, expect, it } from 'vitest';
import { readSeed } from '../text/test-seeds.ts';
import { parseSeed, parseText, SODERTALJE, STRANGNAS, UPPLANDS_BRO } from './test-helpers.ts';
import type { ParseKommunkompassenResult } from './types.ts';

function issuesOf(result: ParseKommunkompassenResult) {
  if (result.ok) throw new Error('expected the parse to fail');
  return result.issues;
}

describe('bad input gives issues with source, line and what was expected, never a throw', () => {
  it.each([
    ['an empty file', ''],
    ['a file of blank lines', ' \n\n\t\n'],
  ])('%s', (_name, text) => {
    expect(issuesOf(parseText(text, 'empty.txt'))).toEqual([
      {
        source: 'empty.txt',
        line: 1,
        message: 'the file is empty',
        expected: 'the text of a Kommunkompassen analysis report',
      },
    ]);
  });

  it('a binary file', () => {
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256));
    const [issue] = issuesOf(parseText(bytes.toString('utf8'), 'scan.pdf'));
    expect(issue).toMatchObject({
      source: 'scan.pdf',
      line: 1,
      message: expect.stringMatching(/not text/),
    });
  });

  it('another kind of report (a Kvalitetskommun application)', () => {
    const [issue] = issuesOf(parseSeed('sodertalje-kvalitetskommun-ansokan-2009.txt'));
    expect(issue?.message).toBe('the text does not mention Kommunkompassen');
  });

  it('a question row with a mangled figure', () => {
    const result = parseSeed(UPPLANDS_BRO, (text) => text.replace('\t6\t25\t23%', '\t6\t2S\t23%'));
    expect(issuesOf(result)).toEqual([
      {
        source: UPPLANDS_BRO,
        line: 439,
        message: expect.stringMatching(
          /^question 1\.3: the row ".*\| 6 \| 2S \| 23%" cannot be read$/,
        ),
        expected: expect.stringMatching(/achieved \| max \| percent/),
      },
    ]);
  });

  it('a question row that lost a cell', () => {
    const result = parseSeed(UPPLANDS_BRO, (text) => text.replace('\t6\t25\t23%', '\t25\t23%'));
    expect(issuesOf(result).map((issue) => [issue.line, issue.message])).toEqual([
      [439, expect.stringMatching(/^question 1\.3: the row .* cannot be read$/)],
    ]);
  });

  it('a score above its max', () => {
    const result = parseSeed(UPPLANDS_BRO, (text) => text.replace('\t8\t15\t55%', '\t18\t15\t55%'));
    expect(issuesOf(result)).toEqual([
      {
        source: UPPLANDS_BRO,
        line: 437,
        message: 'question 1.1: 18 points is above its max 15',
        expected: 'at most 15 points',
      },
    ]);
  });

  it('an area score above 100', () => {
    const result = parseSeed(UPPLANDS_BRO, (text) =>
      text.replace('1. Offentlighet och demokrati\t44', '1. Offentlighet och demokrati\t144'),
    );
    expect(issuesOf(result)).toEqual([
      expect.objectContaining({ line: 84, message: 'area 1: score 144 is outside 0–100' }),
    ]);
  });

  it('an area table that lost a row', () => {
    const result = parseSeed(UPPLANDS_BRO, (text) =>
      text.replace(/^3\. Politisk styrning och kontroll\t52\n/m, ''),
    );
    expect(issuesOf(result)).toEqual([
      expect.objectContaining({ line: 83, message: 'the area table has 7 areas' }),
    ]);
  });

  it('an area table without its total', () => {
    const result = parseSeed(SODERTALJE, (text) => text.replace('TOTALT 577', 'TOTALT'));
    expect(issuesOf(result)).toEqual([
      expect.objectContaining({ line: 4, message: expect.stringMatching(/^no area table found/) }),
    ]);
  });

  it('a municipality that is not in the register', () => {
    const result = parseSeed(UPPLANDS_BRO, (text) => text.replace(/Upplands[- ]Bro/g, 'Bullerbyn'));
    expect(issuesOf(result)).toEqual([
      {
        source: UPPLANDS_BRO,
        line: 9,
        message: 'the municipality "Bullerbyn" is not in the register',
        expected: expect.stringMatching(/municipality name from the register/),
      },
    ]);
  });

  it('questions of an edition the catalogue does not know', () => {
    const result = parseSeed(STRANGNAS, (text) =>
      text.replace(
        /^(\d\.\d)\t[^\t]+\t/gm,
        (_whole, id: string) => `${id}\tOkänd fråga ${id} om vädret\t`,
      ),
    );
    expect(issuesOf(result)).toEqual([
      {
        source: STRANGNAS,
        line: 568,
        message: expect.stringMatching(
          /^the questions and areas match no edition in the catalogue/,
        ),
        expected: 'the questions of one of the editions kk-2016, kk-2010, kk-2002, kk-2020',
      },
    ]);
  });

  it('percent and points that disagree by more than rounding give a warning, not an error', () => {
    const result = parseSeed(UPPLANDS_BRO, (text) => text.replace('\t8\t15\t55%', '\t8\t15\t75%'));
    if (!result.ok) throw new Error('expected a report');
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        line: 437,
        message: expect.stringMatching(/^question 1\.1: 75% of 15/),
      }),
    );
    expect(result.report.questions[0]?.points).toBe(8);
  });

  it('a cut-off or damaged report either parses with consistent figures or fails with issues', () => {
    for (const seed of [UPPLANDS_BRO, STRANGNAS, SODERTALJE]) {
      const text = readSeed(seed);
      const variants = [
        ...Array.from({ length: 40 }, (_, i) => text.slice(0, Math.floor((text.length * i) / 40))),
        ...Array.from({ length: 20 }, (_, i) => text.slice(Math.floor((text.length * i) / 20))),
        text.replace(/\d/g, (digit) => String((Number(digit) + 3) % 10)),
        text.split('\n').reverse().join('\n'),
      ];
      for (const variant of variants) {
        const result = parseText(variant, seed);
        if (result.ok) {
          expect(result.report.areas).toHaveLength(8);
          for (const q of result.report.questions) {
            if (q.achieved !== null && q.max !== null)
              expect(q.achieved).toBeLessThanOrEqual(q.max);
          }
        } else {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) {
            expect(issue.source).toBe(seed);
            expect(issue.line).toBeGreaterThanOrEqual(1);
            expect(issue.expected).toBeTruthy();
            expect(issue.message).not.toMatch(/parser failed/);
          }
        }
      }
    }
  });
});
