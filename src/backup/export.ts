/**
 * Writes a backup archive (see ./format.ts and docs/backup.md) of every table `backupTables()`
 * names, read in one consistent snapshot: a read-only REPEATABLE READ transaction (on PGlite,
 * which has one connection, any transaction is one). The file is written beside its target and
 * renamed into place at the end, readable by its owner only: a failed export leaves no archive.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  isBytea,
  type BackupHeader,
} from './format.ts';
import { identifier, migrationHashes, rowsOf, setTextStyle } from './sql.ts';
import { backupTables, type BackupTable } from './tables.ts';

export interface ExportOptions {
  /** Where to write the archive. */
  out: string;
  /** Include users' password hashes (default: no; restored users then set a new password). */
  includePasswordHashes?: boolean;
  now?: Date;
}

export interface ExportSummary {
  file: string;
  bytes: number;
  rows: number;
  tables: Array<{ name: string; rows: number }>;
  migrations: number;
  passwordHashes: boolean;
}

/** Rows per query: fewer for tables that carry files. */
const batchSize = (table: BackupTable) =>
  table.columns.some((column) => isBytea(column.type)) ? 20 : 2000;

/** The select list: every stored column as text (bytea as base64), password hashes withheld. */
function selectList(table: BackupTable, includePasswordHashes: boolean): SQL {
  return sql.join(
    table.columns.map((column, index) => {
      const alias = identifier(`c${String(index)}`);
      if (table.name === 'users' && column.name === 'password_hash' && !includePasswordHashes) {
        return sql`null::text as ${alias}`;
      }
      if (isBytea(column.type)) {
        return sql`translate(encode(${identifier(column.name)}, 'base64'), E'\n', '') as ${alias}`;
      }
      return sql`${identifier(column.name)}::text as ${alias}`;
    }),
    sql`, `,
  );
}

async function* tableRows(
  tx: Db,
  table: BackupTable,
  includePasswordHashes: boolean,
): AsyncGenerator<Array<string | null>> {
  const order = sql.join(
    table.primaryKey.map((name) => identifier(name)),
    sql`, `,
  );
  const size = batchSize(table);
  for (let offset = 0; ; offset += size) {
    const rows = await rowsOf<Record<string, string | null>>(
      tx,
      sql`select ${selectList(table, includePasswordHashes)} from ${identifier(table.name)}
        order by ${order} limit ${size} offset ${offset}`,
    );
    for (const row of rows) {
      yield table.columns.map((_, index) => row[`c${String(index)}`] ?? null);
    }
    if (rows.length < size) return;
  }
}

/** Writes text to a stream, waiting when its buffer is full. */
async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * Writes the archive to `options.out` (replacing a file there) and says what it holds.
 *
 * @example
 * const summary = await exportBackup(database, { out: 'kompass-2026-11-22.kompass.gz' });
 */
export async function exportBackup(
  database: Database,
  options: ExportOptions,
): Promise<ExportSummary> {
  const tables = backupTables();
  const includePasswordHashes = options.includePasswordHashes ?? false;
  const partial = `${options.out}.partial-${String(process.pid)}`;
  let fd: number;
  try {
    fd = openSync(partial, 'w', 0o600);
  } catch (error) {
    throw new BackupError(
      `cannot write ${options.out}: ${(error as Error).message}; choose a folder that exists and that you may write to`,
      { cause: error },
    );
  }
  const gzip = createGzip();
  const file = createWriteStream(partial, { fd });
  const piped = new Promise<void>((resolve, reject) => {
    file.on('finish', resolve);
    file.on('error', reject);
    gzip.on('error', reject);
  });
  piped.catch(() => undefined); // awaited below; this only marks an early failure as handled
  gzip.pipe(file);
  const hash = createHash('sha256');
  const emit = async (line: string) => {
    const text = `${line}\n`;
    hash.update(text);
    await write(gzip, text);
  };
  try {
    const counts = await database.db.transaction(
      async (tx) => {
        await setTextStyle(tx);
        const hashes = await migrationHashes(tx);
        const rowCounts: number[] = [];
        for (const table of tables) {
          const [row] = await rowsOf<{ n: string | number }>(
            tx,
            sql`select count(*) as n from ${identifier(table.name)}`,
          );
          rowCounts.push(Number(row?.n ?? 0));
        }
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          createdAt: (options.now ?? new Date()).toISOString(),
          databaseKind: database.kind,
          migrations: { count: hashes.length, hashes },
          passwordHashes: includePasswordHashes,
          tables: tables.map((table, index) => ({
            name: table.name,
            columns: table.columns,
            primaryKey: table.primaryKey,
            rows: rowCounts[index] ?? 0,
          })),
        };
        await emit(JSON.stringify(header));
        for (const [index, table] of tables.entries()) {
          let written = 0;
          for await (const row of tableRows(tx, table, includePasswordHashes)) {
            await emit(JSON.stringify({ table: table.name, row }));
            written += 1;
          }
          if (written !== rowCounts[index]) {
            throw new BackupError(
              `table ${table.name} changed while it was read (${String(rowCounts[index])} rows counted, ${String(written)} read); the snapshot was not consistent`,
            );
          }
        }
        return { hashes, rowCounts };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const rows = counts.rowCounts.reduce((sum, n) => sum + n, 0);
    const digest = hash.digest('hex');
    gzip.end(`${JSON.stringify({ end: true, rows, sha256: digest })}\n`);
    await piped;
    renameSync(partial, options.out);
    return {
      file: options.out,
      bytes: statSync(options.out).size,
      rows,
      tables: tables.map((table, index) => ({
        name: table.name,
        rows: counts.rowCounts[index] ?? 0,
      })),
      migrations: counts.hashes.length,
      passwordHashes: includePasswordHashes,
    };
  } catch (error) {
    gzip.destroy();
    file.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}
