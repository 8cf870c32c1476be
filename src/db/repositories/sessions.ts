/**
 * Signed-in sessions and sign-in throttling, both in the database so several server instances
 * share them.
 *
 * A session's cookie carries a random 256-bit token; the table stores only its SHA-256, so a
 * copy of the table signs nobody in. A session ends at its absolute expiry, after `idleMs`
 * without a request, at sign-out, when the password changes, or when the account is disabled.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sessions, signInThrottle, users } from '../schema.ts';
import type { User } from './users.ts';

/** base64url of 32 random bytes. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored id of a session token: its SHA-256 in hex. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SessionTimes {
  now: Date;
  /** Absolute lifetime from sign-in, in milliseconds. */
  lifetimeMs: number;
}

export interface NewSession {
  /** Goes into the cookie; never stored. */
  token: string;
  /** The stored id (hash of the token). */
  id: string;
  /** The session's CSRF token, which every form post must echo. */
  csrfToken: string;
  expiresAt: Date;
}

/** Starts a session for `userId` with fresh random token and CSRF token. */
export async function createSession(
  db: Db,
  userId: string,
  times: SessionTimes,
): Promise<NewSession> {
  const token = newToken();
  const id = hashSessionToken(token);
  const csrfToken = newToken();
  const expiresAt = new Date(times.now.getTime() + times.lifetimeMs);
  await db.insert(sessions).values({
    id,
    userId,
    csrfToken,
    createdAt: times.now,
    lastSeenAt: times.now,
    expiresAt,
  });
  return { token, id, csrfToken, expiresAt };
}

export interface ActiveSession {
  id: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  user: User;
}

/**
 * The live session for a cookie token: not expired, not idle for `idleMs`, its account not
 * disabled. Anything else (a malformed or unknown token) gives undefined.
 */
export async function findActiveSession(
  db: Db,
  token: string,
  options: { now: Date; idleMs: number },
): Promise<ActiveSession | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const idleSince = new Date(options.now.getTime() - options.idleMs);
  const [row] = await db
    .select({
      id: sessions.id,
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      user: {
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        role: users.role,
        municipalityCode: users.municipalityCode,
        disabled: users.disabled,
        mustChangePassword: users.mustChangePassword,
        hasPassword: sql<boolean>`${users.passwordHash} is not null`,
        failedSignIns: users.failedSignIns,
        lockedUntil: users.lockedUntil,
        createdAt: users.createdAt,
        passwordChangedAt: users.passwordChangedAt,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, hashSessionToken(token)),
        gt(sessions.expiresAt, options.now),
        gt(sessions.lastSeenAt, idleSince),
        eq(users.disabled, false),
      ),
    );
  return row;
}

/** Marks the session used at `now` (callers do it at most about once a minute). */
export async function touchSession(db: Db, id: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

/** Ends one session (sign-out); unknown ids are ignored. */
export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of an account. */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Removes sessions past their expiry or idle for longer than `idleMs`; returns how many. */
export async function deleteExpiredSessions(
  db: Db,
  options: { now: Date; idleMs: number },
): Promise<number> {
  const idleSince = new Date(options.now.getTime() - options.idleMs);
  const removed = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, options.now), lt(sessions.lastSeenAt, idleSince)))
    .returning({ id: sessions.id });
  return removed.length;
}

/** How many sessions an account has (tests, the admin's overview). */
export async function countSessionsOfUser(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(sessions)
    .where(eq(sessions.userId, userId));
  return row?.n ?? 0;
}

export interface ThrottlePolicy {
  /** Failures within `windowMs` after which the key is locked. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/**
 * Counts a failed sign-in for a throttle key ("ip:…", "email:…"). Failures older than the
 * window start a new count; reaching `maxFailures` locks the key for `lockMs` from `now`.
 * One statement, so concurrent attempts on several instances all count.
 */
export async function recordThrottledFailure(
  db: Db,
  key: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const windowStart = new Date(now.getTime() - policy.windowMs).toISOString();
  const lockUntil = new Date(now.getTime() + policy.lockMs).toISOString();
  const nowIso = now.toISOString();
  const stale = sql`${signInThrottle.windowStartedAt} < ${windowStart}::timestamptz`;
  const failures = sql`case when ${stale} then 1 else ${signInThrottle.failures} + 1 end`;
  const [row] = await db
    .insert(signInThrottle)
    .values({
      key,
      failures: 1,
      windowStartedAt: now,
      lockedUntil: policy.maxFailures <= 1 ? new Date(lockUntil) : null,
    })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures,
        windowStartedAt: sql`case when ${stale} then ${nowIso}::timestamptz else ${signInThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when ${failures} >= ${policy.maxFailures} then ${lockUntil}::timestamptz else ${signInThrottle.lockedUntil} end`,
      },
    })
    .returning({ failures: signInThrottle.failures, lockedUntil: signInThrottle.lockedUntil });
  return row ?? { failures: 0, lockedUntil: null };
}

/** The latest lock still in force among `keys`, or null. */
export async function throttleLockedUntil(
  db: Db,
  keys: readonly string[],
  now: Date,
): Promise<Date | null> {
  if (keys.length === 0) return null;
  const [row] = await db
    .select({
      until: sql<Date | null>`max(${signInThrottle.lockedUntil})`.mapWith(
        signInThrottle.lockedUntil,
      ),
    })
    .from(signInThrottle)
    .where(and(inArray(signInThrottle.key, [...keys]), gt(signInThrottle.lockedUntil, now)));
  return row?.until ?? null;
}

/** Removes throttle rows whose window and lock are both over; returns how many. */
export async function deleteStaleThrottles(db: Db, now: Date, windowMs: number): Promise<number> {
  const windowStart = new Date(now.getTime() - windowMs);
  const removed = await db
    .delete(signInThrottle)
    .where(
      and(
        lt(signInThrottle.windowStartedAt, windowStart),
        or(isNull(signInThrottle.lockedUntil), lt(signInThrottle.lockedUntil, now)),
      ),
    )
    .returning({ key: signInThrottle.key });
  return removed.length;
}

/** Forgets a key's failures (a successful sign-in from that address). */
export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
