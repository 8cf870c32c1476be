/**
 * Migrated and seeded template databases for tests, built once and cloned per test:
 * - PGlite: a `dumpDataDir()` tarball in the OS temp folder, loaded into a fresh in-memory
 *   PGlite per test (~0.5–1 s instead of ~4 s for creating and migrating one).
 * - PostgreSQL (when `DATABASE_URL` is set): a template database on that server; each test gets
 *   `CREATE DATABASE … TEMPLATE …` (a few ms) and drops it afterwards.
 * Both are keyed by a hash of everything that goes into them (migrations, reference data,
 * framework files, seeding code), so a change rebuilds them and an unchanged tree reuses them.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PGLITE_EXTENSIONS, openPgliteMemory, openPostgres, type Database } from './client.ts';
import { migrateDatabase } from './migrate.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Files whose content decides what a template holds. */
function templateInputs(): string[] {
  const inFolder = (folder: string, suffix: string) => {
    const dir = join(root, folder);
    return existsSync(dir)
      ? readdirSync(dir)
          .filter((file) => file.endsWith(suffix))
          .sort()
          .map((file) => join(dir, file))
      : [];
  };
  return [
    ...inFolder('drizzle', '.sql'),
    join(root, 'drizzle/meta/_journal.json'),
    join(root, 'reference/municipalities.csv'),
    ...inFolder('frameworks', '.json'),
    ...inFolder('frameworks/gap-mappings', '.json'),
    join(root, 'src/db/repositories/gap-mappings.ts'),
    join(root, 'src/frameworks/load.ts'),
    join(root, 'src/db/migrate.ts'),
    join(root, 'src/db/repositories/municipalities.ts'),
    join(root, 'src/db/repositories/editions.ts'),
    join(root, 'node_modules/@electric-sql/pglite/package.json'),
  ];
}

/** A short hash of the template's inputs: same tree, same key. */
export function templateKey(): string {
  const hash = createHash('sha256');
  for (const file of templateInputs()) {
    hash.update(file.slice(root.length));
    hash.update('\0');
    if (existsSync(file)) hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Migrations, the municipality register and the built-in editions. */
export async function seedTemplate(database: Database): Promise<void> {
  await migrateDatabase(database);
}

/**
 * Path of the PGlite template tarball, built if missing. Safe when several processes race:
 * each writes its own temporary file and renames it into place.
 */
export async function ensurePgliteTemplate(): Promise<string> {
  const name = `${PGLITE_TEMPLATE_PREFIX}${templateKey()}.tar.gz`;
  const file = join(tmpdir(), name);
  removeOldPgliteTemplates(name);
  if (existsSync(file)) return file;
  const database = await openPgliteMemory();
  try {
    await seedTemplate(database);
    if (database.kind !== 'pglite') throw new Error('expected PGlite');
    const dump = await database.client.dumpDataDir('gzip');
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await database.close();
  }
  return file;
}

const PGLITE_TEMPLATE_PREFIX = 'kompass-pglite-template-';

/** Templates of other keys are deleted once this old (a concurrent run may still read one). */
const OLD_TEMPLATE_MS = 6 * 60 * 60 * 1000;

function removeOldPgliteTemplates(keep: string): void {
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(PGLITE_TEMPLATE_PREFIX) || entry === keep) continue;
    const path = join(tmpdir(), entry);
    try {
      if (Date.now() - statSync(path).mtimeMs > OLD_TEMPLATE_MS) rmSync(path, { force: true });
    } catch {
      // removed by another run meanwhile
    }
  }
}

/** Reads a template tarball into the Blob `loadDataDir` takes. */
export function readPgliteTemplate(file: string): Blob {
  return new Blob([readFileSync(file)]);
}

/** Writes a migrated, seeded database into the (empty or missing) folder `dir`. */
export async function fillDataDir(dir: string, template: Blob): Promise<void> {
  const client = await PGlite.create({
    dataDir: dir,
    loadDataDir: template,
    extensions: PGLITE_EXTENSIONS,
  });
  await client.close();
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** The URL of another database on the same server. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const TEST_DATABASE_PREFIX = 'kompass_test_';
const TEMPLATE_PREFIX = 'kompass_tpl_';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Name of the PostgreSQL template database on the server `adminUrl` points to, built if
 * missing. Also drops old templates of other keys and test databases whose process is gone.
 */
export async function ensurePostgresTemplate(adminUrl: string): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${templateKey()}`;
  return withAdmin(adminUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string; note: string | null }>(
      `select datname, shobj_description(oid, 'pg_database') as note
         from pg_database where datname like 'kompass\\_t%'`,
    );
    for (const { datname, note } of rows) {
      if (datname === name) continue;
      const pid = /^kompass_(?:test|tpl_build)_(\d+)_/.exec(datname)?.[1];
      const built = Date.parse(/built (\S+)/.exec(note ?? '')?.[1] ?? '');
      const stale =
        pid !== undefined
          ? !isAlive(Number(pid))
          : datname.startsWith(TEMPLATE_PREFIX) && !(Date.now() - built < OLD_TEMPLATE_MS);
      if (!stale) continue;
      await admin
        .query(`alter database ${quote(datname)} is_template false`)
        .catch(() => undefined);
      await admin.query(`drop database if exists ${quote(datname)}`).catch(() => undefined);
    }
    if (rows.some((row) => row.datname === name)) return name;

    const building = `${TEMPLATE_PREFIX}build_${process.pid}_${randomBytes(3).toString('hex')}`;
    await admin.query(`create database ${quote(building)}`);
    const database = await openPostgres(withDatabaseName(adminUrl, building), 2);
    try {
      await seedTemplate(database);
    } finally {
      await database.close();
    }
    const note = `kompass test template built ${new Date().toISOString()}`;
    await admin.query(`comment on database ${quote(building)} is '${note}'`);
    try {
      await admin.query(`alter database ${quote(building)} rename to ${quote(name)}`);
    } catch (error) {
      // Another run built the same template meanwhile: use theirs.
      await admin.query(`drop database if exists ${quote(building)}`);
      if ((error as { code?: string }).code !== '42P04') throw error;
      return name;
    }
    await admin.query(`alter database ${quote(name)} is_template true`);
    return name;
  });
}

let counter = 0;

/** A fresh database cloned from the template; `drop()` removes it. */
export async function clonePostgresTemplate(
  adminUrl: string,
  template: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  counter += 1;
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${counter}_${randomBytes(3).toString('hex')}`;
  await withAdmin(adminUrl, (admin) =>
    admin.query(`create database ${quote(name)} template ${quote(template)}`),
  );
  return {
    url: withDatabaseName(adminUrl, name),
    drop: () =>
      withAdmin(adminUrl, (admin) =>
        admin.query(`drop database if exists ${quote(name)} with (force)`),
      ).then(() => undefined),
  };
}

/** Removes a PGlite data folder a test created. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
