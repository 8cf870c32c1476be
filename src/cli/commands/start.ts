/**
 * `kompass start` (what `npm start` runs): opens the database (the embedded one in ./data unless
 * DATABASE_URL is set), migrates it, loads the demo data set unless it is already there, and
 * serves the app on port 3000 (`--port`, PORT) until Ctrl+C or SIGTERM.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { resolveDataDir } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { countUsers } from '../../db/repositories/users.ts';
import { loadDemoData, type DemoLoadResult } from '../../use-cases/load-demo-data.ts';
import type { CliIo } from '../io.ts';
import { describeDatabase, formatMigrationReport, withDatabase } from './migrate.ts';
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  listenForStop,
  resolveListenOptions,
  runServer,
  type ServeCommandOptions,
} from './serve.ts';

/** How to get the first account (printed while there is no admin): there is no default password. */
export const FIRST_ADMIN_HINT = [
  'There is no default account. Create the first admin with:',
  '  npx kompass user add --email you@example.se --role admin',
];

export function formatDemoResult(result: DemoLoadResult): string {
  const parts: string[] = [];
  if (result.loaded.length > 0) {
    parts.push(
      `${result.loaded.length} file(s) loaded (${result.evaluations} evaluations, ` +
        `${result.series} published average(s))`,
    );
  }
  if (result.unchanged.length > 0) parts.push(`${result.unchanged.length} already loaded`);
  for (const skipped of result.skipped) parts.push(`${skipped.file} skipped: ${skipped.reason}`);
  return `  demo data       ${parts.length === 0 ? 'none found in demo/' : parts.join('; ')}`;
}

export function registerStart(program: Command, io: CliIo): void {
  program
    .command('start')
    .description(
      'Migrate the database, load the demo data set (once) and start the web server: ' +
        'what `npm start` runs. Stops on Ctrl+C or SIGTERM.',
    )
    .option(
      '--port <port>',
      `port to listen on (default PORT or ${DEFAULT_PORT}; 0 picks a free one)`,
    )
    .option('--host <host>', `address to listen on (default HOST or ${DEFAULT_HOST})`)
    .action(async (options: ServeCommandOptions) => {
      const listen = resolveListenOptions(options, io);
      const dataDir = resolveDataDir({ env: io.env, cwd: io.cwd });
      if (!io.env.DATABASE_URL?.trim() && !existsSync(join(dataDir, 'PG_VERSION'))) {
        io.out('Creating a new embedded database (the first time takes a few seconds)\n');
      }
      const stop = listenForStop(io);
      try {
        await withDatabase(io, async (database) => {
          io.out(`Starting on ${describeDatabase(database, io)}\n`);
          const report = await migrateDatabase(database);
          io.out(`${formatMigrationReport(report).join('\n')}\n`);
          if (stop.requested) return;
          io.out(`${formatDemoResult(await loadDemoData(database.db))}\n`);
          const admins = await countUsers(database.db, { role: 'admin' });
          await runServer(database, io, {
            listen,
            logLevel: 'warn',
            afterListen: admins === 0 ? FIRST_ADMIN_HINT : [],
            stop,
          });
        });
      } finally {
        stop.dispose();
      }
    });
}
