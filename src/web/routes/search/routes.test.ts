import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvaluation } from '../../../db/repositories/evaluations.ts';
import { describeDatabases } from '../../../db/testing.ts';
import { buildApp } from '../../app.ts';
import { publicEvaluation, seedPublicFixtures, type PublicFixtures } from '../../testing.ts';

const DRAFT_MARKER = 'utkastmarkor';
const NOTE_MARKER = 'anteckningsmarkor';

/** Whether the page contains `text` (a boolean, so a failure does not print the whole page). */
const has = (html: string, text: string) => html.includes(text);

/** The hits' links, in order. */
const hitLinks = (html: string) =>
  [...html.matchAll(/<li class="search-hit"><h3><a href="([^"]+)">/g)].map((m) => m[1] ?? '');

describeDatabases(
  'the search page GET /sok',
  (getDb) => {
    let app: FastifyInstance;
    let fixtures: PublicFixtures;
    let stockholmId = '';

    beforeAll(async () => {
      const { db } = getDb();
      fixtures = await seedPublicFixtures(db);
      stockholmId = (
        await createEvaluation(
          db,
          publicEvaluation({
            municipalityCode: '0180',
            year: 2017,
            findings: [
              {
                area: 2,
                kind: 'good-example',
                heading: '<img src=x onerror=alert(1)> Dialog',
                text: '<script>alert("x")</script> Medborgardialog & <b>fet</b> i skolan',
              },
            ],
          }),
        )
      ).id;
      await createEvaluation(
        db,
        publicEvaluation({
          municipalityCode: '0180',
          year: 2019,
          status: 'draft',
          findings: [{ area: 1, kind: 'strength', text: `Medborgardialog ${DRAFT_MARKER}` }],
        }),
      );
      await db.execute(sql`insert into interviews (evaluation_id, held_on, category, name, notes)
        values (${stockholmId}, '2017-03-01', 'politiker', 'Ingrid Intervjuad',
          ${`medborgardialog ${NOTE_MARKER}`})`);
      app = await buildApp({ database: getDb() });
    });
    afterAll(async () => {
      await app?.close();
    });

    const get = (url: string) => app.inject({ url });

    it('shows the empty form when nothing is asked', async () => {
      const response = await get('/sok');
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<h1>Sök goda exempel</h1>');
      expect(response.body).toContain('<label for="q">Sökord</label>');
      expect(response.body).not.toContain('id="traffar"');
    });

    it('finds by stem, marks the words and links to the area in the published report', async () => {
      const response = await get('/sok?q=medborgardialogen');
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('2 texter matchar ”medborgardialogen”');
      expect(response.body).toContain('<mark>medborgardialog</mark>');
      expect(hitLinks(response.body).sort()).toEqual(
        [
          `/utvarderingar/${fixtures.published.id}/rapport#omrade-1`,
          `/utvarderingar/${stockholmId}/rapport#omrade-2`,
        ].sort(),
      );
    });

    it('escapes HTML in the stored texts: only <mark> is markup', async () => {
      const { body } = await get('/sok?q=medborgardialog&kommun=0180');
      expect(hitLinks(body)).toEqual([`/utvarderingar/${stockholmId}/rapport#omrade-2`]);
      expect(has(body, '<script>alert')).toBe(false);
      expect(has(body, '<img src=x')).toBe(false);
      expect(has(body, '<b>fet</b>')).toBe(false);
      // The heading is escaped as a whole; ts_headline drops tag-like words from the snippet.
      expect(has(body, '&lt;img src=x onerror=alert(1)&gt; Dialog')).toBe(true);
      expect(has(body, '<p><mark>Medborgardialog</mark> &amp;')).toBe(true);
    });

    it('escapes a query with script and HTML in it', async () => {
      const query = '<script>alert(1)</script> "><img src=x>';
      const response = await get(`/sok?q=${encodeURIComponent(query)}`);
      expect(response.statusCode).toBe(200);
      expect(has(response.body, '<script>alert(1)')).toBe(false);
      expect(has(response.body, '<img src=x>')).toBe(false);
      expect(has(response.body, 'value="&lt;script>alert(1)&lt;/script> &quot;>&lt;img')).toBe(
        true,
      );
      expect(has(response.body, 'matchar ”&lt;script>alert(1)&lt;/script>')).toBe(true);
    });

    it('never shows drafts or interview notes', async () => {
      for (const word of [DRAFT_MARKER, NOTE_MARKER, 'Intervjuad']) {
        const response = await get(`/sok?q=${word}`);
        expect(response.statusCode).toBe(200);
        expect(response.body).toContain(`Inga publicerade texter matchar ”${word}”`);
        expect(hitLinks(response.body)).toEqual([]);
      }
      const { body } = await get('/sok?q=medborgardialog');
      expect(has(body, DRAFT_MARKER)).toBe(false);
      expect(has(body, NOTE_MARKER)).toBe(false);
    });

    it('filters by area, years, municipality, län and kind', async () => {
      const only = async (query: string) => hitLinks((await get(`/sok?${query}`)).body);
      const strangnas = `/utvarderingar/${fixtures.published.id}/rapport#omrade-1`;
      const stockholm = `/utvarderingar/${stockholmId}/rapport#omrade-2`;
      expect(await only('q=medborgardialog&omrade=2')).toEqual([stockholm]);
      expect(await only('q=medborgardialog&fran=2017')).toEqual([stockholm]);
      expect(await only('q=medborgardialog&till=2016')).toEqual([strangnas]);
      expect(await only('q=medborgardialog&lan=04')).toEqual([strangnas]);
      expect(await only('q=medborgardialog&typ=good-example')).toEqual([stockholm]);
      expect(await only('q=medborgardialog&typ=strength&typ=improvement')).toEqual([strangnas]);
    });

    describe('bad input: a clear message on the field, 400, never a 500', () => {
      const cases: Array<[string, string, string]> = [
        ['an empty query', 'q=', 'Skriv ett eller flera ord att söka efter.'],
        ['only spaces', 'q=%20%20', 'Skriv ett eller flera ord att söka efter.'],
        [
          'a 2,000-character query',
          `q=${'a'.repeat(2000)}`,
          'Sökfrågan är 2000 tecken lång. Den får vara högst 200 tecken.',
        ],
        ['filters without a query', 'omrade=1', 'Skriv ett eller flera ord att söka efter.'],
        ['an area outside 1–8', 'q=dialog&omrade=9', 'Välj ett område i listan (1–8).'],
        ['a year that is not one', 'q=dialog&fran=tjugo', 'Från år: ”tjugo” är inget årtal.'],
        ['years the wrong way round', 'q=dialog&fran=2016&till=2010', 'slutar innan det börjar'],
        ['an unknown kommunkod', 'q=dialog&kommun=9999', 'Välj en kommun i listan.'],
        ['an unknown län', 'q=dialog&lan=99', 'Välj ett län i listan.'],
        ['an unknown kind', 'q=dialog&typ=intervju', 'Typen ska vara en av'],
        ['a page that is not one', 'q=dialog&sida=0', 'Sidan ”0” finns inte.'],
      ];
      for (const [what, query, message] of cases) {
        it(what, async () => {
          const response = await get(`/sok?${query}`);
          expect(response.statusCode).toBe(400);
          expect(has(response.body, 'class="error-summary"')).toBe(true);
          expect(has(response.body, message), message).toBe(true);
          expect(has(response.body, 'id="traffar"')).toBe(false);
        });
      }
    });

    it('pages through the hits with links that keep the filters', async () => {
      const first = await get(
        '/sok?q=medborgardialog&typ=strength&typ=improvement&typ=good-example',
      );
      expect(first.body).not.toContain('Nästa sida');
      const beyond = await get('/sok?q=medborgardialog&sida=3');
      expect(beyond.statusCode).toBe(200);
      expect(beyond.body).toContain('Sidan finns inte: gå tillbaka till första sidan.');
    });
  },
  { shared: true },
);
