import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/client.ts';
import { isUnavailableError } from '../db/errors.ts';
import { createTestEnv, describePostgresMissing, testDatabaseUrl } from '../db/testing.ts';
import { buildApp } from './app.ts';

describe('errors that mean "try again later"', () => {
  it('are told apart from refusals and bugs', () => {
    expect(isUnavailableError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isUnavailableError({ code: '57014', message: 'canceling statement' })).toBe(true);
    expect(isUnavailableError({ code: '08006', message: 'connection failure' })).toBe(true);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(isUnavailableError(new Error('query failed', { cause: refused }))).toBe(true);
    expect(isUnavailableError({ code: '23505', message: 'duplicate key' })).toBe(false);
    expect(isUnavailableError(new TypeError('x is undefined'))).toBe(false);
    expect(isUnavailableError(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe(
      true,
    );
  });
});

if (testDatabaseUrl()) {
  describe('an overloaded PostgreSQL pool [postgres]', () => {
    let env: { env: Record<string, string>; dispose(): Promise<void> };
    let database: Database;
    beforeAll(async () => {
      env = await createTestEnv('postgres');
      database = await openDatabase({
        env: { ...env.env, KOMPASS_DB_POOL_SIZE: '1', KOMPASS_DB_WAIT_MS: '300' },
        cwd: process.cwd(),
      });
    });
    afterAll(async () => {
      await database.close();
      await env.dispose();
    });

    it('answers 503 with Retry-After within the wait, and serves again once a connection frees', async () => {
      if (database.kind !== 'postgres') throw new Error('expected PostgreSQL');
      const app = await buildApp({ database });
      const held = await database.client.connect();
      try {
        const started = performance.now();
        const page = await app.inject({ url: '/kommuner' });
        expect(performance.now() - started).toBeLessThan(3000);
        expect(page.statusCode).toBe(503);
        expect(page.headers['retry-after']).toBe('5');
        expect(page.body).toContain('Tjänsten är inte tillgänglig just nu');
        const api = await app.inject({ url: '/api/v1/municipalities' });
        expect(api.statusCode).toBe(503);
        expect(api.json()).toMatchObject({ error: { code: 'unavailable' } });
      } finally {
        held.release();
      }
      expect((await app.inject({ url: '/kommuner' })).statusCode).toBe(200);
      await app.close();
    });

    it('refuses a pool setting that is not a whole number, naming the variable', async () => {
      await expect(
        openDatabase({ env: { ...env.env, KOMPASS_DB_WAIT_MS: 'fem' }, cwd: process.cwd() }),
      ).rejects.toThrow(/KOMPASS_DB_WAIT_MS must be a whole number above 0, got "fem"/);
    });
  });
} else {
  describePostgresMissing('an overloaded PostgreSQL pool');
}
