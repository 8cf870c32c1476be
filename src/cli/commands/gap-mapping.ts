/**
 * `kompass gap-mapping set <file> [--reason <text>]`: replaces (or adds) the mapping between a
 * self-assessment edition and a Kommunkompassen edition from a documented JSON file (see
 * docs/gap-analysis.md); validated, version bumped and audited. `kompass gap-mapping list
 * [--json]` shows what is stored.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { listGapMappings } from '../../db/repositories/gap-mappings.ts';
import { setGapMapping } from '../../use-cases/gap/set-gap-mapping.ts';
import { CliError, type CliIo } from '../io.ts';
import { withDatabase } from './migrate.ts';

export function registerGapMapping(program: Command, io: CliIo): void {
  const command = program
    .command('gap-mapping')
    .description('The mappings from self-assessment questions to evaluation areas (gap analysis).');

  command
    .command('set <file>')
    .description('Replace (or add) a mapping from a JSON file; audited, version bumped.')
    .option('--reason <text>', 'why it changes (kept in the audit trail)')
    .action(async (file: string, options: { reason?: string }) => {
      let text: string;
      try {
        text = readFileSync(resolve(io.cwd, file), 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'read error';
        throw new CliError(
          `${file}: cannot read the file (${code})${code === 'ENOENT' ? ': no such file, check the path' : ''}`,
        );
      }
      await withDatabase(io, async (database) => {
        const outcome = await setGapMapping(database.db, {
          text,
          source: file,
          actorUserId: null,
          reason: options.reason ?? null,
        });
        if (!outcome.ok) {
          throw new CliError(
            `the mapping was not stored (${String(outcome.issues.length)} problem${outcome.issues.length === 1 ? '' : 's'}):\n${outcome.issues.map((issue) => `  ${issue}`).join('\n')}`,
          );
        }
        const { mapping, version, previousVersion } = outcome;
        io.out(
          `${mapping.selfAssessmentEdition} → ${mapping.edition}: ${previousVersion === null ? 'added' : `replaced version ${String(previousVersion)}`}, now version ${String(version)} (${String(mapping.areas.length)} areas)\n`,
        );
      });
    });

  command
    .command('list')
    .description('List the stored mappings with their versions.')
    .option('--json', 'print the stored mappings as JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(io, async (database) => {
        const mappings = await listGapMappings(database.db);
        if (options.json) {
          io.out(
            `${JSON.stringify(
              mappings.map((m) => ({
                selfAssessmentEdition: m.selfAssessmentEditionId,
                edition: m.editionId,
                version: m.version,
                updatedAt: m.updatedAt.toISOString(),
                mapping: m.mapping,
              })),
              null,
              2,
            )}\n`,
          );
          return;
        }
        for (const m of mappings) {
          io.out(
            `${m.selfAssessmentEditionId} → ${m.editionId}  version ${String(m.version)}  ${m.updatedAt.toISOString().slice(0, 10)}${m.updatedBy ? `  ${m.updatedBy.displayName}` : ''}\n`,
          );
        }
      });
    });
}
