/**
 * Restores a backup archive (./format.ts, docs/backup.md) in ONE transaction: anything wrong
 * (a corrupt, truncated or foreign file, another format or migration level, a row the database
 * refuses) rolls everything back and is reported as a BackupError that says what and how to
 * proceed.
 *
 * Modes:
 * - `none` (the default): the database must hold no data of its own (freshly migrated: only the
 *   municipality register and the built-in editions, which the archive's rows replace). Every
 *   row is inserted as it was, identity values included; the audit log's sequence then moves
 *   past the largest id.
 * - `skip-existing`: inserts only the rows whose primary key is absent, and audit entries that
 *   are not already there (same time, actor, action, entity and values), with new ids.
 *
 * Users restored from an archive without password hashes have none and must set a password
 * (`must_change_password`). The restore is audited (`backup.restore`, no actor).
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import { pgErrorOf } from '../db/errors.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  headerSchema,
  isBytea,
  rowLineSchema,
  trailerSchema,
  type BackupHeader,
} from './format.ts';
import { identifier, migrationHashes, rowsOf, setTextStyle } from './sql.ts';
import { backupTables, SEED_TABLES, type BackupTable } from './tables.ts';

export const MERGE_MODES = ['none', 'skip-existing'] as const;
export type MergeMode = (typeof MERGE_MODES)[number];

export interface RestoreOptions {
  /** The archive to read. */
  file: string;
  merge?: MergeMode;
}

export interface RestoreSummary {
  mode: MergeMode;
  createdAt: string;
  passwordHashes: boolean;
  rows: number;
  inserted: number;
  tables: Array<{ name: string; rows: number; inserted: number }>;
}

type Row = Array<string | null>;

/** The archive's lines, decoded; gzip and read errors become BackupErrors naming the file. */
async function* archiveLines(file: string): AsyncGenerator<string> {
  const name = basename(file);
  const gunzip = createGunzip();
  const input = createReadStream(file);
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  try {
    for await (const chunk of gunzip) {
      pending += decoder.write(chunk as Buffer);
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        yield pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'Z_BUF_ERROR'
        ? 'the file is truncated (its compressed data ends early)'
        : code === 'Z_DATA_ERROR' || code === 'Z_NEED_DICT'
          ? 'it is not a gzip file, or it is corrupt'
          : (error as Error).message;
    throw new BackupError(`${name} cannot be read: ${why}; nothing was restored`, {
      cause: error,
    });
  } finally {
    input.destroy();
  }
  pending += decoder.end();
  if (pending !== '') yield pending;
}

function parseJson(line: string, what: string, file: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new BackupError(`${basename(file)} is not a Kompass backup: ${what} is not JSON`);
  }
}

function readHeader(line: string | undefined, file: string): BackupHeader {
  const name = basename(file);
  if (line === undefined) throw new BackupError(`${name} is empty; it is not a Kompass backup`);
  const value = parseJson(line, 'its first line', file);
  const shape = value as { format?: unknown; formatVersion?: unknown };
  if (shape.format !== BACKUP_FORMAT) {
    throw new BackupError(
      `${name} is not a Kompass backup (its first line does not name the format "${BACKUP_FORMAT}")`,
    );
  }
  if (shape.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `${name} is a Kompass backup of format version ${JSON.stringify(shape.formatVersion)}; ` +
        `this version of Kompass reads format version ${String(BACKUP_FORMAT_VERSION)}: ` +
        'restore it with the Kompass version that wrote it',
    );
  }
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError(
      `${name} has a damaged header (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}); nothing was restored`,
    );
  }
  return parsed.data;
}

function checkTables(header: BackupHeader, tables: readonly BackupTable[], file: string): void {
  const describe = (
    list: ReadonlyArray<{ name: string; columns: readonly { name: string; type: string }[] }>,
  ) =>
    list.map(
      (table) => `${table.name}(${table.columns.map((c) => `${c.name} ${c.type}`).join(', ')})`,
    );
  const archived = describe(header.tables);
  const expected = describe(tables);
  if (archived.join('\n') === expected.join('\n')) return;
  const missing = expected.filter((entry) => !archived.includes(entry)).map((e) => e.split('(')[0]);
  const unknown = archived.filter((entry) => !expected.includes(entry)).map((e) => e.split('(')[0]);
  throw new BackupError(
    `${basename(file)} holds other tables or columns than this version of Kompass` +
      (missing.length > 0 ? `; differing here: ${missing.join(', ')}` : '') +
      (unknown.length > 0 ? `; differing in the archive: ${unknown.join(', ')}` : '') +
      '; restore it with the Kompass version that wrote it',
  );
}

async function checkMigrations(db: Db, header: BackupHeader, file: string): Promise<void> {
  const here = await migrationHashes(db);
  if (here.length === 0) {
    throw new BackupError(
      'the database is not migrated; run `kompass migrate` first, then restore',
    );
  }
  const archived = header.migrations.hashes;
  if (here.length === archived.length && here.every((hash, index) => hash === archived[index])) {
    return;
  }
  const same = archived.length === here.length ? 'a different set of' : '';
  throw new BackupError(
    `${basename(file)} was written at migration level ${String(archived.length)}, this database is at ` +
      `level ${String(here.length)}${same ? ` (${same} migrations)` : ''}; restore into a database ` +
      'migrated by the same Kompass version that wrote the archive ' +
      (archived.length > here.length
        ? '(upgrade Kompass and run `kompass migrate`)'
        : '(use that older version)'),
  );
}

const LABELS: Record<string, [string, string]> = {
  users: ['user', 'users'],
  evaluations: ['evaluation', 'evaluations'],
  audit_log: ['audit entry', 'audit entries'],
  editions: ['custom edition', 'custom editions'],
  gap_mappings: ['changed gap mapping', 'changed gap mappings'],
};

/** What the database already holds beyond what `kompass migrate` puts there, in words. */
async function existingData(tx: Db, tables: readonly BackupTable[]): Promise<string[]> {
  const counts = new Map<string, number>();
  let otherRows = 0;
  let otherTables = 0;
  for (const table of tables) {
    const seed = SEED_TABLES[table.name];
    const where = seed ? sql` where ${sql.raw(seed)}` : sql``;
    const [row] = await rowsOf<{ n: string | number }>(
      tx,
      sql`select count(*) as n from ${identifier(table.name)}${where}`,
    );
    const n = Number(row?.n ?? 0);
    if (n === 0) continue;
    if (table.name in LABELS) {
      counts.set(table.name, n);
    } else {
      otherRows += n;
      otherTables += 1;
    }
  }
  const found = Object.entries(LABELS)
    .filter(([name]) => counts.has(name))
    .map(([name, [one, many]]) => {
      const n = counts.get(name) ?? 0;
      return `${String(n)} ${n === 1 ? one : many}`;
    });
  if (otherTables > 0) {
    found.push(
      `${String(otherRows)} ${otherRows === 1 ? 'row' : 'rows'} in ${String(otherTables)} other ${otherTables === 1 ? 'table' : 'tables'}`,
    );
  }
  return found;
}

/** Orders rows so that a row comes after the row it references in the same table. */
function parentsFirst(table: BackupTable, rows: Row[]): Row[] {
  if (table.selfReferences.length === 0 || table.primaryKey.length !== 1) return rows;
  const names = table.columns.map((column) => column.name);
  const key = names.indexOf(table.primaryKey[0] ?? '');
  const refs = table.selfReferences.map((name) => names.indexOf(name));
  const byKey = new Map(rows.map((row) => [row[key], row]));
  const placed = new Set<string | null>();
  const ordered: Row[] = [];
  const place = (row: Row, depth: number) => {
    if (placed.has(row[key] ?? null) || depth > rows.length) return;
    for (const ref of refs) {
      const parent = byKey.get(row[ref] ?? null);
      if (parent && parent !== row) place(parent, depth + 1);
    }
    placed.add(row[key] ?? null);
    ordered.push(row);
  };
  for (const row of rows) place(row, 0);
  return ordered;
}

const valueSql = (value: string | null, type: string): SQL =>
  isBytea(type) ? sql`decode(${value}, 'base64')` : sql`${value}::${sql.raw(type)}`;

/** Batches that keep the parameter count and the bytes of one statement moderate. */
function* batches(rows: readonly Row[], columns: number): Generator<Row[]> {
  const maxRows = Math.max(1, Math.floor(4000 / columns));
  let batch: Row[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.reduce((sum, value) => sum + (value?.length ?? 0), 0);
    if (batch.length > 0 && (batch.length >= maxRows || bytes + size > 8_000_000)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(row);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

async function insertRows(
  tx: Db,
  table: BackupTable,
  rows: readonly Row[],
  mode: MergeMode,
): Promise<number> {
  let inserted = 0;
  const identityOnly = mode === 'skip-existing' && table.identity !== null;
  const columns = table.columns
    .map((column, index) => ({ ...column, index }))
    .filter((column) => !(identityOnly && column.name === table.identity));
  const columnList = sql.join(
    columns.map((column) => identifier(column.name)),
    sql`, `,
  );
  for (const batch of batches(rows, columns.length)) {
    const tuples = sql.join(
      batch.map(
        (row) =>
          sql`(${sql.join(
            columns.map((column) => valueSql(row[column.index] ?? null, column.type)),
            sql`, `,
          )})`,
      ),
      sql`, `,
    );
    let statement: SQL;
    if (identityOnly) {
      // Audit entries have no natural key: skip one only when an identical entry is there.
      const same = sql.join(
        columns.map(
          (column) =>
            sql`a.${identifier(column.name)} is not distinct from v.${identifier(column.name)}`,
        ),
        sql` and `,
      );
      statement = sql`insert into ${identifier(table.name)} (${columnList})
        select * from (values ${tuples}) as v(${columnList})
        where not exists (select 1 from ${identifier(table.name)} a where ${same})
        returning 1 as inserted`;
    } else {
      const overriding = table.identity ? sql` overriding system value` : sql``;
      const onConflict =
        mode === 'skip-existing'
          ? sql` on conflict (${sql.join(
              table.primaryKey.map((name) => identifier(name)),
              sql`, `,
            )}) do nothing`
          : sql``;
      statement = sql`insert into ${identifier(table.name)} (${columnList})${overriding}
        values ${tuples}${onConflict} returning 1 as inserted`;
    }
    try {
      inserted += (await rowsOf(tx, statement)).length;
    } catch (error) {
      const pg = pgErrorOf(error);
      if (!pg) throw error;
      const conflict =
        pg.code === '23505'
          ? ' (a row already in the database has the same unique values under another key)'
          : '';
      throw new BackupError(
        `table ${table.name} cannot be restored: ${pg.message}${pg.detail ? ` (${pg.detail})` : ''}${conflict}; nothing was restored`,
        { cause: error },
      );
    }
  }
  return inserted;
}

/**
 * Restores `options.file` into `database` and says what it inserted.
 *
 * @example
 * await restoreBackup(database, { file: 'kompass.kompass.gz' }); // into a freshly migrated one
 */
export async function restoreBackup(
  database: Database,
  options: RestoreOptions,
): Promise<RestoreSummary> {
  const mode = options.merge ?? 'none';
  const file = options.file;
  const name = basename(file);
  if (!existsSync(file)) throw new BackupError(`there is no file ${file}`);
  const tables = backupTables();
  const lines = archiveLines(file);
  const next = async () => {
    const result = await lines.next();
    return result.done ? undefined : result.value;
  };
  try {
    const hash = createHash('sha256');
    const headerLine = await next();
    const header = readHeader(headerLine, file);
    hash.update(`${headerLine ?? ''}\n`);
    checkTables(header, tables, file);
    await checkMigrations(database.db, header, file);

    return await database.db.transaction(async (tx) => {
      await setTextStyle(tx);
      if (mode === 'none') {
        const found = await existingData(tx, tables);
        if (found.length > 0) {
          throw new BackupError(
            `the database is not empty: it holds ${found.join(', ')}. A restore reproduces a ` +
              'backup in an empty database: create a new one (an empty KOMPASS_DATA_DIR or a new ' +
              'PostgreSQL database), run `kompass migrate` there and restore into it; or add only ' +
              'the rows that are missing here with --merge skip-existing',
          );
        }
        for (const table of [...tables].reverse()) {
          if (table.name in SEED_TABLES)
            await tx.execute(sql`delete from ${identifier(table.name)}`);
        }
      }
      const summary: RestoreSummary['tables'] = [];
      let total = 0;
      for (const [position, table] of tables.entries()) {
        const expected = header.tables[position]?.rows ?? 0;
        const names = table.columns.map((column) => column.name);
        const rows: Row[] = [];
        for (let index = 0; index < expected; index += 1) {
          const line = await next();
          if (line === undefined) {
            throw new BackupError(
              `${name} is truncated: table ${table.name} should have ${String(expected)} rows, it ends after ${String(index)}; nothing was restored`,
            );
          }
          hash.update(`${line}\n`);
          const parsed = rowLineSchema.safeParse(parseJson(line, `a row of ${table.name}`, file));
          if (
            !parsed.success ||
            parsed.data.table !== table.name ||
            parsed.data.row.length !== names.length
          ) {
            throw new BackupError(
              `${name} is damaged: row ${String(index + 1)} of table ${table.name} is not a row of it; nothing was restored`,
            );
          }
          rows.push(parsed.data.row);
        }
        if (table.name === 'users' && !header.passwordHashes) {
          const hashColumn = names.indexOf('password_hash');
          const mustChange = names.indexOf('must_change_password');
          for (const row of rows) {
            row[hashColumn] = null;
            row[mustChange] = 'true';
          }
        }
        const inserted = await insertRows(tx, table, parentsFirst(table, rows), mode);
        summary.push({ name: table.name, rows: rows.length, inserted });
        total += rows.length;
      }
      const trailerLine = await next();
      const trailer = trailerSchema.safeParse(
        trailerLine === undefined ? undefined : parseJson(trailerLine, 'its last line', file),
      );
      if (!trailer.success) {
        throw new BackupError(
          `${name} is truncated or damaged: it does not end with the backup's closing line; nothing was restored`,
        );
      }
      if (trailer.data.rows !== total || trailer.data.sha256 !== hash.digest('hex')) {
        throw new BackupError(
          `${name} is damaged: its content does not match its checksum; nothing was restored`,
        );
      }
      if ((await next()) !== undefined) {
        throw new BackupError(`${name} has data after its closing line; nothing was restored`);
      }
      for (const table of tables) {
        if (!table.identity) continue;
        await tx.execute(
          sql`select setval(pg_get_serial_sequence(${table.name}, ${table.identity}),
            coalesce((select max(${identifier(table.identity)}) from ${identifier(table.name)}), 0) + 1, false)`,
        );
      }
      const inserted = summary.reduce((sum, table) => sum + table.inserted, 0);
      await recordAudit(tx, {
        actorUserId: null,
        action: 'backup.restore',
        entityType: 'backup',
        entityId: header.createdAt,
        newValue: {
          file: name,
          mode,
          rows: total,
          inserted,
          passwordHashes: header.passwordHashes,
        },
      });
      return {
        mode,
        createdAt: header.createdAt,
        passwordHashes: header.passwordHashes,
        rows: total,
        inserted,
        tables: summary,
      };
    });
  } finally {
    await lines.return(undefined);
  }
}
