/**
 * Test helpers for the comparison commands (average, search, compare): a database of `kind`
 * with the seed reports imported, and a program with one command registered, run in-process.
 */
import { Command, CommanderError } from 'commander';
import { createUnpublished, importSeedReports } from '../../api/fixtures.ts';
import { openDatabase, type DatabaseKind } from '../../db/client.ts';
import { createTestEnv } from '../../db/testing.ts';
import { CliError, type CliIo } from '../io.ts';

export interface SeededEnv {
  env: Record<string, string>;
  ids: Record<string, string>;
  dispose(): Promise<void>;
}

export async function seededEnv(kind: DatabaseKind): Promise<SeededEnv> {
  const { env, dispose } = await createTestEnv(kind);
  const database = await openDatabase({ env, cwd: process.cwd() });
  try {
    const ids = await importSeedReports(database.db);
    await createUnpublished(database.db);
    return { env, ids, dispose };
  } finally {
    await database.close();
  }
}

/** Runs `kompass <args>` with only `register`'s command; the exit code and what it printed. */
export async function runCommand(
  register: (program: Command, io: CliIo) => void,
  env: Record<string, string>,
  args: readonly string[],
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    env,
    cwd: process.cwd(),
  };
  const program = new Command('kompass')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  register(program, io);
  try {
    await program.parseAsync(['node', 'kompass', ...args]);
    return { code: 0, out, err };
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode, out, err };
    if (error instanceof CliError)
      return { code: error.exitCode, out, err: `${err}${error.message}` };
    throw error;
  }
}
