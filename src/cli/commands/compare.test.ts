import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../db/testing.ts';
import type { Comparison } from '../../domain/comparison/index.ts';
import { registerCompare } from './compare.ts';
import { runCommand, seededEnv, type SeededEnv } from './comparison-testing.ts';

const kinds = testDatabaseUrl() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(kinds)('kompass compare [%s]', (kind) => {
  let seeded: SeededEnv;
  beforeAll(async () => {
    seeded = await seededEnv(kind);
  });
  afterAll(async () => {
    await seeded.dispose();
  });
  const run = (...args: string[]) => runCommand(registerCompare, seeded.env, ['compare', ...args]);

  it('compares the latest published evaluation of each municipality as JSON', async () => {
    const result = await run('--municipality', '0486', '--municipality', '0139', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as Comparison;
    expect(json.evaluations.map((e) => [e.municipalityCode, e.year, e.total])).toEqual([
      ['0486', 2016, 497],
      ['0139', 2011, 383],
    ]);
    expect(json.areas).toHaveLength(8);
    expect(json.questions).toBeNull();
    expect(json.editionNote).toContain('olika versioner');
  });

  it('prints the area table with rank/of and the note', async () => {
    const result = await run('--municipality', '0486', '--municipality', '0139');
    expect(result.out).toContain('Strängnäs 2016');
    expect(result.out).toMatch(/\(1\/1\)/);
    expect(result.out).toContain('Utvärderingarna är gjorda med olika versioner');
  });

  it('refuses questions across editions and unknown codes clearly', async () => {
    expect(
      await run('--municipality', '0486', '--municipality', '0139', '--questions'),
    ).toMatchObject({
      code: 1,
      err: 'questions cannot be compared across editions (kk-2016, kk-2010): compare at area level',
    });
    expect((await run('--municipality', '9999')).err).toBe(
      'no municipality has the kommunkod 9999',
    );
    expect((await run()).err).toBe('choose at least one evaluation to compare');
  });
});
