/**
 * Storage figures: opening the database, and a full evaluation round-trip (45 question scores,
 * 8 area scores and 40 findings written in one transaction, then read back whole) on PGlite, and
 * on PostgreSQL when DATABASE_URL is set (in a throwaway database on that server).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPgliteDir, openPostgres, type Database } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import {
  createEvaluation,
  getEvaluation,
  type NewEvaluation,
} from '../src/db/repositories/evaluations.ts';
import { clonePostgresTemplate, removeDir } from '../src/db/test-templates.ts';
import { loadBuiltInCatalogue } from '../src/frameworks/index.ts';
import { loadMunicipalities } from '../src/reference/municipalities.ts';

interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

const ROUND_TRIPS = 100;
const WARM_UP = 5;

/** A full kk-2010 evaluation: every question scored, 5 findings per area. */
function evaluationInput(municipalityCode: string, year: number): NewEvaluation {
  const edition = loadBuiltInCatalogue().find((candidate) => candidate.id === 'kk-2010');
  if (!edition) throw new Error('bench needs the built-in edition kk-2010');
  const questions = edition.areas.flatMap((area) => area.questions);
  if (questions.length !== 45)
    throw new Error(`kk-2010 has ${String(questions.length)} questions, expected 45`);
  return {
    municipalityCode,
    year,
    editionId: edition.id,
    kind: 'full',
    status: 'published',
    source: 'bench',
    areas: edition.areas.map((area) => ({ number: area.number, score: 62.75, printed: 63 })),
    questions: questions.map((question) => ({
      id: question.id,
      points: (question.max ?? 10) * 0.625,
      achievedPrinted: Math.round((question.max ?? 10) * 0.625),
      maxPrinted: question.max,
      percentPrinted: 62.5,
      justification: 'Underlag: styrdokument och intervjuer.',
    })),
    findings: edition.areas.flatMap((area) =>
      Array.from({ length: 5 }, (_, index) => ({
        area: area.number,
        kind: index < 3 ? ('strength' as const) : ('improvement' as const),
        text: `Iakttagelse ${String(index + 1)} inom område ${String(area.number)}.`,
      })),
    ),
  };
}

async function roundTrips(database: Database, label: string): Promise<BenchFigure[]> {
  const codes = loadMunicipalities().map((municipality) => municipality.code);
  let next = 0;
  const once = async () => {
    const code = codes[next % codes.length] ?? '0486';
    const year = 2010 + Math.floor(next / codes.length);
    next += 1;
    const created = await createEvaluation(database.db, evaluationInput(code, year));
    const read = await getEvaluation(database.db, created.id);
    if (read?.questions.length !== 45 || read.findings.length !== 40) {
      throw new Error('the round-trip lost rows');
    }
  };
  for (let i = 0; i < WARM_UP; i += 1) await once();
  const started = performance.now();
  for (let i = 0; i < ROUND_TRIPS; i += 1) await once();
  const msPerOp = (performance.now() - started) / ROUND_TRIPS;
  return [
    {
      name: `${label}: evaluation round-trip (write 93 rows + read back)`,
      value: 1000 / msPerOp,
      unit: 'ops/s',
    },
    { name: `${label}: evaluation round-trip`, value: msPerOp, unit: 'ms/op' },
  ];
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, performance.now() - started];
}

async function pgliteFigures(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kompass-bench-'));
  try {
    const [created, createMs] = await timed(async () => {
      const database = await openPgliteDir(dir);
      await migrateDatabase(database);
      return database;
    });
    await created.close();
    const [database, openMs] = await timed(() => openPgliteDir(dir));
    try {
      return [
        { name: 'pglite: create + migrate a new data folder', value: createMs, unit: 'ms' },
        { name: 'pglite: open an existing data folder', value: openMs, unit: 'ms' },
        ...(await roundTrips(database, 'pglite')),
      ];
    } finally {
      await database.close();
    }
  } finally {
    removeDir(dir);
  }
}

async function postgresFigures(url: string): Promise<BenchFigure[]> {
  const clone = await clonePostgresTemplate(url, 'template0');
  try {
    const setup = await openPostgres(clone.url, 2);
    const [, migrateMs] = await timed(() => migrateDatabase(setup));
    await setup.close();
    const [database, openMs] = await timed(() => openPostgres(clone.url));
    try {
      return [
        { name: 'postgres: migrate an empty database', value: migrateMs, unit: 'ms' },
        { name: 'postgres: open (pool + first connection)', value: openMs, unit: 'ms' },
        ...(await roundTrips(database, 'postgres')),
      ];
    } finally {
      await database.close();
    }
  } finally {
    await clone.drop();
  }
}

export async function run(): Promise<BenchFigure[]> {
  const figures = await pgliteFigures();
  const url = process.env.DATABASE_URL?.trim();
  if (url) figures.push(...(await postgresFigures(url)));
  return figures;
}
