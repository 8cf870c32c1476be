/**
 * The report end to end on real data: the seed reports imported with `kompass import`, then
 * `kompass report` writes HTML, PDF (headless Chromium, one browser for every PDF here), CSV,
 * XLSX and JSON. The fidelity test reads the PDFs back with `pdftotext` and finds every figure
 * of the published tables. Browser tests are skipped when Chromium is missing, except under
 * CI=true, where they fail.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommanderError } from 'commander';
import { removeDir } from '../db/test-templates.ts';
import { createTestEnv } from '../db/testing.ts';
import { loadBuiltInCatalogue } from '../frameworks/index.ts';
import type { ParsedAnalysis } from '../import/kommunkompassen/types.ts';
import { parseReport } from '../import/parse.ts';
import { loadMunicipalities } from '../reference/municipalities.ts';
import { CliError, type CliIo } from '../cli/io.ts';
import { buildProgram } from '../cli/main.ts';
import { withDatabase } from '../cli/commands/migrate.ts';
import { registerReport } from '../cli/commands/report.ts';
import { listEvaluations } from '../db/repositories/evaluations.ts';
import { setReportOptions } from '../use-cases/set-report-options.ts';
import type { ReportOptions } from './options.ts';
import { findChromium } from './pdf.ts';

const SEEDS = {
  strangnas: 'kommunkompassen-strangnas-2016.txt',
  upplandsBro: 'kommunkompassen-upplands-bro-2011.txt',
  sodertalje: 'kommunkompassen-sodertalje-2006.txt',
} as const;
const seedText = (name: string) =>
  readFileSync(new URL(`../../../shared/seeds/${name}`, import.meta.url), 'utf8');

/** The published tables as the project's parser reads them from the seed. */
function published(name: string): ParsedAnalysis {
  const result = parseReport(seedText(name), {
    source: name,
    municipalities: loadMunicipalities(),
    editions: loadBuiltInCatalogue(),
  });
  if (!result.ok || result.report.kind !== 'kommunkompassen') throw new Error(`${name} unread`);
  return result.report;
}

const chromium = findChromium(process.env);
const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const canPrint = chromium !== undefined && hasPdftotext;
const ci = process.env.CI === 'true';
/** A browser test: runs with Chromium and pdftotext, fails without them under CI, else skips. */
const browserIt = canPrint ? it : ci ? it : it.skip;
const browserMissing = () => {
  if (!canPrint) {
    throw new Error(
      'CI=true but Chromium or pdftotext is missing: apt-get install -y chromium poppler-utils',
    );
  }
};

/** Fields of one RFC 4180 line (quoted fields may hold commas and doubled quotes). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  const pattern = /(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g;
  for (const match of line.matchAll(pattern)) {
    fields.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : (match[2] ?? ''));
  }
  return fields;
}

interface Run {
  code: number;
  out: string;
  err: string;
}

let env: Record<string, string>;
let dispose: () => Promise<void>;
let cwd: string;

/** `kompass <args>` in-process against the test database (report registered here until main.ts does). */
async function kompass(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    env: { ...env, ...extraEnv },
    cwd,
  };
  const program = buildProgram(io);
  if (!program.commands.some((command) => command.name() === 'report')) {
    registerReport(program, io);
  }
  try {
    await program.parseAsync(['node', 'kompass', ...args]);
    return { code: 0, out, err };
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode, out, err };
    if (error instanceof CliError)
      return { code: error.exitCode, out, err: `${err}${error.message}\n` };
    throw error;
  }
}

beforeAll(async () => {
  ({ env, dispose } = await createTestEnv('pglite'));
  cwd = mkdtempSync(join(tmpdir(), 'kompass-report-'));
  for (const name of Object.values(SEEDS)) writeFileSync(join(cwd, name), seedText(name));
  const imported = await kompass(['import', ...Object.values(SEEDS)]);
  expect(imported.code, imported.err).toBe(0);
}, 120_000);

afterAll(async () => {
  await dispose();
  removeDir(cwd);
});

describe('kompass report --format html', () => {
  it('writes the Strängnäs 2016 report with the 2014 column and the published average 476', async () => {
    const run = await kompass([
      'report',
      '--municipality',
      '0486',
      '--year',
      '2016',
      '--out',
      's.html',
    ]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Wrote s.html (Strängnäs 2016, html)');
    const html = readFileSync(join(cwd, 's.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toContain('<script');
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Medelvärde beräknat från 2010 och framåt');
    expect(html).toContain('<svg role="img"');
    expect(html).toContain('Vad är Kommunkompassen?');
    expect(html).toMatch(
      /Totalt \(av 800\)<\/th><td[^>]*>437<\/td><td[^>]*>497<\/td><td[^>]*>476<\/td>/,
    );
  });

  it('can show a computed average instead of the published one, stating how many it averages', async () => {
    const run = await kompass([
      'report',
      '--municipality',
      '0486',
      '--year',
      '2016',
      '--average',
      'computed',
      '--out',
      'c.html',
    ]);
    expect(run.code, run.err).toBe(0);
    const html = readFileSync(join(cwd, 'c.html'), 'utf8');
    expect(html).toContain('beräknat av Kompass');
    expect(html).toContain('(1 utvärdering)');
    expect(html).not.toContain('publicerade medelvärdet');
  });

  it('uses the report options stored with the evaluation; flags override them', async () => {
    const io: CliIo = { out: () => undefined, err: () => undefined, env, cwd };
    const store = (options: ReportOptions) =>
      withDatabase(io, async (database) => {
        const [target] = (
          await listEvaluations(database.db, { municipalityCode: '0486', status: 'published' })
        ).filter((item) => item.year === 2016 && item.kind === 'full');
        if (!target) throw new Error('Strängnäs 2016 is not imported');
        const outcome = await setReportOptions(database.db, {
          actorUserId: null,
          evaluationId: target.id,
          expectedVersion: target.version,
          options,
        });
        if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
      });
    const html = async (...flags: string[]) => {
      const run = await kompass([
        'report',
        '--municipality',
        '0486',
        '--year',
        '2016',
        '--out',
        'o.html',
        ...flags,
      ]);
      expect(run.code, run.err).toBe(0);
      return readFileSync(join(cwd, 'o.html'), 'utf8');
    };
    await store({
      average: { kind: 'computed', yearFrom: 2010 },
      compare: [{ municipalityCode: '0139', year: 2011 }],
    });
    try {
      const stored = await html();
      expect(stored).toContain('beräknat av Kompass');
      expect(stored).toContain('Upplands-Bro 2011');
      const published = await html('--average', 'published');
      expect(published).toContain('Medelvärde beräknat från 2010 och framåt');
      expect(published).toContain('Upplands-Bro 2011');
      const ignored = await html('--no-stored-options');
      expect(ignored).toContain('Medelvärde beräknat från 2010 och framåt');
      expect(ignored).not.toContain('Upplands-Bro 2011');
    } finally {
      // The other tests read the report as published.
      await store({ average: { kind: 'published' }, compare: [] });
    }
  });

  it('refuses year flags with a non-computed average, and a malformed län', async () => {
    const base = ['report', '--municipality', '0486', '--year', '2016'];
    const mixed = await kompass([...base, '--average', 'published', '--average-from', '2010']);
    expect(mixed.code).toBe(1);
    expect(mixed.err).toContain('use them with --average computed');
    const lan = await kompass([...base, '--average-lan', '4']);
    expect(lan.code).toBe(1);
    expect(lan.err).toContain('--average-lan must be a two-digit länskod such as 04, got "4"');
  });

  it('refuses an unknown municipality and year with a clear message', async () => {
    const run = await kompass(['report', '--municipality', '0486', '--year', '1999']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('no published evaluation of 0486 in 1999');
    const short = await kompass(['report', '--municipality', '486', '--year', '2016']);
    expect(short.err).toContain('a leading zero may be missing');
  });
});

describe('kompass report exports', () => {
  it('CSV: every question with Uppnått, Max, Procent and exact points, the area sums and the total', async () => {
    const run = await kompass([
      'report',
      '--municipality',
      '0486',
      '--year',
      '2016',
      '--format',
      'csv',
      '--out',
      's.csv',
    ]);
    expect(run.code, run.err).toBe(0);
    const lines = readFileSync(join(cwd, 's.csv'), 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'kommunkod,kommun,år,ramverk,rad,område,områdesnamn,fråga,frågetext,poäng_exakt,uppnått,max,procent',
    );
    expect(lines).toHaveLength(1 + 45 + 8 + 1);
    const table = published(SEEDS.strangnas);
    expect(lines.map((l) => csvFields(l).length)).toEqual(lines.map(() => 13));
    for (const question of table.questions) {
      const line = lines.find((l) => csvFields(l)[7] === question.id);
      expect(
        line?.endsWith(
          `,${String(question.achieved)},${String(question.max)},${String(question.percent)}`,
        ),
        `${question.id}: ${line ?? ''}`,
      ).toBe(true);
    }
    expect(lines.at(-1)).toMatch(/,totalt,,,,Totalt,497\.\d+,497,800,62$/);
  });

  it('XLSX: the same figures as numbers in "Frågor" and the summary in "Sammanfattning"', async () => {
    const run = await kompass([
      'report',
      '--municipality',
      '0139',
      '--year',
      '2011',
      '--format',
      'xlsx',
      '--out',
      'u.xlsx',
    ]);
    expect(run.code, run.err).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(cwd, 'u.xlsx'));
    const sheet = workbook.getWorksheet('Frågor');
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual([
      'Område',
      'Fråga',
      'Text',
      'Poäng (exakt)',
      'Uppnått',
      'Max',
      'Procent',
    ]);
    const q14 = rows.find((row) => row[1] === '1.4');
    expect(q14?.slice(3)).toEqual([12.45, 12, 30, 42]);
    const total = rows.at(-1);
    expect(total?.[2]).toBe('Totalt');
    expect(total?.[4]).toBe(383);
    const summary = workbook.getWorksheet('Sammanfattning');
    expect(summary?.getRow(10).getCell(2).value).toBe(383);
  });

  it('JSON: the shape of `kompass parse --json`, with the published figures', async () => {
    const run = await kompass([
      'report',
      '--municipality',
      '0486',
      '--year',
      '2016',
      '--format',
      'json',
      '--out',
      's.json',
    ]);
    expect(run.code, run.err).toBe(0);
    const exported = JSON.parse(readFileSync(join(cwd, 's.json'), 'utf8')) as ParsedAnalysis;
    const parsed = await kompass(['parse', SEEDS.strangnas, '--json']);
    const original = JSON.parse(parsed.out) as ParsedAnalysis;
    expect(Object.keys(exported).sort()).toEqual(Object.keys(original).sort());
    expect(exported.areas.map((a) => [a.number, a.score])).toEqual(
      original.areas.map((a) => [a.number, a.score]),
    );
    expect(exported.total).toBe(original.total);
    expect(exported.questions.map((q) => [q.id, q.achieved, q.max, q.percent])).toEqual(
      original.questions.map((q) => [q.id, q.achieved, q.max, q.percent]),
    );
    const comparisons = (report: ParsedAnalysis) =>
      report.comparisons
        .map((c) => ({ label: c.label, kind: c.kind, total: c.total, areas: c.areas }))
        .sort((a, b) => a.label.localeCompare(b.label));
    expect(comparisons(exported)).toEqual(comparisons(original));
    expect(exported.findings.length).toBe(original.findings.length);
  });
});

describe('kompass report --format pdf', () => {
  const outDir = () => join(cwd, 'pdf');
  let all: Run | undefined;
  const pdfText = (file: string) =>
    execFileSync('pdftotext', ['-layout', join(outDir(), file), '-'], { encoding: 'utf8' }).replace(
      /\u00a0/g,
      ' ',
    );

  beforeAll(async () => {
    if (canPrint) all = await kompass(['report', '--all', '--format', 'pdf', '--out-dir', 'pdf']);
  }, 120_000);

  browserIt('writes every published report through one browser, with progress', () => {
    browserMissing();
    expect(all?.code, all?.err).toBe(0);
    expect(all?.err).toMatch(/\[1\/3\] .* → pdf\/\d{4}-[a-z-]+-\d{4}\.pdf/);
    expect(all?.out).toContain('Wrote 3 reports (pdf)');
    expect(readdirSync(outDir()).sort()).toEqual([
      '0139-upplands-bro-2011.pdf',
      '0181-sodertalje-2006.pdf',
      '0486-strangnas-2016.pdf',
    ]);
    const head = readFileSync(join(outDir(), '0486-strangnas-2016.pdf')).subarray(0, 5).toString();
    expect(head).toBe('%PDF-');
  });

  /** Every figure of the published summary, score table and comparison columns is in the PDF. */
  function expectPublishedFigures(text: string, table: ParsedAnalysis, columns: string[]) {
    const start = text.indexOf('Tabell 1.');
    const end = text.indexOf('Totalt (av 800)', start);
    expect(start).toBeGreaterThan(-1);
    const summary = text.slice(start, text.indexOf('\n', end));
    const series = columns.map((label) =>
      label === table.municipality.name
        ? {
            areas: table.areas.map((a) => ({ number: a.number, score: a.score })),
            total: table.total,
          }
        : table.comparisons.find((c) => c.label === label),
    );
    for (const area of table.areas) {
      const figures = series.map((s) =>
        String(s?.areas.find((a) => a.number === area.number)?.score),
      );
      const line = summary
        .split('\n')
        .find((l) => l.trimStart().startsWith(`${String(area.number)}. `));
      expect(line, `summary row ${String(area.number)}`).toMatch(
        new RegExp(`\\s${figures.join('\\s+')}\\s*$`),
      );
    }
    const totals = series.map((s) => String(s?.total));
    expect(summary.split('\n').find((l) => l.includes('Totalt (av 800)'))).toMatch(
      new RegExp(`\\s${totals.join('\\s+')}\\s*$`),
    );
    const lines = text.split('\n');
    for (const q of table.questions) {
      const line = lines.find((l) => l.trimStart().startsWith(`${q.id} `));
      expect(line, `question ${q.id}`).toMatch(
        new RegExp(`\\s${String(q.achieved)}\\s+${String(q.max)}\\s+${String(q.percent)} %\\s*$`),
      );
    }
    for (const area of table.areas) {
      const line = lines.find((l) => l.includes(`Summa område ${String(area.number)}`));
      expect(line, `sum of area ${String(area.number)}`).toMatch(
        new RegExp(`\\s${String(area.score)}\\s+100\\s+${String(area.score)} %\\s*$`),
      );
    }
  }

  browserIt(
    'Strängnäs 2016: the PDF shows every published figure, the 2014 column and the average',
    () => {
      browserMissing();
      const table = published(SEEDS.strangnas);
      const text = pdfText('0486-strangnas-2016.pdf');
      expectPublishedFigures(text, table, ['Strängnäs 2014', 'Strängnäs', 'Medelvärde']);
      expect(text).toContain('Medelvärde beräknat från 2010 och framåt');
      expect(text).toMatch(/Sida 2 av \d+/);
    },
  );

  browserIt('Upplands-Bro 2011: the PDF shows every published figure (total 383)', () => {
    browserMissing();
    const table = published(SEEDS.upplandsBro);
    const text = pdfText('0139-upplands-bro-2011.pdf');
    expectPublishedFigures(text, table, ['Upplands-Bro']);
    expect(table.total).toBe(383);
  });

  it('without Chromium: says how to install it and exits 1; HTML still works', async () => {
    const missing = { CHROMIUM_PATH: join(cwd, 'no-chromium-here') };
    const run = await kompass(
      ['report', '--municipality', '0486', '--year', '2016', '--format', 'pdf', '--out', 'x.pdf'],
      missing,
    );
    expect(run.code).toBe(1);
    expect(run.err).toContain('apt-get install -y chromium');
    expect(existsSync(join(cwd, 'x.pdf'))).toBe(false);
    const html = await kompass(
      ['report', '--municipality', '0486', '--year', '2016', '--out', 'y.html'],
      missing,
    );
    expect(html.code, html.err).toBe(0);
  });
});
