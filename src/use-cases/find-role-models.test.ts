import { beforeAll, expect, it } from 'vitest';
import { createRoleModel, createUnpublished, importSeedReports } from '../api/fixtures.ts';
import { describeDatabases } from '../db/testing.ts';
import { findRoleModels } from './find-role-models.ts';

describeDatabases(
  'findRoleModels',
  (getDb) => {
    let ids: Record<string, string> = {};
    let draftId = '';
    beforeAll(async () => {
      const { db } = getDb();
      ids = await importSeedReports(db);
      draftId = (await createUnpublished(db)).draft.id;
      await createRoleModel(db);
    });

    it('for low-scoring questions: the highest scorers on that question in the same edition', async () => {
      const result = await findRoleModels({
        db: getDb().db,
        evaluationId: ids['kommunkompassen-upplands-bro-2011.txt'] ?? '',
      });
      expect(result.evaluation).toMatchObject({ municipalityName: 'Upplands-Bro', year: 2011 });
      const questionNeeds = result.needs.filter((need) => need.need.type === 'question');
      expect(questionNeeds.length).toBeGreaterThan(0);
      expect(questionNeeds.length).toBeLessThanOrEqual(5);
      for (const need of questionNeeds) {
        expect(need.roleModels.map((model) => model.municipalityCode)).toEqual(['0180']);
        expect(need.roleModels[0]).toMatchObject({ sameEdition: true, year: 2012 });
        expect(need.roleModels[0]?.score).toBe(need.max);
        expect(need.own).toBeLessThan((need.max ?? 0) / 2);
      }
    });

    it('for improvement areas: the highest scorers on that area in any edition, with strengths and good examples', async () => {
      const result = await findRoleModels({
        db: getDb().db,
        evaluationId: ids['kommunkompassen-upplands-bro-2011.txt'] ?? '',
      });
      const area1 = result.needs.find((need) => need.need.type === 'area' && need.need.area === 1);
      expect(area1).toMatchObject({
        title: 'Offentlighet och demokrati',
        need: { reason: 'improvement' },
      });
      const codes = area1?.roleModels.map((model) => model.municipalityCode);
      expect(codes?.[0]).toBe('0180');
      expect(codes).toEqual(expect.arrayContaining(['0181', '0486']));
      expect(codes).not.toContain('0139');
      expect(area1?.roleModels[0]).toMatchObject({
        strengths: ['Förebildlig styrka 1'],
        goodExamples: ['Medborgarpanel med återkoppling'],
      });
      const strangnas = area1?.roleModels.find((model) => model.municipalityCode === '0486');
      expect(strangnas).toMatchObject({ year: 2016, sameEdition: false });
      expect(strangnas?.strengths.length).toBeGreaterThan(0);
    });

    it('says a draft or an unknown evaluation does not exist', async () => {
      const { db } = getDb();
      await expect(findRoleModels({ db, evaluationId: draftId })).rejects.toMatchObject({
        code: 'not-found',
      });
      await expect(findRoleModels({ db, evaluationId: 'nope' })).rejects.toMatchObject({
        code: 'not-found',
      });
    });
  },
  { shared: true },
);
