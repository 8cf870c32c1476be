/**
 * `kompass restore <file>`: restores a backup written by `kompass export` into an empty,
 * freshly migrated database, or with `--merge skip-existing` adds only the rows whose keys are
 * absent. One transaction: a refused archive changes nothing.
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { BackupError } from '../../backup/format.ts';
import { MERGE_MODES, restoreBackup, type MergeMode } from '../../backup/restore.ts';
import { CliError, type CliIo } from '../io.ts';
import { describeDatabase, withDatabase } from './migrate.ts';

export function registerRestore(program: Command, io: CliIo): void {
  program
    .command('restore')
    .description(
      'Restore a backup written by `kompass export` into an empty database (run `kompass ' +
        'migrate` there first); see docs/backup.md.',
    )
    .argument('<file>', 'the archive to restore')
    .addOption(
      new Option(
        '--merge <how>',
        'restore into a database that has data: skip-existing inserts only the rows whose keys are absent',
      ).choices(MERGE_MODES.filter((mode) => mode !== 'none')),
    )
    .action(async (file: string, options: { merge?: Exclude<MergeMode, 'none'> }) => {
      await withDatabase(io, async (database) => {
        try {
          const summary = await restoreBackup(database, {
            file: resolve(io.cwd, file),
            merge: options.merge ?? 'none',
          });
          const skipped = summary.rows - summary.inserted;
          io.out(
            `Restored ${file} (written ${summary.createdAt}) into ${describeDatabase(database, io)}: ` +
              `${String(summary.inserted)} rows inserted` +
              (summary.mode === 'skip-existing'
                ? `, ${String(skipped)} already there and skipped`
                : '') +
              '.\n',
          );
          for (const table of summary.tables) {
            if (table.rows === 0) continue;
            const note =
              table.inserted === table.rows
                ? ''
                : ` (${String(table.rows - table.inserted)} skipped)`;
            io.out(`  ${table.name.padEnd(24)} ${String(table.inserted).padStart(7)}${note}\n`);
          }
          if (!summary.passwordHashes) {
            io.out(
              'The archive has no password hashes: every restored account must get a new password ' +
                '(`kompass user reset-password --email …`).\n',
            );
          }
        } catch (error) {
          if (error instanceof BackupError) throw new CliError(error.message);
          throw error;
        }
      });
    });
}
