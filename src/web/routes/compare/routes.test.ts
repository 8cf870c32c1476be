import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEvaluation } from '../../../db/repositories/evaluations.ts';
import { describeDatabases } from '../../../db/testing.ts';
import { buildApp } from '../../app.ts';
import { publicEvaluation, seedPublicFixtures, type PublicFixtures } from '../../testing.ts';

const has = (html: string, text: string) => html.includes(text);
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describeDatabases(
  'the comparison page GET /jamfor',
  (getDb) => {
    let app: FastifyInstance;
    let fixtures: PublicFixtures;
    let stockholm = '';
    let uppsala = '';

    beforeAll(async () => {
      const { db } = getDb();
      fixtures = await seedPublicFixtures(db);
      // Two more of kk-2016 (ranks among three), with area scores 70–77 and 40–47.
      const scores = (base: number) =>
        Array.from({ length: 8 }, (_, index) => ({
          number: index + 1,
          score: base + index,
          printed: base + index,
        }));
      stockholm = (
        await createEvaluation(
          db,
          publicEvaluation({ municipalityCode: '0180', year: 2017, areas: scores(70) }),
        )
      ).id;
      uppsala = (
        await createEvaluation(
          db,
          publicEvaluation({ municipalityCode: '0380', year: 2018, areas: scores(40) }),
        )
      ).id;
      app = await buildApp({ database: getDb() });
    });
    afterAll(async () => {
      await app?.close();
    });

    const get = (url: string) => app.inject({ url });
    const href = (...ids: string[]) => `/jamfor?${ids.map((id) => `utvardering=${id}`).join('&')}`;

    it('shows the picker alone when nothing is chosen', async () => {
      const response = await get('/jamfor');
      expect(response.statusCode).toBe(200);
      expect(has(response.body, '<h1>Jämför utvärderingar</h1>')).toBe(true);
      expect(has(response.body, '<label for="kommun">Kommun</label>')).toBe(true);
      // Only municipalities with published evaluations are offered.
      expect(has(response.body, '<option value="0486">Strängnäs</option>')).toBe(true);
      expect(has(response.body, '<option value="0139">')).toBe(false);
      expect(has(response.body, 'id="per-omrade"')).toBe(false);
    });

    it('adds an evaluation by municipality and year and redirects to the comparison', async () => {
      const first = await get('/jamfor?kommun=0486&ar=2014');
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe(href(fixtures.previous.id));
      const second = await get(`${href(fixtures.previous.id)}&kommun=0180&ar=`);
      expect(second.headers.location).toBe(href(fixtures.previous.id, stockholm));
    });

    it('compares per area with rank and percentile in the edition, a radar and a question note', async () => {
      const response = await get(href(fixtures.published.id, stockholm, uppsala));
      expect(response.statusCode).toBe(200);
      const { body } = response;
      expect(body).toMatch(/<svg role="img" aria-labelledby="jamforelse-title jamforelse-desc"/);
      expect(
        has(
          body,
          '<title id="jamforelse-title">Jämförelse per område: Strängnäs 2016, Stockholm 2017, Uppsala 2018</title>',
        ),
      ).toBe(true);
      // Area 1: Strängnäs 61 (2nd of 3), Stockholm 70 (1st), Uppsala 40 (3rd).
      expect(body).toMatch(
        /<th scope="row">1\. [^<]+<\/th><td class="number">61<br\/><span class="muted">plats 2 av 3, percentil 50<\/span><\/td><td class="number">70<br\/><span class="muted">plats 1 av 3, percentil 100<\/span><\/td><td class="number">40<br\/><span class="muted">plats 3 av 3, percentil 0<\/span>/,
      );
      expect(has(body, 'olika-utgavor')).toBe(false);
      // Area-level results only: no question table, and a note saying why.
      expect(has(body, 'Utvärderingarna har bara resultat per område, inte per fråga.')).toBe(true);
      expect(has(body, `href="${href(stockholm, uppsala).replaceAll('&', '&amp;')}"`)).toBe(true);
    });

    it('compares across editions per area with a visible note', async () => {
      const response = await get(href(fixtures.published.id, fixtures.previous.id));
      expect(response.statusCode).toBe(200);
      expect(
        has(response.body, '<p class="notice" id="olika-utgavor"><strong>Olika utgåvor.</strong>'),
      ).toBe(true);
      expect(
        has(
          response.body,
          'Frågorna jämförs bara när alla utvärderingar är gjorda med samma version',
        ),
      ).toBe(true);
    });

    it('refuses a question table across editions with 400 and a clear message, keeping the areas', async () => {
      const response = await get(`${href(fixtures.published.id, fixtures.previous.id)}&fragor=1`);
      expect(response.statusCode).toBe(400);
      expect(
        has(response.body, 'Frågorna kan inte jämföras mellan olika versioner av Kommunkompassen'),
      ).toBe(true);
      expect(has(response.body, 'href="#per-fraga"')).toBe(true);
      expect(has(response.body, 'id="per-omrade"')).toBe(true);
    });

    it('answers an unknown, malformed or unpublished id with 404 and a Swedish message', async () => {
      for (const id of [UNKNOWN, 'abc', fixtures.draft.id, fixtures.review.id]) {
        const response = await get(href(fixtures.published.id, id));
        expect(response.statusCode, id).toBe(404);
        expect(has(response.body, `Det finns ingen publicerad utvärdering med id ${id}.`)).toBe(
          true,
        );
        // The valid choice is kept in the form; the bad one is dropped.
        expect(has(response.body, `name="utvardering" value="${fixtures.published.id}"`)).toBe(
          true,
        );
        expect(has(response.body, `value="${id}"`)).toBe(false);
      }
    });

    it('refuses bad additions with 400 and the reason on the field', async () => {
      const cases: Array<[string, string]> = [
        [
          '/jamfor?kommun=9999',
          'Det finns ingen kommun med publicerade utvärderingar och kommunkod ”9999”',
        ],
        [
          '/jamfor?kommun=0139',
          'Det finns ingen kommun med publicerade utvärderingar och kommunkod ”0139”',
        ],
        ['/jamfor?kommun=', 'Välj en kommun i listan.'],
        ['/jamfor?kommun=0486&ar=20x6', 'År: ”20x6” är inget årtal.'],
        [
          '/jamfor?kommun=0486&ar=2001',
          'Strängnäs har ingen publicerad utvärdering med poäng från 2001.',
        ],
        [
          `${href(fixtures.published.id)}&kommun=0486&ar=2016`,
          'Utvärderingen av Strängnäs 2016 är redan vald.',
        ],
      ];
      for (const [url, message] of cases) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(400);
        expect(has(response.body, message), message).toBe(true);
      }
    });

    it('refuses more than eight evaluations with 400', async () => {
      const ids = Array.from({ length: 9 }, () => fixtures.published.id);
      const response = await get(href(...ids));
      expect(response.statusCode).toBe(400);
      expect(has(response.body, 'Högst 8 utvärderingar kan jämföras åt gången.')).toBe(true);
    });
  },
  { shared: true },
);
