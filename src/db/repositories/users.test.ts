import { count } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '../client.ts';
import { StorageError } from '../errors.ts';
import { auditLog, users } from '../schema.ts';
import { describeDatabases } from '../testing.ts';
import { listAudit } from './audit.ts';
import { countSessionsOfUser, createSession } from './sessions.ts';
import {
  countUsers,
  createUser,
  findSignInAccount,
  findUserByEmail,
  getPasswordHash,
  listUsers,
  recordFailedSignIn,
  recordSuccessfulSignIn,
  setPassword,
  setUserDisabled,
} from './users.ts';

const cli = { actorUserId: null };
const rows = async (db: Db) => ({
  users: (await db.select({ n: count() }).from(users))[0]?.n,
  audit: (await db.select({ n: count() }).from(auditLog))[0]?.n,
});

async function refusal(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

describeDatabases('users', (getDb) => {
  it('creates an account that must change its password, with an audit entry by the CLI', async () => {
    const { db } = getDb();
    const user = await createUser(
      db,
      {
        email: ' Anna.Berg@Example.se ',
        role: 'evaluator',
        displayName: 'Anna Berg',
        passwordHash: 'h',
      },
      cli,
    );
    expect(user).toMatchObject({
      email: 'Anna.Berg@Example.se',
      displayName: 'Anna Berg',
      role: 'evaluator',
      municipalityCode: null,
      disabled: false,
      mustChangePassword: true,
      hasPassword: true,
      failedSignIns: 0,
      lockedUntil: null,
    });
    expect(user.passwordChangedAt).toBeInstanceOf(Date);
    const [entry] = await listAudit(db, { entityType: 'user', entityId: user.id });
    expect(entry).toMatchObject({
      actor: null,
      action: 'user.create',
      newValue: { email: 'Anna.Berg@Example.se', role: 'evaluator', municipalityCode: null },
    });
    expect(JSON.stringify(entry)).not.toContain('"h"');
  });

  it('finds an account by e-mail address whatever its case', async () => {
    const { db } = getDb();
    const user = await createUser(db, { email: 'anna@example.se', role: 'admin' }, cli);
    expect((await findUserByEmail(db, 'ANNA@example.SE'))?.id).toBe(user.id);
    expect(user.displayName).toBe('anna@example.se');
    expect(user.hasPassword).toBe(false);
  });

  it('refuses a second account with the same address in another case, adding nothing', async () => {
    const { db } = getDb();
    await createUser(db, { email: 'anna@example.se', role: 'admin' }, cli);
    const error = await refusal(
      createUser(db, { email: 'ANNA@example.se', role: 'evaluator' }, cli),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('a user with the e-mail address ANNA@example.se already exists');
    expect(await rows(db)).toEqual({ users: 1, audit: 1 });
  });

  it('refuses a municipality user without a kommun, and a kommun on another role', async () => {
    const { db } = getDb();
    const missing = await refusal(
      createUser(db, { email: 'a@kommun.se', role: 'municipality' }, cli),
    );
    expect(missing.message).toMatch(/must be bound to one kommun/);
    const extra = await refusal(
      createUser(db, { email: 'a@kommun.se', role: 'evaluator', municipalityCode: '0486' }, cli),
    );
    expect(extra.message).toMatch(/only municipality users are bound to a kommun/);
    expect(await rows(db)).toEqual({ users: 0, audit: 0 });
  });

  it('refuses an unknown kommunkod and an address that is not one', async () => {
    const { db } = getDb();
    const unknown = await refusal(
      createUser(db, { email: 'a@kommun.se', role: 'municipality', municipalityCode: '9999' }, cli),
    );
    expect(unknown.code).toBe('invalid-reference');
    expect(unknown.message).toMatch(/^unknown kommunkod "9999"/);
    const address = await refusal(createUser(db, { email: 'anna', role: 'admin' }, cli));
    expect(address.message).toBe('"anna" is not an e-mail address');
    expect(await rows(db)).toEqual({ users: 0, audit: 0 });
  });

  it('binds a municipality user to its kommun', async () => {
    const { db } = getDb();
    const user = await createUser(
      db,
      { email: 'k@strangnas.se', role: 'municipality', municipalityCode: '0486' },
      cli,
    );
    expect(user.municipalityCode).toBe('0486');
  });

  it('lists accounts by address', async () => {
    const { db } = getDb();
    await createUser(db, { email: 'b@example.se', role: 'admin' }, cli);
    await createUser(db, { email: 'A@example.se', role: 'evaluator' }, cli);
    expect(await countUsers(db)).toBe(2);
    expect(await countUsers(db, { role: 'admin' })).toBe(1);
    expect(await countUsers(db, { role: 'municipality' })).toBe(0);
    expect((await listUsers(db)).map((user) => user.email)).toEqual([
      'A@example.se',
      'b@example.se',
    ]);
  });

  it('a new password clears the lock, ends other sessions and is audited without the hash', async () => {
    const { db } = getDb();
    const user = await createUser(
      db,
      { email: 'a@example.se', role: 'admin', passwordHash: 'old' },
      cli,
    );
    const policy = { maxFailures: 1, lockMs: 60_000 };
    await recordFailedSignIn(db, user.id, new Date(), policy);
    const times = { now: new Date(), lifetimeMs: 3_600_000 };
    const kept = await createSession(db, user.id, times);
    await createSession(db, user.id, times);
    await setPassword(db, {
      userId: user.id,
      passwordHash: 'new-hash',
      mustChangePassword: false,
      keepSessionId: kept.id,
      actorUserId: user.id,
    });
    expect(await getPasswordHash(db, user.id)).toBe('new-hash');
    expect(await findUserByEmail(db, 'a@example.se')).toMatchObject({
      mustChangePassword: false,
      failedSignIns: 0,
      lockedUntil: null,
    });
    expect(await countSessionsOfUser(db, user.id)).toBe(1);
    const entries = await listAudit(db, { entityType: 'user', entityId: user.id });
    expect(entries.map((entry) => entry.action)).toEqual(['user.create', 'user.password-change']);
    expect(entries[1]?.actor?.id).toBe(user.id);
    expect(JSON.stringify(entries)).not.toContain('new-hash');
  });

  it('a reset by someone else makes the owner change the password and ends all sessions', async () => {
    const { db } = getDb();
    const user = await createUser(
      db,
      { email: 'a@example.se', role: 'admin', passwordHash: 'x' },
      cli,
    );
    await createSession(db, user.id, { now: new Date(), lifetimeMs: 3_600_000 });
    await setPassword(db, { userId: user.id, passwordHash: 'y', mustChangePassword: true, ...cli });
    expect((await findSignInAccount(db, 'a@example.se'))?.user.mustChangePassword).toBe(true);
    expect(await countSessionsOfUser(db, user.id)).toBe(0);
    const actions = (await listAudit(db, { entityId: user.id })).map((entry) => entry.action);
    expect(actions).toEqual(['user.create', 'user.password-reset']);
  });

  it('locks the account from the fifth consecutive failure, and every failure after extends it', async () => {
    const { db } = getDb();
    const user = await createUser(db, { email: 'a@example.se', role: 'admin' }, cli);
    const policy = { maxFailures: 5, lockMs: 15 * 60_000 };
    const t0 = new Date('2030-01-01T10:00:00Z');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await recordFailedSignIn(db, user.id, t0, policy)).toEqual({
        failedSignIns: attempt,
        lockedUntil: null,
      });
    }
    expect(await recordFailedSignIn(db, user.id, t0, policy)).toEqual({
      failedSignIns: 5,
      lockedUntil: new Date('2030-01-01T10:15:00Z'),
    });
    const later = new Date('2030-01-01T10:20:00Z');
    expect((await recordFailedSignIn(db, user.id, later, policy)).lockedUntil).toEqual(
      new Date('2030-01-01T10:35:00Z'),
    );
    await recordSuccessfulSignIn(db, user.id);
    expect(await findUserByEmail(db, 'a@example.se')).toMatchObject({
      failedSignIns: 0,
      lockedUntil: null,
    });
  });

  it('disabling an account ends its sessions and is audited once', async () => {
    const { db } = getDb();
    const user = await createUser(db, { email: 'a@example.se', role: 'admin' }, cli);
    await createSession(db, user.id, { now: new Date(), lifetimeMs: 3_600_000 });
    await setUserDisabled(db, { userId: user.id, disabled: true, ...cli });
    await setUserDisabled(db, { userId: user.id, disabled: true, ...cli });
    expect(await countSessionsOfUser(db, user.id)).toBe(0);
    const entries = await listAudit(db, { entityId: user.id });
    expect(entries.map((entry) => [entry.action, entry.oldValue, entry.newValue])).toEqual([
      ['user.create', null, expect.anything()],
      ['user.disable', false, true],
    ]);
  });
});
