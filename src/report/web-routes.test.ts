/**
 * The report routes inside the real app (its security headers, error mapping and CSP), over
 * Strängnäs 2016 imported from its seed. The PDF route uses one browser for the whole file.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEditions } from '../db/repositories/editions.ts';
import { createEvaluation } from '../db/repositories/evaluations.ts';
import { createPgliteTestDatabase, type TestDatabase } from '../db/testing.ts';
import { loadMunicipalities } from '../reference/municipalities.ts';
import { importReport } from '../use-cases/import-report.ts';
import { buildApp } from '../web/app.ts';
import { findChromium } from './pdf.ts';
import { reportRoutes, REPORT_STYLESHEET_PATH } from './web-routes.ts';

const SEED = 'kommunkompassen-strangnas-2016.txt';
const chromium = findChromium(process.env);
const ci = process.env.CI === 'true';
const browserIt = chromium || ci ? it : it.skip;

let test: TestDatabase;
let app: FastifyInstance;
let id: string;
let draftId: string;

beforeAll(async () => {
  test = await createPgliteTestDatabase();
  const db = test.database.db;
  const outcome = await importReport({
    db,
    bytes: readFileSync(new URL(`../../../shared/seeds/${SEED}`, import.meta.url)),
    source: SEED,
    editions: (await listEditions(db)).map((edition) => edition.definition),
    municipalities: loadMunicipalities(),
  });
  if (outcome.status === 'failed') throw new Error(JSON.stringify(outcome.issues));
  id = outcome.evaluation.id;
  const draft = await createEvaluation(db, {
    municipalityCode: '0139',
    year: 2019,
    editionId: 'kk-2016',
    kind: 'area-level',
    status: 'draft',
    source: 'manual',
    areas: [1, 2, 3, 4, 5, 6, 7, 8].map((number) => ({ number, score: 50 })),
  });
  draftId = draft.id;
  app = await buildApp({ database: test.database });
  // Until the app registers the report routes itself.
  if (!app.hasRoute({ method: 'GET', url: REPORT_STYLESHEET_PATH })) {
    await app.register(reportRoutes);
  }
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app.close();
  await test.dispose();
});

describe('report routes', () => {
  it('serves the HTML report under the CSP, with the stylesheet linked and download links', async () => {
    const response = await app.inject({ url: `/utvarderingar/${id}/rapport` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("style-src 'self'");
    const html = response.body;
    expect(html).toContain(`<link rel="stylesheet" href="${REPORT_STYLESHEET_PATH}">`);
    expect(html).not.toContain('<style');
    expect(html).not.toContain(' style="');
    expect(html).toContain(`href="/utvarderingar/${id}/rapport.pdf"`);
    expect(html).toContain('476');
    const css = await app.inject({ url: REPORT_STYLESHEET_PATH });
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('@page');
  });

  it('answers 404 for a draft and for an unknown id, in every format', async () => {
    for (const target of [draftId, '00000000-0000-4000-8000-000000000000', 'nope']) {
      for (const suffix of ['', '.csv', '.xlsx', '.json', '.pdf']) {
        const response = await app.inject({ url: `/utvarderingar/${target}/rapport${suffix}` });
        expect(response.statusCode, `${target}${suffix}`).toBe(404);
      }
    }
  });

  it('offers CSV, XLSX and JSON as downloads', async () => {
    const csv = await app.inject({ url: `/utvarderingar/${id}/rapport.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="kommunkompassen-0486-2016.csv"',
    );
    expect(csv.body.split('\r\n')[0]).toMatch(/^kommunkod,kommun,år/);
    const xlsx = await app.inject({ url: `/utvarderingar/${id}/rapport.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const json = await app.inject({ url: `/utvarderingar/${id}/rapport.json` });
    expect(json.statusCode).toBe(200);
    expect((json.json() as { total: number }).total).toBe(497);
  });

  it('a computed average can be asked for in the query', async () => {
    const response = await app.inject({
      url: `/utvarderingar/${id}/rapport?medelvarde=beraknat&fran=2010`,
    });
    expect(response.body).toContain('beräknat av Kompass');
  });

  browserIt('serves the PDF from the shared browser', async () => {
    if (!chromium) throw new Error('CI=true but Chromium is missing: apt-get install -y chromium');
    const first = await app.inject({ url: `/utvarderingar/${id}/rapport.pdf` });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const second = await app.inject({ url: `/utvarderingar/${id}/rapport.pdf` });
    expect(second.statusCode).toBe(200);
  });
});
