import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../db/testing.ts';
import { registerAverage } from './average.ts';
import { runCommand, seededEnv, type SeededEnv } from './comparison-testing.ts';

const kinds = testDatabaseUrl() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(kinds)('kompass average [%s]', (kind) => {
  let seeded: SeededEnv;
  beforeAll(async () => {
    seeded = await seededEnv(kind);
  });
  afterAll(async () => {
    await seeded.dispose();
  });
  const run = (...args: string[]) => runCommand(registerAverage, seeded.env, ['average', ...args]);

  it('prints {edition, n, areas: [{number, mean}], total} as JSON', async () => {
    const result = await run('--edition', 'kk-2010', '--from', '2010', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as {
      edition: string;
      n: number;
      areas: Array<{ number: number; mean: number }>;
      total: number;
      source: string;
    };
    expect(json).toMatchObject({ edition: 'kk-2010', n: 2, source: 'computed' });
    expect(json.areas.map((area) => area.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Math.round(json.total)).toBe(411);
  });

  it('names the published average and its source next to the computed one', async () => {
    const result = await run('--edition', 'kk-2016');
    expect(result.out).toContain('computed from 1 published evaluation\n');
    expect(result.out).toContain(
      'published: "Medelvärde" (beräknat från 2010 och framåt) total 476, from kommunkompassen-strangnas-2016.txt',
    );
  });

  it('refuses an unknown edition, an unknown län, n = 0 and a bad year clearly', async () => {
    expect(await run('--edition', 'kk-1999', '--json')).toMatchObject({
      code: 1,
      err: 'edition "kk-1999" does not exist',
    });
    expect((await run('--edition', 'kk-2010', '--lan', '99')).err).toBe('län "99" does not exist');
    expect((await run('--edition', 'kk-2002', '--lan', '03')).err).toMatch(/n = 0$/);
    const badYear = await run('--edition', 'kk-2010', '--from', 'tjugo');
    expect(badYear.code).toBe(1);
    expect(badYear.err).toContain('"tjugo" is not a whole number');
  });
});
