import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltInCatalogue } from '../../frameworks/index.ts';
import { loadMunicipalities } from '../../reference/municipalities.ts';
import { formatIssue } from '../issues.ts';
import { parseSelfAssessment, type SelfAssessmentReport } from './index.ts';

const seed = readFileSync(
  new URL('../../../../shared/seeds/sodertalje-kvalitetskommun-ansokan-2009.txt', import.meta.url),
  'utf8',
);
const options = {
  source: 'ansokan.txt',
  municipalities: loadMunicipalities(),
  editions: loadBuiltInCatalogue(),
};

/** The ticked boxes of the seed, read off the document: E Ej alls, D Delvis, H I hög grad, F Fullt ut. */
const TICKED: Record<number, string> = {
  1: 'F', 2: 'D', 3: 'F', 4: 'H', 5: 'F', 6: 'H', 7: 'H', 8: 'HF', 9: 'HF', 10: 'HF',
  11: 'H', 12: 'F', 13: 'F', 14: 'F', 15: 'F', 16: 'F', 17: 'H', 18: 'H', 19: 'H', 20: 'F',
  21: 'F', 22: 'F', 23: 'D', 24: 'D', 25: 'H', 26: 'H', 27: 'H', 28: 'H', 29: 'H', 30: 'H',
  31: 'H', 32: 'H', 33: 'H', 34: 'H', 35: 'H', 36: 'D', 37: 'H', 38: 'H', 39: 'F', 40: 'F',
  41: 'F', 42: 'H', 43: 'F', 44: 'F', 45: 'D', 46: 'H', 47: 'H', 48: 'F', 49: 'H', 50: 'H',
}; // prettier-ignore
const OPTION: Record<string, string> = {
  E: 'Ej alls',
  D: 'Delvis',
  H: 'I hög grad',
  F: 'Fullt ut',
};

function parsed(text: string): SelfAssessmentReport {
  const result = parseSelfAssessment(text, options);
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.report;
}

const answersOf = (report: SelfAssessmentReport) =>
  report.answers.map(({ number, answer, flags }) => ({ number, answer, flags }));

const INPUT_CHECKED = /<input checked="" type="checkbox"\/>/g;
const INPUT_EMPTY = /<input type="checkbox"\/>/g;

/** The same document as other PDF-to-text runs print it. */
const conversions: Record<string, (text: string) => string> = {
  'Windows line endings': (text) => text.replace(/\n/g, '\r\n'),
  'decomposed accents (NFD)': (text) => text.normalize('NFD'),
  'no-break spaces': (text) => text.replace(/ /g, '\u00a0'),
  'glyph checkboxes in plain lines': (text) =>
    text
      .replace(INPUT_CHECKED, '☒')
      .replace(INPUT_EMPTY, '☐')
      .replace(/^\| (\d+\.)/gm, '$1')
      .replace(/ *\| */g, ' ')
      .replace(/\t/g, ' '),
  'bracket checkboxes': (text) => text.replace(INPUT_CHECKED, '[x]').replace(INPUT_EMPTY, '[ ]'),
  'parenthesis checkboxes': (text) =>
    text.replace(INPUT_CHECKED, '(X)').replace(INPUT_EMPTY, '( )'),
  'other glyphs (☑ □)': (text) => text.replace(INPUT_CHECKED, '☑').replace(INPUT_EMPTY, '□'),
  'marks after the labels': (text) =>
    text.replace(
      /(<input (?:checked="" )?type="checkbox"\/>) (Ej alls|Delvis|I hög grad|Fullt ut)/g,
      '$2 $1',
    ),
  'table rows split before the boxes': (text) => text.replace(/ *\| <input/gm, ' |\n| <input'),
  'lines wrapped at 50 characters': (text) => wrap(text, 50),
  'prose wrapped at 40 characters, key-figure rows kept': (text) =>
    text
      .split('\n')
      .map((line) => (/\t\d/.test(line) ? line : wrap(line, 40)))
      .join('\n'),
  'HTML tables, headings and paragraphs': (text) =>
    text
      .split('\n')
      .map((line) => {
        if (/^[-| ]+$|^\|-/.test(line) && line.includes('|')) return '<table>';
        if (line.includes('<input')) {
          const cells = line.replace(/^\||\|\s*$/g, '').split(/\||\t/);
          return `<tr>${cells.map((cell) => `<td>${cell.trim()}</td>`).join('')}</tr>`;
        }
        const heading = /^(#{1,6}) (.*)$/.exec(line);
        if (heading) return `<h${heading[1]?.length}>${heading[2]}</h${heading[1]?.length}>`;
        if (line.startsWith('- ')) return `<ul><li>${line.slice(2)}</li></ul>`;
        return line.trim() === '' || line.includes('\t') ? line : `<p>${line}</p>`;
      })
      .join('\n'),
  'bold question numbers': (text) => text.replace(/^(\| )?(\d+\.) /gm, '$1**$2** '),
  'everything on one line': (text) => text.replace(/\s*\n\s*/g, ' '),
};

/** Wraps every line at the last space before `width`, as a narrower PDF-to-text run would. */
function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let rest = line;
      while (rest.length > width) {
        const cut = rest.lastIndexOf(' ', width);
        if (cut <= 0) break;
        out.push(rest.slice(0, cut));
        rest = rest.slice(cut + 1);
      }
      out.push(rest);
      return out.join('\n');
    })
    .join('\n');
}

describe('parseSelfAssessment on the Södertälje application 2009', () => {
  const report = parsed(seed);

  it('finds the municipality, the year and the edition', () => {
    expect(report.kind).toBe('self-assessment');
    expect(report.municipality).toEqual({ name: 'Södertälje', code: '0181' });
    expect(report.year).toBe(2009);
    expect(report.edition).toBe('kvalitetskommun-2009');
    expect(report.warnings).toEqual([]);
  });

  it('reads all 50 answers as ticked in the document', () => {
    expect(report.answers.map((answer) => answer.number)).toEqual(
      Array.from({ length: 50 }, (_, index) => index + 1),
    );
    for (const answer of report.answers) {
      const ticked = TICKED[answer.number] ?? '';
      if (ticked.length === 1) {
        expect(answer, `question ${answer.number}`).toMatchObject({
          answer: OPTION[ticked],
          flags: [],
        });
      }
    }
  });

  it('a question with two boxes ticked gets no answer and a flag naming both (questions 8–10)', () => {
    for (const number of [8, 9, 10]) {
      expect(report.answers[number - 1]).toMatchObject({
        number,
        answer: null,
        flags: ['multiple-ticked: I hög grad, Fullt ut'],
      });
    }
    expect(report.answers.filter((answer) => answer.answer === null)).toHaveLength(3);
  });

  it('keeps the printed question text and the line of each row', () => {
    expect(report.answers[0]).toMatchObject({ line: 41 });
    expect(report.answers[0]?.text).toMatch(
      /^Finns information om det totala kommunala serviceutbudet/,
    );
    expect(report.answers[38]).toMatchObject({ number: 39, line: 261 });
    expect(report.answers[39]?.text).toBe('Finns samarbetsorgan med företagen i kommunen?');
  });

  it('reads the four themes with their headings, introductions and narrative sections', () => {
    expect(report.themes.map((theme) => [theme.number, theme.line])).toEqual([
      [1, 33],
      [2, 103],
      [3, 174],
      [4, 257],
    ]);
    expect(report.themes[2]?.title).toMatch(
      /^HUR GÖR SÖDERTÄLJE FÖR ATT UTVECKLA EN GOD ARBETSMILJÖ .* MEDARBETARE\?$/,
    );
    expect(report.themes[0]?.intro).toMatch(/^Demokrati är en viktig utgångspunkt/);
    expect(report.themes[0]?.narrative.map((section) => section.heading)).toEqual([
      'KOMMUNTIDNING, WEBB, RADIO OCH TV',
      'DEMOKRATIPROJEKT',
      'ÅRSREDOVISNING TILL MEDBORGARNA',
      'KOMMUNINFORMATION PÅ ANDRA SPRÅK',
      'ÅTGÄRDER FÖR FÖRBÄTTRAD SERVICE',
      'ÖKAD DIALOG MED MEDBORGARNA',
      'BARN OCH UNGDOMAR FÅR EN RÖST',
      'BEREDNINGsutskott FÖR DEMOKRATIFRÅGOR',
      'DIREKT BRUKARINFLYTANDE',
    ]);
    expect(report.themes.map((theme) => theme.narrative.length)).toEqual([9, 8, 7, 5]);
  });

  it('narrative text has no markup, no question rows and no table figures', () => {
    const all = report.themes
      .flatMap((theme) => theme.narrative.map((section) => section.text))
      .join('\n');
    expect(all).not.toMatch(/<input|\*\*|\]\(http|Ej alls|\t|83 %/);
    const values = report.themes[2]?.narrative.find(
      (section) => section.heading === 'VÅR VÄRDEGRUND',
    );
    expect(values?.text).toBe('- MEDBORGAREN FÖRST\n- RESPEKT FÖR INDIVIDEN\n- MER ÄN FÖRVÄNTAT');
    const hyphenated = report.themes[1]?.narrative.find((section) => section.line === 165);
    expect(hyphenated?.text).toContain('Ett framgångsexempel är');
    const last = report.themes[3]?.narrative.at(-1);
    expect(last?.heading).toBe('OFFENSIV SATSNING PÅ SÖDERTÄLJES STADSKÄRNA');
    expect(last?.text).toMatch(/augusti 2004\.$/);
  });

  it('reads the key figures as series: year, target, result', () => {
    expect(
      report.series.map(({ name, label, unit, theme }) => ({ name, label, unit, theme })),
    ).toEqual([
      {
        name: 'grundskoleelever; upplevd trygghet i skolan',
        label: undefined,
        unit: '%',
        theme: 2,
      },
      { name: 'attraktiv arbetsgivare', label: undefined, unit: '%', theme: 3 },
      {
        name: 'sjukfrånvaron i procent av arbetad tid',
        label: 'KOMMUNEN TOTALT',
        unit: '%',
        theme: 3,
      },
    ]);
    expect(report.series[0]?.points).toEqual([
      { year: 2004, target: null, result: 88 },
      { year: 2005, target: null, result: 89 },
      { year: 2007, target: null, result: 94 },
      { year: 2008, target: null, result: 94 },
    ]);
    expect(report.series[1]?.points).toEqual([
      { year: 2005, target: 82, result: 83 },
      { year: 2006, target: 86, result: 82 },
      { year: 2007, target: 86, result: 82 },
    ]);
    expect(report.series[1]?.description).toMatch(/^Andelen medarbetare som anser/);
    expect(report.series[2]?.points).toEqual([
      { year: 2003, target: null, result: 10.17 },
      { year: 2007, target: null, result: 7.83 },
      { year: 2008, period: 'AUG 2008', target: null, result: 7.32 },
    ]);
  });

  it('reads the staff composition as a key-figure table', () => {
    expect(report.tables).toEqual([
      {
        title: 'MEDARBETARNAS SAMMANSÄTTNING JÄMFÖRT MED BEFOLKNINGENS',
        columns: ['2007'],
        rows: [
          { label: 'Chefer med annan etnisk bakgrund', values: [22.5] },
          { label: 'Medarbetare med annan etnisk bakgrund', values: [34] },
          { label: 'Totalt medarbetare och chefer', values: [31] },
          { label: 'Jämförande siffra för Södertäljes befolkning är', values: [38.3] },
        ],
        unit: '%',
        line: 226,
        theme: 3,
      },
    ]);
  });
});

describe('the same application from other PDF-to-text runs gives the same answers', () => {
  const expected = answersOf(parsed(seed));
  for (const [name, convert] of Object.entries(conversions)) {
    it(name, () => {
      const report = parsed(convert(seed));
      expect(answersOf(report)).toEqual(expected);
      expect(report.municipality.code).toBe('0181');
      expect(report.year).toBe(2009);
    });
  }

  it('the key figures survive line endings, accents, spaces, glyphs and single-spaced tables', () => {
    const series = parsed(seed).series;
    for (const name of [
      'Windows line endings',
      'decomposed accents (NFD)',
      'no-break spaces',
      'glyph checkboxes in plain lines',
    ]) {
      const convert = conversions[name];
      if (convert === undefined) throw new Error(name);
      expect(parsed(convert(seed)).series, name).toEqual(series);
    }
  });

  it('the themes and their narrative survive line endings, accents, spaces, wrapping and HTML', () => {
    const headings = (report: SelfAssessmentReport) =>
      report.themes.map(({ number, title, intro, narrative }) => ({
        number,
        title,
        intro,
        narrative: narrative.map(({ heading, text }) => ({ heading, text })),
      }));
    const original = headings(parsed(seed));
    for (const name of [
      'Windows line endings',
      'decomposed accents (NFD)',
      'no-break spaces',
      'prose wrapped at 40 characters, key-figure rows kept',
      'HTML tables, headings and paragraphs',
    ]) {
      const convert = conversions[name];
      if (convert === undefined) throw new Error(name);
      expect(headings(parsed(convert(seed))), name).toEqual(original);
    }
  });
});

describe('unclear and broken applications', () => {
  const row = (number: number) => new RegExp(`^(\\| )?${number}\\. .*$`, 'm');

  it('a row without a tick is unanswered', () => {
    const text = seed.replace(row(5), (line) =>
      line.replace(INPUT_CHECKED, '<input type="checkbox"/>'),
    );
    const answer = parsed(text).answers[4];
    expect(answer).toMatchObject({ number: 5, answer: null, flags: ['unanswered'] });
  });

  it('a row that lost a box gives no answer and says which option is missing', () => {
    const text = seed.replace(row(2), (line) =>
      line.replace('<input type="checkbox"/> Ej alls', ''),
    );
    const report = parsed(text);
    expect(report.answers[1]).toMatchObject({
      answer: null,
      flags: ['missing-options: Ej alls', 'ticked: Delvis'],
    });
    expect(report.warnings.map(formatIssue)).toEqual([
      'ansokan.txt:42: question 2: the row is unclear (missing-options: Ej alls); no answer taken (expected the four boxes Ej alls / Delvis / I hög grad / Fullt ut, one of them ticked)',
    ]);
  });

  it('the same question printed twice with different ticks is a conflict, not a choice', () => {
    const line = row(40).exec(seed)?.[0] ?? '';
    const changed = line
      .replace(INPUT_CHECKED, '<input type="checkbox"/>')
      .replace('<input type="checkbox"/> Delvis', '<input checked="" type="checkbox"/> Delvis');
    const result = parsed(seed.replace(line, `${line}\n${changed}`));
    expect(result.answers[39]?.answer).toBeNull();
    expect(result.answers[39]?.flags).toEqual([
      'conflicting-rows: line 262: Fullt ut; line 263: Delvis',
    ]);
    expect(result.warnings.map(formatIssue)).toContain(
      'ansokan.txt:262: question 40 is printed 2 times (lines 262, 263) (expected each question once)',
    );
  });

  it('a missing question row fails with the line where it was expected', () => {
    const result = parseSelfAssessment(seed.replace(row(17), ''), options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(formatIssue)).toEqual([
      'ansokan.txt:118: question 17 not found after question 16 (line 117) (expected a row "17. …" with the boxes Ej alls / Delvis / I hög grad / Fullt ut)',
    ]);
  });

  it('a truncated application fails with one issue for the missing questions', () => {
    const truncated = seed.split('\n').slice(0, 185).join('\n');
    const result = parseSelfAssessment(truncated, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(formatIssue)).toEqual([
      'ansokan.txt:185: questions 31–50 not found after question 30 (line 185) (expected rows "31. …" to "50. …" with the boxes Ej alls / Delvis / I hög grad / Fullt ut)',
    ]);
  });

  it('a misnumbered row (swapped digits) fails rather than guessing', () => {
    const result = parseSelfAssessment(seed.replace(/^\| 12\. /m, '| 21. '), options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.message)).toEqual([
      'question 12 not found after question 11 (line 112)',
    ]);
  });

  it('a municipality that is not in the register is named in the issue', () => {
    const result = parseSelfAssessment(seed.replace(/SÖDERTÄLJE|Södertälje/g, 'Atlantis'), options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.message).toBe('municipality "Atlantis" is not in the register');
    expect(result.issues[0]?.line).toBeGreaterThan(0);
  });

  it('a year without an edition in the catalogue is refused', () => {
    const result = parseSelfAssessment(
      seed.replace(/KVALITETSKOMMUN 2009/g, 'KVALITETSKOMMUN 2012'),
      options,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(formatIssue)).toEqual([
      'ansokan.txt:10: no self-assessment edition in the catalogue covers 2012 (expected a catalogue edition of kind "self-assessment" for the year, e.g. kvalitetskommun-2009)',
    ]);
  });

  it('a text without question rows fails with what was expected', () => {
    const result = parseSelfAssessment(seed.replace(/<input[^>]*>/g, ''), options);
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          source: 'ansokan.txt',
          message: 'no question rows found',
          expected:
            'rows "1. …" to "50. …", each with the boxes Ej alls / Delvis / I hög grad / Fullt ut',
        },
      ],
    });
  });
});
