/**
 * The open data API, `/api/v1/...`: municipalities, editions, published evaluations with scores
 * and findings, averages, comparisons, role models, the good-example search, a CSV of all
 * published scores and the OpenAPI document describing it all. Read-only; drafts and evaluations
 * under review are never returned. Errors are JSON (`{ error: { code, title, message, fields } }`):
 * bad input 400, unknown or unpublished 404, never a 500 for anything a client can send.
 *
 * @example
 * await app.register(apiRoutes, { database });
 * (await app.inject({ url: '/api/v1/search?q=medborgardialog' })).json();
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.ts';
import {
  listPublished,
  listPublishedScores,
  type PublishedEvaluationRow,
} from '../db/repositories/comparison.ts';
import { getEdition, listEditions } from '../db/repositories/editions.ts';
import { getEvaluation, isNewestPublished } from '../db/repositories/evaluations.ts';
import { getMunicipality, listLan, listMunicipalities } from '../db/repositories/municipalities.ts';
import { QueryError, describeEditionDifference } from '../domain/comparison/index.ts';
import type { Edition } from '../domain/framework/index.ts';
import { compareEvaluations } from '../use-cases/compare-evaluations.ts';
import { computeAverage } from '../use-cases/compute-average.ts';
import { findRoleModels } from '../use-cases/find-role-models.ts';
import { searchFindings } from '../use-cases/search-findings.ts';
import { ERROR_TITLE, WebError, toWebError } from '../web/errors.ts';
import { countPublishedByMunicipality } from '../web/queries/public.ts';
import { scoresCsv } from './csv.ts';
import { openApiDocument } from './openapi.ts';

export const API_PREFIX = '/api/v1';

export interface ApiOptions {
  database: Database;
}

type Query = Record<string, string | string[] | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(field: string, message: string, userMessage: string): WebError {
  return new WebError('invalid-input', message, {
    userMessage,
    fieldErrors: [{ field, message: userMessage }],
  });
}

/** A single query value (the last one when repeated); undefined when absent or empty. */
function single(query: Query, name: string): string | undefined {
  const value = query[name];
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  return last === undefined || last.trim() === '' ? undefined : last.trim();
}

function list(query: Query, name: string): string[] {
  const value = query[name];
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
}

function integer(query: Query, name: string): number | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value)) {
    throw invalid(
      name,
      `${name} must be a whole number, got "${value}"`,
      `${name} ska vara ett heltal, till exempel 2010.`,
    );
  }
  return Number(value);
}

function bounded(query: Query, name: string, min: number, max: number, fallback: number): number {
  const value = integer(query, name) ?? fallback;
  if (value < min || value > max) {
    throw invalid(
      name,
      `${name} must be from ${min} to ${max}, got ${value}`,
      `${name} ska vara mellan ${min} och ${max}.`,
    );
  }
  return value;
}

function code(query: Query, name: string, digits: 2 | 4): string | undefined {
  const value = single(query, name);
  if (value !== undefined && !new RegExp(`^\\d{${digits}}$`).test(value)) {
    throw invalid(
      name,
      `${name} must be ${digits} digits, got "${value}"`,
      digits === 4
        ? `"${value}" är ingen kommunkod. Ange fyra siffror, till exempel 0486.`
        : `"${value}" är ingen länskod. Ange två siffror, till exempel 04.`,
    );
  }
  return value;
}

const evaluationHref = (id: string) => `${API_PREFIX}/evaluations/${id}`;

function summary(row: PublishedEvaluationRow) {
  return { ...row, href: evaluationHref(row.id) };
}

function toApiError(thrown: unknown): WebError {
  if (thrown instanceof QueryError) {
    return new WebError(thrown.code, thrown.message, {
      userMessage: thrown.userMessage,
      fieldErrors: thrown.field ? [{ field: thrown.field, message: thrown.userMessage }] : [],
      cause: thrown,
    });
  }
  return toWebError(thrown);
}

function sendApiError(request: FastifyRequest, reply: FastifyReply, error: WebError) {
  if (error.status >= 500)
    request.log.error({ err: error, code: error.code }, 'api request failed');
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .send({
      error: {
        code: error.code,
        title: ERROR_TITLE[error.code],
        message: error.userMessage,
        fields: error.fieldErrors,
      },
    });
}

const notFound = (what: string, userMessage: string) =>
  new WebError('not-found', what, { userMessage });

/** The API as a fastify plugin; it sets its own JSON error and not-found handlers. */
export async function apiRoutes(app: FastifyInstance, options: ApiOptions): Promise<void> {
  await app.register(
    async (api) => {
      const { db } = options.database;

      api.setErrorHandler((thrown, request, reply) =>
        sendApiError(request, reply, toApiError(thrown)),
      );
      api.setNotFoundHandler((request, reply) =>
        sendApiError(
          request,
          reply,
          notFound(
            `no API route for ${request.method} ${request.url}`,
            'Det finns ingen sådan adress i API:t. Se /api/v1/openapi.json.',
          ),
        ),
      );
      api.addHook('onSend', async (_request, reply) => {
        // Open data: any site may read it.
        reply.header('access-control-allow-origin', '*');
      });

      api.get('/openapi.json', async () => openApiDocument);

      api.get('/municipalities', async (request) => {
        const query = request.query as Query;
        const lan = code(query, 'lan', 2);
        if (lan !== undefined && !(await listLan(db)).some((candidate) => candidate.code === lan)) {
          throw invalid(
            'lan',
            `no län has the code ${lan}`,
            `Det finns inget län med koden ${lan}.`,
          );
        }
        const municipalities = await listMunicipalities(
          db,
          lan === undefined ? {} : { lanCode: lan },
        );
        const counts = await countPublishedByMunicipality(db);
        return {
          items: municipalities.map((municipality) => ({
            ...municipality,
            publishedEvaluations: counts.get(municipality.code) ?? 0,
          })),
        };
      });

      api.get<{ Params: { code: string } }>('/municipalities/:code', async (request) => {
        const kod = request.params.code;
        const municipality = /^\d{4}$/.test(kod) ? await getMunicipality(db, kod) : undefined;
        if (!municipality) {
          throw notFound(
            `no municipality has the kommunkod ${kod}`,
            `Det finns ingen kommun med kommunkoden ${kod}.`,
          );
        }
        const { items } = await listPublished(db, { municipalityCode: kod, limit: 1000 });
        const evaluations = [];
        const editions = new Map<string, Edition>();
        for (const item of items) {
          const record = await getEvaluation(db, item.id);
          const edition =
            editions.get(item.editionId) ?? (await getEdition(db, item.editionId))?.definition;
          if (edition) editions.set(edition.id, edition);
          evaluations.push({
            ...summary(item),
            areas: (record?.areas ?? []).map(({ number, score, printed }) => ({
              number,
              score,
              printed,
            })),
          });
        }
        const kommunkompassen = [...editions.values()].filter((e) => e.kind === 'kommunkompassen');
        return {
          ...municipality,
          evaluations,
          editionNote: describeEditionDifference(kommunkompassen).note,
        };
      });

      api.get('/editions', async () => ({
        items: (await listEditions(db)).map(({ id, name, kind, yearFrom, yearTo, builtIn }) => ({
          id,
          name,
          kind,
          yearFrom,
          yearTo,
          builtIn,
        })),
      }));

      api.get<{ Params: { id: string } }>('/editions/:id', async (request) => {
        const edition = await getEdition(db, request.params.id);
        if (!edition) {
          throw notFound(
            `edition "${request.params.id}" does not exist`,
            `Det finns ingen version av Kommunkompassen som heter "${request.params.id}".`,
          );
        }
        const { id, name, kind, yearFrom, yearTo, builtIn, definition } = edition;
        return { id, name, kind, yearFrom, yearTo, builtIn, definition };
      });

      api.get('/evaluations', async (request) => {
        const query = request.query as Query;
        const limit = bounded(query, 'limit', 1, 500, 100);
        const offset = bounded(query, 'offset', 0, 1_000_000, 0);
        const municipalityCode = code(query, 'municipality', 4);
        const lanCode = code(query, 'lan', 2);
        const editionId = single(query, 'edition');
        const yearFrom = integer(query, 'from');
        const yearTo = integer(query, 'to');
        const page = await listPublished(db, {
          limit,
          offset,
          ...(municipalityCode === undefined ? {} : { municipalityCode }),
          ...(lanCode === undefined ? {} : { lanCode }),
          ...(editionId === undefined ? {} : { editionId }),
          ...(yearFrom === undefined ? {} : { yearFrom }),
          ...(yearTo === undefined ? {} : { yearTo }),
        });
        return { total: page.total, limit, offset, items: page.items.map(summary) };
      });

      const publishedEvaluation = async (id: string) => {
        const record = UUID.test(id) ? await getEvaluation(db, id) : undefined;
        if (!record || !(await isNewestPublished(db, record.id))) {
          throw notFound(
            `evaluation ${id} does not exist or is not published`,
            `Det finns ingen publicerad utvärdering med id ${id}.`,
          );
        }
        return record;
      };

      api.get<{ Params: { id: string } }>('/evaluations/:id', async (request) => {
        const record = await publishedEvaluation(request.params.id);
        const municipality = await getMunicipality(db, record.municipalityCode);
        return {
          id: record.id,
          municipality: {
            code: record.municipalityCode,
            name: municipality?.name ?? record.municipalityCode,
            lanCode: municipality?.lanCode ?? record.municipalityCode.slice(0, 2),
            lanName: municipality?.lanName ?? '',
          },
          year: record.year,
          month: record.month,
          editionId: record.editionId,
          kind: record.kind,
          revision: record.revision,
          source: record.source,
          totalPrinted: record.totalPrinted,
          publishedAt: record.publishedAt,
          facts: record.facts,
          areas: record.areas,
          questions: record.questions.map(({ flags: _flags, ...question }) => question),
          findings: record.findings.map(({ position: _position, ...finding }) => finding),
          texts: record.texts.map(({ area, heading, body }) => ({ area, heading, body })),
        };
      });

      api.get<{ Params: { id: string } }>('/evaluations/:id/role-models', async (request) => {
        await publishedEvaluation(request.params.id);
        const limit = bounded(request.query as Query, 'limit', 1, 10, 3);
        return findRoleModels({ db, evaluationId: request.params.id, limit });
      });

      api.get('/averages', async (request) => {
        const query = request.query as Query;
        const editionId = single(query, 'edition');
        if (editionId === undefined) {
          throw invalid(
            'edition',
            'edition is required, e.g. ?edition=kk-2016',
            'Ange vilken version av Kommunkompassen medelvärdet gäller, till exempel kk-2016.',
          );
        }
        const yearFrom = integer(query, 'from');
        const yearTo = integer(query, 'to');
        const lanCode = code(query, 'lan', 2);
        return computeAverage({
          db,
          editionId,
          ...(yearFrom === undefined ? {} : { yearFrom }),
          ...(yearTo === undefined ? {} : { yearTo }),
          ...(lanCode === undefined ? {} : { lanCode }),
        });
      });

      api.get('/comparisons', async (request) => {
        const query = request.query as Query;
        const questions = single(query, 'questions');
        if (questions !== undefined && questions !== 'true' && questions !== 'false') {
          throw invalid(
            'questions',
            `questions must be true or false, got "${questions}"`,
            'questions ska vara true eller false.',
          );
        }
        return compareEvaluations({
          db,
          evaluationIds: list(query, 'evaluation'),
          municipalityCodes: list(query, 'municipality'),
          ...(questions === undefined ? {} : { questions: questions === 'true' }),
        });
      });

      api.get('/search', async (request) => {
        const query = request.query as Query;
        const area = integer(query, 'area');
        const yearFrom = integer(query, 'from');
        const yearTo = integer(query, 'to');
        const municipalityCode = code(query, 'municipality', 4);
        const lanCode = code(query, 'lan', 2);
        const kinds = list(query, 'kind');
        const limit = integer(query, 'limit');
        const offset = integer(query, 'offset');
        return searchFindings({
          db,
          query: single(query, 'q') ?? '',
          ...(area === undefined ? {} : { area }),
          ...(yearFrom === undefined ? {} : { yearFrom }),
          ...(yearTo === undefined ? {} : { yearTo }),
          ...(municipalityCode === undefined ? {} : { municipalityCode }),
          ...(lanCode === undefined ? {} : { lanCode }),
          ...(kinds.length === 0 ? {} : { kinds }),
          ...(limit === undefined ? {} : { limit }),
          ...(offset === undefined ? {} : { offset }),
        });
      });

      api.get('/scores.csv', async (_request, reply) => {
        const csv = scoresCsv(await listPublishedScores(db));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="kommunkompassen-poang.csv"')
          .send(csv);
      });
    },
    { prefix: API_PREFIX },
  );
}
