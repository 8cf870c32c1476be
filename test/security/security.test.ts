/**
 * Security review checks (OWASP ASVS 4.0 level 2, docs/security.md) that span the whole app:
 * - V7.1.1: no secret in the log: a real sign-in, a failed one, a page, a password change, a
 *   forged post and a sign-out with the log at its most verbose, and not one password, session
 *   token, CSRF token or cookie value in what was written; a failed query is logged without the
 *   values it was given;
 * - V14.4: the security headers on every page the app serves;
 * - V8.2.1: pages shown to a signed-in user are not stored by the browser or a proxy.
 */
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDatabases } from '../../src/db/testing.ts';
import { buildApp } from '../../src/web/app.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../src/web/auth/request.tsx';
import {
  cookiesSet,
  createTestAccount,
  csrfFromHtml,
  form,
  signInThroughForm,
} from '../../src/web/auth/testing.ts';
import { concreteUrl, createFuzzWorld, isHtml, type FuzzWorld } from '../fuzz/fixture.ts';

/** A log stream that keeps every line written to it. */
function captureLog(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, stream };
}

describeDatabases('no secrets in the log', (getDb) => {
  it('logs sign-in, failures, a password change and sign-out without a password, token or cookie', async () => {
    const { lines, stream } = captureLog();
    const app = await buildApp({ database: getDb(), logger: { level: 'trace', stream } });
    try {
      const { db } = getDb();
      const password = 'hemligt-lösenord-7Qx!';
      const { user } = await createTestAccount(db, { role: 'evaluator', password });
      const secrets: string[] = [password];

      // A failed sign-in: the typed password, and one typed into the address field by mistake.
      const page = await app.inject({ url: '/logga-in' });
      const anonymousCsrf = cookiesSet(page)[CSRF_COOKIE] ?? '';
      secrets.push(anonymousCsrf, csrfFromHtml(page.body));
      const wrong = 'fel-lösenord-Zk3#';
      secrets.push(wrong, 'lösenord-i-adressfältet-P9');
      for (const [email, typed] of [
        [user.email, wrong],
        ['lösenord-i-adressfältet-P9', wrong],
      ] as const) {
        const failed = await app.inject({
          method: 'POST',
          url: '/logga-in',
          cookies: { [CSRF_COOKIE]: anonymousCsrf },
          ...form({ _csrf: csrfFromHtml(page.body), email, password: typed }),
        });
        expect(failed.statusCode).toBe(401);
      }

      // The real sign-in, a page, a forged post (refused), then a password change.
      const signedIn = await signInThroughForm(app, user.email, password);
      expect(signedIn.response.statusCode).toBe(303);
      const session = signedIn.cookies[SESSION_COOKIE] ?? '';
      secrets.push(session);
      const passwordPage = await app.inject({ url: '/konto/losenord', cookies: signedIn.cookies });
      const csrf = csrfFromHtml(passwordPage.body);
      secrets.push(csrf);
      const forged = await app.inject({
        method: 'POST',
        url: '/konto/losenord',
        cookies: signedIn.cookies,
        ...form({ _csrf: 'förfalskad-token-Wq2', 'current-password': password }),
      });
      expect(forged.statusCode).toBe(403);
      secrets.push('förfalskad-token-Wq2');
      const newPassword = 'ett-nytt-långt-lösenord-Rr8$';
      secrets.push(newPassword);
      const changed = await app.inject({
        method: 'POST',
        url: '/konto/losenord',
        cookies: signedIn.cookies,
        ...form({
          _csrf: csrf,
          'current-password': password,
          'new-password': newPassword,
          'repeat-password': newPassword,
        }),
      });
      expect(changed.statusCode).toBe(303);
      const rotated = cookiesSet(changed)[SESSION_COOKIE] ?? '';
      expect(rotated).not.toBe('');
      expect(rotated).not.toBe(session);
      secrets.push(rotated);
      const after = await app.inject({
        url: '/konto/losenord',
        cookies: { [SESSION_COOKIE]: rotated },
      });
      secrets.push(csrfFromHtml(after.body));
      const signOut = await app.inject({
        method: 'POST',
        url: '/logga-ut',
        cookies: { [SESSION_COOKIE]: rotated },
        ...form({ _csrf: csrfFromHtml(after.body) }),
      });
      expect(signOut.statusCode).toBe(303);

      const log = lines.join('');
      // The log is not empty: the events are there, with the user id.
      expect(log).toContain('"event":"sign-in"');
      expect(log).toContain('"event":"password-change"');
      expect(log).toContain(user.id);
      for (const secret of secrets.filter((s) => s.length >= 8)) {
        expect(log.includes(secret), `the log contains ${secret.slice(0, 4)}…`).toBe(false);
        expect(
          log.includes(encodeURIComponent(secret)),
          `the log contains ${secret.slice(0, 4)}… url-encoded`,
        ).toBe(false);
      }
      // No header dump either: no cookie or csrf field names with values.
      expect(log).not.toMatch(/"cookie"\s*:/i);
      expect(log).not.toMatch(/"set-cookie"\s*:/i);
      expect(log).not.toContain('_csrf=');
      expect(log).not.toMatch(/password=/i);
    } finally {
      await app.close();
    }
  }, 120_000);
});

describeDatabases('no query values in the log', (getDb) => {
  it('logs a failed query with its SQL and cause but not the values it was given', async () => {
    const { lines, stream } = captureLog();
    const app = await buildApp({ database: getDb(), logger: { level: 'trace', stream } });
    // A value with a line break, as an interview note or a hash could be.
    const secret = '$argon2id$v=19$hemlig-hash\nandra-raden-Xq9';
    app.get('/failing-query', async () => {
      await getDb().db.execute(sql`select 1 / 0 where ${secret} <> ''`);
      return 'unreachable';
    });
    try {
      const response = await app.inject({ url: '/failing-query' });
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain('hemlig-hash');
      const log = lines.join('');
      expect(log).toContain('request failed');
      expect(log).toContain('params: [not logged]');
      expect(log).toMatch(/division by zero/);
      expect(log).not.toContain('hemlig-hash');
      expect(log).not.toContain('andra-raden');
    } finally {
      await app.close();
    }
  });
});

describeDatabases(
  'security headers and caching on every page',
  (getDb) => {
    let world: FuzzWorld;
    let tlsApp: FastifyInstance;
    beforeAll(async () => {
      world = await createFuzzWorld(getDb());
      tlsApp = await buildApp({ database: getDb(), config: { tls: true, trustProxy: false } });
    }, 240_000); // building the world takes a while on a busy machine
    afterAll(async () => {
      await world?.close();
      await tlsApp?.close();
    });

    it('sends nosniff, no framing, a same-origin referrer policy and no X-Powered-By on every response, HSTS only behind TLS', async () => {
      const admin = await world.session('admin');
      const problems: string[] = [];
      let pages = 0;
      for (const route of world.routes.filter((r) => r.method === 'GET')) {
        for (const session of [undefined, admin]) {
          const url = concreteUrl(world, route, world.publishedId);
          const response = await world.app.inject({ url, cookies: session?.cookies ?? {} });
          const h = response.headers;
          const where = `GET ${url}${session ? ' (admin)' : ''}`;
          if (h['x-content-type-options'] !== 'nosniff') problems.push(`${where}: no nosniff`);
          if (h['x-frame-options'] !== 'SAMEORIGIN' && h['x-frame-options'] !== 'DENY') {
            problems.push(`${where}: x-frame-options ${String(h['x-frame-options'])}`);
          }
          if (!String(h['content-security-policy'] ?? '').includes("frame-ancestors 'none'")) {
            problems.push(`${where}: CSP without frame-ancestors 'none'`);
          }
          if (h['referrer-policy'] !== 'same-origin') problems.push(`${where}: referrer-policy`);
          if (h['x-powered-by'] !== undefined) problems.push(`${where}: x-powered-by`);
          if (h['strict-transport-security'] !== undefined)
            problems.push(`${where}: HSTS on plain HTTP`);
          if (isHtml(response)) pages += 1;
        }
      }
      expect(problems).toEqual([]);
      expect(pages).toBeGreaterThan(10);
      const overTls = await tlsApp.inject({ url: '/' });
      expect(overTls.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
      expect(overTls.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    }, 180_000);

    it('marks every page shown to a signed-in user private and not to be stored (ASVS 8.2.1)', async () => {
      const problems: string[] = [];
      for (const actor of ['admin', 'evaluator on the team'] as const) {
        const session = await world.session(actor);
        for (const route of world.routes.filter((r) => r.method === 'GET')) {
          const url = concreteUrl(world, route, world.draftId);
          const response = await world.app.inject({ url, cookies: session.cookies });
          if (!isHtml(response) || response.statusCode >= 300) continue;
          const cache = String(response.headers['cache-control'] ?? '');
          if (!cache.includes('no-store'))
            problems.push(`GET ${url} as ${actor}: cache-control "${cache}"`);
        }
      }
      expect(problems).toEqual([]);
      // The public's pages may be cached (revalidated), and stay so.
      const home = await world.app.inject({ url: '/' });
      expect(home.headers['cache-control']).toBe('no-cache');
    }, 180_000);
  },
  { shared: true },
);
