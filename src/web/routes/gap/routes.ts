/**
 * The gap analysis page, `GET /kommuner/:code/gapanalys`: the municipality's newest submitted
 * self-assessment against its newest published evaluation, per area (src/use-cases/gap). Not
 * public (`gap.read`: the kommun's own users, evaluators, admins): the public is sent to sign
 * in, a user of another kommun gets 403. With nothing to compare, the page says why (200).
 */
import type { FastifyInstance } from 'fastify';
import { getMunicipality } from '../../../db/repositories/municipalities.ts';
import { analyseGap } from '../../../use-cases/gap/analyse-gap.ts';
import { assertCan, requireUser } from '../../auth/index.ts';
import { WebError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { renderGapPage } from './views.tsx';

export async function gapRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  app.get<{ Params: { code: string } }>(
    '/kommuner/:code/gapanalys',
    { preHandler: requireUser },
    async (request, reply) => {
      const { code } = request.params;
      const municipality = /^\d{4}$/.test(code) ? await getMunicipality(db, code) : undefined;
      if (!municipality) {
        throw new WebError('not-found', `no municipality ${JSON.stringify(code)}`, {
          userMessage: `Det finns ingen kommun med kommunkod ”${code}”.`,
        });
      }
      assertCan(request, 'gap.read', { municipalityCode: municipality.code });
      const outcome = await analyseGap(db, municipality.code);
      reply.header('cache-control', 'private, no-store');
      return sendHtml(reply, renderGapPage(pageChrome(request), municipality, outcome));
    },
  );
}
