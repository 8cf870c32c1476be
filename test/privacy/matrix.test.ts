/**
 * The privacy matrix: every route the app registers, for every role, against a draft, a draft
 * shared with its municipality and a published evaluation, each with an interview that has a name
 * and notes. It checks the status each role gets and that nobody who may not read interviews ever
 * sees an interviewee's name or notes, and nobody who may not read a draft sees it.
 *
 * A new route is walked automatically (the invariants hold for it at once) and must be given an
 * access class in ACCESS, or the classification test fails and names it.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignToEvaluation } from '../../src/db/repositories/assignments.ts';
import { createEvaluation, getEvaluation } from '../../src/db/repositories/evaluations.ts';
import {
  buildEvaluation,
  createPgliteTestDatabase,
  ensureTestEdition,
  type TestDatabase,
} from '../../src/db/testing.ts';
import { buildApp } from '../../src/web/app.ts';
import { signedInAs, type TestSession } from '../../src/web/auth/testing.ts';
import { registeredRoutes, type RegisteredRoute } from './routes.ts';

const ROLES = [
  'anonymous',
  'municipality of the evaluated kommun',
  'municipality of another kommun',
  'evaluator on the team',
  'evaluator off the team',
  'admin',
] as const;
type Role = (typeof ROLES)[number];

const EVALUATIONS = ['draft', 'shared draft', 'published'] as const;
type Which = (typeof EVALUATIONS)[number];

/** Who may read each evaluation at all, and who may read its interviews. */
const READS: Record<Which, ReadonlySet<Role>> = {
  draft: new Set(['evaluator on the team', 'admin']),
  'shared draft': new Set([
    'evaluator on the team',
    'admin',
    'municipality of the evaluated kommun',
  ]),
  published: new Set(ROLES),
};
const READS_INTERVIEWS: ReadonlySet<Role> = new Set(['evaluator on the team', 'admin']);
const TEAM: ReadonlySet<Role> = new Set(['evaluator on the team', 'admin']);

/**
 * How each route is guarded. Statuses per role and evaluation:
 * - public: anyone, 200 (a redirect is allowed for the sign-in page of a signed-in user);
 * - published-only: the public summary: 200 for a published evaluation, 404 for anything else;
 * - team-page: the team and admins 200; others 404 when they may not read the evaluation, 403
 *   when they may; the public is sent to sign in (303);
 * - team-write: as team-page for others (posts are not sent as the team: they change state);
 * - account-page: any signed-in user 200, the public to sign in;
 * - account-write / sign-in-write: posted only without a CSRF token (403), so no session changes;
 * - staff-page / staff-write: the workspace's own pages (evaluators and admins; municipality users
 *   403 whatever the evaluation); writes not sent as staff (they create evaluations);
 * - workspace-page / workspace-write: an evaluation in the workspace: like team-page, except that
 *   municipality users get 403 even for an evaluation they may read (the role check comes first);
 * - municipality-home: "Min kommun" of a municipality user: municipality users 200, staff 403, the
 *   public to sign in;
 * - municipality-page / municipality-write: one evaluation in "Min kommun": only the evaluated
 *   kommun's users when they may read it (200), 404 for another kommun and for an unshared draft,
 *   403 for staff (the role check comes first); writes not sent as the evaluated kommun when it
 *   may comment (they add a comment);
 * - public-query: open data that needs query parameters (none are sent): a clear 400, or 404 for
 *   an unknown id, the same for everyone.
 * - self-assessment-page: a page of one self-assessment (a municipality's own, never public): the
 *   public is sent to sign in; the evaluations here are no self-assessments, so 404 for everyone
 *   else (who reads a self-assessment, per role and status, is tested in
 *   src/web/routes/self-assessment/routes.test.ts);
 * - self-assessment-write: its forms, posted only without a CSRF token (403), so nothing changes.
 * - plan-page / plan-write: the action plan of an evaluation (never public): the public to sign
 *   in; only a published evaluation has one (404 otherwise); for it, the evaluated kommun's users,
 *   evaluators and admins read (200), another kommun gets 403; writes are sent with a token and
 *   refused (403) to evaluators and another kommun, not sent as the kommun or an admin;
 * - action-page / action-write: one action (the fixture has none, so 404 for everyone signed in;
 *   writes are sent with a token); the public to sign in (403 for writes);
 * - kommun-page: a kommun's own page that evaluators and admins read too (the gap analysis): the
 *   public to sign in, another kommun 403;
 * - kommun-edit-page / kommun-write: what only the kommun's users and admins change (the
 *   värdegrund): everyone else 403 (the public is sent to sign in); writes sent with a token and
 *   not sent as the kommun or an admin.
 * - admin-page / admin-write: admins only (the privacy page: interview retention and erasure,
 *   person exports): the public is sent to sign in (403 for writes), every other role 403 (writes
 *   sent with a token, so the role check is what refuses them); writes not sent as an admin.
 */
type Access =
  | 'public'
  | 'public-query'
  | 'published-only'
  | 'team-page'
  | 'team-write'
  | 'account-page'
  | 'account-write'
  | 'sign-in-write'
  | 'staff-page'
  | 'staff-write'
  | 'workspace-page'
  | 'workspace-write'
  | 'municipality-home'
  | 'municipality-page'
  | 'municipality-write'
  | 'self-assessment-page'
  | 'self-assessment-write'
  | 'plan-page'
  | 'plan-write'
  | 'action-page'
  | 'action-write'
  | 'kommun-page'
  | 'kommun-edit-page'
  | 'kommun-write'
  | 'admin-page'
  | 'admin-write';

const ACCESS: Record<string, Access> = {
  'GET /': 'public',
  'GET /admin/personuppgifter': 'admin-page',
  'POST /admin/personuppgifter/lagringstid': 'admin-write',
  'POST /admin/personuppgifter/radera-utgangna': 'admin-write',
  'POST /admin/personuppgifter/radera': 'admin-write',
  'POST /admin/personuppgifter/registerutdrag': 'admin-write',
  'GET /tillganglighet': 'public',
  'GET /health': 'public',
  'GET /static/kompass.css': 'public',
  'GET /static/workspace.js': 'public',
  'GET /static/sjalvvardering.css': 'public',
  'GET /sjalvvardering': 'account-page',
  'POST /sjalvvardering/ny': 'self-assessment-write',
  'GET /sjalvvardering/:id': 'self-assessment-page',
  'POST /sjalvvardering/:id': 'self-assessment-write',
  'GET /sjalvvardering/:id/utskrift': 'self-assessment-page',
  'POST /sjalvvardering/:id/fragor/:question': 'self-assessment-write',
  'GET /static/rapport.css': 'public',
  'GET /utvarderingar/:id/rapport': 'published-only',
  'GET /utvarderingar/:id/rapport.csv': 'published-only',
  'GET /utvarderingar/:id/rapport.json': 'published-only',
  'GET /utvarderingar/:id/rapport.pdf': 'published-only',
  'GET /utvarderingar/:id/rapport.xlsx': 'published-only',
  'GET /kommuner': 'public',
  'GET /kommuner/:code': 'public',
  'GET /medelvarden': 'public',
  'GET /jamfor': 'public',
  'GET /sok': 'public',
  'GET /logga-in': 'public',
  'POST /logga-in': 'sign-in-write',
  'POST /logga-ut': 'account-write',
  'GET /konto/losenord': 'account-page',
  'POST /konto/losenord': 'account-write',
  'GET /utvarderingar/:id': 'published-only',
  'GET /utvarderingar/:id/arbetsflode': 'team-page',
  'GET /utvarderingar/:id/historik': 'team-page',
  'POST /utvarderingar/:id/status': 'team-write',
  'POST /utvarderingar/:id/rattelse': 'team-write',
  'GET /utvarderingar/:id/rapportval': 'team-page',
  'POST /utvarderingar/:id/rapportval': 'team-write',
  'GET /utvarderingar/:id/rapportval/forhandsvisning': 'team-page',
  'GET /arbetsyta': 'staff-page',
  'GET /arbetsyta/ny': 'staff-page',
  'POST /arbetsyta/ny': 'staff-write',
  'GET /arbetsyta/:id': 'workspace-page',
  'GET /arbetsyta/:id/omraden/:area': 'workspace-page',
  'GET /arbetsyta/:id/kallor/:sourceId/fil': 'workspace-page',
  'GET /arbetsyta/:id/kallor/:sourceId/andra': 'workspace-page',
  'POST /arbetsyta/:id/kallor/:sourceId/andra': 'workspace-write',
  'GET /arbetsyta/:id/intervjuer/:itemId/andra': 'workspace-page',
  'POST /arbetsyta/:id/intervjuer/:itemId/andra': 'workspace-write',
  'POST /arbetsyta/:id/kommentarer': 'workspace-write',
  'GET /min-kommun': 'municipality-home',
  'GET /min-kommun/utvarderingar/:id': 'municipality-page',
  'POST /min-kommun/utvarderingar/:id/kommentarer': 'municipality-write',
  'POST /arbetsyta/:id/delning': 'workspace-write',
  'POST /arbetsyta/:id/dokument': 'workspace-write',
  'POST /arbetsyta/:id/intervjuer': 'workspace-write',
  'POST /arbetsyta/:id/webbplats': 'workspace-write',
  'POST /arbetsyta/:id/omraden/:area/fragor/:question': 'workspace-write',
  'POST /arbetsyta/:id/omraden/:area/text': 'workspace-write',
  'POST /arbetsyta/:id/team': 'workspace-write',
  'POST /arbetsyta/:id/intervjuer/:itemId/ta-bort': 'workspace-write',
  'POST /arbetsyta/:id/kallor/:sourceId/ta-bort': 'workspace-write',
  'GET /api/v1/openapi.json': 'public',
  'GET /api/v1/municipalities': 'public',
  'GET /api/v1/municipalities/:code': 'public',
  'GET /api/v1/editions': 'public',
  'GET /api/v1/editions/:id': 'public-query',
  'GET /api/v1/evaluations': 'public',
  'GET /api/v1/evaluations/:id': 'published-only',
  'GET /api/v1/evaluations/:id/role-models': 'published-only',
  'GET /api/v1/averages': 'public-query',
  'GET /api/v1/comparisons': 'public-query',
  'GET /api/v1/search': 'public-query',
  'GET /api/v1/scores.csv': 'public',
  'GET /kommuner/:code/gapanalys': 'kommun-page',
  'GET /admin/gapmappningar': 'admin-page',
  'POST /admin/gapmappningar': 'admin-write',
  'GET /kommuner/:code/vardegrund': 'kommun-edit-page',
  'POST /kommuner/:code/vardegrund': 'kommun-write',
  'POST /kommuner/:code/vardegrund/:valueId': 'kommun-write',
  'POST /kommuner/:code/vardegrund/:valueId/ta-bort': 'kommun-write',
  'POST /arbetsyta/:id/vardegrund': 'workspace-write',
  'GET /utvarderingar/:id/atgardsplan': 'plan-page',
  'GET /utvarderingar/:id/atgardsplan.csv': 'plan-page',
  'POST /utvarderingar/:id/atgardsplan': 'plan-write',
  'GET /utvarderingar/:id/uppfoljning': 'published-only',
  'GET /atgarder/forsenade': 'account-page',
  'GET /atgarder/:actionId': 'action-page',
  'POST /atgarder/:actionId': 'action-write',
  'POST /atgarder/:actionId/anteckningar': 'action-write',
};

/** A route that is not a page for the team with these parameters (no such source): 404 is right. */
const TEAM_MAY_GET_404 = new Set([
  'GET /arbetsyta/:id/kallor/:sourceId/fil',
  'GET /arbetsyta/:id/kallor/:sourceId/andra',
  'GET /arbetsyta/:id/intervjuer/:itemId/andra',
]);

const INTERVIEWEE = 'Ingrid Intervjuadsson';
const NOTES = 'anteckning-om-personen-q7x';
const DRAFT_MARKER = 'utkastmarkor-z9k';
/** In a comment on every evaluation: comments are for the team and the evaluated kommun only. */
const COMMENT_MARKER = 'kommentarmarkor-k4w';
const READS_COMMENTS: Record<Which, ReadonlySet<Role>> = {
  draft: TEAM,
  'shared draft': new Set([...TEAM, 'municipality of the evaluated kommun']),
  published: new Set([...TEAM, 'municipality of the evaluated kommun']),
};

interface Fixture {
  ids: Record<Which, string>;
  sessions: Partial<Record<Role, TestSession>>;
}

/** The concrete URL for a route and an evaluation (other parameters get harmless values). */
function concrete(route: RegisteredRoute, id: string): string {
  return route.url
    .replace(':id', id)
    .replace(':code', '0486')
    .replace(/:[A-Za-z]+/g, '1');
}

function expectedStatuses(
  key: string,
  access: Access,
  role: Role,
  which: Which,
  url: string,
): number[] | null {
  const reads = READS[which].has(role);
  switch (access) {
    case 'public':
      return url === '/logga-in' ? [200, 303] : [200];
    case 'public-query':
      return [400, 404];
    case 'published-only':
      return which === 'published' ? [200] : [404];
    case 'team-page':
    case 'team-write':
      if (role === 'anonymous') return access === 'team-page' ? [303] : [403];
      if (TEAM.has(role)) return access === 'team-page' ? [200] : null;
      return reads ? [403] : [404];
    case 'account-page':
      return role === 'anonymous' ? [303] : [200];
    case 'account-write':
    case 'sign-in-write':
      return [403];
    case 'staff-page':
    case 'staff-write':
      if (role === 'anonymous') return access === 'staff-page' ? [303] : [403];
      if (role.startsWith('municipality')) return [403];
      return access === 'staff-page' ? [200] : null;
    case 'self-assessment-page':
      return role === 'anonymous' ? [303] : [404];
    case 'self-assessment-write':
      return [403];
    case 'municipality-home':
      if (role === 'anonymous') return [303];
      return role.startsWith('municipality') ? [200] : [403];
    case 'municipality-page':
    case 'municipality-write':
      if (role === 'anonymous') return access === 'municipality-page' ? [303] : [403];
      if (role === 'municipality of the evaluated kommun' && reads) {
        return access === 'municipality-page' ? [200] : null;
      }
      return role.startsWith('municipality') ? [404] : [403];
    case 'workspace-page':
    case 'workspace-write':
      if (role === 'anonymous') return access === 'workspace-page' ? [303] : [403];
      if (role.startsWith('municipality')) return [403];
      if (TEAM.has(role)) {
        if (access === 'workspace-write') return null;
        return TEAM_MAY_GET_404.has(key) ? [404] : [200];
      }
      return reads ? [403] : [404];
    case 'plan-page':
    case 'plan-write':
      if (role === 'anonymous') return access === 'plan-page' ? [303] : [403];
      if (which !== 'published') return [404];
      if (role === 'municipality of another kommun') return [403];
      if (access === 'plan-page') return [200];
      return role === 'admin' || role === 'municipality of the evaluated kommun' ? null : [403];
    case 'action-page':
    case 'action-write':
      if (role === 'anonymous') return access === 'action-page' ? [303] : [403];
      return [404];
    case 'kommun-page':
      if (role === 'anonymous') return [303];
      return role === 'municipality of another kommun' ? [403] : [200];
    case 'kommun-edit-page':
    case 'kommun-write':
      if (role === 'anonymous') return access === 'kommun-edit-page' ? [303] : [403];
      if (role === 'admin' || role === 'municipality of the evaluated kommun') {
        return access === 'kommun-edit-page' ? [200] : null;
      }
      return [403];
    case 'admin-page':
    case 'admin-write':
      if (role === 'anonymous') return access === 'admin-page' ? [303] : [403];
      if (role === 'admin') return access === 'admin-page' ? [200] : null;
      return [403];
  }
}

describe('privacy matrix: every route × every role', () => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let routes: RegisteredRoute[];
  const fixture: Fixture = { ids: { draft: '', 'shared draft': '', published: '' }, sessions: {} };

  beforeAll(async () => {
    test = await createPgliteTestDatabase();
    const { db } = test.database;
    await ensureTestEdition(test.database);
    const marked = buildEvaluation().findings?.map((finding) => ({
      ...finding,
      text: `${finding.text} ${DRAFT_MARKER}`,
    }));
    fixture.ids.draft = (
      await createEvaluation(db, buildEvaluation({ year: 2012, findings: marked }))
    ).id;
    fixture.ids['shared draft'] = (await createEvaluation(db, buildEvaluation({ year: 2013 }))).id;
    await db.execute(
      sql`update evaluations set shared_with_municipality = true where id = ${fixture.ids['shared draft']}`,
    );
    fixture.ids.published = (
      await createEvaluation(db, buildEvaluation({ year: 2014, status: 'published' }))
    ).id;
    for (const id of Object.values(fixture.ids)) {
      await db.execute(sql`insert into interviews (evaluation_id, held_on, category, name, notes)
        values (${id}, '2014-03-01', 'politiker', ${INTERVIEWEE}, ${NOTES})`);
    }
    fixture.sessions = {
      'municipality of the evaluated kommun': await signedInAs(db, {
        role: 'municipality',
        municipalityCode: '0486',
      }),
      'municipality of another kommun': await signedInAs(db, {
        role: 'municipality',
        municipalityCode: '0180',
      }),
      'evaluator on the team': await signedInAs(db, { role: 'evaluator' }),
      'evaluator off the team': await signedInAs(db, { role: 'evaluator' }),
      admin: await signedInAs(db, { role: 'admin' }),
    };
    for (const id of Object.values(fixture.ids)) {
      await db.execute(sql`insert into evaluation_comments (evaluation_id, author_user_id, body)
        values (${id}, ${fixture.sessions['municipality of the evaluated kommun']?.user.id ?? null},
          ${`Fråga från kommunen ${COMMENT_MARKER}`})`);
    }
    const member = fixture.sessions['evaluator on the team'];
    for (const id of Object.values(fixture.ids)) {
      await assignToEvaluation(db, {
        evaluationId: id,
        userId: member?.user.id ?? '',
        role: 'lead',
        actorUserId: null,
      });
    }
    app = await buildApp({ database: test.database });
    await app.ready();
    routes = registeredRoutes(app);
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  it('classifies every registered route (a new route must be given an access class here)', () => {
    const unclassified = routes
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => !(key in ACCESS));
    expect(unclassified, 'add these to ACCESS in test/privacy/matrix.test.ts').toEqual([]);
  });

  it('has every interview in the database, so the leak checks check something', async () => {
    const { rows } = (await test.database.db.execute(
      sql`select count(*)::int as n from interviews where name = ${INTERVIEWEE}`,
    )) as unknown as { rows: Array<{ n: number }> };
    expect(rows[0]?.n).toBe(3);
  });

  const send = (
    route: RegisteredRoute,
    url: string,
    session: TestSession | undefined,
    which: Which,
  ) =>
    route.method === 'GET'
      ? app.inject({ method: 'GET', url, cookies: session?.cookies ?? {} })
      : (async () => {
          const version = (await getEvaluation(test.database.db, fixture.ids[which]))?.version ?? 1;
          const access = ACCESS[`${route.method} ${route.url}`];
          const withToken =
            (access === 'team-write' ||
              access === 'admin-write' ||
              access === 'plan-write' ||
              access === 'action-write' ||
              access === 'kommun-write' ||
              access === 'workspace-write' ||
              access === 'staff-write' ||
              access === 'municipality-write') &&
            session !== undefined;
          return app.inject({
            method: route.method as 'POST',
            url,
            cookies: session?.cookies ?? {},
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams({
              ...(withToken ? { _csrf: session.csrfToken } : {}),
              transition: 'submit',
              version: String(version),
              reason: 'matris',
            }).toString(),
          });
        })();

  for (const role of ROLES) {
    for (const which of EVALUATIONS) {
      it(`${role}, ${which}: each route answers as classified and leaks nothing`, async () => {
        const session = fixture.sessions[role];
        const problems: string[] = [];
        const versionBefore = (await getEvaluation(test.database.db, fixture.ids[which]))?.version;
        for (const route of routes) {
          const key = `${route.method} ${route.url}`;
          const access = ACCESS[key];
          const url = concrete(route, fixture.ids[which]);
          const expected = access ? expectedStatuses(key, access, role, which, url) : null;
          // Unclassified writes are not sent (they could change what later checks see).
          if (route.method !== 'GET' && (!access || expected === null)) continue;
          const response: LightMyRequestResponse = await send(route, url, session, which);
          const body = response.body;
          if (expected && !expected.includes(response.statusCode)) {
            problems.push(
              `${key} (${url}): ${response.statusCode}, expected ${expected.join(' or ')}`,
            );
          }
          if (response.statusCode >= 500) problems.push(`${key}: ${response.statusCode}`);
          if (!READS_INTERVIEWS.has(role) && (body.includes(INTERVIEWEE) || body.includes(NOTES))) {
            problems.push(`${key} (${url}) shows an interview to ${role}`);
          }
          if (!READS_COMMENTS[which].has(role) && body.includes(COMMENT_MARKER)) {
            problems.push(`${key} (${url}) shows a comment to ${role}`);
          }
          if (!READS.draft.has(role) && body.includes(DRAFT_MARKER)) {
            problems.push(`${key} (${url}) shows the draft to ${role}`);
          }
          if (!READS[which].has(role) && route.url.includes(':id') && response.statusCode === 200) {
            problems.push(`${key} (${url}) answers 200 to ${role} for a ${which}`);
          }
        }
        expect(problems).toEqual([]);
        expect((await getEvaluation(test.database.db, fixture.ids[which]))?.version).toBe(
          versionBefore,
        );
      });
    }
  }

  it('lets the team read the interview-bearing pages (the leak checks are not vacuous)', async () => {
    const admin = fixture.sessions.admin;
    const history = await app.inject({
      url: `/utvarderingar/${fixture.ids.draft}/historik`,
      cookies: admin?.cookies ?? {},
    });
    expect(history.statusCode).toBe(200);
  });

  it('shows the comments to the team in the workspace and to the evaluated kommun (the comment check is not vacuous)', async () => {
    const team = await app.inject({
      url: `/arbetsyta/${fixture.ids.draft}`,
      cookies: fixture.sessions['evaluator on the team']?.cookies ?? {},
    });
    expect(team.body).toContain(COMMENT_MARKER);
    const kommun = await app.inject({
      url: `/min-kommun/utvarderingar/${fixture.ids['shared draft']}`,
      cookies: fixture.sessions['municipality of the evaluated kommun']?.cookies ?? {},
    });
    expect(kommun.statusCode).toBe(200);
    expect(kommun.body).toContain(COMMENT_MARKER);
  });
});
