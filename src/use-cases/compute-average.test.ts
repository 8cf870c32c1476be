import { beforeAll, expect, it } from 'vitest';
import { createUnpublished, importSeedReports } from '../api/fixtures.ts';
import { createReferenceSeries } from '../db/repositories/reference-series.ts';
import { describeDatabases } from '../db/testing.ts';
import { roundHalfUp, sumPoints } from '../domain/scoring/index.ts';
import { computeAverage } from './compute-average.ts';

describeDatabases(
  'computeAverage',
  (getDb) => {
    beforeAll(async () => {
      const { db } = getDb();
      await importSeedReports(db);
      await createUnpublished(db);
      await createReferenceSeries(db, {
        label: 'Medelvärde',
        basis: 'syntetiskt testvärde',
        editionId: 'kk-2020',
        yearFrom: 2020,
        total: 480,
        source: 'test-rapport.txt',
        areas: Array.from({ length: 8 }, (_, index) => ({ number: index + 1, score: 60 })),
      });
    });

    it('averages the published evaluations of an edition with n (kk-2010: two)', async () => {
      const average = await computeAverage({ db: getDb().db, editionId: 'kk-2010' });
      expect(average).toMatchObject({
        edition: { id: 'kk-2010', name: 'Kommunkompassen 2010–2015' },
        source: 'computed',
        n: 2,
        basis: { yearFrom: null, yearTo: null, lan: null, description: 'alla år' },
      });
      expect(average.areas).toHaveLength(8);
      expect(average.areas.every((area) => area.n === 2)).toBe(true);
      // Strängnäs 2014 area 3 is 77, Upplands-Bro 2011 prints 52 (exact 51.5–52.49).
      const area3 = average.areas.find((area) => area.number === 3);
      expect(area3?.mean).toBeGreaterThan(64);
      expect(area3?.mean).toBeLessThan(65);
      expect(area3?.name).toBe('Politisk styrning och kontroll');
      // Area sums 439 (printed total 437) and 383 (exact 382.5–383.49): the total is the
      // sum of the exact area means.
      expect(roundHalfUp(average.total ?? 0)).toBe(411);
      const exactTotal = sumPoints(average.areas.map((area) => area.mean ?? 0));
      expect(Math.abs(exactTotal - (average.total ?? 0))).toBeLessThan(0.5);
    });

    it('a year range and a län narrow the basis', async () => {
      const { db } = getDb();
      const since2012 = await computeAverage({ db, editionId: 'kk-2010', yearFrom: 2012 });
      expect(since2012).toMatchObject({ n: 1, total: 439 });
      expect(since2012.basis.description).toBe('från 2012 och framåt');
      const stockholmsLan = await computeAverage({ db, editionId: 'kk-2010', lanCode: '01' });
      expect(stockholmsLan).toMatchObject({ n: 1, basis: { lan: { code: '01' } } });
      expect(stockholmsLan.basis.description).toBe('alla år, Stockholms län');
    });

    it('drafts never count, and the published average is given for reference with its source', async () => {
      const average = await computeAverage({ db: getDb().db, editionId: 'kk-2016' });
      expect(average.n).toBe(1); // Strängnäs 2016; the draft and the review do not count
      // Exact area points sum to 497.49 (printed 497): one decimal keeps 497.5.
      expect(average.total).toBe(497.5);
      expect(average.published).toEqual([
        expect.objectContaining({
          label: 'Medelvärde',
          basis: 'beräknat från 2010 och framåt',
          total: 476,
          yearFrom: 2010,
          source: 'kommunkompassen-strangnas-2016.txt',
        }),
      ]);
    });

    it('with no stored evaluation it shows the published average as such (n unknown)', async () => {
      const average = await computeAverage({ db: getDb().db, editionId: 'kk-2020' });
      expect(average).toMatchObject({ source: 'published', n: null, total: 480 });
      expect(average.areas[0]).toMatchObject({ number: 1, mean: 60, n: null });
      expect(average.published[0]?.source).toBe('test-rapport.txt');
    });

    it('refuses an unknown edition, an unknown län, a self-assessment and n = 0', async () => {
      const { db } = getDb();
      await expect(computeAverage({ db, editionId: 'kk-1999' })).rejects.toMatchObject({
        code: 'not-found',
        message: 'edition "kk-1999" does not exist',
      });
      await expect(
        computeAverage({ db, editionId: 'kk-2010', lanCode: '99' }),
      ).rejects.toMatchObject({ code: 'not-found', message: 'län "99" does not exist' });
      await expect(computeAverage({ db, editionId: 'kvalitetskommun-2009' })).rejects.toMatchObject(
        { code: 'invalid-input' },
      );
      await expect(computeAverage({ db, editionId: 'kk-2002', lanCode: '03' })).rejects.toThrow(
        'no published evaluation of kk-2002 (alla år, Uppsala län) is stored, and no report printed an average for it: n = 0',
      );
      await expect(
        computeAverage({ db, editionId: 'kk-2010', yearFrom: 2016, yearTo: 2010 }),
      ).rejects.toMatchObject({ code: 'invalid-input' });
    });
  },
  { shared: true },
);
