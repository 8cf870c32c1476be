import { beforeAll, expect, it } from 'vitest';
import { createRoleModel, createUnpublished, importSeedReports } from '../../api/fixtures.ts';
import { buildEvaluation, describeDatabases, ensureTestEdition } from '../testing.ts';
import {
  areaPopulation,
  findLatestPublished,
  listAreaFindings,
  listPublished,
  listPublishedAreaResults,
  listPublishedScores,
  topScorersForNeeds,
  type ScorerRow,
} from './comparison.ts';
import { createEvaluation, replaceEvaluation, type NewEvaluation } from './evaluations.ts';

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
      const all = await topScorersForNeeds(db, {
        editionId: 'kk-2010',
        questionIds: ['1.1'],
        areas: [],
        areaEditionIds: [],
        limit: 5,
      });
      const question = all.questions.get('1.1') ?? [];
      expect(question.map((row) => row.municipalityCode)).toEqual(['0180', '0139']);
      const top = await topScorersForNeeds(db, {
        editionId: 'kk-2010',
        questionIds: [],
        areas: [1],
        areaEditionIds: ['kk-2002', 'kk-2010', 'kk-2016'],
        excludeMunicipalityCode: '0180',
        limit: 10,
      });
      const area = top.areas.get(1) ?? [];
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

/** One evaluation scoring `points` on question 1.1 and `score` on area 1 (nothing else). */
function scored(
  municipalityCode: string,
  year: number,
  points: number | null,
  score: number,
  overrides: Partial<NewEvaluation> = {},
): NewEvaluation {
  return buildEvaluation({
    municipalityCode,
    year,
    status: 'published',
    areas: [{ number: 1, score }],
    questions: [{ id: '1.1', points }],
    findings: [],
    ...overrides,
  });
}

describeDatabases(
  'role-model candidates per need',
  (getDb) => {
    beforeAll(async () => {
      const database = getDb();
      const { db } = database;
      for (const id of ['test-2010', 'test-2020', 'test-1990'])
        await ensureTestEdition(database, id);
      await createEvaluation(db, scored('0180', 2012, 60, 95));
      // Three tied on score, the older last: an index walk meets it first.
      await createEvaluation(db, scored('0182', 2013, 50, 90));
      await createEvaluation(db, scored('0183', 2013, 50, 90));
      await createEvaluation(db, scored('0181', 2011, 50, 90));
      await createEvaluation(db, scored('0184', 2010, null, 12.3));
      // Another edition: ranked on the area, never on the edition's question.
      await createEvaluation(db, scored('0125', 2014, 60, 92.5, { editionId: 'test-2020' }));
      // Never candidates: an edition not asked for, a draft, a self-assessment, the
      // municipality left out, and a published revision a published correction superseded.
      await createEvaluation(db, scored('0126', 2014, 60, 100, { editionId: 'test-1990' }));
      await createEvaluation(db, scored('0114', 2012, 60, 100, { status: 'draft' }));
      await createEvaluation(db, scored('0120', 2012, 60, 100, { kind: 'self-assessment' }));
      await createEvaluation(db, scored('0486', 2012, 60, 100));
      const corrected = await createEvaluation(db, scored('0115', 2012, 60, 99));
      await replaceEvaluation(db, corrected.id, scored('0115', 2012, 10, 10));
      // A correction still in draft hides nothing: the published revision stays a candidate.
      const drafted = await createEvaluation(db, scored('0117', 2012, 40, 80));
      await replaceEvaluation(db, drafted.id, scored('0117', 2012, 60, 100, { status: 'draft' }));
    });

    const needs = {
      editionId: 'test-2010',
      questionIds: ['1.1', '2.1'],
      areas: [1, 2],
      areaEditionIds: ['test-2010', 'test-2020'],
      excludeMunicipalityCode: '0486',
    };
    const rank = (rows: ScorerRow[] | undefined) =>
      (rows ?? []).map((row) => `${row.municipalityCode} ${row.year} ${row.score}`);

    it('ranks each need: score, then newest year, then municipality code', async () => {
      const top = await topScorersForNeeds(getDb().db, { ...needs, limit: 10 });
      expect(rank(top.questions.get('1.1'))).toEqual([
        '0180 2012 60',
        '0182 2013 50',
        '0183 2013 50',
        '0181 2011 50',
        '0117 2012 40',
        '0115 2012 10',
      ]);
      expect(rank(top.areas.get(1))).toEqual([
        '0180 2012 95',
        '0125 2014 92.5',
        '0182 2013 90',
        '0183 2013 90',
        '0181 2011 90',
        '0117 2012 80',
        '0184 2010 12.3',
        '0115 2012 10',
      ]);
      expect(top.areas.get(1)?.[1]).toMatchObject({
        municipalityName: 'Ekerö',
        editionId: 'test-2020',
        score: 92.5,
      });
      expect(typeof top.areas.get(1)?.[0]?.year).toBe('number');
      // Needs without scores are there, empty.
      expect(top.questions.get('2.1')).toEqual([]);
      expect(top.areas.get(2)).toEqual([]);
    });

    it('keeps at most `limit` rows per need, ties broken the same way', async () => {
      const top = await topScorersForNeeds(getDb().db, { ...needs, limit: 3 });
      expect(rank(top.questions.get('1.1'))).toEqual([
        '0180 2012 60',
        '0182 2013 50',
        '0183 2013 50',
      ]);
      expect(rank(top.areas.get(1))).toEqual(['0180 2012 95', '0125 2014 92.5', '0182 2013 90']);
    });

    it('asks nothing for no needs, and no area rows without editions', async () => {
      const { db } = getDb();
      const none = await topScorersForNeeds(db, { ...needs, questionIds: [], areas: [], limit: 3 });
      expect([...none.questions, ...none.areas]).toEqual([]);
      const noEditions = await topScorersForNeeds(db, { ...needs, areaEditionIds: [], limit: 3 });
      expect(noEditions.areas.get(1)).toEqual([]);
      expect(noEditions.questions.get('1.1')).toHaveLength(3);
    });
  },
  { shared: true },
);
