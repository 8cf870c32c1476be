import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { listEditions } from '../../db/repositories/editions.ts';
import { createTestEnv, testDatabaseUrl } from '../../db/testing.ts';
import { loadMunicipalities } from '../../reference/municipalities.ts';
import { importReport } from '../../use-cases/import-report.ts';
import { runCommand } from './comparison-testing.ts';
import { registerSelfAssessment } from './self-assessment.ts';

const kinds = testDatabaseUrl() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
const APPLICATION = 'sodertalje-kvalitetskommun-ansokan-2009.txt';

describe.each(kinds)('kompass self-assessment show [%s]', (kind) => {
  let env: Record<string, string>;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ env, dispose } = await createTestEnv(kind));
    const database = await openDatabase({ env, cwd: process.cwd() });
    try {
      const outcome = await importReport({
        db: database.db,
        bytes: readFileSync(new URL(`../../../../shared/seeds/${APPLICATION}`, import.meta.url)),
        source: APPLICATION,
        editions: (await listEditions(database.db)).map((edition) => edition.definition),
        municipalities: loadMunicipalities(),
      });
      if (outcome.status === 'failed') throw new Error(JSON.stringify(outcome.issues));
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await dispose();
  });
  const run = (...args: string[]) =>
    runCommand(registerSelfAssessment, env, ['self-assessment', 'show', ...args]);

  it('prints answers by question with theme, flags, narratives and key-figure series as JSON', async () => {
    const result = await run('--municipality', '0181', '--year', '2009', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as {
      municipality: { code: string; name: string };
      status: string;
      submitted: boolean;
      answers: Array<{ question: string; theme: number; answer: string | null; flags: string[] }>;
      flags: Array<{ question: string; needsResolution: boolean }>;
      narratives: Array<{ theme: number }>;
      keyFigures: Array<{
        name: string;
        unit: string;
        points: Array<{ year: number; target: number | null; result: number | null }>;
      }>;
    };
    expect(json.municipality).toEqual({ code: '0181', name: 'Södertälje' });
    expect(json).toMatchObject({ status: 'published', submitted: true });
    expect(json.answers).toHaveLength(50);
    expect(json.answers[7]).toEqual({
      question: '8',
      theme: 2,
      answer: null,
      flags: ['multiple-ticked: I hög grad, Fullt ut'],
    });
    expect(json.answers.filter((answer) => answer.theme === 4)).toHaveLength(12);
    expect(json.flags.filter((flag) => flag.needsResolution).map((flag) => flag.question)).toEqual([
      '8',
      '9',
      '10',
    ]);
    expect(new Set(json.narratives.map((text) => text.theme))).toEqual(new Set([1, 2, 3, 4]));
    expect(json.keyFigures.find((series) => series.name === 'attraktiv arbetsgivare')).toEqual({
      name: 'attraktiv arbetsgivare',
      unit: '%',
      theme: 3,
      points: [
        { year: 2005, target: 82, result: 83 },
        { year: 2006, target: 86, result: 82 },
        { year: 2007, target: 86, result: 82 },
      ],
    });
  });

  it('prints a readable summary without --json', async () => {
    const result = await run('--municipality', '0181', '--year', '2009');
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'Södertälje (0181) 2009, kvalitetskommun-2009: submitted (imported application), 47 of 50 answered',
    );
    expect(result.out).toContain('   8  –  [multiple-ticked: I hög grad, Fullt ut]');
  });

  it('refuses an unknown kommun and a year without a self-assessment clearly, with exit code 1', async () => {
    expect(await run('--municipality', '9999', '--year', '2009', '--json')).toMatchObject({
      code: 1,
      out: '',
      err: 'municipality "9999" does not exist (give its four-digit kommunkod, e.g. 0181)',
    });
    expect(await run('--municipality', '0486', '--year', '2009', '--json')).toMatchObject({
      code: 1,
      out: '',
      err: 'Strängnäs (0486) has no self-assessment for 2009',
    });
    const badYear = await run('--municipality', '0181', '--year', 'nio');
    expect(badYear.code).toBe(1);
    expect(badYear.err).toContain('"nio" is not a whole number');
  });
});
