/**
 * `kompass import <files...> [--areas <file.csv>] [--replace] [--json]`: stores published
 * reports (and area-level history from CSV) in the database. Each report file is one
 * transaction; each CSV row is one. What fails is listed at the end as `file:line: message
 * (expected …)` and makes the command exit with 1; the rest is stored.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Database } from '../../db/client.ts';
import { pgErrorOf } from '../../db/errors.ts';
import { listEditions } from '../../db/repositories/editions.ts';
import type { Edition } from '../../domain/framework/index.ts';
import { formatIssue, type ImportIssue } from '../../import/issues.ts';
import { loadMunicipalities } from '../../reference/municipalities.ts';
import { importAreaHistory, type AreaRowOutcome } from '../../use-cases/import-area-history.ts';
import {
  importReport,
  type ImportReportOutcome,
  type RelatedOutcome,
} from '../../use-cases/import-report.ts';
import { CliError, processIo, type CliIo } from '../io.ts';
import { withDatabase } from './migrate.ts';

interface ImportOptions {
  areas: string[];
  replace?: boolean;
  json?: boolean;
}

/** Progress lines are shown for more than this many files (or always on a terminal). */
const PROGRESS_ABOVE = 3;

export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description(
      'store published reports (text converted from PDF) in the database: the evaluation, its ' +
        'question scores and findings, the previous evaluation and national averages it prints. ' +
        'Each file is one transaction; importing the same file again changes nothing.',
    )
    .argument('[files...]', 'reports as UTF-8 text (Kommunkompassen analyses, applications)')
    .option(
      '--areas <file.csv>',
      `area-level results, one per row, header ${'kommunkod,year,edition,area1..area8,total,source'} (may be repeated)`,
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      '--replace',
      'store a different text for an evaluation already stored as its new revision (the old one stays readable)',
    )
    .option('--json', 'print one JSON object with every outcome instead of lines')
    .action(async (files: string[], options: ImportOptions) => {
      if (files.length === 0 && options.areas.length === 0) {
        throw new CliError(
          'nothing to import: give report files, or --areas <file.csv> (see kompass import --help)',
        );
      }
      await runImport(files, options, io);
    });
}

type FileResult =
  | { kind: 'report'; file: string; outcome: ImportReportOutcome }
  | { kind: 'areas'; file: string; rows: AreaRowOutcome[] };

interface Counts {
  imported: number;
  unchanged: number;
  replaced: number;
  failed: number;
}

async function runImport(files: string[], options: ImportOptions, io: CliIo): Promise<void> {
  const total = files.length + options.areas.length;
  const stderrIsTerminal = io.err === processIo.err && process.stderr.isTTY === true;
  const progress = total > PROGRESS_ABOVE || stderrIsTerminal;
  const results: FileResult[] = await withDatabase(io, async (database) => {
    const editions = await loadEditions(database);
    const municipalities = loadMunicipalities();
    const done: FileResult[] = [];
    let index = 0;
    const step = (file: string) => {
      index += 1;
      if (progress) io.err(`[${String(index)}/${String(total)}] ${file} …\n`);
    };
    for (const file of files) {
      step(file);
      const read = readBytes(file, io);
      const outcome: ImportReportOutcome =
        'issue' in read
          ? { status: 'failed', issues: [read.issue] }
          : await importReport({
              db: database.db,
              bytes: read.bytes,
              source: file,
              editions,
              municipalities,
              replace: options.replace === true,
            });
      done.push({ kind: 'report', file, outcome });
      if (!options.json) io.out(describeReport(file, outcome));
    }
    for (const file of options.areas) {
      step(file);
      const read = readText(file, io);
      const rows: AreaRowOutcome[] =
        'issue' in read
          ? [{ line: read.issue.line ?? 1, status: 'failed', issue: read.issue }]
          : (
              await importAreaHistory({
                db: database.db,
                text: read.text,
                source: file,
                editions,
                municipalities,
                replace: options.replace === true,
              })
            ).rows;
      done.push({ kind: 'areas', file, rows });
      if (!options.json) io.out(describeAreas(file, rows));
    }
    return done;
  });

  const reports = countReports(results);
  const rows = countRows(results);
  const failures = results.flatMap((result) =>
    result.kind === 'report'
      ? result.outcome.status === 'failed'
        ? result.outcome.issues
        : []
      : result.rows.flatMap((row) => (row.issue ? [row.issue] : [])),
  );
  if (options.json) {
    io.out(`${JSON.stringify(toJson(results, reports, rows), null, 2)}\n`);
  } else {
    io.out('\n');
    if (files.length > 0) io.out(`Reports: ${formatCounts(reports)}\n`);
    if (options.areas.length > 0) io.out(`Area rows: ${formatCounts(rows)}\n`);
    if (failures.length > 0) {
      io.err(`Failed (nothing of these was stored):\n`);
      for (const issue of failures) io.err(`  ${formatIssue(issue)}\n`);
    }
  }
  const failed = reports.failed + rows.failed;
  if (failed > 0) {
    const parts = [
      reports.failed > 0 ? plural(reports.failed, 'report file', 'report files') : '',
      rows.failed > 0 ? plural(rows.failed, 'area row', 'area rows') : '',
    ].filter(Boolean);
    throw new CliError(`${parts.join(' and ')} failed`);
  }
}

async function loadEditions(database: Database): Promise<Edition[]> {
  try {
    const stored = await listEditions(database.db);
    if (stored.length > 0) return stored.map((edition) => edition.definition);
  } catch (error) {
    if (pgErrorOf(error)?.code !== '42P01') throw error; // 42P01: no such table
  }
  throw new CliError(
    'the database holds no framework editions: run kompass migrate first, then import again',
  );
}

function readBytes(file: string, io: CliIo): { bytes: Uint8Array } | { issue: ImportIssue } {
  try {
    return { bytes: readFileSync(resolve(io.cwd, file)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'a folder, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : (code ?? String(error));
    return {
      issue: {
        source: file,
        message: `cannot read the file: ${reason}`,
        expected: 'a readable file',
      },
    };
  }
}

/** A CSV file as UTF-8 text, refusing other encodings (a spreadsheet's Windows-1252 export). */
function readText(file: string, io: CliIo): { text: string } | { issue: ImportIssue } {
  const read = readBytes(file, io);
  if ('issue' in read) return read;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(read.bytes) };
  } catch {
    return {
      issue: {
        source: file,
        message: 'not UTF-8 text (a spreadsheet export in Windows-1252?)',
        expected: 'a CSV file saved as UTF-8',
      },
    };
  }
}

const plural = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

const formatCounts = (counts: Counts) =>
  `${String(counts.imported)} imported, ${String(counts.unchanged)} unchanged, ` +
  `${String(counts.replaced)} replaced, ${String(counts.failed)} failed`;

const emptyCounts = (): Counts => ({ imported: 0, unchanged: 0, replaced: 0, failed: 0 });

function countReports(results: readonly FileResult[]): Counts {
  const counts = emptyCounts();
  for (const result of results) if (result.kind === 'report') counts[result.outcome.status] += 1;
  return counts;
}

function countRows(results: readonly FileResult[]): Counts {
  const counts = emptyCounts();
  for (const result of results) {
    if (result.kind === 'areas') for (const row of result.rows) counts[row.status] += 1;
  }
  return counts;
}

const figure = (value: number | null) => (value === null ? '–' : String(value));

function describeRelated(item: RelatedOutcome): string {
  switch (item.type) {
    case 'evaluation': {
      const what = `"${item.label}" as the area-level evaluation of ${item.municipalityCode} ${String(item.year)} under ${item.editionId}, total ${figure(item.totalPrinted)}`;
      if (item.status === 'imported') return `also stored: ${what}`;
      if (item.status === 'replaced') return `also replaced: ${what}`;
      if (item.status === 'unchanged') return `unchanged: ${what} (${item.note ?? ''})`;
      return `not stored: ${what}: ${item.note ?? ''}`;
    }
    case 'reference-series':
      return `also stored: "${item.label}"${item.basis ? ` (${item.basis})` : ''} as a reference series under ${item.editionId}, total ${figure(item.total)}`;
    case 'not-stored':
      return `not stored as figures: "${item.label}": ${item.reason}`;
  }
}

function describeReport(file: string, outcome: ImportReportOutcome): string {
  if (outcome.status === 'failed') {
    return `failed     ${file} (${plural(outcome.issues.length, 'issue', 'issues')}, listed at the end)\n`;
  }
  const e = outcome.evaluation;
  const head = `${e.municipality.name} (${e.municipality.code}) ${String(e.year)}, ${e.editionId}, ${e.kind}`;
  if (outcome.status === 'unchanged') {
    return `unchanged  ${file}: ${head} is stored already from this same text\n`;
  }
  const parts = [
    e.kind === 'self-assessment'
      ? plural(e.counts.questions, 'answer', 'answers')
      : plural(e.counts.areas, 'area', 'areas'),
    e.kind === 'self-assessment' ? '' : plural(e.counts.questions, 'question', 'questions'),
    e.kind === 'self-assessment' ? '' : plural(e.counts.findings, 'finding', 'findings'),
    e.counts.texts > 0 ? plural(e.counts.texts, 'text', 'texts') : '',
  ].filter(Boolean);
  const total = e.totalPrinted === null ? '' : `, total ${String(e.totalPrinted)}`;
  const revision = outcome.status === 'replaced' ? ` (revision ${String(e.revision)})` : '';
  const lines = [
    `${outcome.status.padEnd(10)} ${file}: ${head}${total}${revision}: ${parts.join(', ')}`,
    ...outcome.notes.map((note) => `  note: ${note}`),
    ...outcome.related.map((item) => `  ${describeRelated(item)}`),
    ...outcome.warnings.map((warning) => `  warning: ${formatIssue(warning)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function describeAreas(file: string, rows: readonly AreaRowOutcome[]): string {
  const counts = emptyCounts();
  for (const row of rows) counts[row.status] += 1;
  const lines = [
    `areas      ${file}: ${plural(rows.length, 'row', 'rows')}: ${formatCounts(counts)}`,
  ];
  for (const row of rows) {
    if (row.status === 'failed' || !row.row) continue;
    const r = row.row;
    const edition = r.editionByYear ? `${r.editionId} (by year)` : r.editionId;
    lines.push(
      `  line ${String(row.line)}: ${row.status} ${r.municipalityName} (${r.municipalityCode}) ${String(r.year)}, ${edition}, total ${figure(r.total)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function toJson(results: readonly FileResult[], reports: Counts, rows: Counts) {
  return {
    reports: results.flatMap((result) =>
      result.kind === 'report'
        ? [
            result.outcome.status === 'failed'
              ? {
                  file: result.file,
                  status: 'failed',
                  issues: result.outcome.issues.map((issue) => ({
                    ...issue,
                    text: formatIssue(issue),
                  })),
                }
              : { file: result.file, ...result.outcome },
          ]
        : [],
    ),
    areas: results.flatMap((result) =>
      result.kind === 'areas'
        ? [
            {
              file: result.file,
              rows: result.rows.map((row) =>
                row.issue ? { ...row, issue: { ...row.issue, text: formatIssue(row.issue) } } : row,
              ),
            },
          ]
        : [],
    ),
    summary: { reports, areaRows: rows },
  };
}
