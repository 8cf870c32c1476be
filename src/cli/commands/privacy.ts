/**
 * `kompass privacy`: personal data under GDPR (docs/privacy.md). The retention period of
 * interview names and notes, their erasure (one evaluation, or every evaluation past the
 * period), and an export of everything about one person. The command line acts as the system:
 * its audit entries have no actor.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  eraseExpiredInterviewData,
  eraseInterviewData,
  findExpiredInterviewData,
  type Erasure,
} from '../../use-cases/privacy/erase-interviews.ts';
import { exportPersonData, type PersonQuery } from '../../use-cases/privacy/export-person.ts';
import {
  getRetentionMonths,
  RETENTION_MAX_MONTHS,
  RETENTION_MIN_MONTHS,
  setRetentionMonths,
} from '../../use-cases/privacy/retention.ts';
import { CliError, type CliIo } from '../io.ts';
import { withDatabase } from './migrate.ts';

const SYSTEM = null;

const plural = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;
const day = (date: Date) => date.toISOString().slice(0, 10);

function parseMonths(value: string): number {
  const months = Number(value);
  if (
    !/^\d+$/.test(value.trim()) ||
    months < RETENTION_MIN_MONTHS ||
    months > RETENTION_MAX_MONTHS
  ) {
    throw new CliError(
      `--months must be a whole number of months from ${String(RETENTION_MIN_MONTHS)} to ` +
        `${String(RETENTION_MAX_MONTHS)}, e.g. --months 24; got "${value}"`,
    );
  }
  return months;
}

function describeErasure(erasure: Erasure): string {
  return (
    `${erasure.municipalityName} (${erasure.municipalityCode}) ${String(erasure.year)}, ` +
    `evaluation ${erasure.evaluationId}: ${plural(erasure.interviewsErased, 'interview', 'interviews')} erased, ` +
    `${plural(erasure.auditEntriesScrubbed, 'audit entry', 'audit entries')} scrubbed`
  );
}

export function registerPrivacy(program: Command, io: CliIo): void {
  const privacy = program
    .command('privacy')
    .description(
      'Personal data (GDPR): interview retention and erasure, and an export of all data about one person.',
    );

  privacy
    .command('retention')
    .description(
      'Show or set how many months after publication interview names and notes are kept.',
    )
    .option('--months <n>', 'keep them this many months after the evaluation is published')
    .option('--clear', 'remove the period (no automatic erasure)')
    .action(async (options: { months?: string; clear?: boolean }) => {
      if (options.months !== undefined && options.clear) {
        throw new CliError('give either --months <n> or --clear, not both');
      }
      const months = options.months === undefined ? undefined : parseMonths(options.months);
      await withDatabase(io, async (database) => {
        if (months === undefined && !options.clear) {
          const current = await getRetentionMonths(database.db);
          io.out(
            current === null
              ? 'No retention period is set: interview data is erased only on request.\n' +
                  'Set one with `kompass privacy retention --months 24`.\n'
              : `Interview names and notes are kept ${plural(current, 'month', 'months')} after publication.\n`,
          );
          return;
        }
        const result = await setRetentionMonths(database.db, {
          months: months ?? null,
          actorUserId: SYSTEM,
        });
        if (!result.ok) throw new CliError(result.issues.map((i) => i.message).join('; '));
        io.out(
          result.value.months === null
            ? 'The retention period is removed: interview data is erased only on request.\n'
            : `Interview names and notes are now kept ${plural(result.value.months, 'month', 'months')} after publication; ` +
                'erase what is older with `kompass privacy erase-interviews --expired`.\n',
        );
      });
    });

  privacy
    .command('erase-interviews')
    .description(
      'Erase interview names and notes (scores, findings, dates and categories stay): of one ' +
        'evaluation, or of every evaluation published longer ago than the retention period.',
    )
    .option('--evaluation <id>', 'the evaluation whose interview data to erase')
    .option('--expired', 'every evaluation past the retention period')
    .option('--dry-run', 'with --expired: list what would be erased, erase nothing')
    .action(async (options: { evaluation?: string; expired?: boolean; dryRun?: boolean }) => {
      if ((options.evaluation === undefined) === !options.expired) {
        throw new CliError(
          'say what to erase: --evaluation <id> for one evaluation, or --expired for every ' +
            'evaluation past the retention period',
        );
      }
      if (options.dryRun && !options.expired) {
        throw new CliError('--dry-run goes with --expired');
      }
      await withDatabase(io, async (database) => {
        if (options.evaluation !== undefined) {
          const erasure = await eraseInterviewData(database.db, {
            evaluationId: options.evaluation.trim(),
            actorUserId: SYSTEM,
            reason: 'request',
          });
          io.out(`Erased: ${describeErasure(erasure)}.\n`);
          return;
        }
        if (options.dryRun) {
          const found = await findExpiredInterviewData(database.db);
          if (found.retentionMonths === null || found.cutoff === null) {
            throw new CliError(
              'no retention period is set; set one with `kompass privacy retention --months <n>`',
            );
          }
          io.out(
            `${plural(found.evaluationIds.length, 'evaluation', 'evaluations')} published before ` +
              `${day(found.cutoff)} still hold interview data${found.evaluationIds.length > 0 ? ':' : '.'}\n`,
          );
          for (const id of found.evaluationIds) io.out(`  ${id}\n`);
          return;
        }
        const result = await eraseExpiredInterviewData(database.db, { actorUserId: SYSTEM });
        if (!result.ok) {
          throw new CliError(
            'no retention period is set, so nothing has expired; set one with ' +
              '`kompass privacy retention --months <n>` or erase one evaluation with --evaluation <id>',
          );
        }
        io.out(
          `Retention ${plural(result.retentionMonths, 'month', 'months')}: evaluations published before ` +
            `${day(result.cutoff)} keep no interview names or notes. ` +
            `${plural(result.erased.length, 'evaluation', 'evaluations')} erased now` +
            `${result.erased.length > 0 ? ':' : '.'}\n`,
        );
        for (const erasure of result.erased) io.out(`  ${describeErasure(erasure)}\n`);
      });
    });

  privacy
    .command('export-person')
    .description(
      'Write everything Kompass holds about one person (their account without its password ' +
        'hash, sessions without tokens, audit entries, interviews naming them, comments, ' +
        'actions) as JSON; see docs/privacy.md.',
    )
    .option('--email <address>', 'the person’s account e-mail address')
    .option('--name <name>', 'the person’s name (exact, any case)')
    .requiredOption('--out <file>', 'where to write the JSON')
    .option('--force', 'replace the file if it exists')
    .action(async (options: { email?: string; name?: string; out: string; force?: boolean }) => {
      if ((options.email === undefined) === (options.name === undefined)) {
        throw new CliError(
          'say whose data to export: --email <address> or --name <name> (one of them)',
        );
      }
      const out = resolve(io.cwd, options.out);
      if (existsSync(out) && !options.force) {
        throw new CliError(`${options.out} exists already; choose another name or add --force`);
      }
      const query: PersonQuery =
        options.email !== undefined ? { email: options.email } : { name: options.name ?? '' };
      await withDatabase(io, async (database) => {
        const result = await exportPersonData(database.db, { query, actorUserId: SYSTEM });
        if (!result.ok) {
          throw new CliError(
            result.issues
              .map((issue) =>
                issue.field === 'email'
                  ? `--email "${options.email ?? ''}" is not an e-mail address (expected e.g. anna@kommun.se)`
                  : `--name must be 2 to 200 characters`,
              )
              .join('; '),
          );
        }
        const data = result.value;
        writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
        io.out(
          `Wrote ${options.out}: ${plural(data.accounts.length, 'account', 'accounts')}, ` +
            `${plural(data.sessions.length, 'session', 'sessions')}, ` +
            `${plural(data.auditEntries.length, 'audit entry', 'audit entries')}, ` +
            `${plural(data.interviews.length, 'interview', 'interviews')}, ` +
            `${plural(data.comments.length, 'comment', 'comments')}, ` +
            `${plural(data.actions.length, 'action', 'actions')}.\n`,
        );
        if ('email' in query && data.accounts.length === 0) {
          io.out(
            'No account has that e-mail address; interviews and actions name people, not ' +
              'addresses: try --name as well.\n',
          );
        }
        io.out(
          'The file holds personal data: hand it over on a safe channel and delete it after.\n',
        );
      });
    });
}
