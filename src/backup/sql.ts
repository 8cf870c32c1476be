/** SQL helpers the export and the restore share. */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/** Rows of a raw query, the same on PGlite and node-postgres. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Fixes how values print as text inside the current transaction, so an archive does not depend
 * on the server's settings: UTC, ISO dates.
 */
export async function setTextStyle(tx: Db): Promise<void> {
  await tx.execute(sql`set local timezone = 'UTC'`);
  await tx.execute(sql`set local datestyle = 'ISO, YMD'`);
  await tx.execute(sql`set local intervalstyle = 'postgres'`);
}

/** The database's migration level: the hash of each applied migration, oldest first. */
export async function migrationHashes(db: Db): Promise<string[]> {
  const present = await rowsOf<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!present[0]?.present) return [];
  const rows = await rowsOf<{ hash: string }>(
    db,
    sql`select hash from drizzle.__drizzle_migrations order by id`,
  );
  return rows.map((row) => row.hash);
}

export const identifier = (name: string) => sql.identifier(name);
