import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Edition } from '../domain/framework/index.ts';
import {
  sodertalje2006Areas,
  strangnas2016,
  upplandsBro2011,
} from '../domain/scoring/fixtures/printed-tables.ts';
import type { PrintedTable } from '../domain/scoring/index.ts';
import { loadBuiltInCatalogue } from './load.ts';

/**
 * The catalogue and the printed-table fixtures checked against the seed reports they come
 * from (`../shared/seeds/`, beside the repository).
 */

/**
 * Printed question texts of this length or more are not copied into the catalogue (the
 * project does not repeat the source documents' sentences): the catalogue words them itself,
 * shorter. Shorter printed texts are kept exactly as printed.
 */
const OWN_WORDS_FROM = 70;

/** The catalogue's text of a question against the text the report prints for it. */
function expectQuestionText(catalogue: string, printed: string, label: string) {
  if (printed.length < OWN_WORDS_FROM) {
    expect(catalogue, label).toBe(printed);
  } else {
    expect(catalogue.length, label).toBeLessThan(OWN_WORDS_FROM);
    expect(printed, label).not.toContain(catalogue);
  }
}

const seed = (file: string) =>
  readFileSync(new URL(`../../../shared/seeds/${file}`, import.meta.url), 'utf8');

const edition = (id: string): Edition => {
  const found = loadBuiltInCatalogue().find((e) => e.id === id);
  if (found === undefined) throw new Error(`no edition ${id}`);
  return found;
};

/** Rows of a "Översikt av poängfördelning" table: `1.4\t<text>\t12\t30\t42%`. */
function scoreTableRows(text: string) {
  return [...text.matchAll(/^(\d\.\d)\t(.*?)\t(\d+)\t(\d+)\t(\d+)%$/gm)].map((m) => ({
    id: m[1] ?? '',
    text: (m[2] ?? '').trim(),
    achieved: Number(m[3]),
    max: Number(m[4]),
    percent: Number(m[5]),
  }));
}

/** Area headers of the score table: `<b>7.</b>\t<b>Ständiga förbättringar</b>\t<b>Uppnått</b>…`. */
function scoreTableAreaNames(text: string): string[] {
  return [...text.matchAll(/^<b>\d\.<\/b>\t<b>(.*?)<\/b>\t<b>Uppnått<\/b>/gm)].map(
    (m) => m[1] ?? '',
  );
}

/** Sum rows of the score table: `\t\t<b>44</b>\t<b>100</b>\t<b>44%</b>`. */
function scoreTableSums(text: string) {
  return [...text.matchAll(/^\t\t<b>(\d+)<\/b>\t<b>100<\/b>\t<b>(\d+)%<\/b>$/gm)].map((m) => ({
    score: Number(m[1]),
    percent: Number(m[2]),
  }));
}

/** The "Rubriker" list of each area section. */
function rubriker(text: string): string[][] {
  return [...text.matchAll(/^Rubriker\tPoäng\n(.*)$/gm)].map((m) =>
    [...(m[1] ?? '').matchAll(/<li>\s*[•●]\s*(.*?)\s*<\/li>/g)].map((li) => li[1] ?? ''),
  );
}

/** Area rows of Tabell 1 (`1. Offentlighet och demokrati\t54\t63\t55`), one figure per column. */
function tabell1(text: string): number[][] {
  return [...text.matchAll(/^\d\. [^\t\n]+((?:\t\d+)+)$/gm)].map((m) =>
    (m[1] ?? '').split('\t').slice(1).map(Number),
  );
}

/** The figures of the "TOTALT" row of Tabell 1, one per column. */
function printedTotals(text: string): number[] {
  const row = /^<b>TOTALT<\/b>(.*)$/m.exec(text)?.[1] ?? '';
  return [...row.matchAll(/<b>(\d+)<\/b>/g)].map((m) => Number(m[1]));
}

describe.each([
  ['kk-2010', 'kommunkompassen-upplands-bro-2011.txt'],
  ['kk-2016', 'kommunkompassen-strangnas-2016.txt'],
])('%s matches the score table of %s', (id, file) => {
  const text = seed(file);
  const kk = edition(id);

  it('question by question: id and max, text as printed or (long ones) in own words', () => {
    const questions = kk.areas.flatMap((a) => a.questions);
    const rows = scoreTableRows(text);
    expect(questions.map(({ id, max }) => ({ id, max }))).toEqual(
      rows.map(({ id, max }) => ({ id, max })),
    );
    for (const [i, row] of rows.entries()) {
      expectQuestionText(questions[i]?.text ?? '', row.text, row.id);
    }
  });

  it('area names as the score table prints them', () => {
    expect(kk.areas.map((a) => a.name)).toEqual(scoreTableAreaNames(text));
  });

  it('headings as the "Rubriker" lists print them', () => {
    expect(kk.areas.map((a) => a.headings)).toEqual(rubriker(text));
  });

  it('every alias of an area name occurs in the report', () => {
    for (const area of kk.areas) {
      for (const alias of area.aliases ?? []) expect(text, alias).toContain(alias);
    }
  });
});

describe('the Strängnäs 2016 score table', () => {
  const text = seed('kommunkompassen-strangnas-2016.txt');

  it('names area 7 "Ständiga förbättringar" while its section and summary say "Verksamhetsutveckling"', () => {
    expect(scoreTableAreaNames(text)[6]).toBe('Ständiga förbättringar');
    expect(text).toContain('## Område 7 Verksamhetsutveckling');
    expect(text).toMatch(/^7\. Verksamhetsutveckling\t/m);
    expect(edition('kk-2016').areas[6]?.aliases).toEqual(['Verksamhetsutveckling']);
  });

  it('ends with the area 8 sum row (no final newline): seven questions worth 100, area score 68', () => {
    expect(text.endsWith('\t\t<b>68</b>\t<b>100</b>\t<b>68%</b>')).toBe(true);
    expect(scoreTableSums(text)).toHaveLength(8);
    const area8 = scoreTableRows(text).filter((r) => r.id.startsWith('8.'));
    expect(area8.map((r) => r.max)).toEqual([15, 15, 15, 15, 10, 15, 15]);
    expect(text).toMatch(/^8\. Kommunen som samhällsbyggare\t49\t68\t68$/m);
  });
});

describe.each([
  // Tabell 1 of Strängnäs has the columns 2014, 2016 and the national average.
  ['Upplands-Bro 2011', 'kommunkompassen-upplands-bro-2011.txt', upplandsBro2011, 0],
  ['Strängnäs 2016', 'kommunkompassen-strangnas-2016.txt', strangnas2016, 1],
])('the %s fixture copies the printed figures', (_name, file, table: PrintedTable, column) => {
  const text = seed(file);

  it('Uppnått, Max and Procent of every question', () => {
    const rows = table.areas.flatMap((a) => a.questions);
    expect(rows).toEqual(
      scoreTableRows(text).map(({ id, achieved, max, percent }) => ({
        id,
        achieved,
        max,
        percent,
      })),
    );
  });

  it('the area sum rows and the total of Tabell 1', () => {
    const sums = scoreTableSums(text);
    for (const [i, sum] of sums.entries()) {
      expect(table.areas[i]).toMatchObject({ score: sum.score, percent: sum.percent });
    }
    expect(sums).toHaveLength(8);
    expect(table.areas.map((a) => a.score)).toEqual(tabell1(text).map((row) => row[column]));
    expect(table.total).toBe(printedTotals(text)[column]);
  });
});

describe('kk-2002 matches the Södertälje 2006 analysis', () => {
  const text = seed('kommunkompassen-sodertalje-2006.txt');
  const kk = edition('kk-2002');

  it.each([1, 2, 3, 4, 5, 6, 7])(
    'area %i: "Område N <name>" followed by exactly its questions',
    (number) => {
      const area = kk.areas[number - 1];
      if (area === undefined) throw new Error('missing area');
      const heading = `Område ${String(number)} ${area.name} `;
      expect(text).toContain(heading);
      // Each printed question runs from its id to the first "?" or "." that ends a sentence.
      let rest = text.slice(text.indexOf(heading) + heading.length);
      for (const q of area.questions) {
        const printed = new RegExp(`^${q.id.replace('.', '\\.')} (.+?[?.])(?: |$)`).exec(rest);
        expect(printed, q.id).not.toBeNull();
        expectQuestionText(q.text, printed?.[1] ?? '', q.id);
        rest = rest.slice(printed?.[0].length ?? 0);
      }
      expect(rest).not.toMatch(new RegExp(`^${String(number)}\\.\\d`));
      expect(area.questions.every((q) => q.max === null)).toBe(true);
    },
  );

  it('area 8 is named in the summary but its section is missing: the text stops in area 7', () => {
    expect(text).toContain(`område 8 ${kk.areas[7]?.name ?? ''}`);
    expect(text).not.toMatch(/Område 8 /);
    expect(kk.areas[7]?.questions).toEqual([]);
  });

  it('Tabell 1 prints the area scores with halves and the total 577', () => {
    expect(text).toContain('66 74,5 87,5 Ledning, decentralisering och delegering 77');
    expect(text).toContain('Kommun som samhällsbyggare 83 TOTALT 577');
    const sum = sodertalje2006Areas.areas.reduce((a, b) => a + b, 0);
    expect(sum).toBe(sodertalje2006Areas.total);
  });
});

describe('kvalitetskommun-2009 matches the Södertälje 2009 application', () => {
  const text = seed('sodertalje-kvalitetskommun-ansokan-2009.txt');
  const sa = edition('kvalitetskommun-2009');

  it('50 questions, each printed as "N. <text>" followed by its checkboxes', () => {
    const questions = sa.areas.flatMap((a) => a.questions);
    expect(questions.map((q) => q.id)).toEqual(Array.from({ length: 50 }, (_, i) => String(i + 1)));
    for (const q of questions) {
      const printed = new RegExp(`^(?:\\| )?${q.id}\\. ([^|\\t\\n]*?)\\s*[|\\t]`, 'm').exec(text);
      expect(printed, q.id).not.toBeNull();
      expectQuestionText(q.text, printed?.[1] ?? '', q.id);
    }
  });

  it('the four themes hold the questions printed under the four theme headings', () => {
    const sections = text.split(/^# HUR GÖR .*$/m).slice(1);
    expect(sections).toHaveLength(4);
    const counts = sections.map((s) => [...s.matchAll(/^(\| )?\d{1,2}\. /gm)].length);
    expect(sa.areas.map((a) => a.questions.length)).toEqual(counts);
  });

  it('the scale is the checkbox labels, lowest first', () => {
    const labels = [...text.matchAll(/<input[^>]*type="checkbox"\/> ([^|\t<]+?)\s*(?=\||\t|$)/gm)]
      .slice(0, 4)
      .map((m) => m[1]);
    expect(sa.scale).toEqual(labels);
  });
});
