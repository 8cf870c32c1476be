/**
 * Integrity checks after a crash: consistency queries that hold for every database Kompass
 * writes (same SQL on PGlite and PostgreSQL), plus PostgreSQL's amcheck on every B-tree index
 * when the extension can be created, and a full read of every table (a damaged page fails it).
 * Each check returns the rows that break it; an empty list is a pass.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';

export interface Violation {
  check: string;
  rows: unknown[];
}

/** Name → query returning one row per violation (at most 20). */
export const CONSISTENCY_CHECKS: Record<string, SQL> = {
  // Revisions: a replaced revision is superseded by exactly one newer one, and every link holds.
  'a non-current evaluation is superseded by a newer revision': sql`
    select e.id from evaluations e
    where not e.current
      and not exists (select 1 from evaluations n where n.supersedes_id = e.id)
    limit 20`,
  'a superseded evaluation exists and is no longer current': sql`
    select n.id, n.supersedes_id from evaluations n
    left join evaluations o on o.id = n.supersedes_id
    where n.supersedes_id is not null and (o.id is null or o.current)
    limit 20`,
  'a newer revision has the next revision number': sql`
    select n.id from evaluations n join evaluations o on o.id = n.supersedes_id
    where n.revision <> o.revision + 1
    limit 20`,
  // Whole evaluations: a published full or area-level evaluation has a score for every area of
  // its edition, and a full one has its question scores.
  'a published evaluation has a score for every area of its edition': sql`
    select e.id, e.edition_id,
      (select count(*) from area_scores a where a.evaluation_id = e.id) as areas,
      jsonb_array_length(ed.definition -> 'areas') as expected
    from evaluations e join editions ed on ed.id = e.edition_id
    where e.status = 'published' and e.kind in ('full', 'area-level')
      and (select count(*) from area_scores a where a.evaluation_id = e.id)
        <> jsonb_array_length(ed.definition -> 'areas')
    limit 20`,
  'a published full evaluation of an edition with scored questions has its question scores': sql`
    select e.id from evaluations e join editions ed on ed.id = e.edition_id
    where e.status = 'published' and e.kind = 'full'
      and e.edition_id in ('kk-2010', 'kk-2016')
      and not exists (select 1 from question_scores q where q.evaluation_id = e.id)
    limit 20`,
  // Totals: an area's stored score is the sum of its exact question points, where every
  // question of the area that is stored has points.
  'an area score is the sum of its question points': sql`
    select a.evaluation_id, a.area_number, a.score, sums.total
    from area_scores a
    join (
      select q.evaluation_id, split_part(q.question_id, '.', 1)::int as area_number,
        sum(q.points) as total, bool_and(q.points is not null) as complete
      from question_scores q
      group by q.evaluation_id, split_part(q.question_id, '.', 1)::int
    ) sums on sums.evaluation_id = a.evaluation_id and sums.area_number = a.area_number
    where sums.complete and abs(a.score - sums.total) > 0.0001
    limit 20`,
  // Audit: an entry about an evaluation names one that exists, and the newest entry about a
  // question's points or justification holds the value stored.
  'an audit entry names an evaluation that exists': sql`
    select l.id, l.evaluation_id from audit_log l
    where l.evaluation_id is not null
      and not exists (select 1 from evaluations e where e.id = l.evaluation_id)
    limit 20`,
  'the newest audit entry of a question score holds the stored value': sql`
    select latest.entity_id, latest.field, latest.new_value, q.points, q.justification
    from (
      select distinct on (l.entity_id, l.field) l.entity_id, l.field, l.new_value, l.evaluation_id
      from audit_log l
      where l.entity_type = 'question_score' and l.field in ('points', 'justification')
      order by l.entity_id, l.field, l.id desc
    ) latest
    left join question_scores q
      on q.evaluation_id = latest.evaluation_id
     and latest.entity_id = q.evaluation_id::text || '/' || q.question_id
    where (latest.field = 'points'
           and (q.points is distinct from (latest.new_value #>> '{}')::numeric))
       or (latest.field = 'justification'
           and (q.justification is distinct from (latest.new_value #>> '{}')))
    limit 20`,
  'a question score with a justification was audited': sql`
    select q.evaluation_id, q.question_id from question_scores q
    join evaluations e on e.id = q.evaluation_id
    where e.status = 'draft' and q.justification is not null
      and not exists (
        select 1 from audit_log l
        where l.entity_type = 'question_score'
          and l.entity_id = q.evaluation_id::text || '/' || q.question_id)
    limit 20`,
};

function rowsOf(result: unknown): unknown[] {
  return (result as { rows: unknown[] }).rows;
}

/** Runs every consistency check; returns the violations (none: consistent). */
export async function consistencyViolations(database: Database): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const [check, query] of Object.entries(CONSISTENCY_CHECKS)) {
    const rows = rowsOf(await database.db.execute(query));
    if (rows.length > 0) violations.push({ check, rows });
  }
  return violations;
}

/**
 * Reads every row of every table of the public schema (a damaged heap page or TOAST chunk
 * fails the read) and returns the row counts.
 */
export async function readEveryTable(database: Database): Promise<Record<string, number>> {
  const tables = rowsOf(
    await database.db.execute(
      sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
    ),
  ) as { tablename: string }[];
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    const identifier = sql.identifier(tablename);
    // md5 of the whole row forces every column (and its TOAST) to be read.
    const [row] = rowsOf(
      await database.db.execute(
        sql`select count(*)::int as n, count(md5(t::text))::int as read from ${identifier} t`,
      ),
    ) as { n: number; read: number }[];
    counts[tablename] = row?.n ?? 0;
  }
  return counts;
}

/**
 * PostgreSQL only: `bt_index_check` (amcheck) on every B-tree index of the public schema, with
 * `heapallindexed` (every heap tuple has its index entry). Returns the number of indexes checked,
 * or undefined when amcheck is not available (not installed, or no right to create it). Throws
 * when an index is damaged.
 */
export async function amcheckIndexes(database: Database): Promise<number | undefined> {
  if (database.kind !== 'postgres') return undefined;
  try {
    await database.db.execute(sql`create extension if not exists amcheck`);
  } catch {
    return undefined;
  }
  const indexes = rowsOf(
    await database.db.execute(sql`
      select c.oid::int as oid, c.relname from pg_index i
      join pg_class c on c.oid = i.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_am am on am.oid = c.relam
      where n.nspname = 'public' and am.amname = 'btree' and c.relpersistence <> 't'`),
  ) as { oid: number; relname: string }[];
  for (const index of indexes) {
    await database.db.execute(sql`select bt_index_check(${index.oid}::oid, true)`);
  }
  return indexes.length;
}
