/**
 * An exclusive lock on the embedded database folder. PGlite does not lock its data directory:
 * two processes on one folder both commit without error and one side's rows are lost. So the
 * opener creates `<dir>/kompass.lock` (with `wx`, which fails if it exists) holding its pid, and a
 * second opener is refused while that process lives. A lock left by a dead process is taken over.
 */
import { hostname } from 'node:os';
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { DatabaseInUseError } from './errors.ts';

export const LOCK_FILE_NAME = 'kompass.lock';

interface LockContent {
  pid: number;
  host: string;
  command: string;
  token: string;
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** Locks held by this process, so a second open in the same process is refused as well. */
const heldByThisProcess = new Map<string, string>();

/** What the holder is, for the refusal message: "kompass serve" or "node script.ts". */
function describeCommand(): string {
  const script = process.argv[1] ? basename(process.argv[1]) : '';
  if (script === 'kompass' || script === 'kompass.js') {
    // The sub-command only: option values such as a port ("serve --port 3000") say nothing.
    const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
    return command ? `kompass ${command}` : 'kompass';
  }
  return script === '' ? '' : `node ${script}`;
}

function readLock(file: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid !== 'number') return undefined;
    return {
      pid: parsed.pid,
      host: parsed.host ?? '',
      command: parsed.command ?? '',
      token: parsed.token ?? '',
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    return undefined;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file is written right after it is created; an unreadable one older than this is junk. */
const HALF_WRITTEN_GRACE_MS = 2_000;

function isOld(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > HALF_WRITTEN_GRACE_MS;
  } catch {
    return true;
  }
}

function isStale(lock: LockContent | undefined, file: string): boolean {
  if (!lock) return isOld(file); // unreadable: half-written just now, or its writer died
  if (lock.host !== '' && lock.host !== hostname()) return false; // cannot see that machine
  if (lock.pid === process.pid) return heldByThisProcess.get(file) !== lock.token; // pid reuse
  return !isAlive(lock.pid);
}

function displayDir(dir: string, cwd: string): string {
  const rel = relative(cwd, dir);
  if (rel === '') return '.';
  return rel.startsWith('..') || rel.startsWith('/') ? dir : `./${rel}`;
}

/**
 * Takes the lock on `dir` or throws DatabaseInUseError naming the process that holds it.
 * `cwd` is only used to print the folder the way the user typed it.
 */
export function acquireDataDirLock(dir: string, cwd: string = process.cwd()): DataDirLock {
  const file = join(dir, LOCK_FILE_NAME);
  const token = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const content: LockContent = {
    pid: process.pid,
    host: hostname(),
    command: describeCommand(),
    token,
  };
  for (let attempt = 0; attempt < 100; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: LockContent | undefined;
      try {
        holder = readLock(file);
      } catch {
        continue; // removed between open and read: try again
      }
      if (!isStale(holder, file)) {
        if (!holder) {
          sleep(50); // its writer is between creating and filling it
          continue;
        }
        const what = holder.command ? ` (${holder.command})` : ' (kompass serve?)';
        throw new DatabaseInUseError(
          `the database in ${displayDir(dir, cwd)} is in use by process ${holder.pid}${what}; ` +
            `stop it or set DATABASE_URL to use a PostgreSQL server. ` +
            `If no such process runs, delete ${file}.`,
          file,
          holder.pid,
        );
      }
      // Stale: remove it only if it is still the same stale lock, then race for it again.
      try {
        const again = readLock(file);
        if (again?.token === holder?.token) unlinkSync(file);
      } catch {
        // already gone
      }
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(content));
    } finally {
      closeSync(fd);
    }
    heldByThisProcess.set(file, token);
    let released = false;
    return {
      file,
      release() {
        if (released) return;
        released = true;
        heldByThisProcess.delete(file);
        try {
          if (readLock(file)?.token === token) unlinkSync(file);
        } catch {
          // already gone
        }
      },
    };
  }
  throw new Error(`could not take the lock ${file}: it keeps changing; try again`);
}
