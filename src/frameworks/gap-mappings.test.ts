import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltInCatalogue } from './index.ts';
import {
  GapMappingCatalogueError,
  loadBuiltInGapMappings,
  loadGapMappingFile,
  parseGapMappingText,
} from './gap-mappings.ts';

const catalogue = loadBuiltInCatalogue();
const byId = (id: string) => catalogue.find((edition) => edition.id === id);

describe('the built-in gap mappings', () => {
  const mappings = loadBuiltInGapMappings(catalogue);

  it('map Kvalitetskommun 2009 onto the 2002, 2010 and 2016 editions', () => {
    expect(mappings.map((m) => `${m.selfAssessmentEdition} → ${m.edition}`)).toEqual([
      'kvalitetskommun-2009 → kk-2002',
      'kvalitetskommun-2009 → kk-2010',
      'kvalitetskommun-2009 → kk-2016',
    ]);
  });

  it.each(['kk-2002', 'kk-2010', 'kk-2016'])(
    'use every one of the 50 questions at least once and give each of the 8 areas a question (%s)',
    (edition) => {
      const mapping = mappings.find((m) => m.edition === edition);
      const used = new Set(mapping?.areas.flatMap((area) => area.questions));
      expect([...used].sort((a, b) => Number(a) - Number(b))).toEqual(
        Array.from({ length: 50 }, (_, i) => String(i + 1)),
      );
      expect(mapping?.areas.map((area) => area.area)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    },
  );
});

describe('reading a mapping file', () => {
  it('says where a syntax error is', () => {
    const result = parseGapMappingText('{\n  "schemaVersion": 1,\n}', 'x.json', byId);
    expect(result).toEqual({
      ok: false,
      issues: ['x.json:3:1: not valid JSON: trailing comma before "}": remove the comma'],
    });
  });

  it('refuses a missing file with a hint', () => {
    const result = loadGapMappingFile('/nonexistent/mapping.json', byId);
    expect(!result.ok && result.issues[0]).toBe(
      '/nonexistent/mapping.json: cannot read the file (ENOENT): no such file: check the path',
    );
  });

  it('refuses a built-in file whose name does not match its editions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gap-'));
    const text = parseGapMappingText('{}', 'x', byId);
    expect(text.ok).toBe(false);
    writeFileSync(
      join(dir, 'wrong-name.json'),
      JSON.stringify({
        schemaVersion: 1,
        selfAssessmentEdition: 'kvalitetskommun-2009',
        edition: 'kk-2020',
        description: 'x',
        areas: [1, 2, 3, 4, 5, 6, 7, 8].map((area) => ({ area, questions: ['1'] })),
      }),
    );
    expect(() => loadBuiltInGapMappings(catalogue, dir)).toThrow(GapMappingCatalogueError);
    expect(() => loadBuiltInGapMappings(catalogue, dir)).toThrow(
      'must be named kvalitetskommun-2009.kk-2020.json',
    );
  });
});
