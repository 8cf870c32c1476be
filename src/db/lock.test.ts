import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';
import { DatabaseInUseError } from './errors.ts';
import { acquireDataDirLock, LOCK_FILE_NAME } from './lock.ts';
import { countMunicipalities } from './repositories/municipalities.ts';
import { createTestEnv } from './testing.ts';
import { removeDir } from './test-templates.ts';

const fixture = fileURLToPath(new URL('./test-fixtures/hold-database.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

function startHolder(dir: string): Promise<{ child: ChildProcess; pid: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir, 'hold'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready (\d+)/.exec(output);
      if (ready) resolve({ child, pid: Number(ready[1]) });
    });
    child.on('exit', (code) =>
      reject(new Error(`holder exited early (${String(code)}): ${output}`)),
    );
  });
}

function stopHolder(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.stdin?.end();
  });
}

describe('the embedded database folder lock', () => {
  let dir: string;
  let env: Record<string, string>;
  let dispose: () => Promise<void>;
  let holder: ChildProcess | undefined;

  beforeEach(async () => {
    ({ env, dispose } = await createTestEnv('pglite'));
    dir = env.KOMPASS_DATA_DIR ?? '';
  });
  afterEach(async () => {
    if (holder) await stopHolder(holder);
    holder = undefined;
    await dispose();
  });

  it('refuses a second process with a message naming the folder and the holder', async () => {
    const started = await startHolder(dir);
    holder = started.child;
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).toContain(
      `"pid":${String(started.pid)}`,
    );

    // This process is the second opener.
    const failure = await openDatabase({ env, cwd: root }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseInUseError);
    expect((failure as Error).message).toBe(
      `the database in ${dir} is in use by process ${String(started.pid)} (node hold-database.ts); ` +
        'stop it or set DATABASE_URL to use a PostgreSQL server. ' +
        `If no such process runs, delete ${join(dir, LOCK_FILE_NAME)}.`,
    );

    // A third, separate process is refused too, and the folder is shown relative to its cwd.
    const third = spawnSync(
      process.execPath,
      ['--import', 'tsx', fixture, relative(root, dir), 'try'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(third.status).toBe(3);
    expect(third.stdout).toContain(`is in use by process ${String(started.pid)}`);

    // Once the holder has closed, the lock is gone and the database opens with its data intact.
    expect(await stopHolder(started.child)).toBe(0);
    holder = undefined;
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    const database = await openDatabase({ env, cwd: root });
    try {
      expect(await countMunicipalities(database.db)).toBe(290);
    } finally {
      await database.close();
    }
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('refuses a second open in the same process', async () => {
    const database = await openDatabase({ env, cwd: dir });
    try {
      await expect(openDatabase({ env, cwd: dir })).rejects.toThrow(
        `the database in . is in use by process ${String(process.pid)}`,
      );
    } finally {
      await database.close();
    }
  });
});

describe('acquireDataDirLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kompass-lock-'));
  });
  afterEach(() => removeDir(dir));

  it('takes over a lock left by a process that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const deadPid = Number(dead.stdout);
    writeFileSync(
      join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: deadPid, host: '', command: 'kompass serve', token: 'old' }),
    );
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it('names the holder’s command when it is kompass', () => {
    writeFileSync(
      join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: process.ppid, host: '', command: 'kompass serve', token: 'x' }),
    );
    expect(() => acquireDataDirLock(dir, dir)).toThrow(
      `the database in . is in use by process ${String(process.ppid)} (kompass serve); stop it or set DATABASE_URL`,
    );
  });

  it('release leaves a lock that another process took over alone', () => {
    const lock = acquireDataDirLock(dir);
    writeFileSync(
      lock.file,
      JSON.stringify({ pid: process.ppid, host: '', command: '', token: 'theirs' }),
    );
    lock.release();
    expect(readFileSync(lock.file, 'utf8')).toContain('theirs');
  });
});
