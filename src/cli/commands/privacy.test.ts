/** `kompass privacy …` end to end through the CLI, on both databases. */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseKind, type Db } from '../../db/client.ts';
import { createTestEnv, describePostgresMissing, testDatabaseUrl } from '../../db/testing.ts';
import { retentionCutoff } from '../../use-cases/privacy/erase-interviews.ts';
import { createScoredEvaluation } from '../../use-cases/testing.ts';
import { createTestAccount } from '../../web/auth/testing.ts';
import type { CliIo } from '../io.ts';
import { main } from '../main.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function withDb<T>(env: Record<string, string>, fn: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase({ env, cwd: process.cwd() });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

const NAME = 'Testperson Intervjuad';

/** Runs `kompass …` in-process against `env`, in `cwd`. */
async function kompass(args: string[], env: Record<string, string>, cwd: string) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (text) => (out += text), err: (text) => (err += text), env, cwd };
  const code = await main(['node', 'kompass', ...args], io);
  return { code, out, err };
}

async function namedInterviews(db: Db): Promise<string[]> {
  const result = (await db.execute(
    sql`select evaluation_id as id from interviews where name is not null order by evaluation_id`,
  )) as unknown as { rows: Array<{ id: string }> };
  return result.rows.map((row) => row.id);
}

function suite(kind: DatabaseKind) {
  it(
    'sets the retention, erases what expired and one evaluation on request, and exports a person',
    { timeout: 240_000 },
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'kompass-privacy-'));
      const created = await createTestEnv(kind);
      cleanups.push(created.dispose);
      const env = created.env;
      const ids = await withDb(env, async (db) => {
        const old = (await createScoredEvaluation(db, { year: 2020 })).evaluationId;
        const draft = (await createScoredEvaluation(db, { year: 2021 })).evaluationId;
        await db.execute(sql`update evaluations set status = 'published',
        published_at = ${retentionCutoff(new Date(), 30).toISOString()}::timestamptz where id = ${old}`);
        await createTestAccount(db, {
          role: 'municipality',
          email: 'anna@kommun.se',
          displayName: 'Anna Andersson',
        });
        return { old, draft };
      });

      expect((await kompass(['privacy', 'retention'], env, cwd)).out).toContain(
        'No retention period is set',
      );
      const noRetention = await kompass(['privacy', 'erase-interviews', '--expired'], env, cwd);
      expect(noRetention.code).toBe(1);
      expect(noRetention.err).toContain('no retention period is set');
      const bad = await kompass(['privacy', 'retention', '--months', 'två'], env, cwd);
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('--months must be a whole number of months from 1 to 600');

      const set = await kompass(['privacy', 'retention', '--months', '24'], env, cwd);
      expect(set.err).toBe('');
      expect(set.out).toContain('now kept 24 months after publication');

      const dry = await kompass(
        ['privacy', 'erase-interviews', '--expired', '--dry-run'],
        env,
        cwd,
      );
      expect(dry.out).toContain(`1 evaluation published before`);
      expect(dry.out).toContain(ids.old);
      expect(await withDb(env, namedInterviews)).toHaveLength(2);

      const expired = await kompass(['privacy', 'erase-interviews', '--expired'], env, cwd);
      expect(expired.err).toBe('');
      expect(expired.out).toMatch(
        /Retention 24 months: evaluations published before \d{4}-\d\d-\d\d/,
      );
      expect(expired.out).toContain(`evaluation ${ids.old}: 1 interview erased`);
      expect(await withDb(env, namedInterviews)).toEqual([ids.draft]);

      const one = await kompass(
        ['privacy', 'erase-interviews', '--evaluation', ids.draft],
        env,
        cwd,
      );
      expect(one.out).toContain(`evaluation ${ids.draft}: 1 interview erased`);
      expect(await withDb(env, namedInterviews)).toEqual([]);

      const unknown = await kompass(
        ['privacy', 'erase-interviews', '--evaluation', '00000000-0000-4000-8000-000000000000'],
        env,
        cwd,
      );
      expect(unknown.code).toBe(1);
      expect(unknown.err).toContain('does not exist');
      const neither = await kompass(['privacy', 'erase-interviews'], env, cwd);
      expect(neither.code).toBe(1);
      expect(neither.err).toContain('say what to erase');

      const exported = await kompass(
        ['privacy', 'export-person', '--email', 'ANNA@kommun.se', '--out', 'anna.json'],
        env,
        cwd,
      );
      expect(exported.err).toBe('');
      expect(exported.out).toMatch(
        /^Wrote anna\.json: 1 account, 0 sessions, \d+ audit entr(y|ies)/,
      );
      const file = join(cwd, 'anna.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const data = JSON.parse(readFileSync(file, 'utf8')) as {
        format: string;
        accounts: unknown[];
      };
      expect(data).toMatchObject({
        format: 'kompass-person-export',
        accounts: [{ email: 'anna@kommun.se', displayName: 'Anna Andersson' }],
      });
      expect(readFileSync(file, 'utf8')).not.toContain('argon2');

      const byName = await kompass(
        ['privacy', 'export-person', '--name', NAME, '--out', 'namn.json'],
        env,
        cwd,
      );
      // The interviews were erased above, so nothing names the person any more.
      expect(byName.out).toContain('0 accounts, 0 sessions, 0 audit entries, 0 interviews');
      const both = await kompass(
        ['privacy', 'export-person', '--email', 'a@b.se', '--name', 'A B', '--out', 'x.json'],
        env,
        cwd,
      );
      expect(both.code).toBe(1);
      expect(both.err).toContain('--email <address> or --name <name> (one of them)');
      const notEmail = await kompass(
        ['privacy', 'export-person', '--email', 'anna', '--out', 'y.json'],
        env,
        cwd,
      );
      expect(notEmail.code).toBe(1);
      expect(notEmail.err).toContain('is not an e-mail address');
    },
  );
}

describe('kompass privacy [pglite]', () => suite('pglite'));
if (testDatabaseUrl()) {
  describe('kompass privacy [postgres]', () => suite('postgres'));
} else {
  describePostgresMissing('kompass privacy');
}
