/**
 * The world the web fuzzers work in: the app over a test database with an admin, an evaluator
 * leading a fully scored draft (a source and an interview included) and a published evaluation;
 * the routes read from the app itself (test/privacy/routes.ts), so routes other features add are
 * fuzzed without being listed; and the forms found on the pages, so every POST is sent with the
 * fields its form really has.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/client.ts';
import { createEvaluation } from '../../src/db/repositories/evaluations.ts';
import { getUser } from '../../src/db/repositories/users.ts';
import { buildEvaluation } from '../../src/db/testing.ts';
import type { ReportPrinter } from '../../src/report/pdf.ts';
import { startSelfAssessment } from '../../src/use-cases/self-assessment/start-self-assessment.ts';
import { createScoredEvaluation } from '../../src/use-cases/testing.ts';
import { buildApp } from '../../src/web/app.ts';
import { createTestAccount, sessionFor, type TestSession } from '../../src/web/auth/testing.ts';
import { registeredRoutes, type RegisteredRoute } from '../privacy/routes.ts';
import { formsOf, type Form } from './html.ts';

export type Actor = 'admin' | 'evaluator on the team' | 'municipality user';
/** Who posts every form: the roles that write in the workspace. */
export const ACTORS: readonly Actor[] = ['admin', 'evaluator on the team'];

export interface FuzzWorld {
  app: FastifyInstance;
  database: Database;
  routes: RegisteredRoute[];
  draftId: string;
  publishedId: string;
  sourceId: string;
  interviewId: string;
  /** A self-assessment draft of the same kommun (its pages are the municipality users'). */
  selfAssessmentId: string;
  /** A new session for an actor (each route gets its own, so a sign-out ends only that one). */
  session(actor: Actor): Promise<TestSession>;
  /** Every HTML document handed to the PDF printer (the report as printed). */
  printed: string[];
  close(): Promise<void>;
}

/** A printer that records the HTML it is asked to print and returns a minimal PDF. */
function recordingPrinter(printed: string[]): ReportPrinter {
  const printer = {
    print: async (html: string) => {
      printed.push(html);
      return Buffer.from('%PDF-1.4\n%%EOF\n');
    },
    printUrl: async () => Buffer.from('%PDF-1.4\n%%EOF\n'),
    close: async () => undefined,
  };
  return printer as unknown as ReportPrinter;
}

export async function createFuzzWorld(database: Database): Promise<FuzzWorld> {
  const { db } = database;
  const admin = await createTestAccount(db, { role: 'admin' });
  const evaluator = await createTestAccount(db, { role: 'evaluator' });
  const scored = await createScoredEvaluation(db, { leadUserId: evaluator.user.id });
  // Shared, so the kommun's users see the draft in "Min kommun" and may comment on it.
  await db.execute(
    sql`update evaluations set shared_with_municipality = true where id = ${scored.evaluationId}`,
  );
  const municipality = await createTestAccount(db, {
    role: 'municipality',
    municipalityCode: '0486',
  });
  const selfAssessment = await startSelfAssessment(db, {
    actorUserId: null,
    municipalityCode: '0486',
    year: 2025,
  });
  if (!selfAssessment.ok) throw new Error('could not start a self-assessment');
  const published = await createEvaluation(
    db,
    buildEvaluation({ year: 2014, status: 'published' }),
  );
  const printed: string[] = [];
  const app = await buildApp({
    logger: process.env.FUZZ_LOG ? { level: 'error' } : false,
    database,
    reports: { launchPrinter: async () => recordingPrinter(printed) },
  });
  await app.ready();
  const users = {
    admin: admin.user,
    'evaluator on the team': evaluator.user,
    'municipality user': municipality.user,
  };
  return {
    app,
    database,
    routes: registeredRoutes(app),
    draftId: scored.evaluationId,
    publishedId: published.id,
    sourceId: scored.sourceId,
    interviewId: scored.interviewId,
    selfAssessmentId: selfAssessment.value.id,
    session: async (actor) => {
      const user = (await getUser(db, users[actor].id)) ?? users[actor];
      return sessionFor(db, user);
    },
    printed,
    close: () => app.close(),
  };
}

/** The URL of a route for one evaluation, its parameters filled with values that exist. */
export function concreteUrl(
  world: FuzzWorld,
  route: RegisteredRoute,
  evaluationId: string,
): string {
  // Self-assessments are evaluations of their own, with questions numbered 1, 2, …
  const selfAssessment = route.url.startsWith('/sjalvvardering/');
  return route.url
    .replace(':id', selfAssessment ? world.selfAssessmentId : evaluationId)
    .replace(':code', '0486')
    .replace(':area', '1')
    .replace(':question', selfAssessment ? '1' : '1.1')
    .replace(/\/intervjuer\/:[A-Za-z]+/, `/intervjuer/${world.interviewId}`)
    .replace(/:(sourceId|itemId)/, world.sourceId)
    .replace(/:[A-Za-z]+/g, '1');
}

/** Does a concrete path belong to a route pattern ("/arbetsyta/:id/team")? */
export function matchesRoute(route: RegisteredRoute, path: string): boolean {
  const pattern = route.url
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}/?$`).test(path);
}

export interface FoundForm extends Form {
  /** The page the form was found on (read again before each case, for fresh versions). */
  page: string;
}

/**
 * The forms on every GET page the actor can open, for both evaluations. A route whose form is
 * not found is still fuzzed, with the fields the app's forms commonly carry.
 */
export async function discoverForms(
  world: FuzzWorld,
  cookies: Record<string, string>,
): Promise<FoundForm[]> {
  const found: FoundForm[] = [];
  const seen = new Set<string>();
  for (const route of world.routes.filter((r) => r.method === 'GET')) {
    for (const id of [world.draftId, world.publishedId]) {
      const url = concreteUrl(world, route, id);
      if (seen.has(url)) continue;
      seen.add(url);
      const response = await world.app.inject({ url, cookies });
      if (!isHtml(response) || response.statusCode !== 200) continue;
      for (const form of formsOf(response.body)) found.push({ ...form, page: url });
    }
  }
  return found;
}

export function isHtml(response: LightMyRequestResponse): boolean {
  return String(response.headers['content-type'] ?? '').startsWith('text/html');
}

/**
 * What every HTML response must carry: a Content-Security-Policy whose script-src (or
 * default-src) allows no inline script and no eval, and that forbids framing.
 */
export function cspProblems(response: LightMyRequestResponse): string[] {
  if (!isHtml(response)) return [];
  const csp = response.headers['content-security-policy'];
  if (typeof csp !== 'string') return ['no Content-Security-Policy header'];
  const directives = new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map((parts) => [parts[0]?.toLowerCase() ?? '', parts.slice(1)] as const),
  );
  const problems: string[] = [];
  const scripts = directives.get('script-src') ?? directives.get('default-src');
  if (!scripts) problems.push('CSP has neither script-src nor default-src');
  else if (
    scripts.some((source) => ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:'].includes(source))
  ) {
    problems.push(`CSP script-src allows ${scripts.join(' ')}`);
  }
  if (
    directives.get('script-src-attr')?.join(' ') !== "'none'" &&
    scripts?.includes("'unsafe-inline'")
  ) {
    problems.push('CSP allows inline event handlers');
  }
  if (directives.get('frame-ancestors')?.join(' ') !== "'none'") {
    problems.push("CSP frame-ancestors is not 'none'");
  }
  if (directives.get('object-src')?.join(' ') !== "'none'")
    problems.push("CSP object-src is not 'none'");
  return problems;
}
