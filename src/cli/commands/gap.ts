/**
 * `kompass gap --municipality <kod> [--json]`: the gap analysis of a municipality, per area of
 * its newest published evaluation's edition: the self-assessed level (0–100), the evaluated
 * score (percent of the area's points) and the difference. Refuses clearly when the
 * self-assessment, the evaluation or the mapping between their editions is missing.
 */
import type { Command } from 'commander';
import type { AreaGap } from '../../domain/gap/index.ts';
import { analyseGap, type GapAnalysis, type GapRefusal } from '../../use-cases/gap/analyse-gap.ts';
import { CliError, type CliIo } from '../io.ts';
import { withDatabase } from './migrate.ts';

interface GapOptions {
  municipality: string;
  json?: boolean;
}

/** Why there is no gap analysis, in one line that says what to do. */
export function gapRefusalMessage(refusal: GapRefusal): string {
  switch (refusal.reason) {
    case 'unknown-municipality':
      return `municipality "${refusal.municipalityCode}" does not exist: give its four-digit kommunkod, e.g. 0181`;
    case 'no-self-assessment':
      return `${refusal.municipalityName} has no submitted self-assessment: import its application (kompass import) or submit one first`;
    case 'no-evaluation':
      return `${refusal.municipalityName} has no published evaluation to compare the self-assessment with`;
    case 'no-mapping':
      return `no gap mapping from ${refusal.selfAssessmentEditionId} to ${refusal.editionId}: add one with kompass gap-mapping set <file>`;
  }
}

/** The JSON `--json` prints. */
export function gapJson(analysis: GapAnalysis) {
  return {
    municipality: analysis.municipality,
    selfAssessment: {
      id: analysis.selfAssessment.id,
      year: analysis.selfAssessment.year,
      edition: analysis.selfAssessment.editionId,
    },
    evaluation: {
      id: analysis.evaluation.id,
      year: analysis.evaluation.year,
      edition: analysis.evaluation.editionId,
    },
    mappingVersion: analysis.mapping.version,
    areas: analysis.gap.areas.map((area: AreaGap) => ({
      number: area.area,
      name: area.name,
      selfAssessedLevel: area.selfLevel,
      evaluatedScore: area.evaluated,
      difference: area.difference,
      direction: area.direction,
      questions: area.questions,
      answered: area.answered,
      missing: area.missing,
    })),
    summary: analysis.gap.summary,
  };
}

const figure = (value: number | null, signed = false) =>
  value === null ? '–' : `${signed && value > 0 ? '+' : ''}${String(value)}`;

/** The lines printed without --json. */
export function formatGap(analysis: GapAnalysis): string[] {
  const { selfAssessment: sa, evaluation } = analysis;
  return [
    `${analysis.municipality.name} (${analysis.municipality.code}): self-assessment ${String(sa.year)} (${sa.editionId}) against the evaluation ${String(evaluation.year)} (${evaluation.editionId}), mapping version ${String(analysis.mapping.version)}`,
    '  area   self  evaluated  difference',
    ...analysis.gap.areas.map(
      (area) =>
        `  ${String(area.area).padStart(4)}  ${figure(area.selfLevel).padStart(5)}  ${figure(area.evaluated).padStart(9)}  ${figure(area.difference, true).padStart(10)}  ${area.name}` +
        (area.missing.length > 0
          ? ` (left out: ${area.missing.map((m) => `${m.id} ${m.reason}`).join(', ')})`
          : ''),
    ),
  ];
}

export function registerGap(program: Command, io: CliIo): void {
  program
    .command('gap')
    .description(
      'Gap analysis: the self-assessment against the newest published evaluation, per area ' +
        '(self-assessed level 0–100, evaluated score in percent, difference).',
    )
    .requiredOption('--municipality <kod>', 'kommunkod, e.g. 0181')
    .option(
      '--json',
      'print {municipality, areas: [{number, selfAssessedLevel, evaluatedScore, difference}], …}',
    )
    .action(async (options: GapOptions) => {
      await withDatabase(io, async (database) => {
        const outcome = await analyseGap(database.db, options.municipality.trim());
        if (!outcome.ok) throw new CliError(gapRefusalMessage(outcome));
        io.out(
          options.json
            ? `${JSON.stringify(gapJson(outcome.analysis), null, 2)}\n`
            : `${formatGap(outcome.analysis).join('\n')}\n`,
        );
      });
    });
}
