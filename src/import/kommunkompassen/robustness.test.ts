import { describe, expect, it } from 'vitest';
import { readSeed } from '../text/test-seeds.ts';
import {
  SODERTALJE_2006,
  STRANGNAS_2016,
  UPPLANDS_BRO_2011,
  type SeedFigures,
} from './seed-figures.ts';
import {
  expectFigures,
  parseSeed,
  reportOf,
  SODERTALJE,
  STRANGNAS,
  textFields,
  UPPLANDS_BRO,
} from './test-helpers.ts';
import {
  columnByColumn,
  crlf,
  everything,
  headersAsFooters,
  joinProse,
  labelsOnOwnLines,
  nfd,
  noBreakSpaces,
  paginate,
  plainBullets,
  rewrap,
} from './test-transforms.ts';

type Transform = [name: string, transform: (text: string) => string];

const wrap60: Transform = ['lines wrapped at 60 columns', (text) => rewrap(text, 60)];
const wrap35: Transform = ['lines wrapped at 35 columns', (text) => rewrap(text, 35)];
const common: Transform[] = [
  ['Windows line endings', crlf],
  ['decomposed accents (NFD)', nfd],
  ['no-break spaces', noBreakSpaces],
  wrap60,
  wrap35,
  ['all of these at once', everything],
];
const structured: Transform[] = [
  ...common,
  ['running page headers on lines of their own', (text) => paginate(text)],
  ['prose of a page joined into one line, headers inside it', joinProse],
  ['plain bullet glyphs instead of HTML lists', plainBullets],
];

const seeds: [string, SeedFigures, Transform[]][] = [
  [UPPLANDS_BRO, UPPLANDS_BRO_2011, structured],
  [
    STRANGNAS,
    STRANGNAS_2016,
    [
      ...structured,
      [
        'finding tables read column by column, split over pages',
        (t) => columnByColumn(paginate(t)),
      ],
    ],
  ],
  [
    SODERTALJE,
    SODERTALJE_2006,
    [
      ...common,
      ['headings and labels on lines of their own', labelsOnOwnLines],
      ['page headers printed as footers', headersAsFooters],
      [
        'footers, labels on their own lines, wrapped',
        (t) => rewrap(labelsOnOwnLines(headersAsFooters(t)), 50),
      ],
    ],
  ],
];

describe('the same report from another PDF-to-text run gives the same figures', () => {
  for (const [seed, figures, transforms] of seeds) {
    describe(seed, () => {
      const original = reportOf(parseSeed(seed));
      const raw = readSeed(seed);
      it.each(transforms)('%s', (_name, transform) => {
        expect(transform(raw)).not.toBe(raw);
        const report = reportOf(parseSeed(seed, transform));
        expectFigures(report, figures);
        expect(report.questions.map((q) => [q.id, q.text, q.points])).toEqual(
          original.questions.map((q) => [q.id, q.text, q.points]),
        );
        expect(report.findings.map((f) => [f.area, f.kind, f.text])).toEqual(
          original.findings.map((f) => [f.area, f.kind, f.text]),
        );
        expect(report.comparisons.map((c) => [c.label, c.areas, c.total])).toEqual(
          original.comparisons.map((c) => [c.label, c.areas, c.total]),
        );
        expect(report.facts.population?.value).toBe(original.facts.population?.value);
        expect(report.facts.interviews?.count).toBe(original.facts.interviews?.count);
        for (const text of textFields(report)) {
          expect(text).not.toMatch(/\(40\)|\(27\)|2011-10-01|2009-10-01/);
        }
      });
    });
  }
});
