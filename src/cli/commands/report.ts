/**
 * `kompass report`: writes the published report of an evaluation as HTML or PDF (or its scores
 * as CSV, XLSX, JSON), or with `--all` every published report through one browser. The report
 * options stored with each evaluation apply; `--average` and `--compare` override them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Db } from '../../db/client.ts';
import { listEvaluations, type EvaluationListItem } from '../../db/repositories/evaluations.ts';
import { getMunicipalities } from '../../db/repositories/municipalities.ts';
import { evaluationJson, renderScoresCsv, renderScoresXlsx } from '../../report/exports.ts';
import {
  loadReportInput,
  ReportNotFoundError,
  type AverageChoice,
  type LoadReportOptions,
} from '../../report/load.ts';
import { buildReportModel } from '../../report/model.ts';
import { REPORT_COMPARISONS_MAX, parseComparisonKey } from '../../report/options.ts';
import { ChromiumMissingError, ReportPrinter, findChromium } from '../../report/pdf.ts';
import { renderReportHtml } from '../../report/view.tsx';
import { CliError, type CliIo } from '../io.ts';
import { withDatabase } from './migrate.ts';

export const REPORT_FORMATS = ['html', 'pdf', 'csv', 'xlsx', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

interface ReportCommandOptions {
  municipality?: string;
  year?: string;
  all?: boolean;
  format: ReportFormat;
  out?: string;
  outDir?: string;
  average?: 'published' | 'computed' | 'none';
  averageFrom?: string;
  averageTo?: string;
  averageLan?: string;
  compare: string[];
  storedOptions: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerReport(program: Command, io: CliIo): void {
  program
    .command('report')
    .description(
      'write the published report of an evaluation (HTML or PDF through headless Chromium), ' +
        'or its scores as CSV, XLSX or JSON; --all writes every published report',
    )
    .option('--municipality <kommunkod>', 'the municipality, by its four-digit code')
    .option('--year <yyyy>', 'the year of the evaluation')
    .option('--all', 'every published evaluation (with --out-dir)')
    .addOption(
      new Option('--format <format>', 'what to write').choices(REPORT_FORMATS).default('html'),
    )
    .option('--out <path>', 'the file to write (default: <kommunkod>-<name>-<year>.<format>)')
    .option('--out-dir <dir>', 'the folder --all writes into (created when missing)')
    .addOption(
      new Option(
        '--average <basis>',
        'the average in the summary (default: the one stored with the evaluation, else published)',
      ).choices(['published', 'computed', 'none']),
    )
    .option('--average-from <yyyy>', 'computed average: evaluations from this year')
    .option('--average-to <yyyy>', 'computed average: evaluations up to this year')
    .option('--average-lan <länskod>', 'computed average: municipalities of this län only')
    .option(
      '--compare <kommunkod:yyyy>',
      'compare with this municipality in that year instead of the stored comparisons (repeatable)',
      collect,
      [],
    )
    .option(
      '--no-stored-options',
      "ignore the report options stored with the evaluation (the web page's Rapportval)",
    )
    .action(async (options: ReportCommandOptions) => {
      await runReport(options, io);
    });
}

const yearOf = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value))
    throw new CliError(`${flag} must be a year such as 2016, got "${value}"`);
  return Number(value);
};

/**
 * What the flags override of the options stored with each evaluation: the average when
 * `--average` is given, the comparisons when `--compare` is; the rest stays as stored.
 */
function loadOptions(options: ReportCommandOptions): LoadReportOptions {
  const yearFrom = yearOf(options.averageFrom, '--average-from');
  const yearTo = yearOf(options.averageTo, '--average-to');
  const lanCode = options.averageLan;
  if (lanCode !== undefined && !/^\d{2}$/.test(lanCode)) {
    throw new CliError(`--average-lan must be a two-digit länskod such as 04, got "${lanCode}"`);
  }
  const computedFlags = yearFrom !== undefined || yearTo !== undefined || lanCode !== undefined;
  if (computedFlags && options.average !== undefined && options.average !== 'computed') {
    throw new CliError(
      '--average-from, --average-to and --average-lan describe a computed average: ' +
        'use them with --average computed (or leave --average out)',
    );
  }
  if (yearFrom !== undefined && yearTo !== undefined && yearFrom > yearTo) {
    throw new CliError(
      `--average-from ${String(yearFrom)} is after --average-to ${String(yearTo)}`,
    );
  }
  const kind = options.average ?? (computedFlags ? 'computed' : undefined);
  const average: AverageChoice | undefined =
    kind === 'computed'
      ? {
          kind: 'computed',
          ...(yearFrom === undefined ? {} : { yearFrom }),
          ...(yearTo === undefined ? {} : { yearTo }),
          ...(lanCode === undefined ? {} : { lanCode }),
        }
      : kind === undefined
        ? undefined
        : { kind };
  const compareWith = options.compare.map((item) => {
    const parsed = parseComparisonKey(item);
    if (!parsed) {
      throw new CliError(`--compare must be <kommunkod>:<year> such as 1384:2011, got "${item}"`);
    }
    return parsed;
  });
  if (compareWith.length > REPORT_COMPARISONS_MAX) {
    throw new CliError(
      `--compare takes at most ${String(REPORT_COMPARISONS_MAX)} municipalities, got ${String(compareWith.length)}`,
    );
  }
  return {
    ...(average === undefined ? {} : { average }),
    ...(compareWith.length === 0 ? {} : { compareWith }),
    useStoredOptions: options.storedOptions,
  };
}

async function runReport(options: ReportCommandOptions, io: CliIo): Promise<void> {
  if (options.all) {
    if (options.municipality || options.year || options.out) {
      throw new CliError(
        '--all writes every report into --out-dir: leave out --municipality, --year and --out',
      );
    }
    if (!options.outDir) throw new CliError('--all needs --out-dir <dir>');
  } else if (!options.municipality || !options.year) {
    throw new CliError(
      'say which report: --municipality <kommunkod> --year <yyyy>, or --all --out-dir <dir>',
    );
  }
  if (options.municipality && !/^\d{4}$/.test(options.municipality)) {
    throw new CliError(
      `--municipality must be a four-digit kommunkod such as 0486, got "${options.municipality}"` +
        (/^\d{3}$/.test(options.municipality) ? ' (a leading zero may be missing)' : ''),
    );
  }
  const year = yearOf(options.year, '--year');
  const load = loadOptions(options);
  // Fail before touching the database when the PDF cannot be printed.
  if (options.format === 'pdf' && !findChromium(io.env)) {
    throw new CliError(new ChromiumMissingError('it was not found').message);
  }

  await withDatabase(io, async (database) => {
    const db = database.db;
    const targets = options.all
      ? (await listEvaluations(db, { status: 'published', kind: 'full' })).reverse()
      : [await findOne(db, options.municipality ?? '', year ?? 0)];
    if (targets.length === 0) {
      io.out('No published evaluations to write.\n');
      return;
    }
    const names = new Map(
      (await getMunicipalities(db, [...new Set(targets.map((t) => t.municipalityCode))])).map(
        (m) => [m.code, m.name],
      ),
    );
    let printer: ReportPrinter | undefined;
    try {
      if (options.format === 'pdf') printer = await launch(io);
      let index = 0;
      for (const target of targets) {
        index += 1;
        const name = names.get(target.municipalityCode) ?? target.municipalityCode;
        const file = options.all
          ? join(resolve(io.cwd, options.outDir ?? '.'), defaultName(target, name, options.format))
          : resolve(io.cwd, options.out ?? defaultName(target, name, options.format));
        const shown = relative(io.cwd, file) || file;
        if (targets.length > 1) {
          io.err(
            `[${String(index)}/${String(targets.length)}] ${name} ${String(target.year)} → ${shown}\n`,
          );
        }
        const bytes = await render(db, target.id, options.format, load, printer);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, bytes);
        if (targets.length === 1)
          io.out(`Wrote ${shown} (${name} ${String(target.year)}, ${options.format})\n`);
      }
      if (targets.length > 1) {
        io.out(
          `Wrote ${String(targets.length)} reports (${options.format}) to ${options.outDir ?? ''}\n`,
        );
      }
    } finally {
      await printer?.close();
    }
  });
}

async function launch(io: CliIo): Promise<ReportPrinter> {
  try {
    return await ReportPrinter.launch(io.env);
  } catch (error) {
    if (error instanceof ChromiumMissingError) throw new CliError(error.message);
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new CliError(
      `Chromium did not start (${reason}); HTML reports still work (--format html)`,
    );
  }
}

async function findOne(db: Db, code: string, year: number): Promise<EvaluationListItem> {
  const found = (await listEvaluations(db, { municipalityCode: code, status: 'published' })).filter(
    (item) => item.year === year && item.kind !== 'self-assessment',
  );
  // A full evaluation before an area-level result of the same year.
  found.sort((a, b) => Number(b.kind === 'full') - Number(a.kind === 'full'));
  const [first] = found;
  if (!first) {
    throw new CliError(
      `no published evaluation of ${code} in ${String(year)} (expected one imported with ` +
        '`kompass import` or published in the workspace)',
    );
  }
  return first;
}

async function render(
  db: Db,
  id: string,
  format: ReportFormat,
  options: LoadReportOptions,
  printer: ReportPrinter | undefined,
): Promise<string | Buffer> {
  let input;
  try {
    input = await loadReportInput(db, id, options);
  } catch (error) {
    if (error instanceof ReportNotFoundError) throw new CliError(error.message);
    throw error;
  }
  const model = buildReportModel(input);
  switch (format) {
    case 'html':
      return renderReportHtml(model);
    case 'pdf':
      if (!printer) throw new Error('a PDF needs the printer');
      return printer.print(renderReportHtml(model));
    case 'csv':
      return renderScoresCsv(model);
    case 'xlsx':
      return renderScoresXlsx(model);
    case 'json':
      return `${JSON.stringify(evaluationJson(input, model), null, 2)}\n`;
  }
}

/** "0486-strangnas-2016.pdf": code, the name without accents, year. */
export function defaultName(
  target: Pick<EvaluationListItem, 'municipalityCode' | 'year' | 'kind'>,
  name: string,
  format: ReportFormat,
): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const kind = target.kind === 'area-level' ? '-omraden' : '';
  return `${target.municipalityCode}-${slug}-${String(target.year)}${kind}.${format}`;
}
