/**
 * Test helpers: a storage test runs against PGlite always and against PostgreSQL too when
 * `DATABASE_URL` is set. Each test gets a fresh database cloned from a migrated, seeded template
 * (built once by `test/db-global-setup.ts`). Without `DATABASE_URL` the PostgreSQL run shows as
 * skipped, except under `CI=true`, where it fails: CI must not skip it silently.
 *
 * @example
 * describeDatabases('municipalities', (getDb) => {
 *   it('has 290', async () => {
 *     expect(await countMunicipalities(getDb().db)).toBe(290);
 *   });
 * });
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, inject, it } from 'vitest';
import type { Edition } from '../domain/framework/index.ts';
import { openPgliteMemory, openPostgres, type Database, type DatabaseKind } from './client.ts';
import { addCustomEdition, getEdition } from './repositories/editions.ts';
import type { NewEvaluation } from './repositories/evaluations.ts';
import {
  clonePostgresTemplate,
  ensurePgliteTemplate,
  ensurePostgresTemplate,
  fillDataDir,
  readPgliteTemplate,
  removeDir,
} from './test-templates.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the PGlite template tarball (set by test/db-global-setup.ts). */
    kompassPgliteTemplate: string | undefined;
    /** Name of the PostgreSQL template database, when DATABASE_URL is set. */
    kompassPostgresTemplate: string | undefined;
  }
}

/** A database for one test; `dispose()` closes and removes it. */
export interface TestDatabase {
  database: Database;
  /** Environment that points `openDatabase` (e.g. a CLI run) at this same database. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

const safeInject = <K extends 'kompassPgliteTemplate' | 'kompassPostgresTemplate'>(key: K) => {
  try {
    return inject(key);
  } catch {
    return undefined; // not running under vitest's globalSetup
  }
};

let pgliteTemplate: Promise<Blob> | undefined;
function pgliteTemplateBlob(): Promise<Blob> {
  pgliteTemplate ??= (async () =>
    readPgliteTemplate(safeInject('kompassPgliteTemplate') ?? (await ensurePgliteTemplate())))();
  return pgliteTemplate;
}

let postgresTemplate: Promise<string> | undefined;
function postgresTemplateName(adminUrl: string): Promise<string> {
  postgresTemplate ??= (async () =>
    safeInject('kompassPostgresTemplate') ?? (await ensurePostgresTemplate(adminUrl)))();
  return postgresTemplate;
}

/** The PostgreSQL server tests use, or undefined when `DATABASE_URL` is not set. */
export function testDatabaseUrl(): string | undefined {
  return process.env.DATABASE_URL?.trim() || undefined;
}

/** A fresh in-memory PGlite, migrated and seeded. */
export async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const database = await openPgliteMemory(await pgliteTemplateBlob());
  return { database, env: {}, dispose: () => database.close() };
}

/** A fresh PostgreSQL database cloned from the template; dropped by `dispose()`. */
export async function createPostgresTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const clone = await clonePostgresTemplate(adminUrl, await postgresTemplateName(adminUrl));
  try {
    const database = await openPostgres(clone.url, 4);
    return {
      database,
      env: { DATABASE_URL: clone.url },
      dispose: async () => {
        await database.close();
        await clone.drop();
      },
    };
  } catch (error) {
    await clone.drop();
    throw error;
  }
}

/**
 * A migrated, seeded database that a separate opener (a CLI command, a child process) can reach
 * through `env`: a fresh PGlite data folder (`KOMPASS_DATA_DIR`), or with `kind: 'postgres'` a
 * fresh PostgreSQL database (`DATABASE_URL`). Nothing is open: `database` is not set.
 */
export async function createTestEnv(
  kind: DatabaseKind,
): Promise<{ env: Record<string, string>; dispose(): Promise<void> }> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'kompass-data-'));
    await fillDataDir(dir, await pgliteTemplateBlob());
    return { env: { KOMPASS_DATA_DIR: dir }, dispose: async () => removeDir(dir) };
  }
  const adminUrl = testDatabaseUrl();
  if (!adminUrl) throw new Error('createTestEnv("postgres") needs DATABASE_URL');
  const clone = await clonePostgresTemplate(adminUrl, await postgresTemplateName(adminUrl));
  return { env: { DATABASE_URL: clone.url }, dispose: clone.drop };
}

/**
 * Declares the suite `name` once per database kind: "[pglite]" always, "[postgres]" when
 * `DATABASE_URL` is set (skipped visibly otherwise; failing when `CI=true`). `getDb()` returns
 * the current test's fresh database.
 */
export function describeDatabases(
  name: string,
  body: (getDb: () => Database) => void,
  options: DescribeDatabasesOptions = {},
): void {
  describe(`${name} [pglite]`, () => {
    declareWithFreshDatabase(body, createPgliteTestDatabase, options);
  });
  const url = testDatabaseUrl();
  if (url) {
    describe(`${name} [postgres]`, () => {
      declareWithFreshDatabase(body, () => createPostgresTestDatabase(url), options);
    });
  } else {
    describePostgresMissing(name, () => {
      body(() => {
        throw new Error('skipped');
      });
    });
  }
}

/**
 * For a suite that needs PostgreSQL when `DATABASE_URL` is not set: shows `body`'s tests as
 * skipped, or under `CI=true` declares one failing test, so CI cannot skip PostgreSQL silently.
 */
export function describePostgresMissing(name: string, body: () => void = () => undefined): void {
  if (process.env.CI === 'true') {
    describe(`${name} [postgres]`, () => {
      it('runs against PostgreSQL', () => {
        throw new Error(
          'CI=true but DATABASE_URL is not set, so the PostgreSQL half of this suite cannot run; ' +
            'start a server and set DATABASE_URL (see .ci/run)',
        );
      });
    });
  } else {
    describe.skip(`${name} [postgres] (skipped: set DATABASE_URL to run)`, () => {
      it('needs DATABASE_URL', () => undefined);
      body();
    });
  }
}

export interface DescribeDatabasesOptions {
  /**
   * One database for the whole suite instead of one per test: only for suites whose tests
   * write nothing (a PGlite clone costs ~1 s).
   */
  shared?: boolean;
}

function declareWithFreshDatabase(
  body: (getDb: () => Database) => void,
  create: () => Promise<TestDatabase>,
  options: DescribeDatabasesOptions,
): void {
  let current: TestDatabase | undefined;
  const open = async () => {
    current = await create();
  };
  const close = async () => {
    const done = current;
    current = undefined;
    await done?.dispose();
  };
  if (options.shared) {
    beforeAll(open);
    afterAll(close);
  } else {
    beforeEach(open);
    afterEach(close);
  }
  body(() => {
    if (!current) throw new Error('getDb() is only available inside a test (it, beforeEach)');
    return current.database;
  });
}

/** A small edition for tests: 8 areas of 100 points, two questions each (60 + 40). */
export function testEdition(id = 'test-2010'): Edition {
  return {
    schemaVersion: 1,
    id,
    name: `Testutgåva ${id}`,
    kind: 'kommunkompassen',
    years: { from: 2010, to: 2015 },
    areas: Array.from({ length: 8 }, (_, index) => ({
      number: index + 1,
      name: `Område ${index + 1}`,
      headings: [],
      questions: [
        { id: `${index + 1}.1`, text: `Fråga ${index + 1}.1`, max: 60 },
        { id: `${index + 1}.2`, text: `Fråga ${index + 1}.2`, max: 40 },
      ],
    })),
  } as Edition;
}

/** Adds `testEdition(id)` unless it is there already; returns its id. */
export async function ensureTestEdition(database: Database, id = 'test-2010'): Promise<string> {
  if (!(await getEdition(database.db, id))) await addCustomEdition(database.db, testEdition(id));
  return id;
}

/**
 * A complete evaluation input for the test edition: 8 areas, 16 questions, 2 findings per area.
 * Fields given in `overrides` replace the defaults.
 */
export function buildEvaluation(overrides: Partial<NewEvaluation> = {}): NewEvaluation {
  const areas = Array.from({ length: 8 }, (_, index) => index + 1);
  return {
    municipalityCode: '0486',
    year: 2012,
    editionId: 'test-2010',
    kind: 'full',
    source: 'test',
    areas: areas.map((number) => ({ number, score: 50 + number, printed: 50 + number })),
    questions: areas.flatMap((number) => [
      { id: `${number}.1`, points: 30 + number / 2, percentPrinted: 50 },
      { id: `${number}.2`, points: 20 + number / 2, percentPrinted: 50 },
    ]),
    findings: areas.flatMap((area) => [
      { area, kind: 'strength' as const, text: `Styrka i område ${area}` },
      { area, kind: 'improvement' as const, text: `Förbättring i område ${area}` },
    ]),
    ...overrides,
  };
}
