/** Public municipality pages: the searchable list and one municipality with its evaluations. */
import type { FastifyInstance } from 'fastify';
import {
  getMunicipality,
  listMunicipalities,
  searchMunicipalities,
} from '../../../db/repositories/municipalities.ts';
import { WebError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { getEdition } from '../../../db/repositories/editions.ts';
import {
  areaScoresByEvaluation,
  countPublishedByMunicipality,
  listLanCached,
  listPublishedEvaluations,
} from '../../queries/public.ts';
import { parseInput } from '../../validation.ts';
import { buildHistory } from './history.ts';
import {
  MunicipalityCodeSchema,
  MunicipalityListQuerySchema,
  type MunicipalityListForm,
} from './schema.ts';
import { renderMunicipalityList, renderMunicipalityPage } from './views.tsx';
import { listValues } from '../../../db/repositories/values.ts';
import { municipalityLinks } from '../values/links.ts';

const ALL_MUNICIPALITIES = 1000;

const asText = (value: unknown) => (typeof value === 'string' ? value : '');

export async function municipalityRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  app.get('/kommuner', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const form: MunicipalityListForm = { q: asText(query.q), lan: asText(query.lan) };
    const lans = await listLanCached(db);
    const parsed = parseInput(MunicipalityListQuerySchema, { q: query.q, lan: query.lan });
    const errors = parsed.ok ? [] : parsed.errors;
    const lan = parsed.ok ? parsed.value.lan : undefined;
    if (lan !== undefined && !lans.some((candidate) => candidate.code === lan)) {
      errors.push({ field: 'lan', message: 'Välj ett län i listan.' });
    }
    if (!parsed.ok || errors.length > 0) {
      return sendHtml(
        reply,
        renderMunicipalityList({ form, lans, errors, filtered: true }, pageChrome(request)),
        400,
      );
    }
    const { q } = parsed.value;
    const found =
      q === undefined
        ? await listMunicipalities(db, lan === undefined ? {} : { lanCode: lan })
        : (await searchMunicipalities(db, q, { limit: ALL_MUNICIPALITIES })).filter(
            (municipality) => lan === undefined || municipality.lanCode === lan,
          );
    const counts = await countPublishedByMunicipality(db);
    const rows = found.map((municipality) => ({
      ...municipality,
      published: counts.get(municipality.code) ?? 0,
    }));
    return sendHtml(
      reply,
      renderMunicipalityList(
        {
          form,
          lans,
          errors,
          rows,
          filtered: q !== undefined || lan !== undefined,
        },
        pageChrome(request),
      ),
    );
  });

  app.get<{ Params: { code: string } }>('/kommuner/:code', async (request, reply) => {
    const { code } = request.params;
    const municipality = MunicipalityCodeSchema.safeParse(code).success
      ? await getMunicipality(db, code)
      : undefined;
    if (!municipality) {
      throw new WebError('not-found', `no municipality with code ${JSON.stringify(code)}`, {
        userMessage: `Det finns ingen kommun med kommunkod ”${code}”. Sök bland alla kommuner.`,
      });
    }
    const evaluations = await listPublishedEvaluations(db, { municipalityCode: code });
    const [scores, editions] = await Promise.all([
      areaScoresByEvaluation(
        db,
        evaluations.map((item) => item.id),
      ),
      Promise.all(
        [...new Set(evaluations.map((item) => item.editionId))].map((id) => getEdition(db, id)),
      ),
    ]);
    const history = buildHistory(
      evaluations,
      scores,
      editions.filter((edition) => edition !== undefined),
    );
    return sendHtml(
      reply,
      renderMunicipalityPage(
        {
          municipality,
          evaluations,
          history,
          // The värdegrund (public) and, for signed-in readers, links to its editor and the gap
          // analysis (src/web/routes/values).
          values: await listValues(db, code),
          valueLinks: municipalityLinks(request.viewer, code),
        },
        pageChrome(request),
      ),
    );
  });
}
