import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { count } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerUser } from '../../cli/commands/user.ts';
import type { CliIo } from '../../cli/io.ts';
import { openDatabase, type Database, type DatabaseKind } from '../../db/client.ts';
import { assignToEvaluation } from '../../db/repositories/assignments.ts';
import { listAudit } from '../../db/repositories/audit.ts';
import { createEvaluation } from '../../db/repositories/evaluations.ts';
import { findUserByEmail, getPasswordHash } from '../../db/repositories/users.ts';
import { sessions } from '../../db/schema.ts';
import {
  buildEvaluation,
  createTestEnv,
  describeDatabases,
  describePostgresMissing,
  ensureTestEdition,
  testDatabaseUrl,
} from '../../db/testing.ts';
import { buildApp, type AppOptions } from '../app.ts';
import { verifyPassword } from './credentials.ts';
import { assertCan, csrfField, requirePermission, requireRole, requireUser } from './index.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './request.tsx';
import {
  cookiesSet,
  createTestAccount,
  csrfFromHtml,
  form,
  postForm,
  sessionFor,
  signInThroughForm,
  signedInAs,
  type TestSession,
} from './testing.ts';
import { renderToString } from 'preact-render-to-string';

const MINUTE = 60_000;

/** The real app plus a few routes that exercise the helpers other features use. */
async function appWithProbes(database: Database, options: Omit<AppOptions, 'database'> = {}) {
  const app = await buildApp({ ...options, database });
  const writes: string[] = [];
  app.get('/prov/inloggad', { preHandler: requireUser }, async (request) => ({
    user: request.user?.email,
    viewer: request.viewer.kind,
  }));
  app.get('/prov/admin', { preHandler: requireRole('admin') }, async () => 'admin');
  app.get('/prov/anvandare', { preHandler: requirePermission('user.manage') }, async () => 'ok');
  app.get('/prov/vem', async (request) => ({
    user: request.user?.email ?? null,
    viewer:
      request.viewer.kind === 'evaluator'
        ? { ...request.viewer, assignedEvaluationIds: [...request.viewer.assignedEvaluationIds] }
        : request.viewer,
  }));
  app.get('/prov/formular', async (request, reply) =>
    reply.type('text/html').send(renderToString(<form>{csrfField(request)}</form>)),
  );
  app.post('/prov/skriv', async (request) => {
    writes.push(String((request.body as Record<string, string>).value));
    return { ok: true };
  });
  app.post('/prov/publik', async (request) => {
    assertCan(request, 'framework.manage');
    return { ok: true };
  });
  app.post('/prov/webhook', { config: { csrf: false } }, async () => ({ ok: true }));
  return { app, writes };
}

async function count_(database: Database, table: typeof sessions) {
  const [row] = await database.db.select({ n: count() }).from(table);
  return Number(row?.n ?? 0);
}

function setCookieHeader(response: { headers: Record<string, unknown> }, name: string): string {
  const raw = response.headers['set-cookie'];
  const all = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return all.find((cookie) => cookie.startsWith(`${name}=`)) ?? '';
}

describeDatabases('web accounts', (getDb) => {
  let app: FastifyInstance;
  let writes: string[];
  let now: Date;
  const clock = () => now;

  beforeEach(async () => {
    now = new Date();
    ({ app, writes } = await appWithProbes(getDb(), { auth: { now: clock } }));
  });
  afterEach(async () => {
    await app.close();
  });

  const account = (overrides: Partial<Parameters<typeof createTestAccount>[1]> = {}) =>
    createTestAccount(getDb().db, { role: 'evaluator', email: 'eva@example.se', ...overrides });

  describe('sign-in', () => {
    it('shows an accessible form: labels, autocomplete, the CSRF field and an anonymous CSRF cookie', async () => {
      const response = await app.inject({ url: '/logga-in' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const html = response.body;
      expect(html).toContain('<label for="email">E-postadress</label>');
      expect(html).toContain('<label for="password">Lösenord</label>');
      expect(html).toMatch(/id="email" name="email"[^>]*autocomplete="username"/);
      expect(html).toMatch(/id="password" name="password"[^>]*autocomplete="current-password"/);
      expect(csrfFromHtml(html)).toBe(cookiesSet(response)[CSRF_COOKIE]);
    });

    it('signs in with the right password: a session cookie, HttpOnly, SameSite=Lax, Path=/, and back to `next`', async () => {
      await account();
      const { response, cookies } = await signInThroughForm(
        app,
        'EVA@example.se',
        'ett långt testlösenord',
        {
          next: '/prov/inloggad',
        },
      );
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/prov/inloggad');
      const cookie = setCookieHeader(response, SESSION_COOKIE);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Secure/);
      const page = await app.inject({ url: '/prov/inloggad', cookies });
      expect(page.json()).toEqual({ user: 'eva@example.se', viewer: 'evaluator' });
    });

    it('refuses a wrong password with the reason next to the field and in the summary, and no session', async () => {
      const { user } = await account();
      const { response, cookies } = await signInThroughForm(
        app,
        'eva@example.se',
        'fel lösenord här',
      );
      expect(response.statusCode).toBe(401);
      expect(cookies).toEqual({});
      expect(response.body).toContain('E-postadressen eller lösenordet är fel.');
      expect(response.body).toContain('href="#password"');
      expect(response.body).toMatch(
        /id="password"[^>]*aria-invalid="true"[^>]*aria-describedby="password-fel"/,
      );
      expect(response.body).toContain('value="eva@example.se"');
      expect(await count_(getDb(), sessions)).toBe(0);
      expect((await findUserByEmail(getDb().db, user.email))?.failedSignIns).toBe(1);
    });

    it('answers an unknown address exactly like a wrong password', async () => {
      const { response } = await signInThroughForm(app, 'ingen@example.se', 'fel lösenord här');
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('E-postadressen eller lösenordet är fel.');
    });

    it('asks for both fields when they are empty', async () => {
      const { response } = await signInThroughForm(app, '', '');
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('<a href="#email">Skriv din e-postadress.</a>');
      expect(response.body).toContain('<a href="#password">Skriv ditt lösenord.</a>');
    });

    it('never redirects to another site after signing in', async () => {
      await account();
      for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
        const { response } = await signInThroughForm(
          app,
          'eva@example.se',
          'ett långt testlösenord',
          { next },
        );
        expect(response.headers.location).toBe('/');
      }
    });

    it('refuses a disabled account even with the right password', async () => {
      await account();
      const db = getDb().db;
      const { setUserDisabled } = await import('../../db/repositories/users.ts');
      const user = await findUserByEmail(db, 'eva@example.se');
      await setUserDisabled(db, { userId: user!.id, disabled: true, actorUserId: null });
      const { response, cookies } = await signInThroughForm(
        app,
        'eva@example.se',
        'ett långt testlösenord',
      );
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Kontot är avstängt.');
      expect(cookies).toEqual({});
    });
  });

  describe('lockout', () => {
    it('locks an account for 15 minutes after 5 failures, with a Swedish message, even for the right password', async () => {
      await account();
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        statuses.push(
          (await signInThroughForm(app, 'eva@example.se', 'fel lösenord här')).response.statusCode,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      const locked = await signInThroughForm(app, 'eva@example.se', 'ett långt testlösenord');
      expect(locked.response.statusCode).toBe(429);
      expect(locked.cookies).toEqual({});
      expect(locked.response.body).toContain('För många misslyckade inloggningsförsök.');
      expect(locked.response.body).toContain('(om 15 minuter)');

      now = new Date(now.getTime() + 15 * MINUTE + 1000);
      const after = await signInThroughForm(app, 'eva@example.se', 'ett långt testlösenord');
      expect(after.response.statusCode).toBe(303);
    });

    it('keeps the lock in the database, so a second app instance refuses too', async () => {
      await account();
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await signInThroughForm(app, 'eva@example.se', 'fel lösenord här');
      }
      const other = await appWithProbes(getDb(), { auth: { now: clock } });
      try {
        const { response } = await signInThroughForm(
          other.app,
          'eva@example.se',
          'ett långt testlösenord',
        );
        expect(response.statusCode).toBe(429);
      } finally {
        await other.app.close();
      }
    });

    it('locks an unknown address the same way, so the message reveals no account', async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt += 1) {
        statuses.push(
          (await signInThroughForm(app, 'ingen@example.se', 'fel lösenord här')).response
            .statusCode,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    });

    it('throttles one client address that tries many accounts', async () => {
      await app.close();
      ({ app } = await appWithProbes(getDb(), {
        auth: {
          now: clock,
          addressThrottle: { maxFailures: 3, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
        },
      }));
      await account();
      for (const email of ['a@example.se', 'b@example.se', 'c@example.se']) {
        await signInThroughForm(app, email, 'fel lösenord här');
      }
      const { response } = await signInThroughForm(app, 'eva@example.se', 'ett långt testlösenord');
      expect(response.statusCode).toBe(429);
      expect(response.body).toContain('För många misslyckade inloggningsförsök.');
    });
  });

  describe('CSRF', () => {
    it('refuses a sign-in without a token, or with a forged one, with 403 in Swedish and nothing counted', async () => {
      const { user } = await account();
      const page = await app.inject({ url: '/logga-in' });
      const anonymous = cookiesSet(page)[CSRF_COOKIE] ?? '';
      const attempts: Array<{ cookies: Record<string, string>; fields: Record<string, string> }> = [
        { cookies: { [CSRF_COOKIE]: anonymous }, fields: {} },
        {
          cookies: { [CSRF_COOKIE]: anonymous },
          fields: { _csrf: 'forged-token-forged-token-forged-token-000' },
        },
        { cookies: {}, fields: { _csrf: anonymous } },
      ];
      for (const attempt of attempts) {
        const response = await app.inject({
          method: 'POST',
          url: '/logga-in',
          cookies: attempt.cookies,
          ...form({
            email: 'eva@example.se',
            password: 'ett långt testlösenord',
            ...attempt.fields,
          }),
        });
        expect(response.statusCode).toBe(403);
        expect(response.body).toContain('Formuläret kunde inte skickas');
        expect(setCookieHeader(response, SESSION_COOKIE)).toBe('');
      }
      expect(await count_(getDb(), sessions)).toBe(0);
      expect((await findUserByEmail(getDb().db, user.email))?.failedSignIns).toBe(0);
    });

    it('guards every form post in the app, not only the account pages', async () => {
      const session = await signedInAs(getDb().db, { role: 'evaluator' });
      const missing = await app.inject({
        method: 'POST',
        url: '/prov/skriv',
        cookies: session.cookies,
        ...form({ value: 'a' }),
      });
      const forged = await postForm(app, '/prov/skriv', session, {
        _csrf: 'x'.repeat(43),
        value: 'b',
      });
      const json = await app.inject({
        method: 'POST',
        url: '/prov/skriv',
        cookies: session.cookies,
        payload: { value: 'c' },
      });
      expect([missing.statusCode, forged.statusCode, json.statusCode]).toEqual([403, 403, 403]);
      expect(writes).toEqual([]);
      const header = await app.inject({
        method: 'POST',
        url: '/prov/skriv',
        cookies: session.cookies,
        headers: { 'x-csrf-token': session.csrfToken },
        payload: { value: 'd' },
      });
      const ok = await postForm(app, '/prov/skriv', session, { value: 'e' });
      expect([header.statusCode, ok.statusCode]).toEqual([200, 200]);
      expect(writes).toEqual(['d', 'e']);
      expect((await app.inject({ method: 'POST', url: '/prov/webhook' })).statusCode).toBe(200);
    });

    it('does not accept another session’s token', async () => {
      const one = await signedInAs(getDb().db, { role: 'evaluator' });
      const two = await signedInAs(getDb().db, { role: 'evaluator' });
      const response = await postForm(app, '/prov/skriv', one, {
        _csrf: two.csrfToken,
        value: 'x',
      });
      expect(response.statusCode).toBe(403);
      expect(writes).toEqual([]);
    });

    it('gives forms the session’s token when signed in, and an anonymous one otherwise', async () => {
      const session = await signedInAs(getDb().db, { role: 'admin' });
      const signedIn = await app.inject({ url: '/prov/formular', cookies: session.cookies });
      expect(csrfFromHtml(signedIn.body)).toBe(session.csrfToken);
      expect(cookiesSet(signedIn)[CSRF_COOKIE]).toBeUndefined();
      const anonymous = await app.inject({ url: '/prov/formular' });
      expect(csrfFromHtml(anonymous.body)).toBe(cookiesSet(anonymous)[CSRF_COOKIE]);
    });

    it('refuses a forged password change and a forged sign-out, changing nothing', async () => {
      const { user, password } = await account();
      const session = await sessionFor(getDb().db, user);
      const before = await getPasswordHash(getDb().db, user.id);
      const change = await postForm(app, '/konto/losenord', session, {
        _csrf: 'forged',
        'current-password': password,
        'new-password': 'ett helt nytt lösenord',
        'repeat-password': 'ett helt nytt lösenord',
      });
      expect(change.statusCode).toBe(403);
      expect(await getPasswordHash(getDb().db, user.id)).toBe(before);
      const signOut = await postForm(app, '/logga-ut', session, { _csrf: '' });
      expect(signOut.statusCode).toBe(403);
      expect(
        (await app.inject({ url: '/prov/inloggad', cookies: session.cookies })).statusCode,
      ).toBe(200);
    });
  });

  describe('sessions', () => {
    it('rotates on sign-in: the pre-sign-in CSRF cookie is cleared, and signing in again ends the earlier session', async () => {
      await account();
      const first = await signInThroughForm(app, 'eva@example.se', 'ett långt testlösenord');
      expect(cookiesSet(first.response)[CSRF_COOKIE]).toBe('');
      // Signed in already, the same browser posts the sign-in form again (e.g. from another tab).
      const page = await app.inject({ url: '/prov/formular', cookies: first.cookies });
      const again = await app.inject({
        method: 'POST',
        url: '/logga-in',
        cookies: first.cookies,
        ...form({
          _csrf: csrfFromHtml(page.body),
          email: 'eva@example.se',
          password: 'ett långt testlösenord',
        }),
      });
      expect(again.statusCode).toBe(303);
      const second = cookiesSet(again)[SESSION_COOKIE];
      expect(second).toBeDefined();
      expect(second).not.toBe(first.cookies[SESSION_COOKIE]);
      expect((await app.inject({ url: '/prov/vem', cookies: first.cookies })).json()).toMatchObject(
        { user: null },
      );
      expect(await count_(getDb(), sessions)).toBe(1);
      // A signed-in browser asking for the sign-in page goes where it was heading.
      const signedIn = { [SESSION_COOKIE]: second ?? '' };
      const redirect = await app.inject({
        url: '/logga-in?next=%2Fprov%2Fadmin',
        cookies: signedIn,
      });
      expect(redirect.headers.location).toBe('/prov/admin');
    });

    it('never adopts a session id planted before sign-in', async () => {
      await account();
      const planted = { [SESSION_COOKIE]: 'A'.repeat(43) };
      const { cookies } = await signInThroughForm(app, 'eva@example.se', 'ett långt testlösenord', {
        cookies: planted,
      });
      expect(cookies[SESSION_COOKIE]).not.toBe(planted[SESSION_COOKIE]);
      expect((await app.inject({ url: '/prov/vem', cookies: planted })).json()).toMatchObject({
        user: null,
      });
    });

    it('signing out ends the session on the server, not only in the browser', async () => {
      await account();
      const { cookies } = await signInThroughForm(app, 'eva@example.se', 'ett långt testlösenord');
      const page = await app.inject({ url: '/konto/losenord', cookies });
      const response = await app.inject({
        method: 'POST',
        url: '/logga-ut',
        cookies,
        ...form({ _csrf: csrfFromHtml(page.body) }),
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/logga-in?utloggad');
      expect(cookiesSet(response)[SESSION_COOKIE]).toBe('');
      expect(await count_(getDb(), sessions)).toBe(0);
      // The old cookie, replayed, is worth nothing.
      const replay = await app.inject({ url: '/prov/inloggad', cookies });
      expect(replay.statusCode).toBe(303);
      expect((await app.inject({ url: '/logga-in?utloggad' })).body).toContain('Du är utloggad.');
    });

    it('ends a session after two idle hours and after twelve hours in all', async () => {
      const session = await signedInAs(getDb().db, { role: 'admin' });
      const at = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
      const start = now;
      const who = async () =>
        (
          (await app.inject({ url: '/prov/vem', cookies: session.cookies })).json() as {
            user: string | null;
          }
        ).user;
      now = at(119);
      expect(await who()).not.toBeNull();
      for (let hour = 2; hour <= 11; hour += 1) {
        now = new Date(start.getTime() + hour * 60 * MINUTE);
        expect(await who()).not.toBeNull();
      }
      now = new Date(start.getTime() + 12 * 60 * MINUTE + MINUTE);
      expect(await who()).toBeNull();

      const idle = await signedInAs(getDb().db, { role: 'admin' });
      const idleStart = new Date();
      now = new Date(idleStart.getTime() + 121 * MINUTE);
      expect((await app.inject({ url: '/prov/vem', cookies: idle.cookies })).json()).toMatchObject({
        user: null,
      });
    });

    it('marks cookies Secure over HTTPS: configured TLS, or X-Forwarded-Proto behind a trusted proxy', async () => {
      await account();
      const secureCookie = async (
        options: Omit<AppOptions, 'database'>,
        headers: Record<string, string>,
      ) => {
        const built = await appWithProbes(getDb(), options);
        try {
          const page = await built.app.inject({ url: '/logga-in', headers });
          return setCookieHeader(page, CSRF_COOKIE).includes('; Secure');
        } finally {
          await built.app.close();
        }
      };
      const https = { 'x-forwarded-proto': 'https' };
      expect(await secureCookie({}, {})).toBe(false);
      expect(await secureCookie({}, https)).toBe(false);
      expect(await secureCookie({ config: { tls: false, trustProxy: true } }, https)).toBe(true);
      expect(await secureCookie({ config: { tls: true, trustProxy: false } }, {})).toBe(true);
      expect(await secureCookie({ auth: { secureCookies: 'always' } }, {})).toBe(true);
    });
  });

  describe('roles', () => {
    it('sends the public to the sign-in page and back, and answers 401 to non-page requests', async () => {
      const page = await app.inject({ url: '/prov/admin?x=1' });
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toBe('/logga-in?next=%2Fprov%2Fadmin%3Fx%3D1');
      const json = await app.inject({
        url: '/prov/admin',
        headers: { accept: 'application/json' },
      });
      expect(json.statusCode).toBe(401);
      const form = await app.inject({ url: '/logga-in' });
      const post = await app.inject({
        method: 'POST',
        url: '/prov/publik',
        cookies: { [CSRF_COOKIE]: cookiesSet(form)[CSRF_COOKIE] ?? '' },
        headers: { 'x-csrf-token': csrfFromHtml(form.body) },
      });
      expect(post.statusCode).toBe(401);
    });

    it('answers 403 with a Swedish page to a signed-in user of the wrong role', async () => {
      for (const role of ['evaluator', 'municipality'] as const) {
        const session = await signedInAs(getDb().db, { role });
        const response = await app.inject({ url: '/prov/admin', cookies: session.cookies });
        expect(response.statusCode).toBe(403);
        expect(response.body).toContain('Du har inte behörighet');
        expect(
          (await app.inject({ url: '/prov/anvandare', cookies: session.cookies })).statusCode,
        ).toBe(403);
        expect((await postForm(app, '/prov/publik', session)).statusCode).toBe(403);
      }
      const admin = await signedInAs(getDb().db, { role: 'admin' });
      expect((await app.inject({ url: '/prov/admin', cookies: admin.cookies })).body).toBe('admin');
      expect(
        (await app.inject({ url: '/prov/anvandare', cookies: admin.cookies })).statusCode,
      ).toBe(200);
      expect((await postForm(app, '/prov/publik', admin)).statusCode).toBe(200);
    });

    it('gives an evaluator the evaluations they are assigned to, and a municipality user its kommun', async () => {
      const db = getDb().db;
      await ensureTestEdition(getDb());
      const evaluation = await createEvaluation(db, buildEvaluation());
      const evaluator = await signedInAs(db, { role: 'evaluator' });
      await assignToEvaluation(db, {
        evaluationId: evaluation.id,
        userId: evaluator.user.id,
        actorUserId: null,
      });
      expect((await app.inject({ url: '/prov/vem', cookies: evaluator.cookies })).json()).toEqual({
        user: evaluator.user.email,
        viewer: {
          kind: 'evaluator',
          userId: evaluator.user.id,
          assignedEvaluationIds: [evaluation.id],
        },
      });
      const kommun = await signedInAs(db, { role: 'municipality', municipalityCode: '0180' });
      expect(
        (await app.inject({ url: '/prov/vem', cookies: kommun.cookies })).json(),
      ).toMatchObject({
        viewer: { kind: 'municipality', municipalityCode: '0180' },
      });
      expect((await app.inject({ url: '/prov/vem' })).json()).toEqual({
        user: null,
        viewer: { kind: 'anonymous' },
      });
    });
  });

  describe('password change', () => {
    async function passwordForm(
      session: TestSession | { cookies: Record<string, string> },
      fields: Record<string, string>,
    ) {
      const page = await app.inject({ url: '/konto/losenord', cookies: session.cookies });
      return app.inject({
        method: 'POST',
        url: '/konto/losenord',
        cookies: session.cookies,
        ...form({ _csrf: csrfFromHtml(page.body), ...fields }),
      });
    }

    it('changes the password, audits it, ends the other sessions and rotates this one', async () => {
      const { user, password } = await account();
      const { cookies } = await signInThroughForm(app, 'eva@example.se', password);
      const elsewhere = await sessionFor(getDb().db, user);
      const page = await app.inject({ url: '/konto/losenord', cookies });
      expect(page.body).toMatch(/id="current-password"[^>]*autocomplete="current-password"/);
      expect(page.body).toMatch(/id="new-password"[^>]*autocomplete="new-password"/);
      expect(page.body).toMatch(/id="repeat-password"[^>]*autocomplete="new-password"/);
      const response = await passwordForm(
        { cookies },
        {
          'current-password': password,
          'new-password': 'ett helt nytt lösenord',
          'repeat-password': 'ett helt nytt lösenord',
        },
      );
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/konto/losenord?bytt');
      const rotated = cookiesSet(response)[SESSION_COOKIE];
      expect(rotated).toBeDefined();
      expect(rotated).not.toBe(cookies[SESSION_COOKIE]);
      const done = await app.inject({
        url: '/konto/losenord?bytt',
        cookies: { [SESSION_COOKIE]: rotated ?? '' },
      });
      expect(done.body).toContain('Ditt lösenord är bytt.');
      for (const old of [cookies, elsewhere.cookies]) {
        expect((await app.inject({ url: '/prov/vem', cookies: old })).json()).toMatchObject({
          user: null,
        });
      }
      expect(
        await verifyPassword(
          (await getPasswordHash(getDb().db, user.id)) ?? '',
          'ett helt nytt lösenord',
        ),
      ).toBe(true);
      const [, change] = await listAudit(getDb().db, { entityType: 'user', entityId: user.id });
      expect(change).toMatchObject({ action: 'user.password-change', actor: { id: user.id } });
      expect((await signInThroughForm(app, 'eva@example.se', password)).response.statusCode).toBe(
        401,
      );
    });

    it('names each problem next to its field: wrong current password, too short, not repeated, unchanged', async () => {
      const { user, password } = await account();
      const session = await sessionFor(getDb().db, user, now);
      const before = await getPasswordHash(getDb().db, user.id);
      const wrong = await passwordForm(session, {
        'current-password': 'inte det här',
        'new-password': 'kort',
        'repeat-password': 'annat',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain(
        '<a href="#current-password">Det nuvarande lösenordet är fel.</a>',
      );
      expect(wrong.body).toContain(
        '<a href="#new-password">Det nya lösenordet måste ha minst 12 tecken.</a>',
      );
      expect(wrong.body).toContain('<a href="#repeat-password">Lösenorden är inte likadana.');
      const same = await passwordForm(session, {
        'current-password': password,
        'new-password': password,
        'repeat-password': password,
      });
      expect(same.statusCode).toBe(400);
      expect(same.body).toContain('Det nya lösenordet måste skilja sig från det nuvarande.');
      expect(await getPasswordHash(getDb().db, user.id)).toBe(before);
    });

    it('forces a one-time password to be changed before anything else, then returns to the page asked for', async () => {
      await account({ mustChangePassword: true });
      const { response, cookies } = await signInThroughForm(
        app,
        'eva@example.se',
        'ett långt testlösenord',
        {
          next: '/prov/inloggad',
        },
      );
      expect(response.headers.location).toBe('/konto/losenord?next=%2Fprov%2Finloggad');
      expect((await app.inject({ url: '/prov/vem', cookies })).json()).toMatchObject({
        user: 'eva@example.se',
        viewer: { kind: 'anonymous' },
      });
      const blocked = await app.inject({ url: '/prov/admin', cookies });
      expect(blocked.statusCode).toBe(303);
      expect(blocked.headers.location).toBe('/konto/losenord?next=%2Fprov%2Fadmin');
      const page = await app.inject({ url: '/konto/losenord?next=%2Fprov%2Finloggad', cookies });
      expect(page.body).toContain('Du har loggat in med ett engångslösenord.');
      const changed = await app.inject({
        method: 'POST',
        url: '/konto/losenord',
        cookies,
        ...form({
          _csrf: csrfFromHtml(page.body),
          next: '/prov/inloggad',
          'current-password': 'ett långt testlösenord',
          'new-password': 'mitt eget långa lösenord',
          'repeat-password': 'mitt eget långa lösenord',
        }),
      });
      expect(changed.statusCode).toBe(303);
      expect(changed.headers.location).toBe('/prov/inloggad');
      const fresh = { [SESSION_COOKIE]: cookiesSet(changed)[SESSION_COOKIE] ?? '' };
      expect((await app.inject({ url: '/prov/inloggad', cookies: fresh })).json()).toEqual({
        user: 'eva@example.se',
        viewer: 'evaluator',
      });
    });
  });
});

/** The first admin as `npm start` tells it: `kompass user add`, then the browser. */
function firstAdminSuite(kind: DatabaseKind) {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('signs in with the one-time password `kompass user add` printed, and must choose a new one', async () => {
    const target = await createTestEnv(kind);
    cleanups.push(target.dispose);
    let out = '';
    const io: CliIo = {
      out: (text) => (out += text),
      err: (text) => (out += text),
      env: target.env,
      cwd: mkdtempSync(join(tmpdir(), 'kompass-auth-')),
    };
    const program = new Command('kompass').exitOverride();
    registerUser(program, io);
    await program.parseAsync([
      'node',
      'kompass',
      'user',
      'add',
      '--email',
      'ada@example.se',
      '--role',
      'admin',
    ]);
    const oneTime = /One-time password: (\S+)/.exec(out)?.[1] ?? '';
    expect(oneTime).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);

    const database = await openDatabase({ env: target.env, cwd: io.cwd });
    cleanups.push(() => database.close());
    const { app } = await appWithProbes(database);
    cleanups.push(() => app.close());
    const { response, cookies } = await signInThroughForm(app, 'ada@example.se', oneTime, {
      next: '/prov/admin',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/konto/losenord?next=%2Fprov%2Fadmin');
    const page = await app.inject({ url: '/konto/losenord', cookies });
    const changed = await app.inject({
      method: 'POST',
      url: '/konto/losenord',
      cookies,
      ...form({
        _csrf: csrfFromHtml(page.body),
        next: '/prov/admin',
        'current-password': oneTime,
        'new-password': 'administratörens eget lösenord',
        'repeat-password': 'administratörens eget lösenord',
      }),
    });
    expect(changed.headers.location).toBe('/prov/admin');
    const admin = await app.inject({
      url: '/prov/admin',
      cookies: { [SESSION_COOKIE]: cookiesSet(changed)[SESSION_COOKIE] ?? '' },
    });
    expect(admin.body).toBe('admin');
    // The one-time password worked once: it no longer signs in.
    expect((await signInThroughForm(app, 'ada@example.se', oneTime)).response.statusCode).toBe(401);
  });
}

describe('first admin from the CLI to the web [pglite]', () => firstAdminSuite('pglite'));
if (testDatabaseUrl())
  describe('first admin from the CLI to the web [postgres]', () => firstAdminSuite('postgres'));
else describePostgresMissing('first admin from the CLI to the web');
