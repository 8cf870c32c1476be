/**
 * Report options on the web: `GET/POST /utvarderingar/:id/rapportval` (the average basis and the
 * comparisons of the published report) and `GET /utvarderingar/:id/rapportval/forhandsvisning`
 * (the report as it will look, drafts included). The evaluation's team and admins only
 * (`evaluation.edit`); anyone else who may not read the evaluation gets 404, as for an unknown id.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/client.ts';
import { StorageError } from '../../../db/errors.ts';
import { listEvaluations } from '../../../db/repositories/evaluations.ts';
import { getMunicipalities, listLan } from '../../../db/repositories/municipalities.ts';
import { getReportOptions } from '../../../db/repositories/report-options.ts';
import { computeAverage, loadReportInput, publishedSeriesOf } from '../../../report/load.ts';
import { buildReportModel } from '../../../report/model.ts';
import { readStoredReportOptions } from '../../../report/options.ts';
import { REPORT_STYLESHEET_PATH } from '../../../report/web-routes.ts';
import { setReportOptions } from '../../../use-cases/set-report-options.ts';
import { assertCan, csrfField, requireUser } from '../../auth/index.ts';
import { WebError, type FieldError } from '../../errors.ts';
import { sendHtml } from '../../html.ts';
import { parseInput } from '../../validation.ts';
import { chromeOf, loadReadableEvaluation, type LoadedEvaluation } from '../workflow/load.ts';
import {
  formValuesFromBody,
  formValuesOf,
  reportOptionsFormSchema,
  type ReportOptionsFormValues,
} from './schema.ts';
import {
  renderReportOptionsPage,
  reportOptionsPath,
  reportPreviewPath,
  type ComparisonChoice,
  type ReportOptionsPageProps,
} from './views.tsx';

type IdParams = { Params: { id: string } };

const SAVED = 'Rapportvalen är sparade. Rapporten använder dem nu.';
const STALE =
  'Någon annan ändrade utvärderingen medan du hade sidan öppen, så inget sparades. Dina val ' +
  'visas nedan: kontrollera dem och spara igen.';

/** Loads the evaluation and checks that the viewer may change it (404 / 403 otherwise). */
async function loadForTeam(db: Db, request: FastifyRequest<IdParams>): Promise<LoadedEvaluation> {
  const loaded = await loadReadableEvaluation(db, request, request.params.id);
  assertCan(request, 'evaluation.edit', loaded.resource);
  if (loaded.record.kind === 'self-assessment') {
    throw new WebError('not-found', `evaluation ${loaded.record.id} is a self-assessment`, {
      userMessage:
        'En självvärdering har ingen Kommunkompassen-rapport, så det finns inga rapportval att göra.',
    });
  }
  return loaded;
}

/** The published evaluations of other municipalities, one per municipality and year. */
async function comparisonChoices(db: Db, ownCode: string): Promise<ComparisonChoice[]> {
  const items = (await listEvaluations(db, { status: 'published' })).filter(
    (item) => item.kind !== 'self-assessment' && item.municipalityCode !== ownCode,
  );
  const names = new Map(
    (await getMunicipalities(db, [...new Set(items.map((item) => item.municipalityCode))])).map(
      (m) => [m.code, m.name],
    ),
  );
  const byKey = new Map<string, ComparisonChoice & { name: string; year: number }>();
  for (const item of items) {
    const value = `${item.municipalityCode}:${String(item.year)}`;
    const name = names.get(item.municipalityCode) ?? item.municipalityCode;
    byKey.set(value, { value, label: `${name} ${String(item.year)}`, name, year: item.year });
  }
  return [...byKey.values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'sv') || b.year - a.year)
    .map(({ value, label }) => ({ value, label }));
}

/** The computed basis the form shows, or undefined when its years are not valid yet. */
function basisOf(
  values: ReportOptionsFormValues,
): { yearFrom?: number; yearTo?: number; lanCode?: string } | undefined {
  const year = (text: string) => (text === '' ? null : /^\d{4}$/.test(text) ? Number(text) : NaN);
  const from = year(values.fran);
  const to = year(values.till);
  if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
  if (from !== null && to !== null && from > to) return undefined;
  if (values.lan !== '' && !/^\d{2}$/.test(values.lan)) return undefined;
  return {
    ...(from === null ? {} : { yearFrom: from }),
    ...(to === null ? {} : { yearTo: to }),
    ...(values.lan === '' ? {} : { lanCode: values.lan }),
  };
}

async function sendPage(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  loaded: LoadedEvaluation,
  page: {
    values?: ReportOptionsFormValues;
    version?: number;
    errors?: readonly FieldError[];
    notice?: string | undefined;
  } = {},
  status = 200,
): Promise<FastifyReply> {
  const { record } = loaded;
  const stored = readStoredReportOptions(await getReportOptions(db, record.id));
  const values = page.values ?? formValuesOf(stored.options);
  const basis = basisOf(values);
  const [series, computed, lans, choices] = await Promise.all([
    publishedSeriesOf(db, record),
    basis === undefined ? null : computeAverage(db, record.editionId, basis),
    listLan(db),
    comparisonChoices(db, record.municipalityCode),
  ]);
  const props: ReportOptionsPageProps = {
    loaded,
    csrf: csrfField(request),
    values,
    version: page.version ?? record.version,
    published: series.map((item) => ({
      label: item.label,
      basis: item.basis,
      total: item.total,
      source: item.source,
    })),
    computed,
    computedUnknown: basis === undefined,
    lans,
    choices,
    errors: page.errors ?? [],
    notice: page.notice,
    previewHref:
      record.status === 'published'
        ? `/utvarderingar/${record.id}/rapport`
        : reportPreviewPath(record.id),
    storedInvalid: !stored.valid,
  };
  reply.header('cache-control', 'no-store');
  return sendHtml(reply, renderReportOptionsPage(props, chromeOf(request)), status);
}

export async function reportOptionsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  app.get<IdParams & { Querystring: { sparat?: string } }>(
    '/utvarderingar/:id/rapportval',
    { preHandler: requireUser },
    async (request, reply) => {
      const loaded = await loadForTeam(db, request);
      return sendPage(db, request, reply, loaded, {
        notice: request.query.sparat === undefined ? undefined : SAVED,
      });
    },
  );

  app.post<IdParams>(
    '/utvarderingar/:id/rapportval',
    { preHandler: requireUser },
    async (request, reply) => {
      const loaded = await loadForTeam(db, request);
      const values = formValuesFromBody(request.body);
      const input = parseInput(reportOptionsFormSchema, request.body);
      if (!input.ok) {
        return sendPage(db, request, reply, loaded, { values, errors: input.errors }, 400);
      }
      try {
        const outcome = await setReportOptions(db, {
          actorUserId: request.user?.id ?? null,
          evaluationId: loaded.record.id,
          expectedVersion: input.value.version,
          options: input.value.options,
          fields: { compare: input.value.compareFields, lanCode: 'lan' },
        });
        if (!outcome.ok) {
          return sendPage(
            db,
            request,
            reply,
            loaded,
            { values, errors: outcome.issues, version: input.value.version },
            400,
          );
        }
      } catch (error) {
        if (error instanceof StorageError && error.code === 'stale-version') {
          // The page is re-read: its version is the current one, the values are the user's.
          const fresh = await loadForTeam(db, request);
          return sendPage(db, request, reply, fresh, { values, notice: STALE }, 409);
        }
        throw error;
      }
      return reply.redirect(`${reportOptionsPath(loaded.record.id)}?sparat=1`, 303);
    },
  );

  app.get<IdParams>(
    '/utvarderingar/:id/rapportval/forhandsvisning',
    { preHandler: requireUser },
    async (request, reply) => {
      const loaded = await loadForTeam(db, request);
      const input = await loadReportInput(db, loaded.record.id, { includeUnpublished: true });
      const { renderReportHtml } = await import('../../../report/view.tsx');
      const html = renderReportHtml(buildReportModel(input), {
        stylesheetHref: REPORT_STYLESHEET_PATH,
      });
      return reply
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );
}
