import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIDDEN_WORD } from '../../api/fixtures.ts';
import { testDatabaseUrl } from '../../db/testing.ts';
import { runCommand, seededEnv, type SeededEnv } from './comparison-testing.ts';
import { registerSearch } from './search.ts';

const kinds = testDatabaseUrl() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(kinds)('kompass search [%s]', (kind) => {
  let seeded: SeededEnv;
  beforeAll(async () => {
    seeded = await seededEnv(kind);
  });
  afterAll(async () => {
    await seeded.dispose();
  });
  const run = (...args: string[]) => runCommand(registerSearch, seeded.env, ['search', ...args]);

  it('finds "brukarundersökning" for "brukarundersökningar" in area 1, as JSON', async () => {
    const result = await run('brukarundersökningar', '--area', '1', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as {
      total: number;
      hits: Array<{ area: number; snippetHtml: string; link: { href: string } }>;
    };
    expect(json.total).toBeGreaterThan(0);
    expect(json.hits.every((hit) => hit.area === 1)).toBe(true);
    expect(json.hits.some((hit) => /<mark>brukarundersökning/i.test(hit.snippetHtml))).toBe(true);
    expect(json.hits[0]?.link.href).toMatch(/^\/utvarderingar\/[0-9a-f-]{36}#omrade-1$/);
  });

  it('prints hits with the matched words in stars', async () => {
    const result = await run('medborgardialogen', '--limit', '2');
    expect(result.out).toMatch(/^\d+ hits for "medborgardialogen"/);
    expect(result.out).toMatch(/\*medborgardialog\*/i);
  });

  it('never finds drafts; refuses an empty or a 2,000-character query', async () => {
    expect((await run(HIDDEN_WORD)).out).toBe(`0 hits for "${HIDDEN_WORD}"\n`);
    expect(await run('  ')).toMatchObject({
      code: 1,
      err: 'the search query is empty: give one or more words to search for',
    });
    expect((await run('x'.repeat(2000))).err).toBe(
      'the search query is 2000 characters long; at most 200 are allowed',
    );
  });
});
