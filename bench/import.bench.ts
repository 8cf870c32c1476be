/**
 * Import throughput on an in-memory PGlite (migrated from the test template): storing the four
 * seed reports (parse + one transaction each), importing them again (unchanged: hash lookup, no
 * parse, no write) and storing a corrected Strängnäs as a new revision (--replace) over and over.
 */
import { readFileSync } from 'node:fs';
import { openPgliteMemory, type Database } from '../src/db/client.ts';
import { listEditions } from '../src/db/repositories/editions.ts';
import { ensurePgliteTemplate, readPgliteTemplate } from '../src/db/test-templates.ts';
import { loadMunicipalities } from '../src/reference/municipalities.ts';
import { importReport, type ImportReportOutcome } from '../src/use-cases/import-report.ts';

interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

const SEEDS = [
  'kommunkompassen-sodertalje-2006.txt',
  'kommunkompassen-upplands-bro-2011.txt',
  'kommunkompassen-strangnas-2016.txt',
  'sodertalje-kvalitetskommun-ansokan-2009.txt',
];
const REPLACEMENTS = 20;

const seedBytes = (name: string) =>
  readFileSync(new URL(`../../shared/seeds/${name}`, import.meta.url));

async function importAll(
  database: Database,
  files: ReadonlyArray<{ name: string; bytes: Uint8Array }>,
  replace = false,
): Promise<{ ms: number; outcomes: ImportReportOutcome[] }> {
  const editions = (await listEditions(database.db)).map((edition) => edition.definition);
  const municipalities = loadMunicipalities();
  const outcomes: ImportReportOutcome[] = [];
  const started = performance.now();
  for (const file of files) {
    outcomes.push(
      await importReport({
        db: database.db,
        bytes: file.bytes,
        source: file.name,
        editions,
        municipalities,
        replace,
      }),
    );
  }
  return { ms: performance.now() - started, outcomes };
}

function expectAll(outcomes: readonly ImportReportOutcome[], status: string): void {
  const wrong = outcomes.filter((outcome) => outcome.status !== status);
  if (wrong.length > 0) throw new Error(`expected every import ${status}, got ${wrong[0]?.status}`);
}

export async function run(): Promise<BenchFigure[]> {
  const database = await openPgliteMemory(readPgliteTemplate(await ensurePgliteTemplate()));
  try {
    const seeds = SEEDS.map((name) => ({ name, bytes: seedBytes(name) }));
    const first = await importAll(database, seeds);
    expectAll(first.outcomes, 'imported');
    const again = await importAll(database, seeds);
    expectAll(again.outcomes, 'unchanged');

    const strangnas = seedBytes('kommunkompassen-strangnas-2016.txt').toString('utf8');
    const corrections = Array.from({ length: REPLACEMENTS }, (_, index) => ({
      name: `strangnas-${String(index)}.txt`,
      bytes: Buffer.from(`${strangnas}\n${'\n'.repeat(index + 1)}`),
    }));
    const replaced = await importAll(database, corrections, true);
    expectAll(replaced.outcomes, 'replaced');

    return [
      { name: 'pglite: import the 4 seeds (parse + store)', value: first.ms, unit: 'ms' },
      { name: 'pglite: import', value: (SEEDS.length * 1000) / first.ms, unit: 'reports/s' },
      {
        name: 'pglite: import again (unchanged)',
        value: (SEEDS.length * 1000) / again.ms,
        unit: 'reports/s',
      },
      {
        name: 'pglite: --replace Strängnäs 2016 (new revision)',
        value: replaced.ms / REPLACEMENTS,
        unit: 'ms/report',
      },
    ];
  } finally {
    await database.close();
  }
}
