/**
 * Brings a database up to date: applies the SQL migrations in `drizzle/` (the same files on
 * PGlite and PostgreSQL), then the reference data (the 290 municipalities) and the built-in
 * framework editions. Every step is idempotent: running it twice changes nothing the second time.
 */
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Edition } from '../domain/framework/index.ts';
import { loadBuiltInCatalogue } from '../frameworks/index.ts';
import { loadBuiltInGapMappings } from '../frameworks/gap-mappings.ts';
import { loadMunicipalities, type Municipality } from '../reference/municipalities.ts';
import type { Database, Db } from './client.ts';
import { syncBuiltInEditions } from './repositories/editions.ts';
import { seedGapMappings } from './repositories/gap-mappings.ts';
import { syncMunicipalities, type SyncCounts } from './repositories/municipalities.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle/', import.meta.url));
const MIGRATIONS_TABLE = { schema: 'drizzle', table: '__drizzle_migrations' };

/** Serialises concurrent `kompass migrate` runs against one PostgreSQL server. */
const MIGRATE_LOCK_KEY = 0x6b6f6d70; // "komp"

export interface MigrationsApplied {
  /** Migrations this run applied. */
  applied: number;
  /** Migrations the database holds now. */
  total: number;
  /** Migrations in the database that this version of Kompass does not know (a newer one ran). */
  unknown: number;
}

export interface MigrationReport {
  migrations: MigrationsApplied;
  municipalities: SyncCounts;
  editions: SyncCounts;
  /** Built-in gap mappings added (a stored one, perhaps an admin's, is never overwritten). */
  gapMappings: SyncCounts;
}

async function countApplied(db: Db): Promise<number> {
  const table = `${MIGRATIONS_TABLE.schema}.${MIGRATIONS_TABLE.table}`;
  const result = await db.execute(sql`select to_regclass(${table}) is not null as present`);
  const present = (result as unknown as { rows: Array<{ present: boolean }> }).rows[0]?.present;
  if (!present) return 0;
  const counted = await db.execute(
    sql`select count(*)::int as n from ${sql.identifier(MIGRATIONS_TABLE.schema)}.${sql.identifier(MIGRATIONS_TABLE.table)}`,
  );
  return Number((counted as unknown as { rows: Array<{ n: number | string }> }).rows[0]?.n ?? 0);
}

/**
 * Runs `fn` while holding a PostgreSQL advisory lock, so two processes migrating one server take
 * turns. PGlite needs none: its folder lock already keeps other processes out.
 */
async function withMigrationLock<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  if (database.kind === 'pglite') return fn();
  const connection = await database.client.connect();
  try {
    await connection.query('select pg_advisory_lock($1)', [MIGRATE_LOCK_KEY]);
    try {
      return await fn();
    } finally {
      await connection.query('select pg_advisory_unlock($1)', [MIGRATE_LOCK_KEY]);
    }
  } finally {
    connection.release();
  }
}

async function runMigrator(database: Database): Promise<void> {
  const config = {
    migrationsFolder: MIGRATIONS_FOLDER,
    migrationsSchema: MIGRATIONS_TABLE.schema,
    migrationsTable: MIGRATIONS_TABLE.table,
  };
  if (database.kind === 'pglite') {
    await migratePglite(drizzlePglite({ client: database.client }), config);
  } else {
    await migratePostgres(drizzlePostgres({ client: database.client }), config);
  }
}

async function applyPending(database: Database): Promise<MigrationsApplied> {
  const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
  const before = await countApplied(database.db);
  await runMigrator(database);
  const after = await countApplied(database.db);
  return { applied: after - before, total: after, unknown: Math.max(0, after - known) };
}

/** Applies the pending SQL migrations (all in one transaction) and says how many it applied. */
export async function applyMigrations(database: Database): Promise<MigrationsApplied> {
  return withMigrationLock(database, () => applyPending(database));
}

export interface MigrateOptions {
  /** The municipality register; defaults to `reference/municipalities.csv`. */
  municipalities?: readonly Municipality[];
  /** The built-in framework catalogue; defaults to `frameworks/*.json`. */
  editions?: readonly Edition[];
}

/** Migrations, then reference data, then built-in editions. */
export async function migrateDatabase(
  database: Database,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  // Load (and validate) the data first: a broken framework file stops before anything changes.
  const register = options.municipalities ?? loadMunicipalities();
  const catalogue = options.editions ?? loadBuiltInCatalogue();
  // Only mappings between editions this catalogue holds (a test may pass a smaller one).
  const mappings = loadBuiltInGapMappings(loadBuiltInCatalogue()).filter((mapping) =>
    [mapping.selfAssessmentEdition, mapping.edition].every((id) =>
      catalogue.some((edition) => edition.id === id),
    ),
  );
  return withMigrationLock(database, async () => {
    const migrations = await applyPending(database);
    const municipalities = await syncMunicipalities(database.db, register);
    const editions = await syncBuiltInEditions(database.db, catalogue);
    const gapMappings = await seedGapMappings(database.db, mappings);
    return { migrations, municipalities, editions, gapMappings };
  });
}
