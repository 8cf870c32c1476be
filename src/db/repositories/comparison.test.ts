import { beforeAll, expect, it } from 'vitest';
import { createRoleModel, createUnpublished, importSeedReports } from '../../api/fixtures.ts';
import { describeDatabases } from '../testing.ts';
import {
  areaPopulation,
  findLatestPublished,
  listAreaFindings,
  listPublished,
  listPublishedAreaResults,
  listPublishedScores,
  topAreaScorers,
  topQuestionScorers,
} from './comparison.ts';

describeDatabases(
  'comparison repository',
  (getDb) => {
    let ids: Record<string, string> = {};
    let stockholm = '';
    beforeAll(async () => {
      const { db } = getDb();
      ids = await importSeedReports(db);
      await createUnpublished(db);
      stockholm = (await createRoleModel(db)).id;
    });

    it('area results of published evaluations on a basis: edition, years, län', async () => {
      const { db } = getDb();
      const kk2010 = await listPublishedAreaResults(db, { editionId: 'kk-2010' });
      expect(kk2010).toHaveLength(3); // Upplands-Bro 2011, Stockholm 2012, Strängnäs 2014
      expect(kk2010.every((result) => result.areas.length === 8)).toBe(true);
      expect(await listPublishedAreaResults(db, { editionId: 'kk-2010', yearFrom: 2013 })).toEqual([
        expect.objectContaining({
          municipalityCode: '0486',
          year: 2014,
          areas: expect.arrayContaining([{ number: 1, score: 54 }]),
        }),
      ]);
      expect(
        await listPublishedAreaResults(db, { editionId: 'kk-2010', lanCode: '04' }),
      ).toHaveLength(1);
      expect(
        await listPublishedAreaResults(db, { editionId: 'kk-2010', yearTo: 2011 }),
      ).toHaveLength(1);
    });

    it('drafts and evaluations under review never count', async () => {
      const kk2016 = await listPublishedAreaResults(getDb().db, { editionId: 'kk-2016' });
      expect(kk2016.map((result) => result.evaluationId)).toEqual([
        ids['kommunkompassen-strangnas-2016.txt'],
      ]);
      const population = await areaPopulation(getDb().db, 'kk-2016');
      expect(population.get(1)).toHaveLength(1);
    });

    it('the latest published evaluation per municipality', async () => {
      const latest = await findLatestPublished(getDb().db, ['0486', '0139', '0114']);
      expect(latest.map((row) => [row.municipalityCode, row.year, row.editionId])).toEqual([
        ['0139', 2011, 'kk-2010'],
        ['0486', 2016, 'kk-2016'],
      ]);
      expect(latest[1]).toMatchObject({ municipalityName: 'Strängnäs', lanCode: '04' });
    });

    it('lists published evaluations with the number in all', async () => {
      const { db } = getDb();
      const all = await listPublished(db);
      // Strängnäs 2016 and 2014, Upplands-Bro, Södertälje 2006, Stockholm.
      expect(all.total).toBe(5);
      expect(all.items[0]).toMatchObject({ year: 2016, municipalityCode: '0486' });
      const page = await listPublished(db, { limit: 2, offset: 4 });
      expect(page).toMatchObject({ total: 5, items: [{ year: 2006 }] });
      expect((await listPublished(db, { municipalityCode: '0486' })).total).toBe(2);
    });

    it('top scorers on a question and an area, leaving one municipality out', async () => {
      const { db } = getDb();
      const question = await topQuestionScorers(db, {
        editionId: 'kk-2010',
        questionId: '1.1',
        limit: 5,
      });
      expect(question.map((row) => row.municipalityCode)).toEqual(['0180', '0139']);
      const area = await topAreaScorers(db, {
        area: 1,
        editionIds: ['kk-2002', 'kk-2010', 'kk-2016'],
        excludeMunicipalityCode: '0180',
        limit: 10,
      });
      expect(area.map((row) => row.municipalityCode)).not.toContain('0180');
      expect(area[0]).toMatchObject({ municipalityCode: '0181', year: 2006, editionId: 'kk-2002' });
      const scores = area.map((row) => row.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('findings of evaluations by area and kind', async () => {
      const findings = await listAreaFindings(getDb().db, {
        evaluationIds: [stockholm],
        areas: [1],
        kinds: ['good-example'],
      });
      expect(findings.map((finding) => finding.text)).toEqual(['Medborgarpanel med återkoppling']);
    });

    it('every area score of every published evaluation, for the CSV', async () => {
      const rows = await listPublishedScores(getDb().db);
      expect(rows).toHaveLength(5 * 8);
      expect(rows.filter((row) => row.municipalityCode === '0181')[1]).toMatchObject({
        year: 2006,
        editionId: 'kk-2002',
        area: 2,
        score: 74.5,
        totalPrinted: 577,
      });
    });
  },
  { shared: true },
);
