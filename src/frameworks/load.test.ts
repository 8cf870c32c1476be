import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseJsonDocument } from './json.ts';
import {
  BUILT_IN_FRAMEWORKS_DIR,
  CatalogueError,
  loadBuiltInCatalogue,
  loadCatalogueFrom,
  loadEditionFile,
} from './load.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kompass-frameworks-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const builtInText = (id: string) =>
  readFileSync(join(BUILT_IN_FRAMEWORKS_DIR, `${id}.json`), 'utf8');

describe('loadBuiltInCatalogue', () => {
  it('loads the five editions the seeds show, validated', () => {
    expect(loadBuiltInCatalogue().map((e) => [e.id, e.kind])).toEqual([
      ['kk-2002', 'kommunkompassen'],
      ['kk-2010', 'kommunkompassen'],
      ['kk-2016', 'kommunkompassen'],
      ['kk-2020', 'kommunkompassen'],
      ['kvalitetskommun-2009', 'self-assessment'],
    ]);
  });

  it('reads the files once and shares frozen editions', () => {
    const first = loadBuiltInCatalogue();
    const second = loadBuiltInCatalogue();
    expect(second).not.toBe(first);
    expect(second[0]).toBe(first[0]);
    expect(Object.isFrozen(first[0]?.areas[0]?.questions[0])).toBe(true);
  });
});

describe('loadCatalogueFrom', () => {
  it('lists every issue of every file, with file and line', () => {
    const broken = builtInText('kk-2010').replace('"max": 25', '"max": 20'); // 1.3: 25 → 20
    writeFileSync(join(dir, 'kk-2010.json'), broken);
    writeFileSync(join(dir, 'kk-2016.json'), builtInText('kk-2020'));
    writeFileSync(join(dir, 'kk-2020.json'), '{ "id": "kk-2020", }');
    const result = loadCatalogueFrom(dir, 'frameworks');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.message)).toEqual([
        `frameworks/kk-2010.json:12: edition "kk-2010", area 1: questions' max points sum to 95, expected 100: correct the max of the questions so that the area is worth 100 points`,
        'frameworks/kk-2016.json: edition "kk-2020": field "id": the file must be named kk-2020.json: rename the file or correct the id',
        'frameworks/kk-2020.json:1:20: not valid JSON: trailing comma before "}": remove the comma',
      ]);
    }
  });

  it('refuses a folder without edition files', () => {
    mkdirSync(join(dir, 'empty'));
    expect(loadCatalogueFrom(join(dir, 'empty'), 'empty')).toEqual({
      ok: false,
      issues: [{ path: '', message: 'empty: no edition files (*.json) found' }],
    });
  });

  it('the error thrown for a broken built-in catalogue lists all issues', () => {
    const error = new CatalogueError([
      { path: '', message: 'frameworks/a.json: one' },
      { path: '', message: 'frameworks/b.json: two' },
    ]);
    expect(error.message).toBe(
      'the framework catalogue is invalid (2 issues):\n  frameworks/a.json: one\n  frameworks/b.json: two',
    );
  });
});

describe('loadEditionFile (an edition an admin wrote)', () => {
  it('accepts a valid file, e.g. the 2020 edition with questions added', () => {
    const edition = JSON.parse(builtInText('kk-2020')) as {
      areas: { number: number; questions: unknown[] }[];
    };
    for (const area of edition.areas) {
      area.questions = [15, 15, 20, 20, 30].map((max, i) => ({
        id: `${String(area.number)}.${String(i + 1)}`,
        text: `Fråga ${String(i + 1)}?`,
        max,
      }));
    }
    const path = join(dir, 'kk-2020.json');
    writeFileSync(path, JSON.stringify(edition, null, 2));
    const result = loadEditionFile(path);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.edition.areas[7]?.questions).toHaveLength(5);
  });

  it('refuses a rule violation naming file, line, edition, area, question and field', () => {
    const path = join(dir, 'edition.json');
    writeFileSync(path, builtInText('kk-2016').replace('"id": "3.2"', '"id": "3.1"'));
    const result = loadEditionFile(path, 'edition.json');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]?.message).toMatch(
        /^edition\.json:\d+: edition "kk-2016", area 3, question "3\.1", field "id": question id "3\.1" is used twice/,
      );
      const line = Number(/^edition\.json:(\d+):/.exec(result.issues[0]?.message ?? '')?.[1]);
      const lines = builtInText('kk-2016').split('\n');
      expect(lines[line - 1]).toContain('"id": "3.2"');
    }
  });

  it('refuses invalid JSON with file, line and column', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{\n  "id": "kk-2030",\n  "name": "Kommunkompassen 2030\n}\n');
    expect(loadEditionFile(path, 'broken.json')).toEqual({
      ok: false,
      issues: [
        {
          path: '',
          message:
            'broken.json:3:32: not valid JSON: line break or control character inside a string: close the string or write it as \\n',
        },
      ],
    });
  });

  it('refuses a file that cannot be read', () => {
    expect(loadEditionFile(join(dir, 'missing.json'), 'missing.json')).toEqual({
      ok: false,
      issues: [
        {
          path: '',
          message: 'missing.json: cannot read the file (ENOENT): no such file: check the path',
        },
      ],
    });
    expect(loadEditionFile(dir, 'folder').ok).toBe(false);
  });
});

describe('parseJsonDocument', () => {
  const error = (text: string) => {
    const doc = parseJsonDocument(text);
    return doc.ok ? 'ok' : `${String(doc.line)}:${String(doc.column)} ${doc.message}`;
  };

  it('says where and what for common hand-editing mistakes', () => {
    expect(error('{\n  "a": 1,\n}')).toBe('3:1 trailing comma before "}": remove the comma');
    expect(error('[1, 2,]')).toBe('1:7 trailing comma before "]": remove the comma');
    expect(error('{"a": 1 "b": 2}')).toBe(
      '1:9 unexpected "\\"": expected "," between fields or "}" to close the object',
    );
    expect(error("{'a': 1}")).toBe(
      '1:2 strings and field names need double quotes ("), not single quotes',
    );
    expect(error('{\n  // note\n  "a": 1\n}')).toBe(
      '2:3 comments are not allowed in JSON: remove the comment',
    );
    expect(error('{"a": 1, "a": 2}')).toBe(
      '1:10 field "a" appears twice in the same object: keep one',
    );
    expect(error('{"a": 01}')).toBe(
      '1:8 unexpected "1": expected "," between fields or "}" to close the object',
    );
    expect(error('{"a": "\\x"}')).toBe(
      '1:8 invalid escape "\\x" in a string: write a backslash as "\\\\"',
    );
    expect(error('{"a": tru}')).toBe(
      '1:7 unexpected "t": expected a value (object, array, string, number, true, false or null)',
    );
    expect(error('{} {}')).toBe('1:4 unexpected text after the end of the JSON value: remove it');
    expect(error('')).toBe(
      '1:1 unexpected end of file: expected a value (object, array, string, number, true, false or null)',
    );
  });

  it('parses what JSON.parse parses, BOM included, and knows each value’s line', () => {
    const text = '\uFEFF{\n  "a": [\n    1,\n    {"b": "x\\u00e5\\n"}\n  ],\n  "c": -1.5e2\n}';
    const doc = parseJsonDocument(text);
    expect(doc.ok).toBe(true);
    if (doc.ok) {
      expect(doc.value).toEqual({ a: [1, { b: 'xå\n' }], c: -150 });
      expect(doc.lineOf(['a', 1, 'b'])).toBe(4);
      expect(doc.lineOf(['c'])).toBe(6);
      expect(doc.lineOf(['a', 1, 'missing'])).toBe(4);
    }
  });
});
