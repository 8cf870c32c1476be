/**
 * Imports area-level history: results that survive only as eight area scores and a total (a
 * municipality's web page, a council minute), one CSV row each, with the header
 *
 *   kommunkod,year,edition,area1,area2,area3,area4,area5,area6,area7,area8,total,source
 *
 * Decimals with a point; a field with a comma is quoted ("…"). An empty `edition` is chosen by
 * year from the catalogue (`editionForYear`); an empty `total` means none was stated. Each row
 * is checked on its own and stored in its own transaction as a published area-level evaluation:
 * a bad row is refused with its line and what was expected, and the other rows still import.
 * Importing the same rows again changes nothing; other figures for a row already stored are
 * refused unless `replace`.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Db } from '../db/client.ts';
import { editionForYear, type Edition } from '../domain/framework/index.ts';
import { sumPoints } from '../domain/scoring/index.ts';
import type { ImportIssue } from '../import/issues.ts';
import { storeAreaLevelEvaluation } from './area-level.ts';
import { storageIssue } from './storage-issue.ts';

export const AREA_HISTORY_COLUMNS = [
  'kommunkod',
  'year',
  'edition',
  'area1',
  'area2',
  'area3',
  'area4',
  'area5',
  'area6',
  'area7',
  'area8',
  'total',
  'source',
] as const;

const AREA_COUNT = 8;
/** Each printed area score may be off its exact value by half a point. */
const ROUNDING_PER_AREA = 0.5;

/** One row that passed every check. */
export interface AreaHistoryRow {
  /** The line of the CSV the row is on (1 is the header). */
  line: number;
  municipalityCode: string;
  municipalityName: string;
  year: number;
  editionId: string;
  /** True when `edition` was empty and the edition was chosen by year. */
  editionByYear: boolean;
  areas: { number: number; score: number }[];
  /** The stated total, or null when the row states none. */
  total: number | null;
  /** The row's `source`, or null when empty. */
  source: string | null;
}

export interface ParseAreaHistoryOptions {
  /** How issues name the file. */
  source: string;
  /** The editions the database holds. */
  editions: readonly Edition[];
  municipalities: ReadonlyArray<{ name: string; code: string }>;
}

export interface ParsedAreaHistory {
  rows: AreaHistoryRow[];
  /** One per refused row (or one for the whole file when its header is wrong). */
  issues: ImportIssue[];
  /** Data rows in the file (refused ones included). */
  rowCount: number;
}

interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Splits CSV text into records: comma-separated fields, double quotes around a field that holds
 * commas, quotes ("" inside quotes) or line breaks; LF or CRLF; a byte order mark is skipped.
 * Blank lines are skipped. An unclosed quote is reported on the line it opened.
 */
export function splitCsv(text: string): { records: CsvRecord[]; unclosedQuoteLine?: number } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let sawAny = false;
  const input = text.startsWith('\ufeff') ? text.slice(1) : text;
  const endRecord = () => {
    fields.push(field);
    if (sawAny || fields.length > 1 || field.trim() !== '') {
      records.push({ line: recordLine, fields });
    }
    fields = [];
    field = '';
    sawAny = false;
  };
  for (let index = 0; index < input.length; index += 1) {
    const char = input[index] as string;
    if (quoted) {
      if (char === '"') {
        if (input[index + 1] === '"') {
          field += '"';
          index += 1;
        } else quoted = false;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      sawAny = true;
      field = '';
    } else if (char === ',') {
      fields.push(field);
      field = '';
      sawAny = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[index + 1] === '\n') index += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else field += char;
  }
  if (quoted) return { records, unclosedQuoteLine: quoteLine };
  if (field !== '' || fields.length > 0) endRecord();
  return { records };
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Reads and checks an area-history CSV without touching the database. Every refused row gives
 * one issue with its line and what was expected; the rows that pass come back in file order.
 *
 * @example
 * const parsed = parseAreaHistoryCsv(text, { source: 'history.csv', editions, municipalities });
 * parsed.issues.map(formatIssue); // ['history.csv:7: total 400 differs from the sum of …']
 */
export function parseAreaHistoryCsv(
  text: string,
  options: ParseAreaHistoryOptions,
): ParsedAreaHistory {
  const { source } = options;
  const split = splitCsv(text);
  if (split.unclosedQuoteLine !== undefined) {
    return {
      rows: [],
      rowCount: 0,
      issues: [
        {
          source,
          line: split.unclosedQuoteLine,
          message: 'a quoted field is never closed',
          expected: 'a closing " before the end of the file',
        },
      ],
    };
  }
  const [header, ...records] = split.records;
  const expectedHeader = AREA_HISTORY_COLUMNS.join(',');
  const headerText = header?.fields.map((field) => field.trim()).join(',');
  if (header === undefined || headerText !== expectedHeader) {
    return {
      rows: [],
      rowCount: records.length,
      issues: [
        {
          source,
          line: header?.line ?? 1,
          message:
            header === undefined
              ? 'the file is empty'
              : `the header is "${header.fields.join(',')}"`,
          expected: `the header ${expectedHeader}`,
        },
      ],
    };
  }

  const municipalities = new Map(options.municipalities.map((m) => [m.code, m]));
  const kommunkompassen = options.editions.filter((e) => e.kind === 'kommunkompassen');
  const rows: AreaHistoryRow[] = [];
  const issues: ImportIssue[] = [];
  for (const record of records) {
    const result = checkRow(record, { municipalities, editions: kommunkompassen });
    if ('row' in result) rows.push(result.row);
    else issues.push({ source, line: record.line, ...result.issue });
  }
  return { rows, issues, rowCount: records.length };
}

type RowIssue = Omit<ImportIssue, 'source' | 'line'>;

function checkRow(
  record: CsvRecord,
  context: {
    municipalities: ReadonlyMap<string, { name: string; code: string }>;
    editions: readonly Edition[];
  },
): { row: AreaHistoryRow } | { issue: RowIssue } {
  const fields = record.fields.map((field) => field.trim());
  if (fields.length !== AREA_HISTORY_COLUMNS.length) {
    return {
      issue: {
        message: `${String(fields.length)} columns`,
        expected: `${String(AREA_HISTORY_COLUMNS.length)} columns: ${AREA_HISTORY_COLUMNS.join(',')} (quote a field that holds a comma)`,
      },
    };
  }
  const [code = '', yearText = '', editionText = ''] = fields;
  const areaTexts = fields.slice(3, 3 + AREA_COUNT);
  const totalText = fields[3 + AREA_COUNT] ?? '';
  const sourceText = fields[4 + AREA_COUNT] ?? '';

  const municipality = context.municipalities.get(code);
  if (!municipality) {
    const hint = /^\d{3}$/.test(code)
      ? `; a spreadsheet may have dropped the leading zero of 0${code}`
      : '';
    return {
      issue: {
        message: `kommunkod "${code}" is not in the register${hint}`,
        expected: 'the four-digit code of one of the 290 municipalities, e.g. 0486',
      },
    };
  }
  if (!/^\d{4}$/.test(yearText)) {
    return {
      issue: { message: `year "${yearText}" is not a year`, expected: 'a year such as 2014' },
    };
  }
  const year = Number(yearText);
  if (year < 1990 || year > 2100) {
    return {
      issue: { message: `year ${yearText} is out of range`, expected: 'a year from 1990 to 2100' },
    };
  }

  const known = context.editions.map((e) => e.id).join(', ');
  let edition: Edition | undefined;
  if (editionText === '') {
    edition = editionForYear(context.editions, year);
    if (!edition) {
      return {
        issue: {
          message: `no Kommunkompassen edition covers ${yearText}`,
          expected: `an edition in the edition column (one of ${known})`,
        },
      };
    }
  } else {
    edition = context.editions.find((e) => e.id === editionText);
    if (!edition) {
      return {
        issue: {
          message: `edition "${editionText}" is unknown`,
          expected: `one of ${known}, or empty to choose it by year`,
        },
      };
    }
  }

  const areas: { number: number; score: number }[] = [];
  for (const [index, text] of areaTexts.entries()) {
    const column = `area${String(index + 1)}`;
    if (!NUMBER.test(text)) {
      return {
        issue: {
          message: `${column} "${text}" is not a number`,
          expected: 'a score such as 54 or 74.5 (decimals with a point)',
        },
      };
    }
    const score = Number(text);
    if (score < 0 || score > 100) {
      return {
        issue: { message: `${column} ${text} is outside 0–100`, expected: 'a score from 0 to 100' },
      };
    }
    areas.push({ number: index + 1, score });
  }

  let total: number | null = null;
  if (totalText !== '') {
    if (!NUMBER.test(totalText)) {
      return {
        issue: {
          message: `total "${totalText}" is not a number`,
          expected: 'a total such as 437 or 577.5 (decimals with a point), or empty',
        },
      };
    }
    total = Number(totalText);
    const sum = sumPoints(areas.map((area) => area.score));
    const allowed = ROUNDING_PER_AREA * areas.length;
    if (Math.abs(total - sum) > allowed + 1e-9) {
      return {
        issue: {
          message: `total ${totalText} differs from the sum of the areas ${String(sum)} by more than rounding allows (±${String(allowed)})`,
          expected: `a total from ${String(sum - allowed)} to ${String(sum + allowed)}, or empty`,
        },
      };
    }
  }

  return {
    row: {
      line: record.line,
      municipalityCode: municipality.code,
      municipalityName: municipality.name,
      year,
      editionId: edition.id,
      editionByYear: editionText === '',
      areas,
      total,
      source: sourceText === '' ? null : sourceText,
    },
  };
}

export type AreaRowStatus = 'imported' | 'replaced' | 'unchanged' | 'failed';

export interface AreaRowOutcome {
  line: number;
  status: AreaRowStatus;
  /** Set for rows that passed the checks. */
  row?: AreaHistoryRow;
  /** The evaluation written or found. */
  evaluationId?: string;
  /** Why nothing was written. */
  note?: string;
  /** Set when the row failed. */
  issue?: ImportIssue;
}

export interface ImportAreaHistoryOptions {
  db: Db;
  /** The file's text. */
  text: string;
  /** How issues name the file: the path as the user gave it. */
  source: string;
  editions: readonly Edition[];
  municipalities: ReadonlyArray<{ name: string; code: string }>;
  /** Store other figures for a row already stored as a new revision. */
  replace?: boolean;
}

export interface ImportAreaHistoryOutcome {
  /** One per data row, in file order; a header problem gives one failed outcome for line 1. */
  rows: AreaRowOutcome[];
}

/**
 * Checks every row and stores each good one in its own transaction. Never throws on bad input.
 *
 * @example
 * const outcome = await importAreaHistory({ db, text, source: 'history.csv', editions, municipalities });
 * outcome.rows.filter((row) => row.status === 'failed').map((row) => formatIssue(row.issue!));
 */
export async function importAreaHistory(
  options: ImportAreaHistoryOptions,
): Promise<ImportAreaHistoryOutcome> {
  const parsed = parseAreaHistoryCsv(options.text, options);
  const outcomes: AreaRowOutcome[] = parsed.issues.map((issue) => ({
    line: issue.line ?? 1,
    status: 'failed',
    issue,
  }));
  const file = basename(options.source);
  for (const row of parsed.rows) {
    outcomes.push(await storeRow(options, row, file));
  }
  return { rows: outcomes.sort((a, b) => a.line - b.line) };
}

/** The figures that identify a row's content, whatever file or line it is on. */
function rowHash(row: AreaHistoryRow): string {
  const content = [
    row.municipalityCode,
    row.year,
    row.editionId,
    ...row.areas.map((area) => area.score),
    row.total ?? '',
  ].join(',');
  return createHash('sha256').update(content).digest('hex');
}

async function storeRow(
  options: ImportAreaHistoryOptions,
  row: AreaHistoryRow,
  file: string,
): Promise<AreaRowOutcome> {
  const where = { source: options.source, line: row.line };
  try {
    const outcome = await options.db.transaction((tx) =>
      storeAreaLevelEvaluation(
        tx,
        {
          municipalityCode: row.municipalityCode,
          year: row.year,
          editionId: row.editionId,
          areas: row.areas,
          totalPrinted: row.total,
          source: row.source ?? `${file}:${String(row.line)}`,
          sourceHash: rowHash(row),
          facts: { importedFrom: { file, line: row.line } },
        },
        { replace: options.replace === true },
      ),
    );
    const what = `${row.municipalityName} (${row.municipalityCode}) ${String(row.year)}, ${row.editionId}`;
    switch (outcome.status) {
      case 'imported':
      case 'replaced':
        return { line: row.line, status: outcome.status, row, evaluationId: outcome.id };
      case 'unchanged':
        return {
          line: row.line,
          status: 'unchanged',
          row,
          evaluationId: outcome.id,
          note:
            outcome.storedAs === 'full'
              ? `the full evaluation of ${what} holds these figures`
              : `${what} is stored already with these figures`,
        };
      case 'conflict':
        return {
          line: row.line,
          status: 'failed',
          row,
          evaluationId: outcome.id,
          issue: {
            ...where,
            message:
              outcome.storedAs === 'full'
                ? `${what}: a full evaluation with other figures is stored (${outcome.differences})`
                : `${what} is stored already with other figures (${outcome.differences})`,
            expected:
              outcome.storedAs === 'full'
                ? 'the figures of the stored full evaluation (correct that one instead)'
                : 'the stored figures, or --replace to store these as a new revision',
          },
        };
    }
  } catch (error) {
    const issue = storageIssue(error, where);
    if (issue) return { line: row.line, status: 'failed', row, issue };
    throw error;
  }
}
