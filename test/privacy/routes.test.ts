import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteTestDatabase, type TestDatabase } from '../../src/db/testing.ts';
import { buildApp } from '../../src/web/app.ts';
import { registeredRoutes } from './routes.ts';

describe('registeredRoutes', () => {
  let test: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    test = await createPgliteTestDatabase();
    app = await buildApp({ database: test.database });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  it('reads every route with its full path and method from the route tree', () => {
    const routes = registeredRoutes(app).map((route) => `${route.method} ${route.url}`);
    expect(routes).toContain('GET /');
    expect(routes).toContain('GET /kommuner/:code');
    expect(routes).toContain('POST /logga-in');
    expect(routes).toContain('GET /utvarderingar/:id/historik');
    expect(routes).toContain('POST /utvarderingar/:id/status');
    expect(routes.some((route) => route.startsWith('HEAD '))).toBe(false);
  });
});
