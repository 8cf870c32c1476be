import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { listAudit } from '../db/repositories/audit.ts';
import {
  createPgliteTestDatabase,
  createPostgresTestDatabase,
  describeDatabases,
  testDatabaseUrl,
  type TestDatabase,
} from '../db/testing.ts';
import { exportBackup } from './export.ts';
import { BackupError } from './format.ts';
import { restoreBackup } from './restore.ts';
import { rowsOf } from './sql.ts';
import { backupTables, EXCLUDED_TABLES, schemaTables } from './tables.ts';
import { dumpTables, fillForBackup, UPLOADED_BYTES } from './testing.ts';

describe('the tables a backup holds', () => {
  it('holds every schema table unless it is excluded with a reason', () => {
    const backedUp = new Set(backupTables().map((table) => table.name));
    const neither = [...schemaTables().keys()].filter(
      (name) => !backedUp.has(name) && !(name in EXCLUDED_TABLES),
    );
    expect(neither).toEqual([]);
    for (const name of Object.keys(EXCLUDED_TABLES)) {
      expect(schemaTables().has(name), `excluded table ${name} exists`).toBe(true);
      expect(backedUp.has(name)).toBe(false);
    }
    expect(backedUp.size).toBe(schemaTables().size - Object.keys(EXCLUDED_TABLES).length);
  });

  it('orders parents before the tables that reference them, and no kept table needs an excluded one', () => {
    const seen = new Set<string>();
    for (const table of backupTables()) {
      for (const reference of table.references) {
        expect(reference in EXCLUDED_TABLES, `${table.name} → ${reference}`).toBe(false);
        expect(seen.has(reference), `${reference} before ${table.name}`).toBe(true);
      }
      seen.add(table.name);
    }
  });

  it('gives every table a primary key and leaves generated columns out', () => {
    for (const table of backupTables()) {
      expect(table.primaryKey.length, table.name).toBeGreaterThan(0);
      expect(table.columns.map((column) => column.name)).not.toContain('search_vector');
    }
    expect(backupTables().find((table) => table.name === 'audit_log')?.identity).toBe('id');
    expect(backupTables().find((table) => table.name === 'evaluations')?.selfReferences).toEqual([
      'supersedes_id',
    ]);
  });
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh migrated database of the same kind as `like`. */
async function freshDatabase(like: Database): Promise<Database> {
  const url = testDatabaseUrl();
  const created: TestDatabase =
    like.kind === 'postgres' && url
      ? await createPostgresTestDatabase(url)
      : await createPgliteTestDatabase();
  cleanups.push(created.dispose);
  return created.database;
}

const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'kompass-backup-')), name);

/** The dump without the tables a backup leaves out. */
async function backedUpDump(database: Database) {
  const dump = await dumpTables(database.db);
  for (const name of Object.keys(EXCLUDED_TABLES)) delete dump[name];
  return dump;
}

describeDatabases('backup and restore', (getDb) => {
  it('restores real data into a fresh database exactly: every table, row and value', async () => {
    const source = getDb();
    const fixture = await fillForBackup(source.db);
    const before = await backedUpDump(source);
    const out = tempFile('kompass.kompass.gz');
    const exported = await exportBackup(source, { out, includePasswordHashes: true });
    expect(exported.rows).toBe(Object.values(before).reduce((sum, rows) => sum + rows.length, 0));

    const target = await freshDatabase(source);
    const restored = await restoreBackup(target, { file: out });
    expect(restored).toMatchObject({ mode: 'none', rows: exported.rows, inserted: exported.rows });

    const after = await backedUpDump(target);
    // The one difference: the restore's own audit entry, numbered after the restored ones.
    const restoreEntry = after.audit_log?.find((row) => row.includes('backup.restore'));
    expect(restoreEntry).toBeDefined();
    expect(after.audit_log?.filter((row) => row !== restoreEntry)).toEqual(before.audit_log);
    expect({ ...after, audit_log: [] }).toEqual({ ...before, audit_log: [] });
    expect(Object.keys(after).sort()).toEqual(
      backupTables()
        .map((t) => t.name)
        .sort(),
    );

    // Real data in every table, so the comparison compares something.
    for (const table of backupTables()) {
      expect(before[table.name]?.length ?? 0, table.name).toBeGreaterThan(0);
    }
    // The uploaded file's bytes, the identity sequence and the search vectors work after it.
    const [file] = await rowsOf<{ data: Uint8Array }>(
      target.db,
      sql`select file_data as data from sources where id = ${fixture.sourceId}`,
    );
    expect(Buffer.from(file?.data ?? new Uint8Array()).equals(Buffer.from(UPLOADED_BYTES))).toBe(
      true,
    );
    const audit = await listAudit(target.db, { limit: 100_000 });
    const maxBefore = Math.max(
      ...audit.filter((e) => e.action !== 'backup.restore').map((e) => e.id),
    );
    expect(audit.at(-1)).toMatchObject({ action: 'backup.restore', id: maxBefore + 1 });
    const [found] = await rowsOf<{ n: number }>(
      target.db,
      sql`select count(*)::int as n from findings where search_vector @@ to_tsquery('swedish', 'förbättringsområde')`,
    );
    expect(found?.n).toBeGreaterThan(0);
  });

  it('leaves password hashes out unless asked: restored users must set a password', async () => {
    const source = getDb();
    await fillForBackup(source.db);
    const out = tempFile('utan-losenord.kompass.gz');
    await exportBackup(source, { out });
    const text = gunzipSync(readFileSync(out)).toString('utf8');
    expect(text).not.toContain('$argon2');
    const target = await freshDatabase(source);
    await restoreBackup(target, { file: out });
    const users = await rowsOf<{ email: string; hash: string | null; must: boolean }>(
      target.db,
      sql`select email, password_hash as hash, must_change_password as must from users`,
    );
    expect(users.length).toBeGreaterThanOrEqual(3);
    expect(users.every((user) => user.hash === null && user.must)).toBe(true);
  });

  it('refuses to restore into a database with data, says what is there, and changes nothing', async () => {
    const source = getDb();
    await fillForBackup(source.db);
    const out = tempFile('kompass.kompass.gz');
    await exportBackup(source, { out });
    const before = await dumpTables(source.db);
    const refusal = restoreBackup(source, { file: out });
    await expect(refusal).rejects.toThrow(BackupError);
    await expect(restoreBackup(source, { file: out })).rejects.toThrow(
      /the database is not empty: it holds \d+ users, \d+ evaluations, .*--merge skip-existing/,
    );
    expect(await dumpTables(source.db)).toEqual(before);
  });

  it('merges with skip-existing: only rows whose keys are absent are inserted', async () => {
    const source = getDb();
    const fixture = await fillForBackup(source.db);
    const out = tempFile('kompass.kompass.gz');
    await exportBackup(source, { out, includePasswordHashes: true });
    const target = await freshDatabase(source);
    await restoreBackup(target, { file: out });
    const complete = await backedUpDump(target);
    await target.db.execute(sql`delete from evaluations where id = ${fixture.evaluationId}`);
    await target.db.execute(
      sql`delete from audit_log where evaluation_id = ${fixture.evaluationId}`,
    );

    const merged = await restoreBackup(target, { file: out, merge: 'skip-existing' });
    const after = await backedUpDump(target);
    const evaluationRows = merged.tables.find((t) => t.name === 'evaluations');
    expect(evaluationRows).toMatchObject({ inserted: 1 });
    expect(merged.tables.find((t) => t.name === 'municipalities')).toMatchObject({ inserted: 0 });
    // Everything is back; the audit entries come back with new ids, plus the second restore's.
    expect({ ...after, audit_log: [] }).toEqual({ ...complete, audit_log: [] });
    const actions = (rows: string[] | undefined) =>
      (rows ?? []).map((row) => row.replace(/^\(\d+,/, '(')).sort();
    expect(actions(after.audit_log).filter((row) => !row.includes('backup.restore'))).toEqual(
      actions(complete.audit_log).filter((row) => !row.includes('backup.restore')),
    );
  });

  it('refuses a truncated, corrupt, altered or foreign archive and changes nothing', async () => {
    const source = getDb();
    await fillForBackup(source.db);
    const out = tempFile('kompass.kompass.gz');
    await exportBackup(source, { out });
    const target = await freshDatabase(source);
    const empty = await dumpTables(target.db);
    const bytes = readFileSync(out);
    const text = gunzipSync(bytes).toString('utf8');
    const lines = text.split('\n');
    const header = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    const cases: Array<[string, Buffer, RegExp]> = [
      ['truncated.gz', bytes.subarray(0, Math.floor(bytes.length / 2)), /truncated/],
      ['plain.txt', Buffer.from('hej'), /not a gzip file/],
      ['other.json.gz', gzipSync('{"hello": 1}\n'), /not a Kompass backup/],
      [
        'future.gz',
        gzipSync(`${JSON.stringify({ ...header, formatVersion: 2 })}\n`),
        /format version 2; this version of Kompass reads format version 1/,
      ],
      [
        'lines-cut.gz',
        gzipSync(`${lines.slice(0, Math.floor(lines.length / 2)).join('\n')}\n`),
        /is truncated: table/,
      ],
      [
        'altered.gz',
        gzipSync(text.replace('Förbättringsområde i område 1', 'Förbättringsområde i område 9')),
        /does not match its checksum/,
      ],
      [
        'no-trailer.gz',
        gzipSync(`${lines.slice(0, -2).join('\n')}\n`),
        /does not end with the backup's closing line/,
      ],
      [
        'other-level.gz',
        gzipSync(
          [
            JSON.stringify({ ...header, migrations: { count: 1, hashes: ['x'] } }),
            ...lines.slice(1),
          ].join('\n'),
        ),
        /written at migration level 1, this database is at level \d+/,
      ],
    ];
    for (const [name, content, message] of cases) {
      const file = tempFile(name);
      writeFileSync(file, content);
      await expect(restoreBackup(target, { file }), name).rejects.toThrow(message);
      expect(await dumpTables(target.db), name).toEqual(empty);
    }
  });
});
