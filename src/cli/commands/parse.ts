import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadBuiltInCatalogue } from '../../frameworks/index.ts';
import { formatIssue, type ImportIssue } from '../../import/issues.ts';
import type { ParsedAnalysis } from '../../import/kommunkompassen/types.ts';
import { decodeReportBytes, parseReport, type ParsedReport } from '../../import/parse.ts';
import type { SelfAssessmentReport } from '../../import/self-assessment/types.ts';
import { loadMunicipalities } from '../../reference/municipalities.ts';
import { CliError, type CliIo } from '../io.ts';

/**
 * `kompass parse <file> [--json]`: reads one published report and prints what it found, without
 * touching the database. On failure it prints one `file:line: message (expected …)` line per
 * issue and exits with 1.
 */
export function registerParse(program: Command, io: CliIo): void {
  program
    .command('parse')
    .description(
      'read a published report (text converted from PDF) and print what it found; stores nothing',
    )
    .argument('<file>', 'the report as UTF-8 text')
    .option('--json', 'print one JSON object instead of a summary')
    .action((file: string, options: { json?: boolean }) => {
      runParse(file, options.json === true, io);
    });
}

function runParse(file: string, json: boolean, io: CliIo): void {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolve(io.cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : code;
    throw new CliError(`cannot read ${file}: ${reason ?? String(error)}`);
  }
  const decoded = decodeReportBytes(bytes, file);
  if (!decoded.ok) return fail(file, decoded.issues, io);

  let editions;
  try {
    editions = loadBuiltInCatalogue();
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new CliError(first ?? 'the framework catalogue could not be loaded');
  }
  let result;
  try {
    result = parseReport(decoded.text, {
      source: file,
      municipalities: loadMunicipalities(),
      editions,
    });
  } catch (error) {
    // A parser bug, not bad input: still one line for the user, never a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`${file}: the parser failed unexpectedly (${message}); please report it`);
  }
  if (!result.ok) return fail(file, result.issues, io);
  if (json) {
    io.out(`${JSON.stringify(result.report, null, 2)}\n`);
    return;
  }
  io.out(summary(result.report));
}

function fail(file: string, issues: readonly ImportIssue[], io: CliIo): never {
  for (const issue of issues) io.err(`${formatIssue(issue)}\n`);
  const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`;
  throw new CliError(`${file} was not read (${count})`);
}

/** A readable summary of a parsed report. */
export function summary(report: ParsedReport): string {
  const lines =
    report.kind === 'self-assessment' ? applicationSummary(report) : analysisSummary(report);
  if (report.warnings.length > 0) {
    lines.push('', `Warnings (${report.warnings.length}):`);
    for (const warning of report.warnings) lines.push(`  ${formatIssue(warning)}`);
  }
  return `${lines.join('\n')}\n`;
}

const formatNumber = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : String(value).replace('.', ',');

function applicationSummary(report: SelfAssessmentReport): string[] {
  const { municipality } = report;
  const lines = [
    `Kvalitetskommun application: ${municipality.name} (${municipality.code}), ${report.year}, edition ${report.edition}`,
  ];
  const answered = report.answers.filter((answer) => answer.answer !== null);
  const counts = new Map<string, number>();
  for (const answer of answered) {
    if (answer.answer !== null) counts.set(answer.answer, (counts.get(answer.answer) ?? 0) + 1);
  }
  const scale = ['Ej alls', 'Delvis', 'I hög grad', 'Fullt ut'];
  lines.push(
    `Answers: ${answered.length} of ${report.answers.length} (${scale.map((option) => `${option} ${counts.get(option) ?? 0}`).join(', ')})`,
  );
  for (const answer of report.answers) {
    if (answer.answer === null || answer.flags.length > 0) {
      lines.push(
        `  question ${answer.number} (line ${answer.line}): ${answer.answer ?? 'no answer'}; ${answer.flags.join('; ')}`,
      );
    }
  }
  lines.push('Themes:');
  for (const theme of report.themes) {
    lines.push(`  ${theme.number}. ${theme.title} (${theme.narrative.length} sections)`);
  }
  if (report.series.length > 0 || report.tables.length > 0) lines.push('Key figures:');
  for (const series of report.series) {
    const unit = series.unit === undefined ? '' : ` ${series.unit}`;
    const points = series.points
      .map((point) => {
        const target = point.target === null ? '' : `target ${formatNumber(point.target)}, `;
        return `${point.period ?? point.year}: ${target}${formatNumber(point.result)}${unit}`;
      })
      .join('; ');
    const label = series.label === undefined ? '' : ` – ${series.label}`;
    lines.push(`  ${series.name}${label}: ${points}`);
  }
  for (const table of report.tables) {
    lines.push(`  ${table.title} (${table.columns.join(', ')}):`);
    for (const row of table.rows) {
      lines.push(
        `    ${row.label}: ${row.values.map(formatNumber).join(', ')}${table.unit === undefined ? '' : ` ${table.unit}`}`,
      );
    }
  }
  return lines;
}

function analysisSummary(report: ParsedAnalysis): string[] {
  const { municipality } = report;
  const lines = [
    `Kommunkompassen analysis: ${municipality.name} (${municipality.code}), ${report.year}, edition ${report.edition}`,
    'Areas:',
    ...report.areas.map((area) => `  ${area.number}. ${area.name}: ${formatNumber(area.score)}`),
    `Total: ${formatNumber(report.total)}`,
    `Questions: ${report.questions.length}`,
  ];
  for (const comparison of report.comparisons) {
    const scores = comparison.areas.map((area) => formatNumber(area.score)).join(', ');
    lines.push(
      `Comparison: ${comparison.label}${scores === '' ? '' : `: ${scores}`}; total ${formatNumber(comparison.total)}`,
    );
  }
  const strengths = report.findings.filter((finding) => finding.kind === 'strength').length;
  lines.push(
    `Findings: ${strengths} strengths, ${report.findings.length - strengths} improvement areas`,
  );
  const { facts } = report;
  const known = [
    facts.population === undefined ? undefined : `population ${facts.population.text}`,
    facts.taxRate === undefined ? undefined : `tax rate ${formatNumber(facts.taxRate.rate)}`,
    facts.rulingParties === undefined
      ? undefined
      : `ruling parties ${facts.rulingParties.parties.join(', ')}`,
    facts.interviews === undefined ? undefined : `interviews ${facts.interviews.text}`,
  ].filter((fact) => fact !== undefined);
  if (known.length > 0) lines.push(`Facts: ${known.join('; ')}`);
  return lines;
}
