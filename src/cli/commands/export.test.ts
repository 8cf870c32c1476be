/** `kompass export` and `kompass restore` end to end through the CLI, on both databases. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpTables, fillForBackup } from '../../backup/testing.ts';
import { EXCLUDED_TABLES } from '../../backup/tables.ts';
import { openDatabase, type DatabaseKind } from '../../db/client.ts';
import { createTestEnv, describePostgresMissing, testDatabaseUrl } from '../../db/testing.ts';
import type { CliIo } from '../io.ts';
import { main } from '../main.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function testEnv(kind: DatabaseKind) {
  const created = await createTestEnv(kind);
  cleanups.push(created.dispose);
  return created.env;
}

/** Runs `kompass …` in-process against `env`, in `cwd`. */
async function kompass(args: string[], env: Record<string, string>, cwd: string) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env,
    cwd,
  };
  const code = await main(['node', 'kompass', ...args], io);
  return { code, out, err };
}

async function withDb<T>(
  env: Record<string, string>,
  fn: (db: Parameters<typeof dumpTables>[0]) => Promise<T>,
) {
  const database = await openDatabase({ env, cwd: process.cwd() });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

const withoutExcluded = (dump: Record<string, string[]>) => {
  const copy = { ...dump };
  for (const name of Object.keys(EXCLUDED_TABLES)) delete copy[name];
  return { ...copy, audit_log: copy.audit_log?.filter((row) => !row.includes('backup.restore')) };
};

function suite(kind: DatabaseKind) {
  it(
    'exports to a file only its owner reads and restores it into a fresh database',
    { timeout: 240_000 },
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'kompass-export-'));
      const source = await testEnv(kind);
      await withDb(source, (db) => fillForBackup(db));
      const before = await withDb(source, dumpTables);

      const exported = await kompass(['export', '--out', 'backup.kompass.gz'], source, cwd);
      expect(exported.err).toBe('');
      expect(exported.code).toBe(0);
      expect(exported.out).toMatch(
        /^Wrote backup\.kompass\.gz \([\d.]+ kB\): \d+ rows in \d+ tables from .*, migration level \d+\.\n/,
      );
      expect(exported.out).toContain('Password hashes are left out');
      expect(statSync(join(cwd, 'backup.kompass.gz')).mode & 0o777).toBe(0o600);

      const again = await kompass(['export', '--out', 'backup.kompass.gz'], source, cwd);
      expect(again).toMatchObject({ code: 1, out: '' });
      expect(again.err).toContain(
        'backup.kompass.gz exists already; choose another name or add --force',
      );

      const target = await testEnv(kind);
      const restored = await kompass(['restore', 'backup.kompass.gz'], target, cwd);
      expect(restored.err).toBe('');
      expect(restored.code).toBe(0);
      expect(restored.out).toMatch(
        /^Restored backup\.kompass\.gz \(written .*\) into .*: \d+ rows inserted\.\n/,
      );
      expect(restored.out).toContain('every restored account must get a new password');
      const after = await withDb(target, dumpTables);
      // Without hashes, accounts come back without a password and must set one: compared apart.
      const strip = (dump: Record<string, string[]>) => ({ ...withoutExcluded(dump), users: [] });
      const accounts = (db: Parameters<typeof dumpTables>[0]) =>
        db.execute(sql`select id, email, display_name, role, municipality_code, disabled,
        failed_sign_ins, locked_until, created_at, password_changed_at,
        password_hash is null as no_hash, must_change_password from users order by id`);
      const accountsAfter = (await withDb(target, accounts)) as unknown as {
        rows: Array<Record<string, unknown>>;
      };
      const accountsBefore = (await withDb(source, accounts)) as unknown as {
        rows: Array<Record<string, unknown>>;
      };
      expect(accountsAfter.rows.length).toBeGreaterThanOrEqual(3);
      expect(
        accountsAfter.rows.every(
          (row) => row.no_hash === true && row.must_change_password === true,
        ),
      ).toBe(true);
      const identity = (rows: Array<Record<string, unknown>>) =>
        rows.map(({ no_hash: _hash, must_change_password: _must, ...rest }) => rest);
      expect(identity(accountsAfter.rows)).toEqual(identity(accountsBefore.rows));
      expect(strip(after)).toEqual(strip(before));
    },
  );

  it(
    'refuses a second restore into the same database, merges with skip-existing, refuses a damaged file',
    { timeout: 240_000 },
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'kompass-restore-'));
      const source = await testEnv(kind);
      await withDb(source, (db) => fillForBackup(db));
      expect((await kompass(['export', '--out', 'b.kompass.gz'], source, cwd)).code).toBe(0);
      const target = await testEnv(kind);
      expect((await kompass(['restore', 'b.kompass.gz'], target, cwd)).code).toBe(0);
      const restoredOnce = await withDb(target, dumpTables);

      const refused = await kompass(['restore', 'b.kompass.gz'], target, cwd);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(
        /^kompass: the database is not empty: it holds \d+ users, \d+ evaluations, \d+ audit entries.*--merge skip-existing\n$/,
      );
      expect(await withDb(target, dumpTables)).toEqual(restoredOnce);

      const merged = await kompass(
        ['restore', 'b.kompass.gz', '--merge', 'skip-existing'],
        target,
        cwd,
      );
      expect(merged.err).toBe('');
      expect(merged.out).toMatch(/: 0 rows inserted, \d+ already there and skipped\.\n/);

      const bytes = readFileSync(join(cwd, 'b.kompass.gz'));
      writeFileSync(join(cwd, 'cut.kompass.gz'), bytes.subarray(0, bytes.length - 40));
      const fresh = await testEnv(kind);
      const damaged = await kompass(['restore', 'cut.kompass.gz'], fresh, cwd);
      expect(damaged.code).toBe(1);
      expect(damaged.err).toMatch(
        /^kompass: cut\.kompass\.gz .*truncated.*nothing was restored\n$/,
      );

      const unknownMode = await kompass(
        ['restore', 'b.kompass.gz', '--merge', 'overwrite'],
        fresh,
        cwd,
      );
      expect(unknownMode.code).not.toBe(0);
      expect(unknownMode.err).toContain('Allowed choices are skip-existing');
      const missing = await kompass(['restore', 'finns-inte.gz'], fresh, cwd);
      expect(missing).toMatchObject({ code: 1 });
      expect(missing.err).toContain('there is no file');
    },
  );
}

describe('kompass export / restore [pglite]', () => suite('pglite'));
if (testDatabaseUrl()) {
  describe('kompass export / restore [postgres]', () => suite('postgres'));
} else {
  describePostgresMissing('kompass export / restore');
}
