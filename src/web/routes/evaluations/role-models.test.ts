import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEvaluation, setEvaluationStatus } from '../../../db/repositories/evaluations.ts';
import { correctEvaluation } from '../../../use-cases/correct-evaluation.ts';
import { describeDatabases } from '../../../db/testing.ts';
import { buildApp } from '../../app.ts';
import { publicEvaluation, seedPublicFixtures, type PublicFixtures } from '../../testing.ts';

const has = (html: string, text: string) => html.includes(text);

describeDatabases(
  'role models on the public evaluation page',
  (getDb) => {
    let app: FastifyInstance;
    let fixtures: PublicFixtures;
    let stockholm = '';

    beforeAll(async () => {
      const { db } = getDb();
      fixtures = await seedPublicFixtures(db);
      stockholm = (
        await createEvaluation(
          db,
          publicEvaluation({
            municipalityCode: '0180',
            year: 2017,
            areas: Array.from({ length: 8 }, (_, index) => ({
              number: index + 1,
              score: 90,
              printed: 90,
            })),
            findings: [
              { area: 1, kind: 'strength', text: 'Dialogforum i <varje> stadsdel' },
              { area: 1, kind: 'good-example', text: 'Medborgarbudget för unga' },
              { area: 2, kind: 'strength', text: 'Inte område ett' },
            ],
          }),
        )
      ).id;
      // A draft that scored higher still must never be named.
      await createEvaluation(
        db,
        publicEvaluation({
          municipalityCode: '0380',
          year: 2017,
          status: 'draft',
          areas: Array.from({ length: 8 }, (_, index) => ({
            number: index + 1,
            score: 99,
            printed: 99,
          })),
          findings: [{ area: 1, kind: 'strength', text: 'Hemligt utkast' }],
        }),
      );
      app = await buildApp({ database: getDb() });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('names the municipality that scored highest in an improvement area, with its strengths and good examples', async () => {
      const { statusCode, body } = await app.inject({
        url: `/utvarderingar/${fixtures.published.id}`,
      });
      expect(statusCode).toBe(200);
      const section = body.split('<h2 id="forebilder">Kommuner att lära av</h2>')[1] ?? '';
      expect(section).not.toBe('');
      expect(has(section, '<h3 id="forebild-1">Område 1: ')).toBe(true);
      expect(has(section, 'Strängnäs fick 61 av 100 poäng och har förbättringsområden här.')).toBe(
        true,
      );
      expect(
        has(section, `<a href="/utvarderingar/${stockholm}">Stockholm 2017</a>: 90 av 100 poäng`),
      ).toBe(true);
      expect(has(section, '<li>Dialogforum i &lt;varje> stadsdel</li>')).toBe(true);
      expect(has(section, '<li>Medborgarbudget för unga</li>')).toBe(true);
      // Only the area's own texts, and never a draft.
      expect(has(section, 'Inte område ett')).toBe(false);
      expect(has(body, 'Hemligt utkast')).toBe(false);
      expect(has(body, 'Uppsala')).toBe(false);
    });

    it('shows no role models for the municipality itself', async () => {
      const { body } = await app.inject({ url: `/utvarderingar/${stockholm}` });
      // Stockholm has no improvement area and no score under 50: nothing to learn about.
      expect(has(body, 'id="forebilder"')).toBe(false);
    });

    // Last: it corrects the fixture's published evaluation.
    it('keeps them while a correction is a draft, and drops them once a published correction replaced the page', async () => {
      const { db } = getDb();
      const page = async () =>
        (await app.inject({ url: `/utvarderingar/${fixtures.published.id}` })).body;
      const report = async () =>
        (await app.inject({ url: `/utvarderingar/${fixtures.published.id}/rapport` })).body;
      const named = `<a href="/utvarderingar/${stockholm}">Stockholm 2017</a>`;
      const reportBefore = await report();
      expect(has(reportBefore, 'Stockholm 2017')).toBe(true);

      const outcome = await correctEvaluation(db, {
        evaluationId: fixtures.published.id,
        expectedVersion: fixtures.published.version,
        actorUserId: null,
        reason: 'Fel poäng',
      });
      if (!outcome.ok) throw new Error(outcome.message);
      // The public still sees the published revision, and what it can learn from others.
      expect(has(await page(), named)).toBe(true);
      expect(await report()).toBe(reportBefore);

      await setEvaluationStatus(db, outcome.evaluation.id, {
        status: 'published',
        expectedVersion: outcome.evaluation.version,
      });
      const replaced = await page();
      expect(has(replaced, 'id="forebilder"')).toBe(false);
      expect(has(replaced, named)).toBe(false);
      expect(has(await report(), 'Stockholm 2017')).toBe(false);
    });
  },
  { shared: true },
);
