/**
 * The `kompass` commands the crash, scale-out and load tests run as child processes (`serve`,
 * `migrate`, `import`), registered on a program like `src/cli/main.ts` builds, with the same
 * error handling. A subset, so those tests do not depend on every other command module.
 */
import { Command, CommanderError } from 'commander';
import { registerImport } from '../../src/cli/commands/import.ts';
import { registerMigrate } from '../../src/cli/commands/migrate.ts';
import { registerServe } from '../../src/cli/commands/serve.ts';
import { CliError, processIo } from '../../src/cli/io.ts';

const program = new Command('kompass')
  .exitOverride()
  .configureOutput({ writeOut: processIo.out, writeErr: processIo.err });
registerServe(program, processIo);
registerMigrate(program, processIo);
registerImport(program, processIo);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode;
  else if (error instanceof CliError) {
    process.stderr.write(`kompass: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else throw error;
}
