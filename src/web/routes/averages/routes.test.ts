import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEvaluation } from '../../../db/repositories/evaluations.ts';
import { createReferenceSeries } from '../../../db/repositories/reference-series.ts';
import { describeDatabases } from '../../../db/testing.ts';
import { buildApp } from '../../app.ts';
import { publicEvaluation, seedPublicFixtures, type PublicFixtures } from '../../testing.ts';

const has = (html: string, text: string) => html.includes(text);

describeDatabases(
  'the averages page GET /medelvarden',
  (getDb) => {
    let app: FastifyInstance;
    let fixtures: PublicFixtures;

    beforeAll(async () => {
      const { db } = getDb();
      fixtures = await seedPublicFixtures(db);
      // A second kk-2016 evaluation in another län: area scores 71–78.
      await createEvaluation(
        db,
        publicEvaluation({
          municipalityCode: '0180',
          year: 2018,
          totalPrinted: null,
          areas: Array.from({ length: 8 }, (_, index) => ({
            number: index + 1,
            score: 71 + index,
            printed: 71 + index,
          })),
        }),
      );
      app = await buildApp({ database: getDb() });
    });
    afterAll(async () => {
      await app?.close();
    });

    const get = (url: string) => app.inject({ url });

    it('shows the form alone, the newest edition chosen, when nothing is asked', async () => {
      const response = await get('/medelvarden');
      expect(response.statusCode).toBe(200);
      expect(has(response.body, '<h1>Medelvärden</h1>')).toBe(true);
      expect(has(response.body, '<label for="utgava">Utgåva av Kommunkompassen</label>')).toBe(
        true,
      );
      expect(has(response.body, 'id="resultat"')).toBe(false);
    });

    it('computes the mean per area and in total from the stored evaluations, with n', async () => {
      const response = await get('/medelvarden?utgava=kk-2016&fran=2010');
      expect(response.statusCode).toBe(200);
      const { body } = response;
      expect(has(body, 'Kommunkompassen 2016–2019, från 2010 och framåt')).toBe(true);
      expect(has(body, 'beräknat från 2 publicerade utvärderingar (n = 2)')).toBe(true);
      // Area 1: (61 + 71) / 2 = 66; area 2: (62,5 + 72) / 2 = 67,25 → 67,3.
      expect(body).toMatch(/1\. [^<]+<\/th><td class="number">66<\/td><td class="number">2<\/td>/);
      expect(body).toMatch(/2\. [^<]+<\/th><td class="number">67,3<\/td>/);
      // The average a report printed is listed for reference, with its source.
      expect(has(body, 'Medelvärden som publicerats i rapporter')).toBe(true);
      expect(has(body, `<a href="/utvarderingar/${fixtures.published.id}">test</a>`)).toBe(true);
    });

    it('narrows to one län and to a year range', async () => {
      const lan = await get('/medelvarden?utgava=kk-2016&lan=04');
      expect(has(lan.body, 'beräknat från 1 publicerad utvärdering (n = 1)')).toBe(true);
      expect(has(lan.body, 'Södermanlands län')).toBe(true);
      const years = await get('/medelvarden?utgava=kk-2016&fran=2017&till=2019');
      expect(has(years.body, 'Kommunkompassen 2016–2019, 2017–2019')).toBe(true);
      expect(has(years.body, '(n = 1)')).toBe(true);
    });

    it('shows the published average as such, with its source, when nothing on the basis is stored', async () => {
      await createReferenceSeries(getDb().db, {
        label: 'Medelvärde',
        basis: 'alla kommuner 2002–2006',
        editionId: 'kk-2002',
        yearFrom: 2002,
        yearTo: 2006,
        total: 480,
        source: 'rapport-2006.txt',
        sourceEvaluationId: null,
        areas: Array.from({ length: 8 }, (_, index) => ({ number: index + 1, score: 60 })),
      });
      const response = await get('/medelvarden?utgava=kk-2002');
      expect(response.statusCode).toBe(200);
      const { body } = response;
      expect(
        has(body, 'Det finns inga publicerade utvärderingar för det här urvalet i Kompass.'),
      ).toBe(true);
      expect(has(body, '”Medelvärde (alla kommuner 2002–2006)”, källa:')).toBe(true);
      expect(has(body, 'rapport-2006.txt')).toBe(true);
      expect(has(body, 'Publicerat medelvärde per område')).toBe(true);
      expect(body).toMatch(/1\. [^<]+<\/th><td class="number">60<\/td><td class="number">–<\/td>/);
    });

    it('says so with 404 when neither stored evaluations nor a published average fit the basis', async () => {
      const response = await get('/medelvarden?utgava=kk-2016&fran=2010&till=2015');
      expect(response.statusCode).toBe(404);
      expect(has(response.body, 'och inget publicerat medelvärde att visa.')).toBe(true);
    });

    it('refuses bad input with 400 and the reason on the field', async () => {
      const cases: Array<[string, string]> = [
        ['/medelvarden?utgava=kk-1999', 'Välj en utgåva av Kommunkompassen i listan.'],
        ['/medelvarden?utgava=', 'Välj en utgåva av Kommunkompassen i listan.'],
        ['/medelvarden?utgava=kk-2016&fran=tio', 'Från år: ”tio” är inget årtal.'],
        ['/medelvarden?utgava=kk-2016&fran=2016&till=2010', 'slutar innan det börjar'],
        ['/medelvarden?utgava=kk-2016&lan=99', 'Välj ett län i listan.'],
        ['/medelvarden?utgava=kk-2016&fran=1200', 'Årtalet ska vara ett år mellan 1990 och 2100'],
      ];
      for (const [url, message] of cases) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(400);
        expect(has(response.body, message), message).toBe(true);
        expect(has(response.body, 'id="resultat"')).toBe(false);
      }
    });
  },
  { shared: true },
);
