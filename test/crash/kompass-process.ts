/**
 * Runs `kompass <command>` as a real child process (`node --import tsx kompass-entry.ts …`, no
 * npx wrapper, so a signal reaches the process that holds the database). For the crash and scale-out tests and
 * the load benchmark: `serveKompass` waits until the server prints its URL.
 *
 * @example
 * const server = await serveKompass({ DATABASE_URL: url });
 * const response = await fetch(`${server.url}/health`);
 * server.kill('SIGKILL');
 * await server.exited;
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = join(root, 'test/crash/kompass-entry.ts');
const bin = join(root, 'bin/kompass.js');

export interface RunOptions {
  /** Run the installed entry point `bin/kompass.js` (every command) instead of the test entry. */
  bin?: boolean;
}

export interface KompassProcess {
  child: ChildProcess;
  pid: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/** Every child started here and still running: `killAllKompass` ends them (tests' afterEach). */
const running = new Set<ChildProcess>();

/**
 * Starts `kompass ...args` with `env` over a clean environment: DATABASE_URL, KOMPASS_DATA_DIR,
 * PORT and HOST come only from `env`.
 */
export function runKompass(
  args: readonly string[],
  env: Record<string, string>,
  options: RunOptions = {},
): KompassProcess {
  const {
    DATABASE_URL: _url,
    KOMPASS_DATA_DIR: _dir,
    PORT: _port,
    HOST: _host,
    ...inherited
  } = process.env;
  const command = options.bin ? [bin, ...args] : ['--import', 'tsx', entry, ...args];
  const child = spawn(process.execPath, command, {
    cwd: root,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let text = '';
  const keep = (chunk: Buffer) => {
    // Keep the start and the end: a busy server's log must not grow without bound.
    text += chunk.toString('utf8');
    if (text.length > 200_000) text = `${text.slice(0, 20_000)}\n…\n${text.slice(-100_000)}`;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
  });
  if (child.pid === undefined) throw new Error(`could not start kompass ${args.join(' ')}`);
  return {
    child,
    pid: child.pid,
    output: () => text,
    exited,
    kill: (signal) => {
      child.kill(signal);
    },
  };
}

export interface ServingKompass extends KompassProcess {
  /** http://127.0.0.1:<port> */
  url: string;
}

/**
 * `kompass serve --port 0` on the database `env` points at; resolves once it listens, or fails
 * with what it printed when it exits first or takes longer than `timeoutMs`.
 */
export async function serveKompass(
  env: Record<string, string>,
  options: RunOptions & { timeoutMs?: number } = {},
): Promise<ServingKompass> {
  const run = runKompass(
    ['serve', '--port', '0', '--host', '127.0.0.1'],
    { KOMPASS_LOG_LEVEL: 'warn', ...env },
    options,
  );
  const timeoutMs = options.timeoutMs ?? 60_000;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      run.kill('SIGKILL');
      reject(new Error(`kompass serve did not listen within ${timeoutMs} ms:\n${run.output()}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      const match = /Kompass is running at http:\/\/\S+?:(\d+)/.exec(run.output());
      if (match?.[1]) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    }, 25);
    void run.exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`kompass serve exited with ${String(code)}:\n${run.output()}`));
    });
  });
  return { ...run, url };
}

/** SIGKILLs every child still running (for afterEach/afterAll) and waits for them to end. */
export async function killAllKompass(): Promise<void> {
  const children = [...running];
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) resolve();
          else child.once('exit', () => resolve());
        }),
    ),
  );
}
