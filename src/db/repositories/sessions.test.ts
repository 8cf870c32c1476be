import { expect, it } from 'vitest';
import { sessions } from '../schema.ts';
import { describeDatabases } from '../testing.ts';
import {
  clearThrottle,
  createSession,
  deleteExpiredSessions,
  deleteSession,
  findActiveSession,
  hashSessionToken,
  recordThrottledFailure,
  throttleLockedUntil,
  touchSession,
} from './sessions.ts';
import { createUser, setUserDisabled } from './users.ts';

const HOUR = 3_600_000;
const t0 = new Date('2030-01-01T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const lookup = { idleMs: 2 * HOUR };

describeDatabases('sessions', (getDb) => {
  const newUser = () =>
    createUser(getDb().db, { email: 'a@example.se', role: 'admin' }, { actorUserId: null });

  it('stores only the SHA-256 of the token and finds the session by the token', async () => {
    const { db } = getDb();
    const user = await newUser();
    const session = await createSession(db, user.id, { now: t0, lifetimeMs: 12 * HOUR });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.id).toBe(hashSessionToken(session.token));
    const stored = await db.select().from(sessions);
    expect(stored.map((row) => row.id)).toEqual([session.id]);
    expect(JSON.stringify(stored)).not.toContain(session.token);
    const found = await findActiveSession(db, session.token, { now: at(HOUR), ...lookup });
    expect(found).toMatchObject({
      id: session.id,
      csrfToken: session.csrfToken,
      user: { id: user.id },
    });
    expect(await findActiveSession(db, session.id, { now: t0, ...lookup })).toBeUndefined();
  });

  it('ends a session idle for longer than the idle timeout, unless it was used', async () => {
    const { db } = getDb();
    const user = await newUser();
    const session = await createSession(db, user.id, { now: t0, lifetimeMs: 12 * HOUR });
    expect(
      await findActiveSession(db, session.token, { now: at(2 * HOUR + 1), ...lookup }),
    ).toBeUndefined();
    await touchSession(db, session.id, at(HOUR));
    expect(
      await findActiveSession(db, session.token, { now: at(2 * HOUR + 1), ...lookup }),
    ).toBeDefined();
  });

  it('ends a session at its absolute lifetime however busy it is', async () => {
    const { db } = getDb();
    const user = await newUser();
    const session = await createSession(db, user.id, { now: t0, lifetimeMs: 12 * HOUR });
    await touchSession(db, session.id, at(12 * HOUR - 1));
    expect(
      await findActiveSession(db, session.token, { now: at(12 * HOUR), ...lookup }),
    ).toBeUndefined();
  });

  it('gives no session for a disabled account, a deleted session or a malformed token', async () => {
    const { db } = getDb();
    const user = await newUser();
    const one = await createSession(db, user.id, { now: t0, lifetimeMs: HOUR });
    const two = await createSession(db, user.id, { now: t0, lifetimeMs: HOUR });
    await deleteSession(db, one.id);
    expect(await findActiveSession(db, one.token, { now: t0, ...lookup })).toBeUndefined();
    expect(await findActiveSession(db, "' or 1=1 --", { now: t0, ...lookup })).toBeUndefined();
    await setUserDisabled(db, { userId: user.id, disabled: true, actorUserId: null });
    expect(await findActiveSession(db, two.token, { now: t0, ...lookup })).toBeUndefined();
  });

  it('removes expired and idle sessions', async () => {
    const { db } = getDb();
    const user = await newUser();
    await createSession(db, user.id, { now: t0, lifetimeMs: HOUR });
    const live = await createSession(db, user.id, { now: at(3 * HOUR), lifetimeMs: HOUR });
    expect(await deleteExpiredSessions(db, { now: at(3 * HOUR), ...lookup })).toBe(1);
    expect(await findActiveSession(db, live.token, { now: at(3 * HOUR), ...lookup })).toBeDefined();
  });

  it('throttles a key after too many failures within the window, and a new window starts afresh', async () => {
    const { db } = getDb();
    const policy = { maxFailures: 3, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
    expect(await recordThrottledFailure(db, 'ip:10.0.0.1', t0, policy)).toEqual({
      failures: 1,
      lockedUntil: null,
    });
    expect(await recordThrottledFailure(db, 'ip:10.0.0.1', at(1000), policy)).toEqual({
      failures: 2,
      lockedUntil: null,
    });
    expect(await recordThrottledFailure(db, 'ip:10.0.0.1', at(2000), policy)).toEqual({
      failures: 3,
      lockedUntil: at(2000 + 15 * 60_000),
    });
    expect(await throttleLockedUntil(db, ['email:x', 'ip:10.0.0.1'], at(3000))).toEqual(
      at(2000 + 15 * 60_000),
    );
    expect(await throttleLockedUntil(db, ['ip:10.0.0.2'], at(3000))).toBeNull();
    expect(await throttleLockedUntil(db, ['ip:10.0.0.1'], at(HOUR))).toBeNull();
    expect(await recordThrottledFailure(db, 'ip:10.0.0.1', at(HOUR), policy)).toMatchObject({
      failures: 1,
    });
    await clearThrottle(db, 'ip:10.0.0.1');
    expect(await recordThrottledFailure(db, 'ip:10.0.0.1', at(HOUR), policy)).toMatchObject({
      failures: 1,
    });
  });

  it('counts concurrent failures on one key without losing any', async () => {
    const { db } = getDb();
    const policy = { maxFailures: 100, windowMs: HOUR, lockMs: HOUR };
    await Promise.all(
      Array.from({ length: 10 }, () =>
        recordThrottledFailure(db, 'email:x@example.se', t0, policy),
      ),
    );
    expect((await recordThrottledFailure(db, 'email:x@example.se', t0, policy)).failures).toBe(11);
  });
});
