import { count } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { loadBuiltInCatalogue } from '../../frameworks/index.ts';
import { editions } from '../schema.ts';
import { describeDatabases, testEdition } from '../testing.ts';
import { addCustomEdition, getEdition, listEditions, syncBuiltInEditions } from './editions.ts';

describeDatabases('editions repository', (getDb) => {
  it('holds the built-in catalogue after migrate, each definition exactly as loaded', async () => {
    const { db } = getDb();
    const catalogue = loadBuiltInCatalogue();
    const stored = await listEditions(db);
    expect(stored.map((e) => e.id).sort()).toEqual(catalogue.map((e) => e.id).sort());
    for (const edition of catalogue) {
      const row = await getEdition(db, edition.id);
      expect(row).toMatchObject({
        name: edition.name,
        kind: edition.kind,
        yearFrom: edition.years.from,
        yearTo: edition.years.to,
        builtIn: true,
      });
      expect(row?.definition).toEqual(edition);
    }
    expect(await syncBuiltInEditions(db, catalogue)).toEqual({
      added: 0,
      updated: 0,
      unchanged: catalogue.length,
    });
  });

  it('adds an edition an admin wrote and refuses its id a second time', async () => {
    const { db } = getDb();
    const added = await addCustomEdition(db, testEdition('kk-2024-test'));
    expect(added).toMatchObject({
      id: 'kk-2024-test',
      builtIn: false,
      yearFrom: 2010,
      yearTo: 2015,
    });
    expect(added.createdAt).toBeInstanceOf(Date);
    await expect(addCustomEdition(db, testEdition('kk-2024-test'))).rejects.toMatchObject({
      code: 'conflict',
      message:
        'edition "kk-2024-test" already exists; choose another id (ids never change, evaluations refer to them)',
    });
    expect(await getEdition(db, 'nope')).toBeUndefined();
  });

  it('refuses a built-in edition whose id an admin already used, writing nothing', async () => {
    const { db } = getDb();
    await addCustomEdition(db, testEdition('kk-2030'));
    const [before] = await db.select({ n: count() }).from(editions);
    await expect(
      syncBuiltInEditions(db, [testEdition('kk-2031'), testEdition('kk-2030')]),
    ).rejects.toThrow('built-in edition "kk-2030" clashes with an edition an admin added');
    const [after] = await db.select({ n: count() }).from(editions);
    expect(after?.n).toBe(before?.n);
    expect(await getEdition(db, 'kk-2031')).toBeUndefined();
  });
});
