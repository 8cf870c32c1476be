/**
 * What other routes use: who is signed in (`request.user`), what they may do (`request.viewer`
 * with `can` from `src/domain/access`), preHandlers that demand a user, a role or a permission,
 * and the CSRF token every form must carry.
 *
 * @example
 * app.get('/arbete', { preHandler: requireRole('admin', 'evaluator') }, async (request, reply) => {
 *   const html = renderPage({ title: 'Arbete', account: accountSlot(request), children: (
 *     <form method="post" action="/arbete">{csrfField(request)}…</form>
 *   ) });
 *   return sendHtml(reply, html);
 * });
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ANONYMOUS,
  can,
  type Action,
  type ResourceArgs,
  type Role,
  type Viewer,
} from '../../domain/access/index.ts';
import { newToken } from '../../db/repositories/sessions.ts';
import { WebError } from '../errors.ts';

/** The cookie that carries the session token. */
export const SESSION_COOKIE = 'kompass_session';
/** The cookie that binds an anonymous form (sign-in) to the browser that loaded it. */
export const CSRF_COOKIE = 'kompass_csrf';
/** The hidden form field (or `x-csrf-token` header) with the CSRF token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export const SIGN_IN_PATH = '/logga-in';
export const SIGN_OUT_PATH = '/logga-ut';
export const PASSWORD_PATH = '/konto/losenord';

/** The signed-in account, as routes and views see it. */
export interface CurrentUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** The kommun of a municipality user; null otherwise. */
  municipalityCode: string | null;
  /** Signed in with a one-time password: only the password page is open until it is changed. */
  mustChangePassword: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account, or null for the public. Set by the auth plugin. */
    readonly user: CurrentUser | null;
    /**
     * Who the request acts for, for `can(request.viewer, action, resource)`. Anonymous when not
     * signed in, and while a one-time password has not been changed.
     */
    readonly viewer: Viewer;
  }
  interface FastifyContextConfig {
    /** Set to false on a route that must take unsafe requests without a CSRF token. */
    csrf?: boolean;
  }
}

/** How the cookies are written: `secure` says whether this request came over HTTPS. */
export type SecureCookies = (request: FastifyRequest) => boolean;

/** Per-request state behind `request.user` / `request.viewer`. */
export interface AuthState {
  user: CurrentUser | null;
  viewer: Viewer;
  session: { id: string; csrfToken: string } | null;
  /** The anonymous CSRF token: from the cookie, or made (and set) on first use. */
  anonymousCsrf: string | null;
  reply: FastifyReply;
  secure: SecureCookies;
}

const states = new WeakMap<FastifyRequest, AuthState>();

export function setAuthState(request: FastifyRequest, state: AuthState): void {
  states.set(request, state);
}

/** The request's auth state; throws when the auth plugin is not registered (a programming error). */
export function authState(request: FastifyRequest): AuthState {
  const state = states.get(request);
  if (!state) {
    throw new Error('the auth plugin is not registered in front of this route (src/web/auth)');
  }
  return state;
}

/** `request.user` and `request.viewer` before (or without) the plugin's hook: the public. */
export function currentUserOf(request: FastifyRequest): CurrentUser | null {
  return states.get(request)?.user ?? null;
}

export function viewerOf(request: FastifyRequest): Viewer {
  return states.get(request)?.viewer ?? ANONYMOUS;
}

/** The cookie attributes every auth cookie shares. */
export function cookieOptions(request: FastifyRequest, secure: SecureCookies) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: secure(request) };
}

/**
 * The CSRF token for forms on this page: the session's when signed in, otherwise one bound to
 * an anonymous cookie (set on this response when the browser has none yet).
 */
export function csrfToken(request: FastifyRequest): string {
  const state = authState(request);
  if (state.session) return state.session.csrfToken;
  if (!state.anonymousCsrf) {
    state.anonymousCsrf = newToken();
    state.reply.setCookie(CSRF_COOKIE, state.anonymousCsrf, cookieOptions(request, state.secure));
  }
  return state.anonymousCsrf;
}

/** The hidden input every form that posts must contain. */
export function csrfField(request: FastifyRequest) {
  return <input type="hidden" name={CSRF_FIELD} value={csrfToken(request)} />;
}

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

function givenToken(request: FastifyRequest): string {
  const body = request.body;
  if (body && typeof body === 'object') {
    const field = (body as Record<string, unknown>)[CSRF_FIELD];
    if (typeof field === 'string') return field;
  }
  const header = request.headers[CSRF_HEADER];
  return typeof header === 'string' ? header : '';
}

/**
 * Refuses (403, "csrf-failed") an unsafe request whose token is missing or is not the one this
 * session (or, signed out, this browser's anonymous cookie) was given. The plugin runs it before
 * every POST, PUT, PATCH and DELETE handler.
 */
export function verifyCsrf(request: FastifyRequest): void {
  const state = authState(request);
  const given = givenToken(request);
  const expected = state.session ? state.session.csrfToken : (request.cookies[CSRF_COOKIE] ?? '');
  if (given === '' || expected === '' || !sameToken(given, expected)) {
    throw new WebError(
      'csrf-failed',
      `${given === '' ? 'missing' : 'wrong'} CSRF token on ${request.method} ${request.url.split('?')[0] ?? ''} (${state.session ? 'session' : 'anonymous'})`,
    );
  }
}

/** A local path to return to after signing in, or null for anything else (no open redirects). */
export function safeNext(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  if (value === SIGN_OUT_PATH || value.startsWith(`${SIGN_IN_PATH}`)) return null;
  return value;
}

/** "/logga-in?next=…" for the page the person wanted. */
export function signInUrl(next?: string | null): string {
  const target = safeNext(next);
  return target ? `${SIGN_IN_PATH}?next=${encodeURIComponent(target)}` : SIGN_IN_PATH;
}

const wantsPage = (request: FastifyRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') &&
  !request.url.startsWith('/api/') &&
  !(request.headers.accept ?? '').startsWith('application/json');

/**
 * preHandler: a signed-in user is required. A browser asking for a page is sent to the sign-in
 * page (and back afterwards); anything else gets 401. A user with a one-time password is sent
 * to change it first.
 */
export async function requireUser(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const user = authState(request).user;
  if (!user) {
    if (wantsPage(request)) return reply.redirect(signInUrl(request.url), 303);
    throw new WebError(
      'unauthenticated',
      `${request.method} ${request.url} needs a signed-in user`,
    );
  }
  if (user.mustChangePassword) {
    if (wantsPage(request)) {
      return reply.redirect(`${PASSWORD_PATH}?next=${encodeURIComponent(request.url)}`, 303);
    }
    throw new WebError('forbidden', `user ${user.id} must change the one-time password first`, {
      userMessage: 'Du behöver byta ditt engångslösenord innan du kan fortsätta.',
    });
  }
  return undefined;
}

/**
 * preHandler: a signed-in user with one of `roles`; anyone else signed in gets 403.
 *
 * @example
 * app.get('/admin/anvandare', { preHandler: requireRole('admin') }, handler);
 */
export function requireRole(...roles: readonly Role[]) {
  return async function requireRoleHandler(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    const sent = await requireUser(request, reply);
    if (sent) return sent;
    const user = authState(request).user;
    if (user && !roles.includes(user.role)) {
      throw new WebError(
        'forbidden',
        `role ${user.role} may not ${request.method} ${request.url} (needs ${roles.join(' or ')})`,
      );
    }
    return undefined;
  };
}

/** Actions that take no resource: `requirePermission('user.manage')`. */
type ResourcelessAction = {
  [A in Action]: ResourceArgs<A> extends [] ? A : never;
}[Action];

/** preHandler: a signed-in user allowed `action` (one about no particular resource). */
export function requirePermission(action: ResourcelessAction) {
  return async function requirePermissionHandler(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    const sent = await requireUser(request, reply);
    if (sent) return sent;
    assertCan(request, action, ...([] as unknown as ResourceArgs<typeof action>));
    return undefined;
  };
}

/**
 * Throws unless the request's viewer may do `action` (on `resource`): 401 for the public, 403
 * for a signed-in user. For a resource whose existence is itself private, throw 404 instead.
 *
 * @example
 * const evaluation = await loadEvaluation(db, request.params.id);
 * assertCan(request, 'evaluation.edit', evaluation);
 */
export function assertCan<A extends Action>(
  request: FastifyRequest,
  action: A,
  ...resource: ResourceArgs<A>
): void {
  const { user, viewer } = authState(request);
  if (can(viewer, action, ...resource)) return;
  if (!user) {
    throw new WebError('unauthenticated', `${action} needs a signed-in user`);
  }
  throw new WebError('forbidden', `user ${user.id} (${user.role}) may not ${action}`);
}
