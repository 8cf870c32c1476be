import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { loadBuiltInCatalogue } from '../../frameworks/index.ts';
import { clonePostgresTemplate, removeDir } from '../../db/test-templates.ts';
import { createTestEnv, describePostgresMissing, testDatabaseUrl } from '../../db/testing.ts';
import { CliError, type CliIo } from '../io.ts';
import { registerMigrate } from './migrate.ts';

async function runMigrate(env: Record<string, string>, cwd: string) {
  let out = '';
  const io: CliIo = { out: (text) => (out += text), err: (text) => (out += text), env, cwd };
  const program = new Command('kompass').exitOverride();
  registerMigrate(program, io);
  await program.parseAsync(['migrate'], { from: 'user' });
  return out;
}

const editionCount = loadBuiltInCatalogue().length;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('kompass migrate on the embedded database', () => {
  it('creates the database in KOMPASS_DATA_DIR, then finds it up to date', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kompass-cwd-'));
    cleanups.push(() => removeDir(cwd));
    const env = { KOMPASS_DATA_DIR: 'store' };

    const first = await runMigrate(env, cwd);
    expect(first).toMatch(
      /^Creating a new embedded database \(the first time takes a few seconds\)\nMigrating the embedded database in \.\/store\n {2}migrations {6}\d+ applied \(\d+ in total\)\n/,
    );
    expect(first).toContain('  municipalities  290 municipalities: 290 added\n');
    expect(first).toContain(
      `  editions        ${String(editionCount)} built-in editions: ${String(editionCount)} added\n`,
    );

    const second = await runMigrate(env, cwd);
    expect(second).not.toContain('Creating');
    expect(second).toMatch(/migrations {6}up to date \(\d+ migrations\)/);
    expect(second).toContain('  municipalities  290 municipalities, unchanged\n');
    expect(second).toContain(
      `  editions        ${String(editionCount)} built-in editions, unchanged\n`,
    );
  });

  it('refuses while another opener holds the database, with the lock message as a CliError', async () => {
    const { env, dispose } = await createTestEnv('pglite');
    cleanups.push(dispose);
    const holder = await openDatabase({ env, cwd: '/' });
    cleanups.push(() => holder.close());
    const failure = await runMigrate(env, '/').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as Error).message).toContain(`is in use by process ${String(process.pid)}`);
    expect((failure as Error).message).toContain('stop it or set DATABASE_URL');
  });
});

const url = testDatabaseUrl();
if (url) {
  describe('kompass migrate on PostgreSQL [postgres]', () => {
    it('migrates the database in DATABASE_URL, then finds it up to date', async () => {
      const clone = await clonePostgresTemplate(url, 'template0');
      cleanups.push(clone.drop);
      const first = await runMigrate({ DATABASE_URL: clone.url }, '/');
      expect(first.split('\n')[0]).toBe(`Migrating PostgreSQL at ${clone.url}`);
      expect(first).toContain('  municipalities  290 municipalities: 290 added\n');
      const second = await runMigrate({ DATABASE_URL: clone.url }, '/');
      expect(second).toContain('up to date');
    });
  });
} else {
  describePostgresMissing('kompass migrate on PostgreSQL');
}
