import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBuiltInCatalogue } from '../frameworks/index.ts';
import { openPgliteMemory, openPostgres, type Database } from './client.ts';
import { applyMigrations, migrateDatabase } from './migrate.ts';
import { listEditions } from './repositories/editions.ts';
import { countMunicipalities } from './repositories/municipalities.ts';
import { clonePostgresTemplate } from './test-templates.ts';
import { describeDatabases, describePostgresMissing, testDatabaseUrl } from './testing.ts';
import { loadMunicipalities } from '../reference/municipalities.ts';

/** Empty databases (not from the template): migrations must build everything from nothing. */
const emptyDatabases: Array<
  [string, () => Promise<{ database: Database; dispose: () => Promise<void> }>]
> = [
  [
    'pglite',
    async () => {
      const database = await openPgliteMemory();
      return { database, dispose: () => database.close() };
    },
  ],
];
const url = testDatabaseUrl();
if (url) {
  emptyDatabases.push([
    'postgres',
    async () => {
      const clone = await clonePostgresTemplate(url, 'template0');
      const database = await openPostgres(clone.url, 2);
      return {
        database,
        dispose: async () => {
          await database.close();
          await clone.drop();
        },
      };
    },
  ]);
}

describe.each(emptyDatabases)('migrations on an empty database [%s]', (_kind, create) => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await dispose?.();
    dispose = undefined;
  });

  it('builds every table, seeds the register and the catalogue, and a second run changes nothing', async () => {
    const created = await create();
    dispose = created.dispose;
    const { database } = created;
    const catalogue = loadBuiltInCatalogue();

    const first = await migrateDatabase(database);
    expect(first.migrations.applied).toBeGreaterThanOrEqual(2);
    expect(first.migrations).toMatchObject({ total: first.migrations.applied, unknown: 0 });
    expect(first.municipalities).toEqual({ added: 290, updated: 0, unchanged: 0 });
    expect(first.editions).toEqual({ added: catalogue.length, updated: 0, unchanged: 0 });

    const second = await migrateDatabase(database);
    expect(second.migrations).toEqual({ applied: 0, total: first.migrations.total, unknown: 0 });
    expect(second.municipalities).toEqual({ added: 0, updated: 0, unchanged: 290 });
    expect(second.editions).toEqual({ added: 0, updated: 0, unchanged: catalogue.length });

    expect(await countMunicipalities(database.db)).toBe(290);
    expect((await listEditions(database.db)).map((e) => e.id).sort()).toEqual(
      catalogue.map((e) => e.id).sort(),
    );
    // The search extensions exist (later issues rely on them).
    const result = await database.db.execute(
      sql`select unaccent('Strängnäs') as plain, similarity('Södertälje', 'Sodertalje') > 0 as similar`,
    );
    expect((result as unknown as { rows: unknown[] }).rows).toEqual([
      { plain: 'Strangnas', similar: true },
    ]);
    expect(await applyMigrations(database)).toMatchObject({ applied: 0 });
  });
});

if (url) {
  describe('concurrent migrations [postgres]', () => {
    it('two processes migrating one empty server take turns and both succeed', async () => {
      const clone = await clonePostgresTemplate(url, 'template0');
      const [a, b] = await Promise.all([openPostgres(clone.url, 3), openPostgres(clone.url, 3)]);
      try {
        const reports = await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
        expect(reports.map((r) => r.municipalities.added).sort()).toEqual([0, 290]);
        expect(reports.map((r) => r.migrations.applied).sort()).toEqual([
          0,
          reports[0].migrations.total,
        ]);
        expect(await countMunicipalities(a.db)).toBe(290);
      } finally {
        await Promise.all([a.close(), b.close()]);
        await clone.drop();
      }
    });
  });
} else {
  describePostgresMissing('migrations on an empty database');
}

describeDatabases('migrating a seeded database', (getDb) => {
  it('updates a built-in edition whose definition changed and a renamed municipality', async () => {
    const database = getDb();
    // The catalogue as stored (not re-read from disk, which may have changed since).
    const stored = (await listEditions(database.db)).filter((e) => e.builtIn);
    const [first, ...rest] = stored.map((e) => e.definition);
    if (!first) throw new Error('the catalogue is empty');
    const renamed = { ...first, name: `${first.name} (rättad)` };
    const register = loadMunicipalities();
    const report = await migrateDatabase(database, {
      editions: [renamed, ...rest],
      municipalities: register.map((m) =>
        m.code === '0486' ? { ...m, name: 'Strängnäs kommun' } : m,
      ),
    });
    expect(report.editions).toEqual({ added: 0, updated: 1, unchanged: rest.length });
    expect(report.municipalities).toEqual({ added: 0, updated: 1, unchanged: 289 });
    expect((await listEditions(database.db)).find((e) => e.id === first.id)?.name).toBe(
      renamed.name,
    );
  });
});
