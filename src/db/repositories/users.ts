/**
 * Accounts: admins, evaluators and municipality users (the public has none). E-mail addresses
 * are unique regardless of case. Password hashes never leave this module except through
 * `findSignInAccount`, which sign-in needs; `User` carries none.
 *
 * Every change a person makes (creating an account, setting a password, disabling) is written
 * with its audit entry in one transaction.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { StorageError, translateWriteError } from '../errors.ts';
import { municipalities, sessions, users, type USER_ROLES } from '../schema.ts';
import { recordAudit } from './audit.ts';

export type UserRole = (typeof USER_ROLES)[number];

export const ROLES: readonly UserRole[] = ['admin', 'evaluator', 'municipality'];

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  /** The kommun a municipality user is bound to; null for every other role. */
  municipalityCode: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  /** Whether a password has been set at all. */
  hasPassword: boolean;
  failedSignIns: number;
  lockedUntil: Date | null;
  createdAt: Date;
  passwordChangedAt: Date | null;
}

export interface NewUser {
  email: string;
  /** Defaults to the e-mail address. */
  displayName?: string | null;
  role: UserRole;
  municipalityCode?: string | null;
  /** An argon2id hash; null leaves the account without a password (it cannot sign in). */
  passwordHash?: string | null;
  /** Defaults to true: whoever set the first password is not the account's owner. */
  mustChangePassword?: boolean;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const MAX_EMAIL_LENGTH = 254;

/** The address as stored: trimmed. Lookups ignore case. */
export function normalizeEmail(email: string): string {
  return email.trim();
}

export function isEmailAddress(email: string): boolean {
  const trimmed = normalizeEmail(email);
  return trimmed.length <= MAX_EMAIL_LENGTH && EMAIL.test(trimmed);
}

const userColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  municipalityCode: users.municipalityCode,
  disabled: users.disabled,
  mustChangePassword: users.mustChangePassword,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`.as('has_password'),
  failedSignIns: users.failedSignIns,
  lockedUntil: users.lockedUntil,
  createdAt: users.createdAt,
  passwordChangedAt: users.passwordChangedAt,
};

const byEmail = (email: string) =>
  eq(sql`lower(${users.email})`, normalizeEmail(email).toLowerCase());

/** Who made a change: a user, or null for the command line and the system. */
export interface ChangeOptions {
  actorUserId: string | null;
}

/**
 * Creates an account (and its audit entry "user.create"). Refuses, with a message naming the
 * problem: an address that is not one or is taken (any case), an unknown kommun, a municipality
 * user without a kommun, and a kommun on any other role.
 */
export async function createUser(db: Db, input: NewUser, options: ChangeOptions): Promise<User> {
  const email = normalizeEmail(input.email);
  const municipalityCode = input.municipalityCode?.trim() || null;
  if (!isEmailAddress(email)) {
    throw new StorageError('invalid-value', `"${email}" is not an e-mail address`);
  }
  if (input.role === 'municipality' && !municipalityCode) {
    throw new StorageError(
      'invalid-value',
      'a municipality user must be bound to one kommun: give its kommunkod',
    );
  }
  if (input.role !== 'municipality' && municipalityCode) {
    throw new StorageError(
      'invalid-value',
      `only municipality users are bound to a kommun, not the role "${input.role}"`,
    );
  }
  const displayName = input.displayName?.trim() || email;
  try {
    return await db.transaction(async (tx) => {
      if (await findUserByEmail(tx, email)) {
        throw new StorageError(
          'conflict',
          `a user with the e-mail address ${email} already exists`,
        );
      }
      if (municipalityCode) {
        const [known] = await tx
          .select({ code: municipalities.code })
          .from(municipalities)
          .where(eq(municipalities.code, municipalityCode));
        if (!known) {
          throw new StorageError(
            'invalid-reference',
            `unknown kommunkod "${municipalityCode}": expected one of the 290 four-digit codes, e.g. 0180 for Stockholm`,
          );
        }
      }
      const [row] = await tx
        .insert(users)
        .values({
          email,
          displayName,
          role: input.role,
          municipalityCode,
          passwordHash: input.passwordHash ?? null,
          mustChangePassword: input.mustChangePassword ?? true,
          passwordChangedAt: input.passwordHash ? sql`now()` : null,
        })
        .returning({ id: users.id });
      if (!row) throw new Error('insert returned no row');
      await recordAudit(tx, {
        actorUserId: options.actorUserId,
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        newValue: { email, displayName, role: input.role, municipalityCode },
      });
      const created = await getUser(tx, row.id);
      if (!created) throw new Error('created user not found');
      return created;
    });
  } catch (error) {
    throw translateWriteError(error, `user ${email}`);
  }
}

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, id));
  return row;
}

/** The account with this address, whatever its case. */
export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [row] = await db.select(userColumns).from(users).where(byEmail(email));
  return row;
}

/** Every account, by e-mail address. */
export async function listUsers(db: Db): Promise<User[]> {
  return db
    .select(userColumns)
    .from(users)
    .orderBy(asc(sql`lower(${users.email})`));
}

/** How many accounts there are (of `role`, when given): `npm start` tells how to add the first admin. */
export async function countUsers(db: Db, options: { role?: UserRole } = {}): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(users)
    .where(options.role ? eq(users.role, options.role) : undefined);
  return row?.n ?? 0;
}

/** What sign-in needs: the account and its password hash. */
export async function findSignInAccount(
  db: Db,
  email: string,
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const [row] = await db
    .select({ ...userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(byEmail(email));
  if (!row) return undefined;
  const { passwordHash, ...user } = row;
  return { user, passwordHash };
}

/** The password hash alone, to check the current password before a change. */
export async function getPasswordHash(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  return row?.passwordHash ?? null;
}

export interface SetPasswordInput extends ChangeOptions {
  userId: string;
  passwordHash: string;
  /** True for a one-time password someone else chose (reset), false when the owner chose it. */
  mustChangePassword: boolean;
  /** Every other session of the account ends; keep this one (the owner's current session). */
  keepSessionId?: string | null;
}

/**
 * Sets a new password hash, clears failed sign-ins and any lock, ends the account's other
 * sessions, and records "user.password-reset" (someone else set it) or "user.password-change".
 * The hash itself is never written to the audit trail.
 */
export async function setPassword(db: Db, input: SetPasswordInput): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({
        passwordHash: input.passwordHash,
        mustChangePassword: input.mustChangePassword,
        passwordChangedAt: sql`now()`,
        failedSignIns: 0,
        lockedUntil: null,
      })
      .where(eq(users.id, input.userId))
      .returning({ id: users.id });
    if (updated.length === 0) {
      throw new StorageError('not-found', `no user with id ${input.userId}`);
    }
    await tx
      .delete(sessions)
      .where(
        input.keepSessionId
          ? sql`${sessions.userId} = ${input.userId} and ${sessions.id} <> ${input.keepSessionId}`
          : eq(sessions.userId, input.userId),
      );
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: input.mustChangePassword ? 'user.password-reset' : 'user.password-change',
      entityType: 'user',
      entityId: input.userId,
      field: 'password',
    });
  });
}

/** Disables (or enables again) an account; a disabled account's sessions end at once. */
export async function setUserDisabled(
  db: Db,
  input: ChangeOptions & { userId: string; disabled: boolean },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ disabled: users.disabled })
      .from(users)
      .where(eq(users.id, input.userId));
    if (!before) throw new StorageError('not-found', `no user with id ${input.userId}`);
    if (before.disabled === input.disabled) return;
    await tx.update(users).set({ disabled: input.disabled }).where(eq(users.id, input.userId));
    if (input.disabled) await tx.delete(sessions).where(eq(sessions.userId, input.userId));
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: input.disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: input.userId,
      field: 'disabled',
      oldValue: before.disabled,
      newValue: input.disabled,
    });
  });
}

export interface LockoutPolicy {
  /** Consecutive failures after which the account is locked. */
  maxFailures: number;
  /** How long a lock lasts, in milliseconds. */
  lockMs: number;
}

/**
 * Counts a failed sign-in (atomically, so concurrent attempts on several instances all count).
 * From `maxFailures` on, every further failure locks the account for `lockMs` from `now`: a
 * back-off that only a successful sign-in or a new password resets.
 */
export async function recordFailedSignIn(
  db: Db,
  userId: string,
  now: Date,
  policy: LockoutPolicy,
): Promise<{ failedSignIns: number; lockedUntil: Date | null }> {
  const lockUntil = new Date(now.getTime() + policy.lockMs);
  const [row] = await db
    .update(users)
    .set({
      failedSignIns: sql`${users.failedSignIns} + 1`,
      lockedUntil: sql`case when ${users.failedSignIns} + 1 >= ${policy.maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning({ failedSignIns: users.failedSignIns, lockedUntil: users.lockedUntil });
  return row ?? { failedSignIns: 0, lockedUntil: null };
}

/** A successful sign-in: the failure count and any lock are cleared. */
export async function recordSuccessfulSignIn(db: Db, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ failedSignIns: 0, lockedUntil: null })
    .where(
      sql`${users.id} = ${userId} and (${users.failedSignIns} <> 0 or ${users.lockedUntil} is not null)`,
    );
}
