/**
 * `kompass compare --municipality <kod> [--municipality <kod> …] [--evaluation <id> …]
 * [--questions] [--json]`: the latest published evaluation of each municipality (and the
 * evaluations named) side by side, with rank and percentile per area.
 */
import type { Command } from 'commander';
import type { Comparison } from '../../domain/comparison/index.ts';
import { compareEvaluations } from '../../use-cases/compare-evaluations.ts';
import type { CliIo } from '../io.ts';
import { queryFailure } from './average.ts';
import { withDatabase } from './migrate.ts';

interface CompareOptions {
  municipality: string[];
  evaluation: string[];
  questions?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The lines printed without --json: the area table with rank/of per cell. */
export function formatComparison(comparison: Comparison): string[] {
  const header = comparison.evaluations.map((e) => `${e.municipalityName} ${e.year}`);
  const width = Math.max(14, ...header.map((label) => label.length + 2));
  const lines = [
    `area  ${header.map((label) => label.padStart(width)).join('')}`,
    ...comparison.areas.map(
      (area) =>
        `${String(area.number).padStart(4)}  ${area.cells
          .map((cell) =>
            (cell.score === null ? '–' : `${cell.score} (${cell.rank}/${cell.of})`).padStart(width),
          )
          .join('')}`,
    ),
    `total ${comparison.evaluations.map((e) => String(e.total ?? '–').padStart(width)).join('')}`,
  ];
  if (comparison.editionNote) lines.push('', comparison.editionNote);
  if (comparison.questions)
    lines.push('', `${comparison.questions.length} questions compared (see --json)`);
  return lines;
}

export function registerCompare(program: Command, io: CliIo): void {
  program
    .command('compare')
    .description(
      'Compare up to 8 published evaluations: per area with rank and percentile among all ' +
        'evaluations of the edition, per question when they share an edition.',
    )
    .option(
      '--municipality <kod>',
      'the latest published evaluation of this municipality (repeatable)',
      collect,
      [],
    )
    .option('--evaluation <id>', 'an evaluation by id (repeatable)', collect, [])
    .option('--questions', 'require the question table (refused across editions)')
    .option('--json', 'print the comparison as JSON')
    .action(async (options: CompareOptions) => {
      await withDatabase(io, async (database) => {
        try {
          const comparison = await compareEvaluations({
            db: database.db,
            evaluationIds: options.evaluation,
            municipalityCodes: options.municipality,
            ...(options.questions ? { questions: true } : {}),
          });
          io.out(
            options.json
              ? `${JSON.stringify(comparison, null, 2)}\n`
              : `${formatComparison(comparison).join('\n')}\n`,
          );
        } catch (error) {
          throw queryFailure(error);
        }
      });
    });
}
