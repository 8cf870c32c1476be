/**
 * Accounts on the web: the session cookie, `request.user` / `request.viewer`, CSRF protection of
 * every unsafe request, and the pages /logga-in, /logga-ut and /konto/losenord.
 *
 * Register it right after @fastify/cookie and @fastify/formbody and BEFORE every route plugin
 * (its hooks apply to the routes registered after it):
 *
 * @example
 * await app.register(fastifyCookie);
 * await app.register(fastifyFormbody);
 * await app.register(authPlugin, options.auth ?? {});
 * await app.register(evaluationRoutes); // may use requireUser, requireRole, csrfField…
 *
 * State lives in the database (sessions, lockouts, throttling), so several instances behind one
 * load balancer agree.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyFormbody from '@fastify/formbody';
import type { Database } from '../../db/client.ts';
import { listAssignedEvaluationIds } from '../../db/repositories/assignments.ts';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteStaleThrottles,
  findActiveSession,
  recordThrottledFailure,
  throttleLockedUntil,
  touchSession,
  type ThrottlePolicy,
} from '../../db/repositories/sessions.ts';
import {
  findSignInAccount,
  getPasswordHash,
  recordFailedSignIn,
  recordSuccessfulSignIn,
  setPassword,
  type LockoutPolicy,
} from '../../db/repositories/users.ts';
import { ANONYMOUS, checkNewPassword, viewerFor } from '../../domain/access/index.ts';
import type { PasswordProblem } from '../../domain/access/index.ts';
import type { WebConfig } from '../config.ts';
import type { FieldError } from '../errors.ts';
import { hashPassword, verifyNothing, verifyPassword } from './credentials.ts';
import {
  CSRF_COOKIE,
  PASSWORD_PATH,
  SESSION_COOKIE,
  SIGN_IN_PATH,
  SIGN_OUT_PATH,
  authState,
  cookieOptions,
  csrfToken,
  currentUserOf,
  requireUser,
  safeNext,
  setAuthState,
  verifyCsrf,
  viewerOf,
  type AuthState,
  type CurrentUser,
  type SecureCookies,
} from './request.tsx';
import { renderPasswordPage, renderSignInPage } from './views.tsx';

const MINUTE = 60_000;

export interface AuthOptions {
  /** The clock; tests pass their own. */
  now?: () => Date;
  /** A session ends after this long without a request (default 2 hours). */
  idleTimeoutMs?: number;
  /** A session ends this long after sign-in, however busy (default 12 hours). */
  lifetimeMs?: number;
  /** Per account (and per address without an account): 5 failures lock it for 15 minutes. */
  accountLockout?: LockoutPolicy;
  /** Per client IP address: 50 failures within 15 minutes lock it for 15 minutes. */
  addressThrottle?: ThrottlePolicy;
  /**
   * `auto` (default): cookies are Secure when the app is configured for TLS (`KOMPASS_TLS`) or
   * the request came over HTTPS (with `KOMPASS_TRUST_PROXY`, as X-Forwarded-Proto says).
   */
  secureCookies?: 'auto' | 'always' | 'never';
}

export const DEFAULT_AUTH_SETTINGS = {
  idleTimeoutMs: 120 * MINUTE,
  lifetimeMs: 12 * 60 * MINUTE,
  accountLockout: { maxFailures: 5, lockMs: 15 * MINUTE },
  addressThrottle: { maxFailures: 50, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
} as const;

/** `last_seen_at` is written at most this often per session. */
const TOUCH_EVERY_MS = MINUTE;
/** Longer inputs cannot be a password we accepted; they are refused without hashing. */
const MAX_SIGN_IN_INPUT = 1024;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const PASSWORD_MESSAGES: Record<PasswordProblem, FieldError> = {
  missing: { field: 'new-password', message: 'Skriv ett nytt lösenord.' },
  'too-short': { field: 'new-password', message: 'Det nya lösenordet måste ha minst 12 tecken.' },
  'too-long': { field: 'new-password', message: 'Det nya lösenordet får ha högst 256 tecken.' },
  'same-as-current': {
    field: 'new-password',
    message: 'Det nya lösenordet måste skilja sig från det nuvarande.',
  },
  mismatch: {
    field: 'repeat-password',
    message: 'Lösenorden är inte likadana. Skriv samma nya lösenord två gånger.',
  },
};

const WRONG_CREDENTIALS: FieldError = {
  field: 'password',
  message: 'E-postadressen eller lösenordet är fel. Kontrollera och försök igen.',
};

const stockholmTime = new Intl.DateTimeFormat('sv-SE', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Stockholm',
});

function lockedMessage(until: Date, now: Date): FieldError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE));
  return {
    field: 'email',
    message:
      `För många misslyckade inloggningsförsök. Inloggningen är spärrad till kl. ` +
      `${stockholmTime.format(until)} (om ${minutes} ${minutes === 1 ? 'minut' : 'minuter'}). ` +
      'Försök igen då, eller be en administratör om ett nytt lösenord.',
  };
}

const text = (body: unknown, name: string): string => {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
};

function sendPage(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}

function toCurrentUser(user: {
  id: string;
  email: string;
  displayName: string;
  role: CurrentUser['role'];
  municipalityCode: string | null;
  mustChangePassword: boolean;
}): CurrentUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    municipalityCode: user.municipalityCode,
    mustChangePassword: user.mustChangePassword,
  };
}

async function authPluginBody(app: FastifyInstance, options: AuthOptions): Promise<void> {
  if (!app.hasDecorator('database')) {
    throw new Error('the auth plugin needs app.database (register it inside buildApp)');
  }
  if (!app.hasRequestDecorator('cookies')) {
    throw new Error('the auth plugin needs @fastify/cookie registered before it');
  }
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    await app.register(fastifyFormbody);
  }
  const database: Database = app.database;
  const { db } = database;
  const webConfig: WebConfig | undefined = app.hasDecorator('webConfig')
    ? app.webConfig
    : undefined;
  const clock = options.now ?? (() => new Date());
  const idleMs = options.idleTimeoutMs ?? DEFAULT_AUTH_SETTINGS.idleTimeoutMs;
  const lifetimeMs = options.lifetimeMs ?? DEFAULT_AUTH_SETTINGS.lifetimeMs;
  const lockout = options.accountLockout ?? DEFAULT_AUTH_SETTINGS.accountLockout;
  const throttle = options.addressThrottle ?? DEFAULT_AUTH_SETTINGS.addressThrottle;
  const secureMode = options.secureCookies ?? 'auto';
  const secure: SecureCookies = (request) =>
    secureMode === 'always' ||
    (secureMode === 'auto' && (webConfig?.tls === true || request.protocol === 'https'));

  app.decorateRequest('user', {
    getter(this: FastifyRequest) {
      return currentUserOf(this);
    },
  });
  app.decorateRequest('viewer', {
    getter(this: FastifyRequest) {
      return viewerOf(this);
    },
  });

  /** Finds the session (if any) and sets who the request acts for. */
  app.addHook('onRequest', async (request, reply) => {
    const anonymous = request.cookies[CSRF_COOKIE];
    const state: AuthState = {
      user: null,
      viewer: ANONYMOUS,
      session: null,
      anonymousCsrf: anonymous && TOKEN.test(anonymous) ? anonymous : null,
      reply,
      secure,
    };
    setAuthState(request, state);
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const now = clock();
    const active = await findActiveSession(db, token, { now, idleMs });
    if (!active) {
      reply.clearCookie(SESSION_COOKIE, cookieOptions(request, secure));
      return;
    }
    const user = toCurrentUser(active.user);
    state.user = user;
    state.session = { id: active.id, csrfToken: active.csrfToken };
    state.viewer = user.mustChangePassword
      ? ANONYMOUS
      : viewerFor(
          user,
          user.role === 'evaluator' ? await listAssignedEvaluationIds(db, user.id) : [],
        );
    if (now.getTime() - active.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await touchSession(db, active.id, now);
    }
  });

  /** Every unsafe request carries the CSRF token (routes opt out with `config: { csrf: false }`). */
  app.addHook('preHandler', async (request) => {
    if (!UNSAFE_METHODS.has(request.method) || request.is404) return;
    if (request.routeOptions.config.csrf === false) return;
    verifyCsrf(request);
  });

  /** Starts a new session for `userId`, ending the one the request came with (rotation). */
  async function startSession(request: FastifyRequest, reply: FastifyReply, userId: string) {
    const state = authState(request);
    const now = clock();
    if (state.session) await deleteSession(db, state.session.id);
    const session = await createSession(db, userId, { now, lifetimeMs });
    reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(request, secure));
    reply.clearCookie(CSRF_COOKIE, cookieOptions(request, secure));
    state.session = { id: session.id, csrfToken: session.csrfToken };
    return session;
  }

  app.get(SIGN_IN_PATH, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const next = safeNext(query.next);
    const user = authState(request).user;
    if (user && !user.mustChangePassword) return reply.redirect(next ?? '/', 303);
    return sendPage(
      reply,
      renderSignInPage({
        csrfToken: csrfToken(request),
        email: '',
        next,
        errors: [],
        ...('utloggad' in query ? { notice: 'Du är utloggad.' } : {}),
      }),
    );
  });

  app.post(SIGN_IN_PATH, async (request, reply) => {
    const email = text(request.body, 'email').trim();
    const password = text(request.body, 'password');
    const next = safeNext(text(request.body, 'next'));
    const again = (errors: FieldError[], status: number) =>
      sendPage(
        reply,
        renderSignInPage({ csrfToken: csrfToken(request), email, next, errors }),
        status,
      );

    const missing: FieldError[] = [];
    if (email === '') missing.push({ field: 'email', message: 'Skriv din e-postadress.' });
    if (password === '') missing.push({ field: 'password', message: 'Skriv ditt lösenord.' });
    if (missing.length > 0) return again(missing, 400);

    const now = clock();
    const addressKey = `ip:${request.ip}`;
    const emailKey = `email:${email.toLowerCase()}`;
    const addressLock = await throttleLockedUntil(db, [addressKey], now);
    if (addressLock) {
      request.log.warn(
        { event: 'sign-in-throttled', ip: request.ip },
        'sign-in refused: address locked',
      );
      return again([lockedMessage(addressLock, now)], 429);
    }
    const account =
      email.length <= MAX_SIGN_IN_INPUT ? await findSignInAccount(db, email) : undefined;
    const accountLock = account
      ? account.user.lockedUntil && account.user.lockedUntil > now
        ? account.user.lockedUntil
        : null
      : await throttleLockedUntil(db, [emailKey], now);
    if (accountLock) {
      request.log.warn(
        { event: 'sign-in-locked', userId: account?.user.id ?? null },
        'sign-in refused: account locked',
      );
      return again([lockedMessage(accountLock, now)], 429);
    }

    const checkable = account?.passwordHash && password.length <= MAX_SIGN_IN_INPUT;
    const matches = checkable
      ? await verifyPassword(account.passwordHash as string, password)
      : await verifyNothing(password.slice(0, MAX_SIGN_IN_INPUT));

    if (!matches || !account) {
      const counted = account
        ? await recordFailedSignIn(db, account.user.id, now, lockout)
        : await recordThrottledFailure(db, emailKey, now, { ...lockout, windowMs: lockout.lockMs });
      await recordThrottledFailure(db, addressKey, now, throttle);
      request.log.info(
        { event: 'sign-in-failed', userId: account?.user.id ?? null, ip: request.ip },
        'sign-in failed',
      );
      if (counted.lockedUntil && counted.lockedUntil > now) {
        return again([lockedMessage(counted.lockedUntil, now)], 429);
      }
      return again([WRONG_CREDENTIALS], 401);
    }
    if (account.user.disabled) {
      request.log.info({ event: 'sign-in-disabled', userId: account.user.id }, 'sign-in refused');
      return again(
        [{ field: 'email', message: 'Kontot är avstängt. Kontakta en administratör.' }],
        403,
      );
    }

    await recordSuccessfulSignIn(db, account.user.id);
    await startSession(request, reply, account.user.id);
    await deleteExpiredSessions(db, { now, idleMs });
    await deleteStaleThrottles(db, now, Math.max(throttle.windowMs, lockout.lockMs));
    request.log.info({ event: 'sign-in', userId: account.user.id }, 'signed in');
    if (account.user.mustChangePassword) {
      const target = next ? `${PASSWORD_PATH}?next=${encodeURIComponent(next)}` : PASSWORD_PATH;
      return reply.redirect(target, 303);
    }
    return reply.redirect(next ?? '/', 303);
  });

  app.post(SIGN_OUT_PATH, async (request, reply) => {
    const state = authState(request);
    if (state.session) {
      await deleteSession(db, state.session.id);
      request.log.info({ event: 'sign-out', userId: state.user?.id }, 'signed out');
    }
    reply.clearCookie(SESSION_COOKIE, cookieOptions(request, secure));
    return reply.redirect(`${SIGN_IN_PATH}?utloggad`, 303);
  });

  const passwordPage = (request: FastifyRequest, user: CurrentUser) => ({
    csrfToken: csrfToken(request),
    user,
  });

  app.get(PASSWORD_PATH, { preHandler: signedIn }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const user = authState(request).user as CurrentUser;
    return sendPage(
      reply,
      renderPasswordPage({
        ...passwordPage(request, user),
        next: safeNext(query.next),
        errors: [],
        changed: 'bytt' in query,
      }),
    );
  });

  app.post(PASSWORD_PATH, { preHandler: signedIn }, async (request, reply) => {
    const state = authState(request);
    const user = state.user as CurrentUser;
    const current = text(request.body, 'current-password');
    const password = text(request.body, 'new-password');
    const repeat = text(request.body, 'repeat-password');
    const next = safeNext(text(request.body, 'next'));
    const again = (errors: FieldError[], status: number) =>
      sendPage(reply, renderPasswordPage({ ...passwordPage(request, user), next, errors }), status);

    const now = clock();
    const errors: FieldError[] = [];
    if (current === '') {
      errors.push({ field: 'current-password', message: 'Skriv ditt nuvarande lösenord.' });
    } else {
      const hash = await getPasswordHash(db, user.id);
      const ok =
        hash !== null &&
        current.length <= MAX_SIGN_IN_INPUT &&
        (await verifyPassword(hash, current));
      if (!ok) {
        const counted = await recordFailedSignIn(db, user.id, now, lockout);
        if (counted.lockedUntil && counted.lockedUntil > now) {
          return again([lockedMessage(counted.lockedUntil, now)], 429);
        }
        errors.push({ field: 'current-password', message: 'Det nuvarande lösenordet är fel.' });
      }
    }
    const problems = checkNewPassword({ password, repeat, ...(current ? { current } : {}) });
    errors.push(...problems.map((problem) => PASSWORD_MESSAGES[problem]));
    if (errors.length > 0) return again(errors, 400);

    const passwordHash = await hashPassword(password);
    await setPassword(db, {
      userId: user.id,
      passwordHash,
      mustChangePassword: false,
      actorUserId: user.id,
      keepSessionId: null,
    });
    // Every session of the account ended with the change, this one too: start a fresh one.
    state.session = null;
    await startSession(request, reply, user.id);
    request.log.info({ event: 'password-change', userId: user.id }, 'password changed');
    return reply.redirect(next ?? `${PASSWORD_PATH}?bytt`, 303);
  });

  /** The password page is open to a user who must change a one-time password. */
  async function signedIn(request: FastifyRequest, reply: FastifyReply) {
    if (authState(request).user) return undefined;
    return requireUser(request, reply);
  }
}

// Like fastify-plugin: the decorations and hooks apply to the whole app, not only inside it.
Object.assign(authPluginBody, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'kompass-auth',
});

/** The auth plugin (see the module comment for where to register it). */
export const authPlugin = authPluginBody;
