/**
 * `kompass self-assessment show --municipality <kod> --year <yyyy> [--json]`: a municipality's
 * self-assessment of one year for scripts and the council's secretary: every answer by question
 * id with its theme, the flags an import left (and whether they still need resolving), the
 * narrative per theme and the key-figure series. An unknown kommun, or no self-assessment that
 * year, is a clear one-line error and exit code 1.
 */
import type { Command } from 'commander';
import {
  showSelfAssessment,
  type SelfAssessmentView,
} from '../../use-cases/self-assessment/show-self-assessment.ts';
import { CliError, type CliIo } from '../io.ts';
import { wholeNumber } from './average.ts';
import { withDatabase } from './migrate.ts';

interface ShowOptions {
  municipality: string;
  year: number;
  json?: boolean;
}

const STATUS: Record<SelfAssessmentView['status'], string> = {
  draft: 'draft',
  review: 'submitted',
  published: 'submitted (imported application)',
};

/** The JSON the command prints: the view, with the flagged questions listed once more. */
export function selfAssessmentJson(view: SelfAssessmentView) {
  return {
    municipality: view.municipality,
    year: view.year,
    edition: view.edition,
    status: view.status,
    submitted: view.submitted,
    source: view.source,
    answers: view.answers.map(({ question, theme, answer, flags }) => ({
      question,
      theme,
      answer,
      flags,
    })),
    flags: view.answers
      .filter((answer) => answer.flags.length > 0)
      .map(({ question, theme, flags, needsResolution }) => ({
        question,
        theme,
        flags,
        needsResolution,
      })),
    narratives: view.narratives,
    keyFigures: view.keyFigures,
  };
}

/** The lines printed without --json. */
export function formatSelfAssessment(view: SelfAssessmentView): string[] {
  const answered = view.answers.filter((answer) => answer.answer !== null).length;
  const lines = [
    `${view.municipality.name} (${view.municipality.code}) ${String(view.year)}, ${view.edition}: ` +
      `${STATUS[view.status]}, ${String(answered)} of ${String(view.answers.length)} answered`,
  ];
  let theme = 0;
  for (const answer of view.answers) {
    if (answer.theme !== theme) {
      theme = answer.theme;
      lines.push(`theme ${String(theme)}`);
    }
    const flags = answer.flags.length > 0 ? `  [${answer.flags.join('; ')}]` : '';
    lines.push(`  ${answer.question.padStart(2)}  ${answer.answer ?? '–'}${flags}`);
  }
  for (const series of view.keyFigures) {
    const unit = series.unit ? ` (${series.unit})` : '';
    const points = series.points
      .map(
        (point) =>
          `${String(point.year)}: target ${point.target ?? '–'}, result ${point.result ?? '–'}`,
      )
      .join('; ');
    lines.push(`key figure "${series.name}"${unit}: ${points}`);
  }
  lines.push(`${String(view.narratives.length)} narrative section(s)`);
  return lines;
}

export function registerSelfAssessment(program: Command, io: CliIo): void {
  const command = program
    .command('self-assessment')
    .description('Self-assessments (the Kvalitetskommun questionnaire) of a municipality.');
  command
    .command('show')
    .description(
      'Print a self-assessment: answers by question with their theme, flags, narratives and ' +
        'key-figure series.',
    )
    .requiredOption('--municipality <kod>', 'the kommunkod, four digits, e.g. 0181')
    .requiredOption('--year <yyyy>', 'the year of the self-assessment', wholeNumber)
    .option('--json', 'print {municipality, year, answers, flags, narratives, keyFigures} as JSON')
    .action(async (options: ShowOptions) => {
      await withDatabase(io, async (database) => {
        const outcome = await showSelfAssessment(database.db, {
          municipalityCode: options.municipality.trim(),
          year: options.year,
        });
        if (!outcome.ok) throw new CliError(outcome.message);
        io.out(
          options.json
            ? `${JSON.stringify(selfAssessmentJson(outcome.view), null, 2)}\n`
            : `${formatSelfAssessment(outcome.view).join('\n')}\n`,
        );
      });
    });
}
