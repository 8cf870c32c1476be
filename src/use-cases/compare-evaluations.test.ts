import { beforeAll, expect, it } from 'vitest';
import { createUnpublished, importSeedReports } from '../api/fixtures.ts';
import { describeDatabases } from '../db/testing.ts';
import { compareEvaluations } from './compare-evaluations.ts';

describeDatabases(
  'compareEvaluations',
  (getDb) => {
    let ids: Record<string, string> = {};
    let draftId = '';
    beforeAll(async () => {
      const { db } = getDb();
      ids = await importSeedReports(db);
      draftId = (await createUnpublished(db)).draft.id;
    });

    it('compares the latest published evaluation of each municipality, across editions by area', async () => {
      const comparison = await compareEvaluations({
        db: getDb().db,
        municipalityCodes: ['0486', '0139'],
      });
      expect(
        comparison.evaluations.map((e) => [e.municipalityName, e.year, e.editionId, e.total]),
      ).toEqual([
        ['Strängnäs', 2016, 'kk-2016', 497],
        ['Upplands-Bro', 2011, 'kk-2010', 383],
      ]);
      expect(comparison.sameEdition).toBe(false);
      expect(comparison.editionNote).toContain('Område 7 har olika namn');
      expect(comparison.questions).toBeNull();
      const area1 = comparison.areas[0];
      // Strängnäs is alone in kk-2016; Upplands-Bro is below Strängnäs 2014 (54) in kk-2010.
      expect(area1?.cells).toEqual([
        expect.objectContaining({ score: expect.any(Number), rank: 1, of: 1, percentile: 100 }),
        expect.objectContaining({ rank: 2, of: 2, percentile: 0 }),
      ]);
    });

    it('shows the question table within one edition', async () => {
      const strangnas2014 = (
        await compareEvaluations({ db: getDb().db, municipalityCodes: ['0139'] })
      ).evaluations[0]?.id;
      const comparison = await compareEvaluations({
        db: getDb().db,
        evaluationIds: [ids['kommunkompassen-upplands-bro-2011.txt'] ?? ''],
        questions: true,
      });
      expect(strangnas2014).toBe(ids['kommunkompassen-upplands-bro-2011.txt']);
      expect(comparison.questions?.[0]).toMatchObject({
        id: '1.1',
        max: 15,
        cells: [{ percent: 55 }],
      });
    });

    it('refuses a question table across editions with a clear message', async () => {
      await expect(
        compareEvaluations({
          db: getDb().db,
          municipalityCodes: ['0486', '0139'],
          questions: true,
        }),
      ).rejects.toMatchObject({
        code: 'invalid-input',
        message:
          'questions cannot be compared across editions (kk-2016, kk-2010): compare at area level',
      });
    });

    it('refuses unknown codes, municipalities without evaluations, drafts and bad ids', async () => {
      const { db } = getDb();
      await expect(compareEvaluations({ db, municipalityCodes: ['9999'] })).rejects.toMatchObject({
        code: 'not-found',
        message: 'no municipality has the kommunkod 9999',
      });
      await expect(compareEvaluations({ db, municipalityCodes: ['0114'] })).rejects.toMatchObject({
        code: 'not-found',
        message: 'municipality 0114 has no published evaluation to compare',
      });
      await expect(compareEvaluations({ db, municipalityCodes: ['48'] })).rejects.toMatchObject({
        code: 'invalid-input',
      });
      await expect(compareEvaluations({ db, evaluationIds: [draftId] })).rejects.toMatchObject({
        code: 'not-found',
      });
      await expect(compareEvaluations({ db, evaluationIds: ['x'] })).rejects.toMatchObject({
        code: 'not-found',
      });
      await expect(compareEvaluations({ db })).rejects.toMatchObject({ code: 'invalid-input' });
      await expect(
        compareEvaluations({ db, municipalityCodes: Array.from({ length: 9 }, () => '0486') }),
      ).rejects.toThrow('at most 8 evaluations can be compared, got 9');
    });
  },
  { shared: true },
);
