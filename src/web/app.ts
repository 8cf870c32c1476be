/**
 * The web application: fastify with security headers configured on purpose, form and cookie
 * parsing, one error mapping for every route, the stylesheet, `/health`, and the routes of each
 * feature (`routes/<feature>/routes.ts`).
 */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { apiRoutes } from '../api/index.ts';
import { reportRoutes, type ReportRoutesOptions } from '../report/web-routes.ts';
import { authPlugin, type AuthOptions } from './auth/plugin.ts';
import { DEFAULT_WEB_CONFIG, type WebConfig } from './config.ts';
import { ERROR_TITLE, WebError, toWebError } from './errors.ts';
import { pageChrome, sendHtml } from './html.ts';
import { adminPrivacyRoutes } from './routes/admin-privacy/routes.ts';
import { accessibilityRoutes } from './routes/accessibility/routes.ts';
import { averageRoutes } from './routes/averages/routes.ts';
import { compareRoutes } from './routes/compare/routes.ts';
import { evaluationRoutes } from './routes/evaluations/routes.ts';
import { homeRoutes } from './routes/home/routes.ts';
import { historyRoutes } from './routes/history/routes.ts';
import { municipalityRoutes } from './routes/municipalities/routes.ts';
import { portalRoutes } from './routes/portal/routes.ts';
import { reportOptionsRoutes } from './routes/report-options/routes.ts';
import { searchRoutes } from './routes/search/routes.ts';
import { workflowRoutes } from './routes/workflow/routes.ts';
import { workspaceRoutes } from './routes/workspace/routes.ts';
import { selfAssessmentRoutes } from './routes/self-assessment/routes.ts';
import { gapRoutes } from './routes/gap/routes.ts';
import { planRoutes } from './routes/plans/routes.ts';
import { valuesRoutes } from './routes/values/routes.ts';
import { registerAdmissionControl, type AdmissionOptions } from './admission.ts';
import { serializeError, withoutQueryValues } from './log-errors.ts';
import { helmetOptions } from './security.ts';
import { STYLESHEET_PATH, stylesheet } from './static.ts';
import { renderErrorPage } from './views/error-page.tsx';

declare module 'fastify' {
  interface FastifyInstance {
    /** The open database every route reads and writes through. */
    database: Database;
    /** How the app is deployed (TLS, proxy): read it for cookie flags and absolute URLs. */
    webConfig: WebConfig;
  }
}

export interface AppOptions {
  database: Database;
  /** Fastify's logger: false in tests, a level (or true) when serving. */
  logger?: FastifyServerOptions['logger'];
  /** Deployment settings; defaults to plain HTTP without a proxy. */
  config?: WebConfig;
  /** Secret for signed cookies (`KOMPASS_COOKIE_SECRET`); unsigned cookies work without it. */
  cookieSecret?: string;
  /** Sessions, lockout and cookie settings (src/web/auth); tests pass a clock. */
  auth?: AuthOptions;
  /** The published report's routes (HTML, PDF, exports); tests pass their own PDF printer. */
  reports?: ReportRoutesOptions;
  /** How many requests are worked on at once, and how long others wait (off when not given). */
  admission?: AdmissionOptions;
}

/** Largest request body accepted: forms are small; uploads set their own limit on their route. */
const BODY_LIMIT = 1024 * 1024;

/** JSON for API clients and tools, an HTML page for browsers. */
function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** Seconds a client is asked to wait before retrying when the service is unavailable. */
const RETRY_AFTER_SECONDS = 5;

function sendError(request: FastifyRequest, reply: FastifyReply, error: WebError): FastifyReply {
  reply.header('cache-control', 'no-store');
  if (error.code === 'unavailable') reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  if (wantsJson(request)) {
    return reply.code(error.status).send({
      error: {
        code: error.code,
        title: ERROR_TITLE[error.code],
        message: error.userMessage,
        fields: error.fieldErrors,
      },
    });
  }
  return sendHtml(reply, renderErrorPage(error, pageChrome(request)), error.status);
}

/** Fastify's logger settings with errors logged by `serializeError` (no query values). */
function withErrorSerializer(
  logger: FastifyServerOptions['logger'],
): FastifyServerOptions['logger'] {
  if (logger === false || logger === undefined) return false;
  const settings = logger === true ? {} : logger;
  return {
    ...settings,
    serializers: { ...settings.serializers, err: (error) => serializeError(error) },
  };
}

/**
 * Builds the web application over an open database. The caller owns the database: closing the
 * app does not close it.
 *
 * @example
 * const app = await buildApp({ database });
 * const response = await app.inject({ url: '/kommuner?q=upp' });
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const config = options.config ?? DEFAULT_WEB_CONFIG;
  const app = Fastify({
    logger: withErrorSerializer(options.logger ?? false),
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  // A getter: fastify's typing cannot take the Database union as a plain value.
  app.decorate('database', { getter: () => options.database });
  app.decorate('webConfig', config);

  await app.register(fastifyHelmet, helmetOptions(config));
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT });
  await app.register(
    fastifyCookie,
    options.cookieSecret === undefined ? {} : { secret: options.cookieSecret },
  );

  if (options.admission) {
    // After the headers and cookie parsing, before sessions and routes touch the database.
    registerAdmissionControl(app, { ...options.admission, exempt: ['/health', STYLESHEET_PATH] });
  }

  app.setErrorHandler((thrown, request, reply) => {
    const error = toWebError(thrown);
    if (error.code === 'unavailable') {
      // Overload or an outage: one line, not a stack per request.
      request.log.warn(
        { code: error.code, reason: withoutQueryValues(error.message) },
        'request not served',
      );
    } else if (error.status >= 500) {
      request.log.error({ err: thrown, code: error.code }, 'request failed');
    } else {
      request.log.info({ code: error.code, reason: error.message }, 'request refused');
    }
    return sendError(request, reply, error);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new WebError('not-found', `no route for ${request.method} ${request.url}`),
    ),
  );

  app.get(STYLESHEET_PATH, async (request, reply) => {
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', stylesheet.etag);
    if (request.headers['if-none-match'] === stylesheet.etag) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(stylesheet.body);
  });

  app.get('/health', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await options.database.db.execute(sql`select 1`);
      return { status: 'ok', database: options.database.kind };
    } catch (error) {
      app.log.error({ err: error }, 'health check: database does not answer');
      return reply.code(503).send({ status: 'unavailable', database: options.database.kind });
    }
  });

  // Sessions, request.user/viewer, CSRF on every unsafe request, /logga-in, /logga-ut,
  // /konto/losenord. Before every route plugin: its hooks apply to routes registered after it.
  await app.register(authPlugin, options.auth ?? {});

  await app.register(homeRoutes);
  // The accessibility statement (tillgänglighetsredogörelse), linked from every page's footer.
  await app.register(accessibilityRoutes);
  await app.register(municipalityRoutes);
  await app.register(evaluationRoutes);
  // Compare and learn: national averages, peer comparison, the good-example search.
  await app.register(averageRoutes);
  await app.register(compareRoutes);
  await app.register(searchRoutes);
  // The workflow (status changes, publish checklist, corrections) and the history page.
  await app.register(workflowRoutes);
  await app.register(historyRoutes);
  await app.register(workspaceRoutes);
  // Self-assessment (Kvalitetskommun questionnaire): a municipality's users fill it in.
  await app.register(selfAssessmentRoutes);
  // Gap analysis, action plans and follow-up, värdegrund (issue 7).
  await app.register(gapRoutes);
  await app.register(planRoutes);
  await app.register(valuesRoutes);
  // Min kommun: a municipality user's evaluations, read-only, and its comments.
  await app.register(portalRoutes);
  await app.register(reportRoutes, options.reports ?? {});
  // The evaluator's choices for the report (average basis, comparisons) and its preview.
  await app.register(reportOptionsRoutes);
  await app.register(apiRoutes, { database: options.database });
  // Admin only: interview retention and erasure, and GDPR exports of one person's data.
  await app.register(adminPrivacyRoutes);
  // Signed-in features register here and use requireUser/requireRole/assertCan and csrfField
  // from `./auth/index.ts`.

  return app;
}
