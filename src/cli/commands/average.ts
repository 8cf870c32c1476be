/**
 * `kompass average --edition <id> [--from <yyyy>] [--to <yyyy>] [--lan <kod>] [--json]`: the
 * average per area and in total of the published evaluations on that basis, with n, or the
 * published average when none of them is stored.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { QueryError } from '../../domain/comparison/index.ts';
import { computeAverage, type AverageResult } from '../../use-cases/compute-average.ts';
import { CliError, type CliIo } from '../io.ts';
import { withDatabase } from './migrate.ts';

/** Commander parser for a whole number (a year, an area, a limit). */
export function wholeNumber(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) {
    throw new InvalidArgumentError(`"${value}" is not a whole number`);
  }
  return Number(value);
}

/** A refused query as the one-line message the CLI prints. */
export function queryFailure(error: unknown): unknown {
  return error instanceof QueryError ? new CliError(error.message) : error;
}

interface AverageOptions {
  edition: string;
  from?: number;
  to?: number;
  lan?: string;
  json?: boolean;
}

const figure = (value: number | null) => (value === null ? '–' : String(value));

/** The lines printed without --json. */
export function formatAverage(average: AverageResult): string[] {
  const lines = [
    `${average.edition.name} (${average.edition.id}), ${average.basis.description}`,
    average.source === 'computed'
      ? `computed from ${average.n ?? 0} published evaluation${average.n === 1 ? '' : 's'}`
      : `no evaluation on this basis is stored: the average "${average.published[0]?.label ?? ''}"` +
        ` (${average.published[0]?.basis ?? 'basis not printed'}) as published in ` +
        `${average.published[0]?.source ?? '?'}`,
    ...average.areas.map(
      (area) =>
        `  ${String(area.number).padStart(2)}  ${figure(area.mean).padStart(6)}  ${area.name}`,
    ),
    `  total ${figure(average.total).padStart(6)}`,
  ];
  if (average.source === 'computed') {
    for (const series of average.published) {
      lines.push(
        `published: "${series.label}" (${series.basis ?? 'basis not printed'}) total ` +
          `${figure(series.total)}, from ${series.source}`,
      );
    }
  }
  return lines;
}

export function registerAverage(program: Command, io: CliIo): void {
  program
    .command('average')
    .description(
      'The average per area and in total of the published evaluations of an edition, with n ' +
        '(or the published average when none is stored).',
    )
    .requiredOption('--edition <id>', 'framework edition, e.g. kk-2016')
    .option('--from <yyyy>', 'first year of the basis', wholeNumber)
    .option('--to <yyyy>', 'last year of the basis', wholeNumber)
    .option('--lan <kod>', 'only municipalities of this län (two digits, e.g. 04)')
    .option('--json', 'print {edition, n, areas: [{number, mean}], total, …} as JSON')
    .action(async (options: AverageOptions) => {
      await withDatabase(io, async (database) => {
        try {
          const average = await computeAverage({
            db: database.db,
            editionId: options.edition,
            ...(options.from === undefined ? {} : { yearFrom: options.from }),
            ...(options.to === undefined ? {} : { yearTo: options.to }),
            ...(options.lan === undefined ? {} : { lanCode: options.lan }),
          });
          if (options.json) {
            io.out(
              `${JSON.stringify(
                {
                  edition: average.edition.id,
                  n: average.n,
                  areas: average.areas.map(({ number, mean, name, n }) => ({
                    number,
                    mean,
                    name,
                    n,
                  })),
                  total: average.total,
                  source: average.source,
                  basis: average.basis,
                  published: average.published,
                },
                null,
                2,
              )}\n`,
            );
          } else {
            io.out(`${formatAverage(average).join('\n')}\n`);
          }
        } catch (error) {
          throw queryFailure(error);
        }
      });
    });
}
