/**
 * A snapshot of the whole database for "nothing changed" checks: per table, its row count and an
 * md5 of every row (as JSON, in a fixed order), in one query per table on PGlite and PostgreSQL.
 *
 * Left out on purpose, because requests that change nothing of substance still touch them: a
 * session's `last_seen_at` (every signed-in request), and the sign-in failure counters and locks
 * (a refused password counts towards the lockout, as it must).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';

const VOLATILE: Record<string, readonly string[] | 'whole table'> = {
  sessions: ['last_seen_at'],
  users: ['failed_sign_ins', 'locked_until'],
  sign_in_throttle: 'whole table',
};

export type Snapshot = Map<string, { rows: number; hash: string }>;

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

let tableNames: Promise<string[]> | undefined;

async function tablesOf(db: Db): Promise<string[]> {
  const found = await rows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return found.map((row) => row.name).filter((name) => VOLATILE[name] !== 'whole table');
}

/** Row counts and content hashes of every table in the public schema, in one query. */
export async function snapshot(db: Db): Promise<Snapshot> {
  // The schema is the same for every test database of a run: read the names once.
  tableNames ??= tablesOf(db);
  const names = await tableNames;
  const selects = names.map((name) => {
    const volatile = VOLATILE[name];
    const drop = Array.isArray(volatile) ? volatile : [];
    const row =
      drop.length === 0
        ? `(to_jsonb(t))`
        : `(to_jsonb(t) - array[${drop.map((column) => `'${column}'`).join(',')}]::text[])`;
    return (
      `select '${name}' as name, count(*)::int as rows, ` +
      `md5(coalesce(string_agg(md5(${row}::text), '' order by md5(${row}::text)), '')) as hash ` +
      `from "${name}" t`
    );
  });
  const found = await rows<{ name: string; rows: number; hash: string }>(
    db,
    sql.raw(selects.join(' union all ')),
  );
  return new Map(found.map((row) => [row.name, { rows: row.rows, hash: row.hash }]));
}

/** The tables whose rows or content differ between two snapshots, e.g. "findings: 16 → 17 rows". */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const changed: string[] = [];
  for (const [name, was] of before) {
    const now = after.get(name);
    if (!now) changed.push(`${name}: gone`);
    else if (now.rows !== was.rows)
      changed.push(`${name}: ${String(was.rows)} → ${String(now.rows)} rows`);
    else if (now.hash !== was.hash) changed.push(`${name}: content changed`);
  }
  for (const name of after.keys()) if (!before.has(name)) changed.push(`${name}: new`);
  return changed;
}

/**
 * A cheap mark of "has anything been written": the next transaction id to be assigned. Reading
 * assigns none, so an unchanged mark means no transaction wrote anything since (on PostgreSQL
 * other databases of the cluster move it too: a changed mark only means "compare snapshots").
 */
export async function writeMark(db: Db): Promise<string> {
  const [row] = await rows<{ mark: string }>(
    db,
    sql`select pg_snapshot_xmax(pg_current_snapshot())::text as mark`,
  );
  return row?.mark ?? '';
}
