/**
 * `kompass migrate`: brings the database up to date (SQL migrations, the municipality register,
 * the built-in framework editions) and prints what it did. Also exports `withDatabase`, which
 * every command that touches the database uses to open, run and always close it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { openDatabase, resolveDataDir, type Database } from '../../db/client.ts';
import { StorageError } from '../../db/errors.ts';
import { migrateDatabase, type MigrationReport } from '../../db/migrate.ts';
import type { SyncCounts } from '../../db/repositories/municipalities.ts';
import { CatalogueError } from '../../frameworks/index.ts';
import { CliError, type CliIo } from '../io.ts';

/**
 * Opens the database `io.env` points at (DATABASE_URL, else the embedded one in KOMPASS_DATA_DIR
 * or ./data), runs `fn`, and always closes it. Storage errors with a message meant for people
 * (the database is in use, the server is unreachable, a conflict…) become a CliError.
 */
export async function withDatabase<T>(
  io: CliIo,
  fn: (database: Database) => Promise<T>,
): Promise<T> {
  let database: Database;
  try {
    database = await openDatabase({ env: io.env, cwd: io.cwd });
  } catch (error) {
    throw asCliError(error);
  }
  try {
    return await fn(database);
  } catch (error) {
    throw asCliError(error);
  } finally {
    await database.close();
  }
}

function asCliError(error: unknown): unknown {
  if (error instanceof StorageError || error instanceof CatalogueError) {
    return new CliError(error.message);
  }
  return error;
}

/** "the embedded database in ./data" or "PostgreSQL at postgres://…" (password hidden). */
export function describeDatabase(database: Database, io: CliIo): string {
  if (database.kind === 'postgres') return `PostgreSQL at ${database.location}`;
  const dir = resolveDataDir({ env: io.env, cwd: io.cwd });
  const shown = dir.startsWith(`${io.cwd}/`) ? `./${dir.slice(io.cwd.length + 1)}` : dir;
  return `the embedded database in ${shown}`;
}

const plural = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

function describeSync(counts: SyncCounts, what: [string, string]): string {
  const parts = [
    counts.added > 0 ? `${String(counts.added)} added` : '',
    counts.updated > 0 ? `${String(counts.updated)} updated` : '',
  ].filter(Boolean);
  const total = counts.added + counts.updated + counts.unchanged;
  return parts.length === 0
    ? `${plural(total, ...what)}, unchanged`
    : `${plural(total, ...what)}: ${parts.join(', ')}`;
}

/** The lines `kompass migrate` prints for a report. */
export function formatMigrationReport(report: MigrationReport): string[] {
  const { applied, total, unknown } = report.migrations;
  const lines = [
    applied === 0
      ? `  migrations      up to date (${plural(total, 'migration', 'migrations')})`
      : `  migrations      ${String(applied)} applied (${String(total)} in total)`,
    `  municipalities  ${describeSync(report.municipalities, ['municipality', 'municipalities'])}`,
    `  editions        ${describeSync(report.editions, ['built-in edition', 'built-in editions'])}`,
  ];
  if (unknown > 0) {
    lines.push(
      `  warning: the database holds ${plural(unknown, 'migration', 'migrations')} this version of ` +
        'Kompass does not know: a newer version migrated it; upgrade Kompass',
    );
  }
  return lines;
}

export function registerMigrate(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description(
      'Bring the database up to date: apply migrations, load the 290 municipalities and the ' +
        'built-in framework editions. Safe to run again. Uses DATABASE_URL when set, otherwise ' +
        'the embedded database in ./data (or KOMPASS_DATA_DIR).',
    )
    .action(async () => {
      const dataDir = resolveDataDir({ env: io.env, cwd: io.cwd });
      if (!io.env.DATABASE_URL?.trim() && !existsSync(join(dataDir, 'PG_VERSION'))) {
        io.out('Creating a new embedded database (the first time takes a few seconds)\n');
      }
      await withDatabase(io, async (database) => {
        io.out(`Migrating ${describeDatabase(database, io)}\n`);
        const report = await migrateDatabase(database);
        io.out(`${formatMigrationReport(report).join('\n')}\n`);
      });
    });
}
