/**
 * A correction of a published evaluation starts as a draft revision that is `current` at once.
 * Until it is published, the public pages and the open data API keep showing the published
 * revision (never the draft's figures); once it is published, the new revision takes its place.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getEvaluation, setEvaluationStatus } from '../../../db/repositories/evaluations.ts';
import { createUser } from '../../../db/repositories/users.ts';
import { evaluations } from '../../../db/schema.ts';
import { describeDatabases } from '../../../db/testing.ts';
import { correctEvaluation } from '../../../use-cases/correct-evaluation.ts';
import { buildApp } from '../../app.ts';
import { seedPublicFixtures, type PublicFixtures } from '../../testing.ts';

/** The totals column of the municipality page's table, in order. */
function listedTotals(html: string): string[] {
  const body = html.split('<tbody>')[1]?.split('</tbody>')[0] ?? '';
  return [...body.matchAll(/<td class="number">([^<]*)<\/td>/g)].map((match) => match[1] ?? '');
}

describeDatabases(
  'public pages while a correction is pending',
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

    it('shows the published revision until its correction is published, then the new one only', async () => {
      const { db } = getDb();
      const { published, previous } = fixtures;
      const user = await createUser(
        db,
        { email: 'eva@example.se', role: 'evaluator', displayName: 'Eva Rättare' },
        { actorUserId: null },
      );
      const outcome = await correctEvaluation(db, {
        evaluationId: published.id,
        expectedVersion: published.version,
        actorUserId: user.id,
        reason: 'Fel poäng i område 2',
      });
      if (!outcome.ok) throw new Error(outcome.message);
      const correction = outcome.evaluation;
      // The draft gets figures of its own, which must not show while it is a draft.
      await db
        .update(evaluations)
        .set({ totalPrinted: 612 })
        .where(eq(evaluations.id, correction.id));

      const pending = await get('/kommuner/0486');
      expect(pending.statusCode).toBe(200);
      expect(pending.body).toContain(`/utvarderingar/${published.id}`);
      expect(pending.body).not.toContain(correction.id);
      expect(listedTotals(pending.body)).toEqual(['497', '437']);
      const start = await get('/');
      expect(start.body).toContain(`/utvarderingar/${published.id}`);
      expect(start.body).not.toContain(correction.id);
      expect((await get('/kommuner?q=0486')).body).toMatch(
        /Strängnäs<\/a><\/th><td>0486<\/td><td>Södermanlands län<\/td><td class="number">2<\/td>/,
      );
      // The published page stands, without a notice about the correction in progress.
      const page = await get(`/utvarderingar/${published.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Rättelser');
      expect(page.body).not.toContain('Se den gällande versionen');
      expect((await get(`/utvarderingar/${correction.id}`)).statusCode).toBe(404);
      // The open data API agrees.
      const apiList = (await get('/api/v1/evaluations?municipality=0486')).json<{
        total: number;
        items: Array<{ id: string }>;
      }>();
      expect(apiList.items.map((item) => item.id).sort()).toEqual(
        [published.id, previous.id].sort(),
      );
      expect((await get(`/api/v1/evaluations/${published.id}`)).statusCode).toBe(200);
      expect((await get(`/api/v1/evaluations/${correction.id}`)).statusCode).toBe(404);
      expect((await get('/api/v1/scores.csv')).body).not.toContain(correction.id);

      // The correction is published: it takes the old revision's place.
      const draft = await getEvaluation(db, correction.id);
      await setEvaluationStatus(db, correction.id, {
        status: 'published',
        expectedVersion: draft?.version ?? 0,
      });
      const after = await get('/kommuner/0486');
      expect(after.body).toContain(`/utvarderingar/${correction.id}`);
      expect(after.body).not.toContain(`/utvarderingar/${published.id}`);
      expect(listedTotals(after.body)).toEqual(['612', '437']);
      expect((await get('/kommuner?q=0486')).body).toMatch(
        /Strängnäs<\/a><\/th><td>0486<\/td><td>Södermanlands län<\/td><td class="number">2<\/td>/,
      );
      expect((await get(`/api/v1/evaluations/${published.id}`)).statusCode).toBe(404);
      expect((await get(`/api/v1/evaluations/${correction.id}`)).statusCode).toBe(200);

      // The old revision links to the new one; both tell readers about the correction.
      const old = await get(`/utvarderingar/${published.id}`);
      expect(old.statusCode).toBe(200);
      expect(old.body).toContain(`<a href="/utvarderingar/${correction.id}">`);
      const current = await get(`/utvarderingar/${correction.id}`);
      expect(current.statusCode).toBe(200);
      for (const body of [old.body, current.body]) {
        expect(body).toContain('Rättelser');
        expect(body).toContain('Revision 2 rättar revision 1');
        expect(body).toContain('av Eva Rättare');
        expect(body).toContain('Anledning: Fel poäng i område 2');
      }
      expect(current.body).not.toContain('eva@example.se');
    });
  },
  { shared: true },
);
