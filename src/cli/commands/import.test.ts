import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type DatabaseKind } from '../../db/client.ts';
import {
  getEvaluation,
  listEvaluations,
  listRevisions,
  type EvaluationRecord,
} from '../../db/repositories/evaluations.ts';
import { listReferenceSeries } from '../../db/repositories/reference-series.ts';
import { removeDir } from '../../db/test-templates.ts';
import { createTestEnv, describePostgresMissing, testDatabaseUrl } from '../../db/testing.ts';
import { roundHalfUp, sumPoints } from '../../domain/scoring/index.ts';
import { CliError, type CliIo } from '../io.ts';
import { buildProgram, main } from '../main.ts';
import { registerImport } from './import.ts';

const seed = (name: string) =>
  readFileSync(new URL(`../../../../shared/seeds/${name}`, import.meta.url), 'utf8');
const STRANGNAS = 'kommunkompassen-strangnas-2016.txt';
const UPPLANDS_BRO = 'kommunkompassen-upplands-bro-2011.txt';
const SODERTALJE = 'kommunkompassen-sodertalje-2006.txt';
const APPLICATION = 'sodertalje-kvalitetskommun-ansokan-2009.txt';
const SEEDS = [SODERTALJE, UPPLANDS_BRO, STRANGNAS, APPLICATION];

const TABLES = [
  'evaluations',
  'area_scores',
  'question_scores',
  'findings',
  'area_texts',
  'reference_series',
  'reference_series_areas',
] as const;

interface Run {
  code: number;
  out: string;
  err: string;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh migrated database of `kind` and a working folder holding the seed reports. */
async function setUp(kind: DatabaseKind) {
  const { env, dispose } = await createTestEnv(kind);
  cleanups.push(dispose);
  const cwd = mkdtempSync(join(tmpdir(), 'kompass-import-'));
  cleanups.push(() => removeDir(cwd));
  for (const name of SEEDS) writeFileSync(join(cwd, name), seed(name));
  const write = (name: string, content: string | Uint8Array) =>
    writeFileSync(join(cwd, name), content);

  /** Runs `kompass <args>` in-process against this database and collects what it prints. */
  async function kompass(...args: string[]): Promise<Run> {
    let out = '';
    let err = '';
    const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), env, cwd };
    if (buildProgram(io).commands.some((command) => command.name() === 'import')) {
      const code = await main(['node', 'kompass', ...args], io);
      return { code, out, err };
    }
    // Until main.ts registers the command: the same program, with the command added here.
    const program = buildProgram(io);
    registerImport(program, io);
    try {
      await program.parseAsync(['node', 'kompass', ...args]);
      return { code: 0, out, err };
    } catch (error) {
      if (error instanceof CommanderError) return { code: error.exitCode, out, err };
      if (error instanceof CliError) {
        err += `kompass: ${error.message}\n`;
        return { code: error.exitCode, out, err };
      }
      throw error;
    }
  }

  /** Opens the database between runs (PGlite allows one opener at a time). */
  async function inspect<T>(fn: (database: Database) => Promise<T>): Promise<T> {
    const database = await openDatabase({ env, cwd });
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  }

  return { kompass, inspect, write };
}

async function rowCounts(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const result = await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    counts[table] = Number((result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n);
  }
  return counts;
}

async function current(
  database: Database,
  municipalityCode: string,
  year: number,
): Promise<EvaluationRecord[]> {
  const items = (await listEvaluations(database.db, { municipalityCode })).filter(
    (item) => item.year === year,
  );
  const records = await Promise.all(items.map((item) => getEvaluation(database.db, item.id)));
  return records.filter((record) => record !== undefined);
}

const printed = (record: EvaluationRecord | undefined) => record?.areas.map((area) => area.printed);

/** Strängnäs with one line of the report changed: the same evaluation, another text. */
const modifiedStrangnas = () => seed(STRANGNAS).replace('ca 35 personer', 'ca 36 personer');

/** Each test opens the embedded database several times (~1 s each, more on a busy machine). */
const TIMEOUT = 120_000;

function declareTests(kind: DatabaseKind) {
  it(
    'stores the three analyses and the application with every printed figure',
    async () => {
      const { kompass, inspect } = await setUp(kind);
      const run = await kompass('import', ...SEEDS);
      expect(run.err).toContain(`[4/4] ${APPLICATION} …`);
      expect(run.code, run.err).toBe(0);
      expect(run.out).toContain('Reports: 4 imported, 0 unchanged, 0 replaced, 0 failed');
      expect(run.out).toContain(
        `imported   ${STRANGNAS}: Strängnäs (0486) 2016, kk-2016, full, total 497: 8 areas, 45 questions,`,
      );
      expect(run.out).toContain(
        'also stored: "Strängnäs 2014" as the area-level evaluation of 0486 2014 under kk-2010, total 437',
      );
      expect(run.out).toContain(
        'also stored: "Medelvärde" (beräknat från 2010 och framåt) as a reference series under kk-2016, total 476',
      );
      for (const label of [
        'Trollhättan 2004',
        'Örebro 2006',
        '2011 års Kvalitetskommun, Kungsbacka',
      ]) {
        expect(run.out).toContain(`not stored as figures: "${label}"`);
      }

      await inspect(async (database) => {
        const [strangnas, ...otherStrangnas] = await current(database, '0486', 2016);
        expect(otherStrangnas).toEqual([]);
        expect(strangnas).toMatchObject({
          editionId: 'kk-2016',
          kind: 'full',
          status: 'published',
          month: 10,
          totalPrinted: 497,
          source: STRANGNAS,
        });
        expect(printed(strangnas)).toEqual([63, 60, 60, 67, 64, 49, 66, 68]);
        // The score is the sum of exact points; it prints as the printed area score.
        expect(strangnas?.areas.map((area) => roundHalfUp(area.score))).toEqual(printed(strangnas));
        expect(strangnas?.questions).toHaveLength(45);
        expect(strangnas?.questions[0]).toMatchObject({
          id: '1.1',
          achievedPrinted: 11,
          maxPrinted: 15,
          percentPrinted: 70,
          points: 10.5,
        });
        expect(strangnas?.findings.length).toBeGreaterThan(0);
        expect(new Set(strangnas?.findings.map((finding) => finding.kind))).toEqual(
          new Set(['strength', 'improvement']),
        );

        const [previous] = await current(database, '0486', 2014);
        expect(previous).toMatchObject({
          editionId: 'kk-2010',
          kind: 'area-level',
          status: 'published',
          totalPrinted: 437,
        });
        expect(previous?.areas.map((area) => area.score)).toEqual([54, 49, 77, 55, 58, 37, 60, 49]);

        const series = await listReferenceSeries(database.db, {
          sourceEvaluationId: strangnas?.id ?? '',
        });
        expect(series).toHaveLength(1);
        expect(series[0]).toMatchObject({
          label: 'Medelvärde',
          basis: 'beräknat från 2010 och framåt',
          editionId: 'kk-2016',
          yearFrom: 2010,
          total: 476,
        });
        expect(series[0]?.areas.map((area) => area.score)).toEqual([
          55, 57, 68, 57, 59, 58, 54, 68,
        ]);

        const [upplandsBro] = await current(database, '0139', 2011);
        expect(upplandsBro).toMatchObject({ editionId: 'kk-2010', totalPrinted: 383, month: 9 });
        expect(printed(upplandsBro)).toEqual([44, 41, 52, 42, 49, 49, 45, 60]);
        const exactTotal = sumPoints(upplandsBro?.areas.map((area) => area.score) ?? []);
        expect(roundHalfUp(exactTotal)).toBe(383);

        const [sodertalje] = await current(database, '0181', 2006);
        expect(sodertalje).toMatchObject({ editionId: 'kk-2002', totalPrinted: 577 });
        expect(sodertalje?.areas.find((area) => area.number === 2)?.score).toBe(74.5);
        expect(sodertalje?.areas.find((area) => area.number === 3)?.score).toBe(87.5);
        expect(sodertalje?.facts.comparisonsWithoutFigures).toEqual([
          expect.objectContaining({ label: 'Medelpoäng Kommunkompasskommuner 2002-2006' }),
          expect.objectContaining({ label: 'Trollhättan 2004', year: 2004 }),
          expect.objectContaining({ label: 'Örebro 2006', year: 2006 }),
        ]);
        // Neither Trollhättan, Örebro nor Kungsbacka got an evaluation from a chart.
        const all = await listEvaluations(database.db);
        expect(all.map((item) => item.municipalityCode).sort()).toEqual(
          ['0139', '0181', '0181', '0486', '0486'].sort(),
        );

        const [application] = await current(database, '0181', 2009);
        expect(application).toMatchObject({
          editionId: 'kvalitetskommun-2009',
          kind: 'self-assessment',
          status: 'published',
        });
        expect(application?.questions).toHaveLength(50);
        for (const id of ['8', '9', '10']) {
          const answer = application?.questions.find((question) => question.id === id);
          expect(answer?.answer, id).toBeNull();
          expect(answer?.flags, id).toEqual(['multiple-ticked: I hög grad, Fullt ut']);
        }
        expect(application?.questions.find((q) => q.id === '7')).toMatchObject({
          answer: 'I hög grad',
          flags: [],
        });
        expect(new Set(application?.texts.map((text) => text.area))).toEqual(new Set([1, 2, 3, 4]));
        const keyFigures = application?.facts.series as Array<{
          name: string;
          points: Array<{ year: number; target: number | null; result: number | null }>;
        }>;
        expect(keyFigures.find((s) => s.name === 'attraktiv arbetsgivare')?.points).toEqual([
          { year: 2005, target: 82, result: 83 },
          { year: 2006, target: 86, result: 82 },
          { year: 2007, target: 86, result: 82 },
        ]);
      });
    },
    TIMEOUT,
  );

  it(
    'importing the same files again changes nothing and says unchanged',
    async () => {
      const { kompass, inspect } = await setUp(kind);
      expect((await kompass('import', ...SEEDS)).code).toBe(0);
      const before = await inspect(rowCounts);
      const again = await kompass('import', ...SEEDS);
      expect(again.code, again.err).toBe(0);
      expect(again.out).toContain('Reports: 0 imported, 4 unchanged, 0 replaced, 0 failed');
      expect(again.out).toContain(
        `unchanged  ${STRANGNAS}: Strängnäs (0486) 2016, kk-2016, full is stored already from this same text`,
      );
      expect(await inspect(rowCounts)).toEqual(before);
      expect(before).toMatchObject({ evaluations: 5, reference_series: 1 });
    },
    TIMEOUT,
  );

  it(
    'a different text for a stored evaluation is refused, and stored as a new revision with --replace',
    async () => {
      const { kompass, inspect, write } = await setUp(kind);
      expect((await kompass('import', STRANGNAS)).code).toBe(0);
      const before = await inspect(rowCounts);
      write('strangnas-corrected.txt', modifiedStrangnas());

      const refused = await kompass('import', 'strangnas-corrected.txt');
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(
        `strangnas-corrected.txt: Strängnäs (0486) 2016, kk-2016, full is stored already from another text (${STRANGNAS}, revision 1); this text differs from it (expected the same text as before, or --replace to store this text as a new revision)`,
      );
      expect(refused.err).toContain('kompass: 1 report file failed');
      expect(await inspect(rowCounts)).toEqual(before);

      const replaced = await kompass('import', '--replace', 'strangnas-corrected.txt');
      expect(replaced.code, replaced.err).toBe(0);
      expect(replaced.out).toContain('Reports: 0 imported, 0 unchanged, 1 replaced, 0 failed');
      expect(replaced.out).toContain('(revision 2)');
      // The 2014 column is the same figures: the stored one stays.
      expect(replaced.out).toContain('unchanged: "Strängnäs 2014"');
      await inspect(async (database) => {
        const [now] = await current(database, '0486', 2016);
        expect(now).toMatchObject({ revision: 2, source: 'strangnas-corrected.txt' });
        const revisions = await listRevisions(database.db, now?.id ?? '');
        expect(revisions.map((r) => [r.revision, r.current, r.source])).toEqual([
          [2, true, 'strangnas-corrected.txt'],
          [1, false, STRANGNAS],
        ]);
        const old = await getEvaluation(database.db, revisions[1]?.id ?? '');
        expect(old?.questions).toHaveLength(45);
        expect(old?.facts.interviews).toMatchObject({ text: 'ca 35' });
        expect(now?.facts.interviews).toMatchObject({ text: 'ca 36' });
        expect(await listEvaluations(database.db, { municipalityCode: '0486' })).toHaveLength(2);
      });
    },
    TIMEOUT,
  );

  it(
    'a batch with bad files stores the good ones, nothing of the bad ones, and exits 1',
    async () => {
      const { kompass, inspect, write } = await setUp(kind);
      const strangnas = seed(STRANGNAS);
      const row12 = '1.2\tInformerar invånarna om aktuella frågor i politiken?\t14\t20\t72%';
      expect(strangnas).toContain(row12);
      write('empty.txt', '');
      write('binary.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
      write('mangled.txt', strangnas.replace(row12, row12.replace('\t20\t', '\tx20\t')));
      write('above-max.txt', strangnas.replace(row12, row12.replace('\t14\t', '\t24\t')));
      write(
        'unknown-municipality.txt',
        strangnas.replaceAll('STRÄNGNÄS', 'GOTHAM').replaceAll('Strängnäs', 'Gotham'),
      );
      // Parses, but its comparison column (a year before any evaluation) breaks a constraint
      // after the evaluation itself was written: the file's transaction must take both back.
      write(
        'column-1980.txt',
        strangnas.replace('Strängnäs 2014\tSträngnäs 2016', 'Strängnäs 1980\tSträngnäs 2016'),
      );
      const files = [
        'empty.txt',
        UPPLANDS_BRO,
        'binary.txt',
        'mangled.txt',
        SODERTALJE,
        'above-max.txt',
        'unknown-municipality.txt',
        'column-1980.txt',
        APPLICATION,
        'missing.txt',
      ];
      const run = await kompass('import', ...files);
      expect(run.code).toBe(1);
      expect(run.err).toContain('[10/10] missing.txt …');
      expect(run.out).toContain('Reports: 3 imported, 0 unchanged, 0 replaced, 7 failed');
      const failures = run.err.split('\n').filter((line) => line.startsWith('  '));
      expect(failures).toHaveLength(7);
      expect(run.err).toContain('  empty.txt: the file is empty (expected');
      expect(run.err).toContain('  binary.txt:3: binary data, not text (a NUL byte)');
      expect(run.err).toMatch(/ {2}mangled\.txt:\d+: question 1\.2: the row .* cannot be read/);
      expect(run.err).toMatch(
        / {2}above-max\.txt:\d+: question 1\.2: 24 points is above its max 20 \(expected at most 20 points\)/,
      );
      expect(run.err).toMatch(
        / {2}unknown-municipality\.txt:\d+: the municipality "GOTHAM" is not in the register/,
      );
      expect(run.err).toMatch(
        / {2}column-1980\.txt:\d+: comparison "Strängnäs 1980": .*evaluations_year_check.* \(expected a year from 1990 to 2100\)/,
      );
      expect(run.err).toContain('  missing.txt: cannot read the file: no such file');
      expect(run.err).not.toMatch(/\n\s+at /); // no stack trace
      expect(run.err).toContain('kompass: 7 report files failed');

      await inspect(async (database) => {
        const stored = await listEvaluations(database.db, { includeSuperseded: true });
        expect(
          stored.map((e) => `${e.municipalityCode} ${String(e.year)} ${e.kind}`).sort(),
        ).toEqual(['0139 2011 full', '0181 2006 full', '0181 2009 self-assessment']);
        expect(await listReferenceSeries(database.db)).toEqual([]);
      });
    },
    TIMEOUT,
  );

  it(
    '--areas imports area-level history row by row, refusing bad rows with their line',
    async () => {
      const { kompass, inspect, write } = await setUp(kind);
      write(
        'history.csv',
        [
          'kommunkod,year,edition,area1,area2,area3,area4,area5,area6,area7,area8,total,source',
          '0486,2014,,54,49,77,55,58,37,60,49,437,"Strängnäs 2016, tabell 1"',
          '0181,2006,kk-2002,66,74.5,87.5,77,73,66,50,83,577,',
          '0486,2012,,50,50,50,50,50,50,50,30.5,400,',
          '9999,2014,,54,49,77,55,58,37,60,49,437,',
          '0139,2011,kk-1999,44,41,52,42,49,49,45,60,383,',
          '0139,2011,,44,41,152,42,49,49,45,60,483,',
          '0139,2011,,44,41,52,42,49,49,45,60',
          '0139,2011,,44,4l,52,42,49,49,45,60,383,',
        ].join('\n'),
      );
      const run = await kompass('import', '--areas', 'history.csv');
      expect(run.code).toBe(1);
      expect(run.out).toContain('Area rows: 2 imported, 0 unchanged, 0 replaced, 6 failed');
      expect(run.out).toContain(
        'line 2: imported Strängnäs (0486) 2014, kk-2010 (by year), total 437',
      );
      expect(run.err).toContain(
        'history.csv:4: total 400 differs from the sum of the areas 380.5 by more than rounding allows (±4)',
      );
      expect(run.err).toContain('history.csv:5: kommunkod "9999" is not in the register (expected');
      expect(run.err).toContain('history.csv:6: edition "kk-1999" is unknown (expected');
      expect(run.err).toContain('history.csv:7: area3 152 is outside 0–100 (expected');
      expect(run.err).toContain('history.csv:8: 11 columns (expected 13 columns');
      expect(run.err).toContain('history.csv:9: area2 "4l" is not a number (expected');
      expect(run.err).toContain('kompass: 6 area rows failed');

      const before = await inspect(async (database) => {
        const [strangnas] = await current(database, '0486', 2014);
        expect(strangnas).toMatchObject({
          kind: 'area-level',
          editionId: 'kk-2010',
          totalPrinted: 437,
          source: 'Strängnäs 2016, tabell 1',
        });
        const [sodertalje] = await current(database, '0181', 2006);
        expect(sodertalje?.areas.map((area) => area.score)).toEqual([
          66, 74.5, 87.5, 77, 73, 66, 50, 83,
        ]);
        return rowCounts(database);
      });
      expect(before.evaluations).toBe(2);

      const again = await kompass('import', '--areas', 'history.csv');
      expect(again.out).toContain('Area rows: 0 imported, 2 unchanged, 0 replaced, 6 failed');
      expect(await inspect(rowCounts)).toEqual(before);

      // The Strängnäs report prints the same 2014 figures: the row stored from the CSV stays.
      const report = await kompass('import', STRANGNAS);
      expect(report.code, report.err).toBe(0);
      expect(report.out).toContain('unchanged: "Strängnäs 2014"');
    },
    TIMEOUT,
  );

  it(
    '--json prints one object with every outcome',
    async () => {
      const { kompass } = await setUp(kind);
      const run = await kompass('import', '--json', STRANGNAS, 'nothing-here.txt');
      expect(run.code).toBe(1);
      const result = JSON.parse(run.out) as {
        reports: Array<{ file: string; status: string; evaluation?: { totalPrinted: number } }>;
        summary: { reports: Record<string, number> };
      };
      expect(result.reports.map((report) => [report.file, report.status])).toEqual([
        [STRANGNAS, 'imported'],
        ['nothing-here.txt', 'failed'],
      ]);
      expect(result.reports[0]?.evaluation?.totalPrinted).toBe(497);
      expect(result.summary.reports).toEqual({ imported: 1, unchanged: 0, replaced: 0, failed: 1 });
    },
    TIMEOUT,
  );
}

describe('kompass import [pglite]', () => declareTests('pglite'));
if (testDatabaseUrl()) {
  describe('kompass import [postgres]', () => declareTests('postgres'));
} else {
  describePostgresMissing('kompass import', () => declareTests('postgres'));
}
