/**
 * Opens the database: PostgreSQL when `DATABASE_URL` is set, otherwise the embedded PGlite in the
 * data folder (`./data`, or `KOMPASS_DATA_DIR`). Both give the same drizzle API over one schema.
 * Always `close()` what you open (PGlite keeps Node alive and holds the folder's lock).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { StorageError } from './errors.ts';
import { acquireDataDirLock } from './lock.ts';
import * as schema from './schema.ts';
import { wholeNumberSetting } from '../env-settings.ts';

export type Schema = typeof schema;

/** The drizzle handle repositories take first; a transaction (`tx`) is one too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = 'pglite' | 'postgres';

interface DatabaseCommon {
  db: Db;
  /** Where the data lives: the data folder, ":memory:", or the URL without its password. */
  location: string;
  /** Closes the connection(s) and releases the folder lock. Safe to call twice. */
  close(): Promise<void>;
}

export type Database = DatabaseCommon &
  ({ kind: 'pglite'; client: PGlite } | { kind: 'postgres'; client: pg.Pool });

/** Environment and working folder, as the CLI's `CliIo` carries them. */
export interface OpenDatabaseOptions {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** Every extension the migrations create; PGlite must be given them at every open. */
export const PGLITE_EXTENSIONS = { pg_trgm, unaccent };

export const DEFAULT_DATA_DIR = 'data';

/** The embedded database's folder: `KOMPASS_DATA_DIR` (relative to `cwd`) or `./data`. */
export function resolveDataDir(options: OpenDatabaseOptions): string {
  const configured = options.env.KOMPASS_DATA_DIR?.trim();
  return resolve(options.cwd, configured ? configured : DEFAULT_DATA_DIR);
}

/**
 * Opens PostgreSQL when `DATABASE_URL` is set, else the embedded database (locked against other
 * processes: a second opener gets DatabaseInUseError).
 *
 * @example
 * const database = await openDatabase({ env: process.env, cwd: process.cwd() });
 * try {
 *   console.log(await countMunicipalities(database.db));
 * } finally {
 *   await database.close();
 * }
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const url = options.env.DATABASE_URL?.trim();
  if (url) {
    const setting = (name: string, fallback: number) =>
      wholeNumberSetting(
        options.env,
        name,
        fallback,
        (message) => new StorageError('invalid-value', message),
      );
    return openPostgres(url, setting('KOMPASS_DB_POOL_SIZE', DEFAULT_POOL_SIZE), {
      waitMs: setting('KOMPASS_DB_WAIT_MS', DEFAULT_DB_WAIT_MS),
    });
  }
  return openPgliteDir(resolveDataDir(options), options.cwd);
}

/** Opens (creating if needed) the embedded database in `dir`, holding the folder's lock. */
export async function openPgliteDir(dir: string, cwd: string = process.cwd()): Promise<Database> {
  mkdirSync(dir, { recursive: true });
  const lock = acquireDataDirLock(dir, cwd);
  try {
    const client = await PGlite.create({ dataDir: dir, extensions: PGLITE_EXTENSIONS });
    return wrapPglite(client, dir, () => lock.release());
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** An in-memory PGlite, empty or loaded from a `dumpDataDir()` tarball (tests, benchmarks). */
export async function openPgliteMemory(dump?: Blob): Promise<Database> {
  const client = await PGlite.create({
    extensions: PGLITE_EXTENSIONS,
    ...(dump ? { loadDataDir: dump } : {}),
  });
  return wrapPglite(client, ':memory:');
}

function wrapPglite(client: PGlite, location: string, afterClose?: () => void): Database {
  const db: Db = drizzlePglite({ client, schema });
  let closing: Promise<void> | undefined;
  return {
    kind: 'pglite',
    client,
    db,
    location,
    close() {
      closing ??= client.close().finally(() => afterClose?.());
      return closing;
    },
  };
}

/** The URL with its password replaced, safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '*****';
    return parsed.toString();
  } catch {
    return '(DATABASE_URL is not a valid URL)';
  }
}

/** Connections the PostgreSQL pool opens at most (`KOMPASS_DB_POOL_SIZE`). */
export const DEFAULT_POOL_SIZE = 10;
/**
 * How long a query waits for a free pooled connection before it fails as unavailable (the web
 * answers 503 with Retry-After): under overload a request is refused in seconds instead of
 * queueing until its client has given up (`KOMPASS_DB_WAIT_MS`).
 */
export const DEFAULT_DB_WAIT_MS = 5000;

export interface PostgresOptions {
  /** Milliseconds a query waits for a pooled connection; 0 waits for ever (the default here). */
  waitMs?: number;
}

/** Connects a pool to PostgreSQL and checks the server answers before returning. */
export async function openPostgres(
  url: string,
  poolSize = DEFAULT_POOL_SIZE,
  options: PostgresOptions = {},
): Promise<Database> {
  const location = redactUrl(url);
  let pool: pg.Pool;
  try {
    // JIT off: the app's queries are short, and a query the planner over-estimates gets
    // JIT-compiled for far longer than it runs (bench:load saw ~0.9 s of compiling for a ~30 ms
    // query on 5,000 evaluations). A URL's own `options` parameter still wins.
    pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      connectionTimeoutMillis: options.waitMs ?? 0,
      options: '-c jit=off',
    });
  } catch (error) {
    throw new StorageError(
      'invalid-value',
      `DATABASE_URL (${location}) is not usable: ${(error as Error).message}; ` +
        'expected e.g. postgres://user@localhost:5432/kompass',
      { cause: error },
    );
  }
  // An idle client that loses its connection is dropped by the pool; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    const connection = await pool.connect();
    connection.release();
  } catch (error) {
    await pool.end();
    throw new StorageError(
      'unavailable',
      `cannot connect to the PostgreSQL server in DATABASE_URL (${location}): ` +
        `${(error as Error).message}; start the server, fix DATABASE_URL, ` +
        'or unset it to use the embedded database',
      { cause: error },
    );
  }
  const db: Db = drizzlePostgres({ client: pool, schema });
  let closing: Promise<void> | undefined;
  return {
    kind: 'postgres',
    client: pool,
    db,
    location,
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}
