/**
 * Test helpers for signed-in routes: accounts of every role, a session straight in the database
 * (fast, for other features' route tests), or a sign-in through the real form.
 *
 * @example
 * const admin = await signedInAs(database.db, { role: 'admin' });
 * const response = await postForm(app, '/utvarderingar', admin, { year: '2024' });
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../db/client.ts';
import { createSession } from '../../db/repositories/sessions.ts';
import { createUser, type User, type UserRole } from '../../db/repositories/users.ts';
import { hashPassword } from './credentials.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './request.tsx';

export interface TestAccountOptions {
  role: UserRole;
  /** Required for (and defaults to 0486 for) a municipality user. */
  municipalityCode?: string;
  email?: string;
  displayName?: string;
  password?: string;
  /** Defaults to false: a ready account, not one with a one-time password. */
  mustChangePassword?: boolean;
}

export interface TestAccount {
  user: User;
  password: string;
}

let counter = 0;

/** An account with a known password (default "ett långt testlösenord"). */
export async function createTestAccount(db: Db, options: TestAccountOptions): Promise<TestAccount> {
  counter += 1;
  const password = options.password ?? 'ett långt testlösenord';
  const user = await createUser(
    db,
    {
      email: options.email ?? `${options.role}-${String(counter)}@example.se`,
      role: options.role,
      municipalityCode:
        options.role === 'municipality' ? (options.municipalityCode ?? '0486') : null,
      displayName: options.displayName ?? null,
      passwordHash: await hashPassword(password),
      mustChangePassword: options.mustChangePassword ?? false,
    },
    { actorUserId: null },
  );
  return { user, password };
}

export interface TestSession {
  user: User;
  /** For `app.inject({ cookies })`. */
  cookies: Record<string, string>;
  /** The `_csrf` value every form post of this session needs. */
  csrfToken: string;
}

/** A session for `user` created directly in the database (no sign-in form, no hashing). */
export async function sessionFor(db: Db, user: User, now: Date = new Date()): Promise<TestSession> {
  const session = await createSession(db, user.id, { now, lifetimeMs: 12 * 3_600_000 });
  return { user, cookies: { [SESSION_COOKIE]: session.token }, csrfToken: session.csrfToken };
}

/** A new account of `role` with a session: one line per role in a route test. */
export async function signedInAs(db: Db, options: TestAccountOptions): Promise<TestSession> {
  const { user } = await createTestAccount(db, options);
  return sessionFor(db, user);
}

/** The cookies a response sets (name → value; a cleared cookie maps to ""). */
export function cookiesSet(response: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(response.cookies.map((cookie) => [cookie.name, cookie.value]));
}

/** An url-encoded form body, as a browser posts it: spread into `app.inject({ … })`. */
export function form(fields: Record<string, string>) {
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  };
}

/** Posts a form as `session` (its cookies and CSRF token unless `fields._csrf` is given). */
export function postForm(
  app: FastifyInstance,
  url: string,
  session: TestSession,
  fields: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    cookies: session.cookies,
    ...form({ _csrf: session.csrfToken, ...fields }),
  });
}

/** The `_csrf` value in a rendered form. */
export function csrfFromHtml(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no _csrf field in the page');
  return match[1];
}

/**
 * Signs in through the real pages: GET /logga-in (for the anonymous CSRF cookie and token), then
 * POST the form. Returns the POST's response and, when it set one, the session's cookies.
 */
export async function signInThroughForm(
  app: FastifyInstance,
  email: string,
  password: string,
  extra: { next?: string; cookies?: Record<string, string> } = {},
): Promise<{ response: LightMyRequestResponse; cookies: Record<string, string> }> {
  const page = await app.inject({
    method: 'GET',
    url: '/logga-in',
    cookies: extra.cookies ?? {},
  });
  const anonymous = cookiesSet(page)[CSRF_COOKIE] ?? extra.cookies?.[CSRF_COOKIE];
  const cookies = { ...extra.cookies, ...(anonymous ? { [CSRF_COOKIE]: anonymous } : {}) };
  const response = await app.inject({
    method: 'POST',
    url: '/logga-in',
    cookies,
    ...form({
      _csrf: csrfFromHtml(page.body),
      email,
      password,
      ...(extra.next ? { next: extra.next } : {}),
    }),
  });
  const session = cookiesSet(response)[SESSION_COOKIE];
  return { response, cookies: session ? { [SESSION_COOKIE]: session } : {} };
}
