import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDatabases } from '../db/testing.ts';
import { buildApp } from './app.ts';
import { signedInAs } from './auth/testing.ts';

const WORKSPACE_LINK = '<a href="/arbetsyta">Arbetsyta</a>';

describeDatabases(
  'the site header',
  (getDb) => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildApp({ database: getDb() });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('shows the workspace link to evaluators and admins only', async () => {
      const { db } = getDb();
      const evaluator = await signedInAs(db, { role: 'evaluator' });
      const admin = await signedInAs(db, { role: 'admin' });
      const municipality = await signedInAs(db, { role: 'municipality' });
      for (const url of ['/', '/kommuner', '/kommuner/0486']) {
        const page = (cookies?: Record<string, string>) =>
          app.inject({ url, ...(cookies ? { cookies } : {}) });
        expect((await page(evaluator.cookies)).body).toContain(WORKSPACE_LINK);
        expect((await page(admin.cookies)).body).toContain(WORKSPACE_LINK);
        expect((await page(municipality.cookies)).body).not.toContain('href="/arbetsyta"');
        expect((await page()).body).not.toContain('href="/arbetsyta"');
      }
      // In the workspace itself the menu has the link once, marked as the current section.
      const workspace = await app.inject({ url: '/arbetsyta', cookies: evaluator.cookies });
      expect(workspace.body.match(/href="\/arbetsyta"/g)).toHaveLength(1);
      expect(workspace.body).toContain('<a href="/arbetsyta" aria-current="page">Arbetsyta</a>');
    });
  },
  { shared: true },
);
