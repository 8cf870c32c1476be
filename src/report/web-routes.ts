/**
 * The report on the web: `/utvarderingar/:id/rapport` (HTML) and the same report as `.pdf`, its
 * scores as `.csv` and `.xlsx`, the evaluation as `.json`. Published evaluations only: anything
 * else answers 404, like an unknown id. One Chromium serves every PDF, launched on the first
 * request and closed with the app. The evaluator's stored report options apply; the query can
 * override them (see `loadOptions`).
 *
 * Register it in the app: `await app.register(reportRoutes)` (it reads `app.database`).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { WebError } from '../web/errors.ts';
import { loadReportInput, ReportNotFoundError, type LoadReportOptions } from './load.ts';
import { buildReportModel, type ReportInput, type ReportModel } from './model.ts';
import { REPORT_COMPARISONS_MAX, parseComparisonKey } from './options.ts';
import type { ReportPrinter } from './pdf.ts';
import { REPORT_CSS } from './style.ts';

// The chart library, the spreadsheet writer and the browser driver are heavy to load (seconds on
// a busy machine): load them on the first request that needs them, not when the app starts.
const loadView = () => import('./view.tsx');
const loadExports = () => import('./exports.ts');
const loadPdf = () => import('./pdf.ts');

/** Where the report page links its stylesheet (the app's CSP allows no inline styles). */
export const REPORT_STYLESHEET_PATH = '/static/rapport.css';

export interface ReportRoutesOptions {
  /** How to get the shared printer; defaults to launching Chromium (CHROMIUM_PATH honoured). */
  launchPrinter?: () => Promise<ReportPrinter>;
}

type Params = { id: string };
type Query = {
  medelvarde?: string;
  fran?: string;
  till?: string;
  lan?: string;
  jamfor?: string | string[];
};

const NOT_FOUND_MESSAGE =
  'Utvärderingen finns inte eller är inte publicerad. Sök kommunen för att se dess publicerade utvärderingar.';

/**
 * What the query overrides of the evaluator's stored report options (`Rapportval`):
 * `?medelvarde=beraknat&fran=2010&till=2016&lan=04` a computed average, `?medelvarde=publicerat`
 * the published one, `?medelvarde=inget` none, `?jamfor=1384:2011` (repeatable) the comparisons.
 * Anything not given, or not understood, stays as stored.
 */
export function loadOptions(query: Query): LoadReportOptions {
  const year = (value: string | undefined) =>
    value !== undefined && /^\d{4}$/.test(value) ? Number(value) : undefined;
  const options: LoadReportOptions = {};
  if (query.medelvarde === 'inget') options.average = { kind: 'none' };
  if (query.medelvarde === 'publicerat') options.average = { kind: 'published' };
  if (query.medelvarde === 'beraknat') {
    const yearFrom = year(query.fran);
    const yearTo = year(query.till);
    const lanCode = query.lan !== undefined && /^\d{2}$/.test(query.lan) ? query.lan : undefined;
    options.average = {
      kind: 'computed',
      ...(yearFrom === undefined ? {} : { yearFrom }),
      ...(yearTo === undefined ? {} : { yearTo }),
      ...(lanCode === undefined ? {} : { lanCode }),
    };
  }
  const compared = (Array.isArray(query.jamfor) ? query.jamfor : [query.jamfor])
    .flatMap((text) => (text === undefined ? [] : [parseComparisonKey(text)]))
    .filter((item) => item !== undefined)
    .slice(0, REPORT_COMPARISONS_MAX);
  if (compared.length > 0) options.compareWith = compared;
  return options;
}

export async function reportRoutes(
  app: FastifyInstance,
  options: ReportRoutesOptions = {},
): Promise<void> {
  let printer: Promise<ReportPrinter> | undefined;
  const getPrinter = () => {
    printer ??= (options.launchPrinter ?? (async () => (await loadPdf()).ReportPrinter.launch()))();
    // A failed launch is not remembered: installing Chromium fixes the next request.
    printer.catch(() => {
      printer = undefined;
    });
    return printer;
  };
  app.addHook('onClose', async () => {
    const running = await printer?.catch(() => undefined);
    await running?.close();
  });

  const load = async (
    id: string,
    query: Query,
  ): Promise<{ input: ReportInput; model: ReportModel }> => {
    try {
      const input = await loadReportInput(app.database.db, id, loadOptions(query));
      return { input, model: buildReportModel(input) };
    } catch (error) {
      if (error instanceof ReportNotFoundError) {
        throw new WebError('not-found', error.message, { userMessage: NOT_FOUND_MESSAGE });
      }
      throw error;
    }
  };
  const fileName = (model: ReportModel, extension: string) =>
    `kommunkompassen-${model.municipality.code}-${String(model.year)}.${extension}`;
  const download = (reply: FastifyReply, type: string, name: string, body: string | Buffer) =>
    reply
      .header('cache-control', 'no-cache')
      .header('content-disposition', `attachment; filename="${name}"`)
      .type(type)
      .send(body);

  app.get(REPORT_STYLESHEET_PATH, async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=3600')
      .type('text/css; charset=utf-8')
      .send(REPORT_CSS),
  );

  app.get<{ Params: Params; Querystring: Query }>(
    '/utvarderingar/:id/rapport',
    async (request, reply) => {
      const { model } = await load(request.params.id, request.query);
      const { renderReportHtml } = await loadView();
      const base = `/utvarderingar/${encodeURIComponent(model.evaluationId)}/rapport`;
      const html = renderReportHtml(model, {
        stylesheetHref: REPORT_STYLESHEET_PATH,
        downloads: [
          { href: `${base}.pdf`, label: 'Ladda ned som PDF' },
          { href: `${base}.xlsx`, label: 'Poäng som Excel (XLSX)' },
          { href: `${base}.csv`, label: 'Poäng som CSV' },
          { href: `${base}.json`, label: 'Utvärderingen som JSON' },
        ],
      });
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
    },
  );

  app.get<{ Params: Params; Querystring: Query }>(
    '/utvarderingar/:id/rapport.pdf',
    async (request, reply) => {
      const { model } = await load(request.params.id, request.query);
      const { renderReportHtml } = await loadView();
      const { ChromiumMissingError } = await loadPdf();
      let document: Buffer;
      try {
        document = await (await getPrinter()).print(renderReportHtml(model));
      } catch (error) {
        if (error instanceof ChromiumMissingError) {
          throw new WebError('unavailable', error.message, {
            cause: error,
            userMessage:
              'PDF-versionen kan inte skapas just nu eftersom webbläsaren som skriver ut den ' +
              'saknas på servern. Rapporten finns som webbsida.',
          });
        }
        throw error;
      }
      return download(reply, 'application/pdf', fileName(model, 'pdf'), document);
    },
  );

  app.get<{ Params: Params; Querystring: Query }>(
    '/utvarderingar/:id/rapport.csv',
    async (request, reply) => {
      const { model } = await load(request.params.id, request.query);
      return download(
        reply,
        'text/csv; charset=utf-8',
        fileName(model, 'csv'),
        (await loadExports()).renderScoresCsv(model),
      );
    },
  );

  app.get<{ Params: Params; Querystring: Query }>(
    '/utvarderingar/:id/rapport.xlsx',
    async (request, reply) => {
      const { model } = await load(request.params.id, request.query);
      return download(
        reply,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        fileName(model, 'xlsx'),
        await (await loadExports()).renderScoresXlsx(model),
      );
    },
  );

  app.get<{ Params: Params; Querystring: Query }>(
    '/utvarderingar/:id/rapport.json',
    async (request, reply) => {
      const { input, model } = await load(request.params.id, request.query);
      return reply
        .header('cache-control', 'no-cache')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify((await loadExports()).evaluationJson(input, model), null, 2));
    },
  );
}
