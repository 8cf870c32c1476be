/**
 * `kompass export --out <file>`: writes a backup of everything (docs/backup.md) in one
 * consistent snapshot. Users' password hashes stay out unless `--include-password-hashes`.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exportBackup } from '../../backup/export.ts';
import { BackupError } from '../../backup/format.ts';
import { CliError, type CliIo } from '../io.ts';
import { describeDatabase, withDatabase } from './migrate.ts';

interface ExportOptions {
  out: string;
  includePasswordHashes?: boolean;
  force?: boolean;
}

const size = (bytes: number) =>
  bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${(bytes / 1000).toFixed(1)} kB`;

export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description(
      'Write a backup of everything (editions, municipalities, evaluations with all their rows ' +
        'and files, accounts, settings, the audit log) to one archive; see docs/backup.md.',
    )
    .requiredOption(
      '--out <file>',
      'where to write the archive, e.g. kompass-2026-11-22.kompass.gz',
    )
    .option(
      '--include-password-hashes',
      'keep the accounts’ password hashes (otherwise restored accounts must set a new password)',
    )
    .option('--force', 'replace the file if it exists')
    .action(async (options: ExportOptions) => {
      const out = resolve(io.cwd, options.out);
      if (existsSync(out) && !options.force) {
        throw new CliError(
          `${options.out} exists already; choose another name or add --force to replace it`,
        );
      }
      await withDatabase(io, async (database) => {
        try {
          const summary = await exportBackup(database, {
            out,
            includePasswordHashes: options.includePasswordHashes ?? false,
          });
          io.out(
            `Wrote ${options.out} (${size(summary.bytes)}): ${String(summary.rows)} rows in ` +
              `${String(summary.tables.length)} tables from ${describeDatabase(database, io)}, ` +
              `migration level ${String(summary.migrations)}.\n`,
          );
          io.out(
            summary.passwordHashes
              ? 'Password hashes are included: keep the file as safe as the database.\n'
              : 'Password hashes are left out: restored accounts must set a new password ' +
                  '(`kompass user reset-password`).\n',
          );
          io.out('The archive holds personal data (interviews, accounts): store it encrypted.\n');
        } catch (error) {
          if (error instanceof BackupError) throw new CliError(error.message);
          throw error;
        }
      });
    });
}
