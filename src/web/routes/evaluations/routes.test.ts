import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceEvaluation, setEvaluationStatus } from '../../../db/repositories/evaluations.ts';
import { describeDatabases } from '../../../db/testing.ts';
import { buildApp } from '../../app.ts';
import { publicEvaluation, seedPublicFixtures, type PublicFixtures } from '../../testing.ts';

/** The score table's cells, row by row, as text. */
function scoreRows(html: string): string[][] {
  const table = html.split('<table class="data-table score-table">')[1]?.split('</table>')[0] ?? '';
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) =>
      (cell[1] ?? '').replace(/<[^>]+>/g, ''),
    ),
  );
}

describeDatabases(
  'public evaluation summary',
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

    describe('a published evaluation', () => {
      it('shows each area by the edition’s name with its score as printed, decimal comma', async () => {
        const response = await get(`/utvarderingar/${fixtures.published.id}`);
        expect(response.statusCode).toBe(200);
        const rows = scoreRows(response.body);
        expect(rows[0]).toEqual([
          'Område',
          'Strängnäs 2016',
          'Strängnäs 2014',
          'Medelvärde (beräknat från 2010 och framåt)',
        ]);
        expect(rows[1]).toEqual(['1. Offentlighet och demokrati', '61', '51', '56']);
        expect(rows[2]).toEqual(['2. Tillgänglighet och brukarorientering', '62,5', '52', '57']);
        expect(rows[7]?.[0]).toBe('7. Ständiga förbättringar');
        expect(rows[9]).toEqual(['Totalt (av 800)', '497', '437', '476']);
      });

      it('has one h1 and a table caption', async () => {
        const { body } = await get(`/utvarderingar/${fixtures.published.id}`);
        expect(body.match(/<h1>/g)).toHaveLength(1);
        expect(body).toContain('<h1>Strängnäs: Kommunkompassen oktober 2016</h1>');
        expect(body).toContain('<caption>Poäng per område för Strängnäs 2016');
      });

      it('states the total with its share in Swedish format', async () => {
        const { body } = await get(`/utvarderingar/${fixtures.published.id}`);
        expect(body).toContain('497 av 800 poäng (62\u00a0%)');
      });

      it('notes that the previous evaluation used another edition', async () => {
        const { body } = await get(`/utvarderingar/${fixtures.published.id}`);
        expect(body).toContain('olika utgåvor av Kommunkompassen (Kommunkompassen 2010–2015 och');
      });

      it('lists strengths, improvement areas and good examples per area, with role models', async () => {
        const { body } = await get(`/utvarderingar/${fixtures.published.id}`);
        expect(body).toContain(
          '<h4>Styrkor</h4><ul><li>Tydliga riktlinjer för medborgardialog</li>',
        );
        expect(body).toContain(
          '<h4>Förbättringsområden</h4><ul><li>Redovisa resultaten för invånarna</li>',
        );
        expect(body).toContain('(<a href="/kommuner/1262">Lomma</a>)');
        expect(body).toContain('Anna Andersson, SKR');
        expect(body).toContain('cirka 34\u00a0000');
      });

      it('shows the previous evaluation, which has no earlier one, without comparison column', async () => {
        const response = await get(`/utvarderingar/${fixtures.previous.id}`);
        expect(response.statusCode).toBe(200);
        expect(scoreRows(response.body)[0]).toEqual(['Område', 'Strängnäs 2014']);
      });
    });

    describe('what is not published', () => {
      it('answers a draft with 404, exactly like an unknown id (not 403)', async () => {
        const unknownId = '00000000-0000-4000-8000-000000000000';
        const draft = await get(`/utvarderingar/${fixtures.draft.id}`);
        const unknown = await get(`/utvarderingar/${unknownId}`);
        expect(draft.statusCode).toBe(404);
        expect(unknown.statusCode).toBe(404);
        // The same page but for the id itself (the sign-in link returns to the requested page).
        expect(draft.body.replaceAll(fixtures.draft.id, 'ID')).toBe(
          unknown.body.replaceAll(unknownId, 'ID'),
        );
        expect(draft.body).not.toContain('2018');
      });

      it('answers an evaluation under review with 404', async () => {
        expect((await get(`/utvarderingar/${fixtures.review.id}`)).statusCode).toBe(404);
      });

      it('answers a malformed id with 404, not 500', async () => {
        for (const id of ['abc', '1', "' or 1=1 --", 'x'.repeat(150)]) {
          expect((await get(`/utvarderingar/${encodeURIComponent(id)}`)).statusCode, id).toBe(404);
        }
      });

      it('hides an evaluation again once it goes back to draft', async () => {
        const stored = await replaceEvaluation(
          getDb().db,
          fixtures.review.id,
          publicEvaluation({
            municipalityCode: '0139',
            year: 2011,
            editionId: 'kk-2010',
            status: 'published',
          }),
        );
        expect((await get(`/utvarderingar/${stored.id}`)).statusCode).toBe(200);
        await setEvaluationStatus(getDb().db, stored.id, {
          status: 'draft',
          expectedVersion: stored.version,
        });
        expect((await get(`/utvarderingar/${stored.id}`)).statusCode).toBe(404);
      });
    });
  },
  { shared: true },
);
