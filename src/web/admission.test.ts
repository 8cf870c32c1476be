import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createPgliteTestDatabase, type TestDatabase } from '../db/testing.ts';
import { admissionFromEnv, defaultMaxInFlight } from './admission.ts';
import { buildApp } from './app.ts';
import { WebConfigError } from './config.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('admission control', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await test.dispose();
  });

  async function appWith(maxWaitMs: number): Promise<FastifyInstance> {
    const app = await buildApp({
      database: test.database,
      admission: { maxInFlight: 1, maxWaitMs },
    });
    app.get('/slow', async () => {
      await pause(250);
      return 'done';
    });
    return app;
  }

  it('works on one request at a time and lets the next in when it is done', async () => {
    const app = await appWith(2000);
    try {
      const started = performance.now();
      const [first, second] = await Promise.all([
        app.inject({ url: '/slow' }),
        app.inject({ url: '/slow' }),
      ]);
      expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
      // The second waited for the first: one after the other, not side by side.
      expect(performance.now() - started).toBeGreaterThanOrEqual(480);
    } finally {
      await app.close();
    }
  });

  it('answers 503 with Retry-After to a request that waited too long, never the health check', async () => {
    const app = await appWith(100);
    try {
      const holding = app.inject({ url: '/slow' });
      await pause(20);
      const started = performance.now();
      const [refused, health] = await Promise.all([
        app.inject({ url: '/kommuner' }),
        app.inject({ url: '/health' }),
      ]);
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.body).toContain('Tjänsten är inte tillgänglig just nu');
      expect(performance.now() - started).toBeLessThan(240);
      expect(health.statusCode).toBe(200);
      expect((await holding).statusCode).toBe(200);
      // The slot came back: the next request is served.
      expect((await app.inject({ url: '/kommuner' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('lets the server read new requests between queued ones whose work never waits for I/O', async () => {
    // PGlite runs queries on the server's own thread: a page's work is then promises only. When
    // the slot passed to the next queued request in the same tick, the queue ran as one chain
    // and the server neither accepted connections nor read requests until it was empty.
    const app = await appWith(5000);
    let release = () => {};
    const holding = new Promise<void>((resolve) => {
      release = resolve;
    });
    let busyDone = 0;
    app.get('/busy', async (request) => {
      if ((request.query as { first?: string }).first) await holding;
      for (let step = 0; step < 20; step += 1) await Promise.resolve();
      const until = performance.now() + 3;
      while (performance.now() < until); // a query's synchronous work
      busyDone += 1;
      return 'done';
    });
    try {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const first = fetch(`${base}/busy?first=1`);
      await pause(50);
      const queued = Array.from({ length: 30 }, () => fetch(`${base}/busy`));
      await pause(300); // every one is read and waiting for the slot
      let doneWhenAnswered = -1;
      const health = fetch(`${base}/health`).then((response) => {
        doneWhenAnswered = busyDone;
        return response.status;
      });
      release();
      expect(await health).toBe(200);
      const statuses = await Promise.all([first, ...queued].map(async (r) => (await r).status));
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(busyDone).toBe(31);
      // Answered after a few of the queued requests, not after all of them.
      expect(doneWhenAnswered).toBeGreaterThanOrEqual(0);
      expect(doneWhenAnswered).toBeLessThan(10);
    } finally {
      await app.close();
    }
  });

  it('reads its settings from the environment, with defaults by database', () => {
    expect(admissionFromEnv({}, 'postgres')).toEqual({
      maxInFlight: 2 * availableParallelism(),
      maxWaitMs: 10_000,
    });
    expect([1, 2, 16].map((cores) => defaultMaxInFlight('postgres', cores))).toEqual([2, 4, 32]);
    expect(admissionFromEnv({}, 'pglite')).toEqual({ maxInFlight: 2, maxWaitMs: 10_000 });
    expect(
      admissionFromEnv({ KOMPASS_MAX_IN_FLIGHT: '40', KOMPASS_QUEUE_WAIT_MS: '3000' }, 'pglite'),
    ).toEqual({ maxInFlight: 40, maxWaitMs: 3000 });
    expect(() => admissionFromEnv({ KOMPASS_MAX_IN_FLIGHT: 'many' }, 'postgres')).toThrow(
      WebConfigError,
    );
    expect(() => admissionFromEnv({ KOMPASS_MAX_IN_FLIGHT: 'many' }, 'postgres')).toThrow(
      /KOMPASS_MAX_IN_FLIGHT must be a whole number above 0, got "many"/,
    );
  });
});
