import { describe, expect, it } from 'vitest';
import {
  generateOneTimePassword,
  hashPassword,
  verifyNothing,
  verifyPassword,
} from './credentials.ts';

describe('credentials', () => {
  it('hashes with argon2id at OWASP’s parameters and verifies only the right password', async () => {
    const hash = await hashPassword('korrekt häst batteri');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'korrekt häst batteri')).toBe(true);
    expect(await verifyPassword(hash, 'korrekt hast batteri')).toBe(false);
  });

  it('treats a malformed hash as a wrong password', async () => {
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('answers false for an address without an account', async () => {
    expect(await verifyNothing('x')).toBe(false);
  });

  it('makes one-time passwords of 20 unambiguous symbols in groups of five, never the same', () => {
    const passwords = Array.from({ length: 200 }, generateOneTimePassword);
    for (const password of passwords) {
      expect(password).toMatch(/^[a-km-np-z2-9]{5}(-[a-km-np-z2-9]{5}){3}$/);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
