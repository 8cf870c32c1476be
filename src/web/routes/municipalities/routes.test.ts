import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDatabases } from '../../../db/testing.ts';
import { buildApp } from '../../app.ts';
import { seedPublicFixtures, type PublicFixtures } from '../../testing.ts';

/** The rows of the results table: the municipality names in order. */
function listedNames(html: string): string[] {
  const body = html.split('<tbody>')[1]?.split('</tbody>')[0] ?? '';
  return [...body.matchAll(/<th scope="row"><a href="\/kommuner\/\d{4}">([^<]+)<\/a>/g)].map(
    (match) => match[1] ?? '',
  );
}

describeDatabases(
  'public municipality pages',
  (getDb) => {
    let app: FastifyInstance;
    let fixtures: PublicFixtures;

    beforeAll(async () => {
      fixtures = await seedPublicFixtures(getDb().db);
      app = await buildApp({ database: getDb() });
    });
    afterAll(async () => {
      await app?.close();
    });

    const get = (url: string) => app.inject({ url });

    describe('GET /kommuner', () => {
      it('lists all 290 municipalities with how many published evaluations each has', async () => {
        const response = await get('/kommuner');
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
        const names = listedNames(response.body);
        expect(names).toHaveLength(290);
        expect(names.slice(0, 3)).toEqual(['Ale', 'Alingsås', 'Alvesta']);
        expect(names.at(-1)).toBe('Övertorneå');
        expect(response.body).toContain('Alla 290 kommuner i Sverige.');
        // Strängnäs has two published evaluations; the draft of 2018 does not count.
        expect(response.body).toMatch(
          /Strängnäs<\/a><\/th><td>0486<\/td><td>Södermanlands län<\/td><td class="number">2<\/td>/,
        );
        // Upplands-Bro's evaluation is under review: not published, so 0.
        expect(response.body).toMatch(
          /Upplands-Bro<\/a><\/th><td>0139<\/td><td>Stockholms län<\/td><td class="number">0<\/td>/,
        );
      });

      it('finds municipalities by part of the name, ignoring case and accents', async () => {
        const response = await get('/kommuner?q=upplands');
        expect(response.statusCode).toBe(200);
        expect(listedNames(response.body)).toEqual(['Upplands Väsby', 'Upplands-Bro']);
        expect(response.body).toContain('2 kommuner som matchar ”upplands”.');
        expect(listedNames((await get('/kommuner?q=OREBRO')).body)).toEqual(['Örebro']);
      });

      it('finds municipalities by kommunkod, whole or as a prefix', async () => {
        expect(listedNames((await get('/kommuner?q=0486')).body)).toEqual(['Strängnäs']);
        const prefix = listedNames((await get('/kommuner?q=048')).body);
        expect(prefix).toContain('Strängnäs');
        expect(prefix).toContain('Eskilstuna');
        expect(prefix.every((name) => name !== 'Stockholm')).toBe(true);
      });

      it('filters by län, and by län and name together', async () => {
        const sodermanland = listedNames((await get('/kommuner?lan=04')).body);
        expect(sodermanland).toHaveLength(9);
        expect(sodermanland).toContain('Strängnäs');
        const both = await get('/kommuner?q=str&lan=04');
        expect(listedNames(both.body)).toEqual(['Strängnäs']);
        expect(both.body).toContain('i Södermanlands län');
        expect(both.body).toContain('<option value="04" selected>Södermanlands län</option>');
      });

      it('says so when nothing matches, and keeps the query in the field', async () => {
        const response = await get('/kommuner?q=xyzzy');
        expect(response.statusCode).toBe(200);
        expect(listedNames(response.body)).toEqual([]);
        expect(response.body).toContain('Inga kommuner som matchar ”xyzzy”.');
        expect(response.body).toContain('value="xyzzy"');
      });

      it('escapes the query where it shows it', async () => {
        const response = await get(`/kommuner?q=${encodeURIComponent('<script>x</script>')}`);
        expect(response.body).not.toContain('<script>x</script>');
        expect(response.body).toContain('&lt;script>x&lt;/script>');
      });

      it('treats empty fields as not given', async () => {
        const response = await get('/kommuner?q=&lan=');
        expect(response.statusCode).toBe(200);
        expect(listedNames(response.body)).toHaveLength(290);
      });

      it('refuses an unknown län with 400 and the reason next to the field', async () => {
        const response = await get('/kommuner?lan=99');
        expect(response.statusCode).toBe(400);
        expect(response.body).toContain('<a href="#lan">Välj ett län i listan.</a>');
        expect(response.body).toContain('aria-describedby="lan-fel"');
        expect(response.body).toContain('aria-invalid="true"');
        expect(listedNames(response.body)).toEqual([]);
      });

      it('refuses a query over 100 characters with 400', async () => {
        const response = await get(`/kommuner?q=${'a'.repeat(101)}`);
        expect(response.statusCode).toBe(400);
        expect(response.body).toContain('Sökordet får vara högst 100 tecken.');
      });

      it('refuses control characters in the query with 400, not a database error', async () => {
        for (const q of ['%00', 'a%00b', '%1F']) {
          const response = await get(`/kommuner?q=${q}`);
          expect(response.statusCode, q).toBe(400);
          expect(response.body).toContain('Sökordet får bara innehålla vanliga tecken.');
        }
      });

      it('refuses a repeated query parameter with 400 instead of failing', async () => {
        const response = await get('/kommuner?q=a&q=b');
        expect(response.statusCode).toBe(400);
        expect(response.body).toContain('Skriv sökordet en gång.');
      });
    });

    describe('GET /kommuner/:code', () => {
      it('shows the municipality with its published evaluations, newest first', async () => {
        const response = await get('/kommuner/0486');
        expect(response.statusCode).toBe(200);
        expect(response.body).toContain('<h1>Strängnäs</h1>');
        expect(response.body).toContain('Södermanlands län');
        const list = response.body.split('id="over-tid"')[0] ?? '';
        const links = [...list.matchAll(/href="\/utvarderingar\/([0-9a-f-]+)"/g)].map(
          (match) => match[1],
        );
        expect(links).toEqual([fixtures.published.id, fixtures.previous.id]);
        expect(response.body).toContain('Kommunkompassen oktober 2016');
        expect(response.body).toContain('Kommunkompassen 2016–2019');
        expect(response.body).toContain('<td class="number">497</td>');
        expect(response.body).toContain('<td class="number">437</td>');
      });

      it('shows the results over the years per area and in total, oldest first, with charts', async () => {
        const { body } = await get('/kommuner/0486');
        const history = body.split('<h2 id="over-tid">')[1] ?? '';
        const headings = [
          ...history.matchAll(
            /<th scope="col" class="number"><a href="\/utvarderingar\/([0-9a-f-]+)">(\d{4})<\/a>/g,
          ),
        ].map((match) => [match[1], match[2]]);
        expect(headings).toEqual([
          [fixtures.previous.id, '2014'],
          [fixtures.published.id, '2016'],
        ]);
        // Area 2: 52 in 2014 and 62,5 in 2016 (decimal comma); the totals as printed.
        expect(history).toMatch(
          /<th scope="row">2\. [^<]+<\/th><td class="number">52<\/td><td class="number">62,5<\/td>/,
        );
        expect(history).toMatch(
          /Totalt \(av 800\)<\/th><td class="number">437<\/td><td class="number">497<\/td>/,
        );
        // Two charts as images with a title and a description, and no inline style.
        expect(
          history.match(/<svg role="img" aria-labelledby="historik-(omraden|totalt)-title/g),
        ).toHaveLength(2);
        expect(history).toContain(
          '<title id="historik-omraden-title">Strängnäs: poäng per område över tid</title>',
        );
        expect(history).not.toMatch(/<svg[^>]* style=/);
        expect(body).toContain(
          `href="/jamfor?utvardering=${fixtures.published.id}&amp;utvardering=${fixtures.previous.id}"`,
        );
      });

      it('says visibly that the editions differ and names renamed areas', async () => {
        const { body } = await get('/kommuner/0486');
        expect(body).toContain(
          '<p class="notice" id="olika-utgavor"><strong>Olika utgåvor.</strong>',
        );
        expect(body).toContain('Område 7 har olika namn i versionerna.');
        expect(body).toMatch(
          /7\. Ständiga förbättringar<span class="muted"> \(även: Verksamhetsutveckling\)/,
        );
      });

      it('has no history and no note for a municipality with one edition or none', async () => {
        const { body } = await get('/kommuner/0139');
        expect(body).not.toContain('id="over-tid"');
        expect(body).not.toContain('olika-utgavor');
      });

      it('never lists a draft', async () => {
        const response = await get('/kommuner/0486');
        expect(response.body).not.toContain(fixtures.draft.id);
        expect(response.body).not.toContain('2018');
      });

      it('says when a municipality has no published evaluation', async () => {
        const response = await get('/kommuner/0139');
        expect(response.statusCode).toBe(200);
        expect(response.body).toContain(
          'Det finns ännu ingen publicerad utvärdering av Upplands-Bro.',
        );
        expect(response.body).not.toContain(fixtures.review.id);
      });

      it('answers 404 with a Swedish page for an unknown or malformed code', async () => {
        for (const code of ['9999', '48', 'abcd', '04861']) {
          const response = await get(`/kommuner/${code}`);
          expect(response.statusCode, code).toBe(404);
          expect(response.body).toContain('<h1>Sidan finns inte</h1>');
        }
      });
    });
  },
  { shared: true },
);
