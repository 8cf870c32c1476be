/**
 * `kompass start` and `kompass serve` as real child processes: start-up, the printed URL and
 * hints, SIGTERM closing the server and the database (the PGlite lock is released), and a second
 * start finding the demo data already loaded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../db/lock.ts';
import { createTestEnv, describePostgresMissing, testDatabaseUrl } from '../../db/testing.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const entry = join(root, 'test/browser/cli-entry.ts');

interface Run {
  child: ChildProcess;
  output(): string;
  /** Resolves with the URL once the server has printed all its start-up lines. */
  url: Promise<string>;
  exit: Promise<number | null>;
}

const running = new Set<ChildProcess>();

function kompass(args: string[], env: Record<string, string>): Run {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: root,
    env: { ...inherited, PORT: '', HOST: '', KOMPASS_DATA_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let text = '';
  let found: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => {
    found = resolve;
  });
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    // The last line of the start-up output: everything before it has been printed.
    const match = /Kompass is running at (http:\/\/\S+?)(?: |\n)/.exec(text);
    if (match?.[1] && text.includes('Press Ctrl+C to stop.')) found(match[1]);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exit = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
  });
  return { child, output: () => text, url, exit };
}

/** The URL, or a failure showing what the process printed. */
async function ready(run: Run): Promise<string> {
  const url = await Promise.race([
    run.url,
    run.exit.then((code) => {
      throw new Error(`kompass exited with ${code} before serving:\n${run.output()}`);
    }),
  ]);
  return url.replace('localhost', '127.0.0.1');
}

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
});

describe('kompass start on the embedded database', () => {
  it('migrates, loads the demo data, serves, and closes cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kompass-start-'));
    try {
      const first = kompass(['start', '--port', '0'], { KOMPASS_DATA_DIR: dir });
      const url = await ready(first);
      expect(first.output()).toContain('Creating a new embedded database');
      expect(first.output()).toContain(
        'demo data       4 file(s) loaded (5 evaluations, 1 published average(s))',
      );
      expect(first.output()).toContain('npx kompass user add --email you@example.se --role admin');
      expect(await (await fetch(`${url}/health`)).json()).toEqual({
        status: 'ok',
        database: 'pglite',
      });
      const municipality = await (await fetch(`${url}/kommuner/0486`)).text();
      expect(municipality).toContain('Kommunkompassen oktober 2016');
      expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(true);

      first.child.kill('SIGTERM');
      expect(await first.exit).toBe(0);
      expect(first.output()).toContain('SIGTERM: stopping the server and closing the database');
      expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);

      const addAdmin = kompass(['user', 'add', '--email', 'admin@example.se', '--role', 'admin'], {
        KOMPASS_DATA_DIR: dir,
      });
      expect(await addAdmin.exit, addAdmin.output()).toBe(0);

      const second = kompass(['start', '--port', '0'], { KOMPASS_DATA_DIR: dir });
      await ready(second);
      expect(second.output()).toContain('demo data       4 already loaded');
      expect(second.output()).not.toContain('Creating a new embedded database');
      // An admin exists now: no hint about creating the first one.
      expect(second.output()).not.toContain('npx kompass user add');
      second.child.kill('SIGINT');
      expect(await second.exit).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('kompass serve', () => {
  it('serves a migrated database without loading demo data, and honours PORT', async () => {
    const env = await createTestEnv('pglite');
    try {
      const run = kompass(['serve'], { ...env.env, PORT: '0' });
      const url = await ready(run);
      const home = await (await fetch(url)).text();
      expect(home).toContain('Inga utvärderingar är publicerade ännu.');
      run.child.kill('SIGTERM');
      expect(await run.exit).toBe(0);
    } finally {
      await env.dispose();
    }
  }, 120_000);

  it('refuses a data folder without a database, saying what to run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kompass-serve-'));
    try {
      const run = kompass(['serve', '--port', '0'], { KOMPASS_DATA_DIR: dir });
      expect(await run.exit).toBe(1);
      expect(run.output()).toContain(
        `there is no database in ${dir}: run \`kompass migrate\` first`,
      );
      expect(existsSync(join(dir, 'PG_VERSION'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a port that is not a number', async () => {
    const run = kompass(['serve', '--port', 'abc'], {});
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain('--port must be a port number from 0 to 65535, got "abc"');
  }, 60_000);
});

const url = testDatabaseUrl();
if (url) {
  describe('kompass start [postgres]', () => {
    it('loads the demo data once into PostgreSQL and serves it', async () => {
      const env = await createTestEnv('postgres');
      try {
        const first = kompass(['start', '--port', '0'], env.env);
        const served = await ready(first);
        expect(await (await fetch(`${served}/health`)).json()).toEqual({
          status: 'ok',
          database: 'postgres',
        });
        first.child.kill('SIGTERM');
        expect(await first.exit).toBe(0);
        const second = kompass(['start', '--port', '0'], env.env);
        await ready(second);
        expect(second.output()).toContain('demo data       4 already loaded');
        second.child.kill('SIGTERM');
        expect(await second.exit).toBe(0);
      } finally {
        await env.dispose();
      }
    }, 180_000);
  });
} else {
  describePostgresMissing('kompass start');
}
