/**
 * `kompass frameworks`: the framework editions. Lists the built-in catalogue together with the
 * editions admins added to the database; `show` prints one; `add` validates an edition file and
 * stores it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveDataDir } from '../../db/client.ts';
import { StorageError } from '../../db/errors.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { addCustomEdition, listEditions } from '../../db/repositories/editions.ts';
import type { Edition } from '../../domain/framework/index.ts';
import { loadBuiltInCatalogue, loadEditionFile } from '../../frameworks/index.ts';
import { CliError, type CliIo } from '../io.ts';
import { withDatabase } from './migrate.ts';

/** True when there is a database to read: DATABASE_URL, or an embedded one already created. */
function databaseExists(io: CliIo): boolean {
  if (io.env.DATABASE_URL?.trim()) return true;
  return existsSync(join(resolveDataDir({ env: io.env, cwd: io.cwd }), 'PG_VERSION'));
}

/**
 * The built-in editions followed by those admins added. Reading the database is best effort: a
 * database that is missing or busy leaves the built-in catalogue, with a note on stderr.
 */
async function allEditions(io: CliIo): Promise<Edition[]> {
  const builtIn = loadBuiltInCatalogue();
  if (!databaseExists(io)) return builtIn;
  try {
    const stored = await withDatabase(io, (database) => listEditions(database.db));
    const added = stored.filter((edition) => !edition.builtIn).map((edition) => edition.definition);
    return [...builtIn, ...added];
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`note: showing the built-in editions only (${error.message})\n`);
    return builtIn;
  }
}

const years = (edition: Edition) => `${edition.years.from}–${edition.years.to ?? ''}`;

function questionCount(edition: Edition): number {
  return edition.areas.reduce((sum, area) => sum + area.questions.length, 0);
}

function listLine(edition: Edition): string {
  const questions = questionCount(edition);
  const what = questions === 0 ? 'area level only' : `${questions} questions`;
  return `${edition.id.padEnd(22)} ${years(edition).padEnd(11)} ${edition.kind.padEnd(16)} ${edition.areas.length} areas, ${what}  ${edition.name}`;
}

function describeEdition(edition: Edition): string {
  const lines = [`${edition.name} (${edition.id}), ${edition.kind}, ${years(edition)}`];
  if (edition.description) lines.push(edition.description);
  if (edition.scale) lines.push(`Scale: ${edition.scale.join(' / ')}`);
  for (const area of edition.areas) {
    lines.push('', `${area.number} ${area.name}`);
    for (const question of area.questions) {
      const max = question.max === null ? 'max not published' : `max ${question.max}`;
      lines.push(`  ${question.id.padEnd(5)} ${question.text} (${max})`);
    }
    if (area.questions.length === 0) lines.push('  (no questions: results at area level)');
  }
  return lines.join('\n');
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function registerFrameworks(program: Command, io: CliIo): void {
  const frameworks = program
    .command('frameworks')
    .description('List the framework editions (built in and added by admins).')
    .enablePositionalOptions()
    .option('--json', 'print every edition in full as a JSON array')
    .action(async (options: { json?: boolean }) => {
      const editions = await allEditions(io);
      io.out(options.json ? json(editions) : `${editions.map(listLine).join('\n')}\n`);
    });

  frameworks
    .command('show')
    .description('Print one edition: its areas and questions with their max points.')
    .argument('<id>', 'the edition id, e.g. kk-2010')
    .option('--json', 'print it as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const editions = await allEditions(io);
      const edition = editions.find((candidate) => candidate.id === id);
      if (!edition) {
        throw new CliError(
          `no edition "${id}"; known editions: ${editions.map((e) => e.id).join(', ')}`,
        );
      }
      io.out(options.json ? json(edition) : `${describeEdition(edition)}\n`);
    });

  frameworks
    .command('add')
    .description(
      'Validate an edition an admin wrote as a JSON file (see docs/frameworks.md) and add it to ' +
        'the database. Nothing is stored unless the whole file is valid.',
    )
    .argument('<file>', 'the edition file (.json)')
    .action(async (file: string) => {
      const result = loadEditionFile(resolve(io.cwd, file), file);
      if (!result.ok) {
        const count = result.issues.length;
        throw new CliError(
          `${file} was not added (${count} problem${count === 1 ? '' : 's'}):\n` +
            result.issues.map((issue) => `  ${issue.message}`).join('\n'),
        );
      }
      const { edition } = result;
      if (loadBuiltInCatalogue().some((builtIn) => builtIn.id === edition.id)) {
        throw new CliError(
          `${file}: edition "${edition.id}" is a built-in edition; give yours another id`,
        );
      }
      await withDatabase(io, async (database) => {
        await migrateDatabase(database);
        try {
          await addCustomEdition(database.db, edition);
        } catch (error) {
          if (error instanceof StorageError) throw new CliError(`${file}: ${error.message}`);
          throw error;
        }
      });
      io.out(`Added ${listLine(edition)}\n`);
    });
}
