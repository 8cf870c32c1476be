import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { listAudit } from '../../db/repositories/audit.ts';
import { findSignInAccount } from '../../db/repositories/users.ts';
import { createTestEnv, describePostgresMissing, testDatabaseUrl } from '../../db/testing.ts';
import type { DatabaseKind } from '../../db/client.ts';
import { verifyPassword } from '../../web/auth/credentials.ts';
import { CliError, type CliIo } from '../io.ts';
import { registerUser } from './user.ts';

/** Runs `kompass user …` in-process the way `main` does (the lead wires it into main.ts). */
async function kompassUser(args: string[], env: Record<string, string>) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env,
    cwd: mkdtempSync(join(tmpdir(), 'kompass-user-')),
  };
  const program = new Command('kompass')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  registerUser(program, io);
  let code = 0;
  try {
    await program.parseAsync(['node', 'kompass', 'user', ...args]);
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode;
    else if (error instanceof CliError) {
      err += `kompass: ${error.message}\n`;
      code = error.exitCode;
    } else throw error;
  }
  return { code, out, err };
}

const ONE_TIME = /One-time password: ([a-z0-9-]{23})\n/;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function testEnv(kind: DatabaseKind) {
  const created = await createTestEnv(kind);
  cleanups.push(created.dispose);
  return created.env;
}

async function signInAccount(env: Record<string, string>, email: string) {
  const database = await openDatabase({ env, cwd: process.cwd() });
  try {
    return await findSignInAccount(database.db, email);
  } finally {
    await database.close();
  }
}

function suite(kind: DatabaseKind) {
  it('adds an admin with a one-time password that must be changed, and audits it', async () => {
    const env = await testEnv(kind);
    const result = await kompassUser(
      ['add', '--email', 'Admin@Example.se', '--role', 'admin', '--name', 'Ada Admin'],
      env,
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Created admin Admin@Example\.se \(Ada Admin\)\.\n/);
    const password = ONE_TIME.exec(result.out)?.[1] ?? '';
    const account = await signInAccount(env, 'admin@example.se');
    expect(account?.user).toMatchObject({ role: 'admin', mustChangePassword: true });
    expect(await verifyPassword(account?.passwordHash ?? '', password)).toBe(true);
    const database = await openDatabase({ env, cwd: process.cwd() });
    try {
      expect(await listAudit(database.db, { entityType: 'user' })).toMatchObject([
        { action: 'user.create', actor: null },
      ]);
    } finally {
      await database.close();
    }
  });

  it('adds a municipality user bound to its kommun and lists every account', async () => {
    const env = await testEnv(kind);
    expect(
      (
        await kompassUser(
          ['add', '--email', 'k@strangnas.se', '--role', 'municipality', '--municipality', '0486'],
          env,
        )
      ).code,
    ).toBe(0);
    expect(
      (await kompassUser(['add', '--email', 'e@example.se', '--role', 'evaluator'], env)).code,
    ).toBe(0);
    const list = await kompassUser(['list'], env);
    expect(list.out.split('\n')).toEqual([
      'E-MAIL          NAME            ROLE          KOMMUN  STATUS',
      'e@example.se    e@example.se    evaluator     -       must change password',
      'k@strangnas.se  k@strangnas.se  municipality  0486    must change password',
      '',
    ]);
    const json = JSON.parse((await kompassUser(['list', '--json'], env)).out) as unknown[];
    expect(json).toHaveLength(2);
  });

  it('refuses an existing e-mail address in any case, an unknown kommunkod and a municipality user without one', async () => {
    const env = await testEnv(kind);
    await kompassUser(['add', '--email', 'a@example.se', '--role', 'admin'], env);
    const cases: Array<[string[], string]> = [
      [
        ['add', '--email', 'A@EXAMPLE.se', '--role', 'evaluator'],
        'kompass: a user with the e-mail address A@EXAMPLE.se already exists\n',
      ],
      [
        ['add', '--email', 'k@example.se', '--role', 'municipality', '--municipality', '9999'],
        'kompass: unknown kommunkod "9999": expected one of the 290 four-digit codes, e.g. 0180 for Stockholm\n',
      ],
      [
        ['add', '--email', 'k@example.se', '--role', 'municipality', '--municipality', 'Strängnäs'],
        'kompass: unknown kommunkod "Strängnäs": expected four digits, e.g. 0180 for Stockholm\n',
      ],
      [
        ['add', '--email', 'k@example.se', '--role', 'municipality'],
        'kompass: a municipality user belongs to one kommun: add --municipality <kommunkod>, e.g. --municipality 0486\n',
      ],
      [
        ['add', '--email', 'k@example.se', '--role', 'evaluator', '--municipality', '0486'],
        'kompass: --municipality is only for --role municipality; an evaluator is not bound to a kommun\n',
      ],
      [
        ['add', '--email', 'not-an-address', '--role', 'admin'],
        'kompass: "not-an-address" is not an e-mail address\n',
      ],
    ];
    for (const [args, message] of cases) {
      const result = await kompassUser(args, env);
      expect(result.err).toBe(message);
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
    }
    const badRole = await kompassUser(['add', '--email', 'k@example.se', '--role', 'public'], env);
    expect(badRole.code).toBe(1);
    expect(badRole.err).toMatch(/Allowed choices are admin, evaluator, municipality/);
    expect(JSON.parse((await kompassUser(['list', '--json'], env)).out)).toHaveLength(1);
  });

  it('resets a password to a new one-time password and unlocks the account', async () => {
    const env = await testEnv(kind);
    const added = await kompassUser(['add', '--email', 'a@example.se', '--role', 'admin'], env);
    const first = ONE_TIME.exec(added.out)?.[1];
    const reset = await kompassUser(['reset-password', '--email', 'A@example.se'], env);
    expect(reset.code).toBe(0);
    const second = ONE_TIME.exec(reset.out)?.[1] ?? '';
    expect(second).not.toBe(first);
    const account = await signInAccount(env, 'a@example.se');
    expect(await verifyPassword(account?.passwordHash ?? '', second)).toBe(true);
    expect(account?.user.mustChangePassword).toBe(true);
    const unknown = await kompassUser(['reset-password', '--email', 'nobody@example.se'], env);
    expect(unknown.err).toBe(
      'kompass: no user with the e-mail address nobody@example.se; see `kompass user list`\n',
    );
  });

  it('disables and enables an account', async () => {
    const env = await testEnv(kind);
    await kompassUser(['add', '--email', 'a@example.se', '--role', 'admin'], env);
    expect((await kompassUser(['disable', '--email', 'a@example.se'], env)).out).toBe(
      'a@example.se is disabled.\n',
    );
    expect((await kompassUser(['list'], env)).out).toMatch(/disabled\n$/);
    expect((await kompassUser(['enable', '--email', 'a@example.se'], env)).out).toBe(
      'a@example.se is enabled.\n',
    );
  });

  it('tells how to create the first admin when there are no users', async () => {
    const env = await testEnv(kind);
    expect((await kompassUser(['list'], env)).out).toBe(
      'No users yet. Create the first admin with:\n  kompass user add --email <address> --role admin\n',
    );
  });
}

describe('kompass user [pglite]', () => suite('pglite'));
if (testDatabaseUrl()) describe('kompass user [postgres]', () => suite('postgres'));
else describePostgresMissing('kompass user');
