/**
 * The `kompass` CLI with `serve` and `start` registered even where `src/cli/main.ts` does not
 * list them yet: tests run it as a child process (`node --import tsx test/browser/cli-entry.ts
 * start --port 0`) to check start-up, signals and shutdown for real.
 */
import { CommanderError } from 'commander';
import { registerServe } from '../../src/cli/commands/serve.ts';
import { registerStart } from '../../src/cli/commands/start.ts';
import { CliError, processIo } from '../../src/cli/io.ts';
import { buildProgram } from '../../src/cli/main.ts';

const program = buildProgram(processIo);
const has = (name: string) => program.commands.some((command) => command.name() === name);
if (!has('serve')) registerServe(program, processIo);
if (!has('start')) registerStart(program, processIo);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode;
  else if (error instanceof CliError) {
    process.stderr.write(`kompass: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else throw error;
}
