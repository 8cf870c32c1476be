/**
 * Password hashing (argon2id with OWASP's parameters: 19 MiB, 2 passes, 1 lane) and one-time
 * passwords. Used by the web sign-in and by `kompass user`.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

const ARGON2ID = 2 as Algorithm; // Algorithm.Argon2id (a const enum, not importable as a value)

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** An argon2id PHC string ("$argon2id$v=19$m=19456,t=2,p=1$…") for `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Whether `password` matches `passwordHash`; false (never an exception) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for an address without an account (or
 * without a password), so the answer's timing does not tell which addresses exist.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(18).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}

/** 32 symbols without look-alikes (no l, o, 0, 1), so each random byte maps without bias. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * A random one-time password of 20 symbols (100 bits) in groups of five, e.g.
 * "k7mfq-2xhbn-tq9ra-wc4ez": easy to read out, and its owner must replace it at first sign-in.
 */
export function generateOneTimePassword(): string {
  const bytes = randomBytes(20);
  const symbols = [...bytes].map((byte) => ALPHABET[byte & 31]);
  return [0, 5, 10, 15].map((start) => symbols.slice(start, start + 5).join('')).join('-');
}
