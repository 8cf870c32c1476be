import { describe, expect, it } from 'vitest';
import { builtInData, builtInEditions, type BuiltInId } from './fixtures/editions.ts';
import { validateCatalogue, validateEdition } from './validate.ts';

/** A fresh, changeable copy of a built-in edition's raw data. */
type Raw = {
  id: string;
  kind?: string;
  years: { from: number; to: number | null };
  scale?: string[];
  areas: {
    number: number;
    name: string;
    headings: string[];
    aliases?: string[];
    questions: { id: string; text: string; max: number | null }[];
  }[];
  [key: string]: unknown;
};
const raw = (id: BuiltInId): Raw => structuredClone(builtInData[id]) as Raw;

function messages(data: unknown, source = 'frameworks/x.json'): string[] {
  const result = validateEdition(data, source);
  return result.ok ? [] : result.issues.map((i) => i.message);
}

function area(data: Raw, number: number) {
  const found = data.areas[number - 1];
  if (!found) throw new Error(`no area ${String(number)}`);
  return found;
}

describe('the built-in editions', () => {
  it.each(Object.keys(builtInData) as BuiltInId[])('%s is valid', (id) => {
    expect(messages(raw(id), `frameworks/${id}.json`)).toEqual([]);
  });

  it('together form a valid catalogue', () => {
    const entries = builtInEditions().map((edition) => ({
      edition,
      source: `frameworks/${edition.id}.json`,
    }));
    expect(validateCatalogue(entries)).toEqual([]);
  });

  it('kk-2010 and kk-2016 have 45 questions each; kk-2016 has five in area 2 and seven in area 8', () => {
    const count = (id: BuiltInId) => raw(id).areas.map((a) => a.questions.length);
    expect(count('kk-2010')).toEqual([5, 6, 5, 6, 6, 6, 5, 6]);
    expect(count('kk-2016')).toEqual([5, 5, 5, 6, 6, 6, 5, 7]);
  });

  it('the self-assessment has 50 questions in 4 themes on a four-step scale', () => {
    const data = raw('kvalitetskommun-2009');
    expect(data.areas.map((a) => a.questions.length)).toEqual([7, 17, 14, 12]);
    expect(data.scale).toEqual(['Ej alls', 'Delvis', 'I hög grad', 'Fullt ut']);
  });
});

describe('an edition that breaks a rule is refused with file, edition, area and field', () => {
  it('area max points not summing to 100', () => {
    const data = raw('kk-2010');
    const q = area(data, 3).questions[0];
    if (q) q.max = 10; // 15 → 10
    expect(messages(data)).toEqual([
      `frameworks/x.json: edition "kk-2010", area 3: questions' max points sum to 95, expected 100: correct the max of the questions so that the area is worth 100 points`,
    ]);
  });

  it('a duplicate question id', () => {
    const data = raw('kk-2016');
    const q = area(data, 2).questions[1];
    if (q) q.id = '2.1';
    expect(messages(data)).toEqual([
      'frameworks/x.json: edition "kk-2016", area 2, question "2.1", field "id": question id "2.1" is used twice (first in area 2): give each question its own id',
      'frameworks/x.json: edition "kk-2016", area 2, question "2.1", field "id": expected question id "2.2" at position 2, found "2.1": number the questions 2.1, 2.2, … in order',
    ]);
  });

  it('max points of 0 or below', () => {
    const data = raw('kk-2010');
    const questions = area(data, 1).questions;
    if (questions[0] && questions[1]) {
      questions[0].max = 0;
      questions[1].max = 35; // keep the sum at 100
    }
    expect(messages(data)).toEqual([
      'frameworks/x.json: edition "kk-2010", area 1, question "1.1", field "max": max points must be greater than 0, found 0: give the points the question is worth, or null if unknown',
    ]);
  });

  it('a question id that does not start with its area number', () => {
    const data = raw('kk-2010');
    const q = area(data, 3).questions[1];
    if (q) q.id = '2.9';
    expect(messages(data)).toEqual([
      'frameworks/x.json: edition "kk-2010", area 3, question "2.9", field "id": question id "2.9" does not belong to area 3: ids in this area start with "3." (expected "3.2")',
    ]);
  });

  it('not exactly 8 areas numbered 1 to 8', () => {
    const data = raw('kk-2020');
    data.areas.pop();
    expect(messages(data)).toEqual([
      'frameworks/x.json: edition "kk-2020", field "areas": has 7 areas, expected 8: Kommunkompassen has areas 1 to 8',
    ]);
    const twice = raw('kk-2020');
    area(twice, 8).number = 7;
    expect(messages(twice)).toEqual([
      'frameworks/x.json: edition "kk-2020", area 7, field "number": area number 7 is used twice: number the areas 1, 2, 3, … once each',
    ]);
  });

  it('fewer than 5 or more than 7 questions in an area with published max points', () => {
    const data = raw('kk-2016');
    const questions = area(data, 8).questions;
    questions.push({ id: '8.8', text: 'En åttonde fråga?', max: 5 });
    const first = questions[0];
    if (first) first.max = 10; // 15 → 10, keeps 100
    expect(messages(data)).toEqual([
      'frameworks/x.json: edition "kk-2016", area 8: has 8 questions; an area with published max points has 5 to 7: check that no question is missing or duplicated',
    ]);
  });

  it('areas with unknown max points may have 3 to 7 questions, as in the 2002 edition', () => {
    const data = raw('kk-2002');
    expect(data.areas.map((a) => a.questions.length)).toEqual([3, 6, 4, 5, 4, 6, 5, 0]);
    area(data, 1).questions.pop();
    expect(messages(data)).toEqual([
      'frameworks/x.json: edition "kk-2002", area 1: has 2 questions; an area with unknown max points has 3 to 7: check that no question is missing or duplicated',
    ]);
  });

  it('known max points leaving nothing for the unknown ones', () => {
    const data = raw('kk-2002');
    const q = area(data, 2).questions[0];
    if (q) q.max = 100;
    expect(messages(data)).toEqual([
      'frameworks/x.json: edition "kk-2002", area 2: the known max points already sum to 100, leaving nothing for the 5 question(s) with unknown max: correct the max points (the area is worth 100)',
    ]);
  });

  it('HTML or stray spaces in texts', () => {
    const data = raw('kvalitetskommun-2009');
    const q = area(data, 1).questions[0];
    if (q) q.text = '<b>Finns information</b> om serviceutbudet?';
    area(data, 2).name = ' Effektiva verksamheter';
    expect(messages(data)).toEqual([
      'frameworks/x.json: edition "kvalitetskommun-2009", area 1, question "1", field "text": the question text contains HTML ("<b>"): write plain text',
      'frameworks/x.json: edition "kvalitetskommun-2009", area 2, field "name": the area name starts or ends with spaces: remove them',
    ]);
  });

  it('a self-assessment without a scale, with points, or numbered out of order', () => {
    const data = raw('kvalitetskommun-2009');
    delete data.scale;
    const questions = area(data, 1).questions;
    if (questions[0] && questions[1]) {
      questions[0].max = 5;
      questions[1].id = '51';
    }
    expect(messages(data)).toEqual([
      'frameworks/x.json: edition "kvalitetskommun-2009", field "scale": a self-assessment needs an answer scale of at least two steps, lowest first, e.g. ["Ej alls", "Delvis", "I hög grad", "Fullt ut"]',
      'frameworks/x.json: edition "kvalitetskommun-2009", area 1, question "1", field "max": a self-assessment question is answered on the scale, not in points: set max to null',
      'frameworks/x.json: edition "kvalitetskommun-2009", area 1, question "51", field "id": expected question number "2", found "51": number a self-assessment\'s questions 1, 2, 3, … across its themes',
    ]);
  });

  it('a scale on a Kommunkompassen edition', () => {
    const data = raw('kk-2020');
    data.scale = ['Nej', 'Ja'];
    expect(messages(data)).toEqual([
      'frameworks/x.json: edition "kk-2020", field "scale": a Kommunkompassen edition is scored in points and has no answer scale: remove "scale" (or set kind to "self-assessment")',
    ]);
  });

  it('a last year before the first year', () => {
    const data = raw('kk-2016');
    data.years = { from: 2016, to: 2014 };
    expect(messages(data)).toEqual([
      'frameworks/x.json: edition "kk-2016", field "years.to": the last year 2014 is before the first year 2016: swap them or correct one',
    ]);
  });
});

describe('an edition with the wrong shape is refused field by field', () => {
  it('unknown, missing and mistyped fields', () => {
    const data = raw('kk-2010');
    data.questons = [];
    delete data.kind;
    const q = area(data, 4).questions[2];
    if (q) (q as { max: unknown }).max = '20';
    expect(messages(data)).toEqual([
      'frameworks/x.json: edition "kk-2010", field "kind": is missing: add it (it must be one of "kommunkompassen", "self-assessment")',
      'frameworks/x.json: edition "kk-2010", area 4, question "4.3", field "max": must be a number of points, or null when the edition did not publish it',
      'frameworks/x.json: edition "kk-2010": unknown field "questons": remove it or correct its spelling (see docs/frameworks.md for the fields)',
    ]);
  });

  it('an id that is not a kebab-case slug, and a wrong schema version', () => {
    const data = raw('kk-2020');
    data.id = 'KK 2020';
    data.schemaVersion = 2;
    expect(messages(data)).toEqual([
      'frameworks/x.json: edition "KK 2020", field "schemaVersion": must be 1 (the only edition file format so far)',
      'frameworks/x.json: edition "KK 2020", field "id": must be lower-case letters and digits joined by "-", such as "kk-2010"',
    ]);
  });

  it('something that is not an object at all', () => {
    expect(messages([1, 2, 3])).toEqual([
      'frameworks/x.json: edition (no valid id): Invalid input: expected object, received array',
    ]);
  });

  it('names the line when the caller knows where each field is', () => {
    const data = raw('kk-2010');
    const q = area(data, 3).questions[0];
    if (q) q.max = -15;
    const result = validateEdition(data, 'frameworks/x.json', {
      lineOf: (path) => (path.join('/') === 'areas/2/questions/0/max' ? 57 : 50),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]).toEqual({
        path: 'areas[2].questions[0].max',
        message:
          'frameworks/x.json:57: edition "kk-2010", area 3, question "3.1", field "max": max points must be greater than 0, found -15: give the points the question is worth, or null if unknown',
      });
    }
  });
});

describe('a catalogue', () => {
  const entry = (id: BuiltInId) => {
    const result = validateEdition(raw(id), `frameworks/${id}.json`);
    if (!result.ok) throw new Error('invalid fixture');
    return { edition: result.edition, source: `frameworks/${id}.json` };
  };

  it('refuses two editions with one id', () => {
    const copy = { ...entry('kk-2010'), source: 'admin/kk-2010-copy.json' };
    expect(validateCatalogue([entry('kk-2010'), copy])).toEqual([
      {
        path: 'id',
        message:
          'admin/kk-2010-copy.json: edition "kk-2010": field "id": the id is already used by frameworks/kk-2010.json: give each edition its own id',
      },
    ]);
  });

  it('refuses Kommunkompassen editions whose years overlap, but not a self-assessment', () => {
    const later = entry('kk-2016');
    const overlapping = {
      ...later,
      edition: { ...later.edition, years: { from: 2015, to: 2019 } },
    };
    expect(
      validateCatalogue([entry('kk-2010'), overlapping, entry('kvalitetskommun-2009')]).map(
        (i) => i.message,
      ),
    ).toEqual([
      'frameworks/kk-2016.json: edition "kk-2016": field "years": 2015–2019 overlaps edition "kk-2010" (2010–2015) in frameworks/kk-2010.json: Kommunkompassen editions must not share a year',
    ]);
    expect(validateCatalogue([entry('kk-2002'), entry('kvalitetskommun-2009')])).toEqual([]);
  });
});
