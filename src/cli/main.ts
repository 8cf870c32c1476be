import { Command, CommanderError } from 'commander';
import { registerAverage } from './commands/average.ts';
import { registerCompare } from './commands/compare.ts';
import { registerFrameworks } from './commands/frameworks.ts';
import { registerGap } from './commands/gap.ts';
import { registerGapMapping } from './commands/gap-mapping.ts';
import { registerImport } from './commands/import.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerParse } from './commands/parse.ts';
import { registerReport } from './commands/report.ts';
import { registerSearch } from './commands/search.ts';
import { registerSelfAssessment } from './commands/self-assessment.ts';
import { registerServe } from './commands/serve.ts';
import { registerStart } from './commands/start.ts';
import { registerUser } from './commands/user.ts';
import { registerExport } from './commands/export.ts';
import { registerRestore } from './commands/restore.ts';
import { registerPrivacy } from './commands/privacy.ts';
import { CliError, processIo, type CliIo } from './io.ts';

/**
 * Builds the `kompass` program. Each command lives in `./commands/<name>.ts` and registers
 * itself on the program; the commands are thin and call the same use cases the web calls.
 */
export function buildProgram(io: CliIo): Command {
  const program = new Command('kompass')
    .description(
      'Kommunkompassen: evaluations, reports and comparisons for Swedish municipalities.',
    )
    .showHelpAfterError()
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const register of [
    registerStart,
    registerServe,
    registerMigrate,
    registerFrameworks,
    registerParse,
    registerImport,
    registerReport,
    registerAverage,
    registerCompare,
    registerSearch,
    registerGap,
    registerGapMapping,
    registerSelfAssessment,
    registerUser,
    registerExport,
    registerRestore,
    registerPrivacy,
  ]) {
    register(program, io);
  }
  return program;
}
/** Runs the CLI and resolves to the process exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    if (error instanceof CliError) {
      io.err(`kompass: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
