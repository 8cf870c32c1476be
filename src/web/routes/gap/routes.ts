/**
 * The gap analysis page, `GET /kommuner/:code/gapanalys`: the municipality's newest submitted
 * self-assessment against its newest published evaluation, per area (src/use-cases/gap). Not
 * public (`gap.read`: the kommun's own users, evaluators, admins): the public is sent to sign
 * in, a user of another kommun gets 403. With nothing to compare, the page says why (200).
 *
 * `GET, POST /admin/gapmappningar`: admins (`framework.manage`) see the stored mappings and
 * replace one with a mapping file's text (validated, version bumped, audited with the reason).
 */
import type { FastifyInstance } from 'fastify';
import { getMunicipality } from '../../../db/repositories/municipalities.ts';
import { listGapMappings } from '../../../db/repositories/gap-mappings.ts';
import { analyseGap } from '../../../use-cases/gap/analyse-gap.ts';
import { setGapMapping } from '../../../use-cases/gap/set-gap-mapping.ts';
import { assertCan, csrfField, requirePermission, requireUser } from '../../auth/index.ts';
import { WebError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { bodyOf, fieldOf } from '../plans/form.tsx';
import { GAP_ADMIN_PATH, renderGapMappingAdmin } from './admin.tsx';
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

  const admin = { preHandler: requirePermission('framework.manage') };

  app.get<{ Querystring: { sparad?: string } }>(GAP_ADMIN_PATH, admin, async (request, reply) => {
    const saved = typeof request.query.sparad === 'string' ? request.query.sparad : '';
    reply.header('cache-control', 'private, no-store');
    return sendHtml(
      reply,
      renderGapMappingAdmin(
        { chrome: pageChrome(request), csrf: csrfField(request) },
        {
          mappings: await listGapMappings(db),
          form: { mapping: '', reason: '' },
          errors: [],
          saved: /^[a-z0-9-]+\/[a-z0-9-]+:\d+$/.test(saved)
            ? `Sparat: ${saved.replace(':', ', version ')}.`
            : null,
        },
      ),
    );
  });

  app.post(GAP_ADMIN_PATH, admin, async (request, reply) => {
    const body = bodyOf(request);
    const form = { mapping: fieldOf(body, 'mapping'), reason: fieldOf(body, 'reason') };
    const errors = [];
    if (form.mapping.trim() === '') {
      errors.push({ field: 'mapping', message: 'Klistra in hela kopplingsfilen (JSON).' });
    }
    if (form.reason.trim() === '') {
      errors.push({
        field: 'reason',
        message: 'Skriv varför kopplingen ändras (sparas i historiken).',
      });
    }
    if (errors.length === 0) {
      const outcome = await setGapMapping(db, {
        text: form.mapping,
        source: 'kopplingsfilen',
        actorUserId: request.user?.id ?? null,
        reason: form.reason.trim(),
      });
      if (outcome.ok) {
        const key = `${outcome.mapping.selfAssessmentEdition}/${outcome.mapping.edition}:${String(outcome.version)}`;
        return reply.redirect(`${GAP_ADMIN_PATH}?sparad=${encodeURIComponent(key)}`, 303);
      }
      errors.push({
        field: 'mapping',
        message: `Kopplingen sparades inte. Rätta filen: ${outcome.issues.slice(0, 5).join('; ')}`,
      });
    }
    return sendHtml(
      reply,
      renderGapMappingAdmin(
        { chrome: pageChrome(request), csrf: csrfField(request) },
        { mappings: await listGapMappings(db), form, errors, saved: null },
      ),
      400,
    );
  });
}
