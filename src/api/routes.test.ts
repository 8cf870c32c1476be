import { Ajv2020 } from 'ajv/dist/2020.js';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDatabases } from '../db/testing.ts';
import { HIDDEN_WORD, createRoleModel, createUnpublished, importSeedReports } from './fixtures.ts';
import { openApiDocument } from './openapi.ts';
import { apiRoutes } from './routes.ts';

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(openApiDocument as unknown as object, 'openapi');

type Paths = typeof openApiDocument.paths;

/** Checks a JSON body against the document's schema for this path and status. */
function expectDocumented(path: keyof Paths, status: number, body: unknown): void {
  const responses = openApiDocument.paths[path].get.responses as Record<string, unknown>;
  expect(responses[String(status)], `${path} documents status ${status}`).toBeDefined();
  const pointer = `openapi#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/get/responses/${status}/content/application~1json/schema`;
  const validate = ajv.getSchema(pointer);
  if (!validate) throw new Error(`no schema at ${pointer}`);
  const valid = validate(body);
  expect(valid ? [] : validate.errors, `${path} ${status} matches the OpenAPI document`).toEqual(
    [],
  );
}

describeDatabases(
  'API v1',
  (getDb) => {
    let app: FastifyInstance;
    let ids: Record<string, string> = {};
    let draftId = '';
    const strangnas = () => ids['kommunkompassen-strangnas-2016.txt'] ?? '';
    const upplandsBro = () => ids['kommunkompassen-upplands-bro-2011.txt'] ?? '';

    beforeAll(async () => {
      const database = getDb();
      ids = await importSeedReports(database.db);
      draftId = (await createUnpublished(database.db)).draft.id;
      await createRoleModel(database.db);
      app = Fastify({ logger: false });
      await app.register(apiRoutes, { database });
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
    });

    const get = async (url: string) => {
      const response = await app.inject({ url: `/api/v1${url}` });
      return {
        status: response.statusCode,
        headers: response.headers,
        body: response.body,
        json: () => response.json() as unknown,
      };
    };

    /** GET, check status and the document's schema, return the body. */
    async function documented<T = Record<string, unknown>>(
      path: keyof Paths,
      url: string,
      status = 200,
    ): Promise<T> {
      const response = await get(url);
      expect(response.status, `${url}: ${response.body.slice(0, 300)}`).toBe(status);
      const body = response.json();
      expectDocumented(path, status, body);
      return body as T;
    }

    it('serves the OpenAPI 3.1 document, itself valid against its schemas', async () => {
      const document = await documented<{ openapi: string; paths: object }>(
        '/openapi.json',
        '/openapi.json',
      );
      expect(document.openapi).toBe('3.1.0');
      for (const name of Object.keys(openApiDocument.components.schemas)) {
        expect(ajv.getSchema(`openapi#/components/schemas/${name}`), name).toBeDefined();
      }
    });

    it('municipalities, one with its history across editions', async () => {
      const list = await documented<{
        items: Array<{ code: string; publishedEvaluations: number }>;
      }>('/municipalities', '/municipalities?lan=04');
      expect(list.items.find((m) => m.code === '0486')?.publishedEvaluations).toBe(2);
      const one = await documented<{
        evaluations: Array<{ year: number; areas: unknown[] }>;
        editionNote: string;
      }>('/municipalities/{code}', '/municipalities/0486');
      expect(one.evaluations.map((e) => [e.year, e.areas.length])).toEqual([
        [2016, 8],
        [2014, 8],
      ]);
      expect(one.editionNote).toContain('olika versioner');
      await documented('/municipalities/{code}', '/municipalities/9999', 404);
      await documented('/municipalities', '/municipalities?lan=4', 400);
    });

    it('editions', async () => {
      const list = await documented<{ items: Array<{ id: string }> }>('/editions', '/editions');
      expect(list.items.map((e) => e.id)).toContain('kk-2016');
      await documented('/editions/{id}', '/editions/kk-2016');
      await documented('/editions/{id}', '/editions/kk-1999', 404);
    });

    it('published evaluations only, with scores and findings', async () => {
      const list = await documented<{ total: number; items: Array<{ id: string }> }>(
        '/evaluations',
        '/evaluations',
      );
      expect(list.total).toBe(5);
      expect(list.items.map((item) => item.id)).not.toContain(draftId);
      const one = await documented<{ areas: unknown[]; questions: unknown[]; findings: unknown[] }>(
        '/evaluations/{id}',
        `/evaluations/${strangnas()}`,
      );
      expect(one.areas).toHaveLength(8);
      expect(one.questions).toHaveLength(45);
      expect(one.findings.length).toBeGreaterThan(0);
      await documented('/evaluations/{id}', `/evaluations/${draftId}`, 404);
      await documented('/evaluations/{id}', '/evaluations/not-an-id', 404);
      await documented('/evaluations', '/evaluations?limit=0', 400);
      await documented('/evaluations', '/evaluations?from=tjugo', 400);
    });

    it('averages with n and the published average with its source', async () => {
      const average = await documented<{ n: number; published: Array<{ total: number }> }>(
        '/averages',
        '/averages?edition=kk-2016&from=2010',
      );
      expect(average.n).toBe(1);
      expect(average.published[0]?.total).toBe(476);
      const missing = await documented<{ error: { message: string; fields: unknown[] } }>(
        '/averages',
        '/averages',
        400,
      );
      expect(missing.error.fields).toEqual([{ field: 'edition', message: missing.error.message }]);
      await documented('/averages', '/averages?edition=kk-1999', 404);
      await documented('/averages', '/averages?edition=kk-2010&lan=99', 404);
    });

    it('comparisons, refused across editions at question level', async () => {
      const comparison = await documented<{ areas: unknown[]; sameEdition: boolean }>(
        '/comparisons',
        '/comparisons?municipality=0486&municipality=0139',
      );
      expect(comparison).toMatchObject({ sameEdition: false });
      await documented('/comparisons', `/comparisons?evaluation=${upplandsBro()}&questions=true`);
      const refused = await documented<{ error: { message: string } }>(
        '/comparisons',
        '/comparisons?municipality=0486,0139&questions=true',
        400,
      );
      expect(refused.error.message).toMatch(/^Frågorna kan inte jämföras mellan olika versioner/);
      await documented('/comparisons', '/comparisons?municipality=9999', 404);
      await documented('/comparisons', '/comparisons', 400);
    });

    it('role models of a published evaluation', async () => {
      const result = await documented<{ needs: unknown[] }>(
        '/evaluations/{id}/role-models',
        `/evaluations/${upplandsBro()}/role-models`,
      );
      expect(result.needs.length).toBeGreaterThan(0);
      await documented('/evaluations/{id}/role-models', `/evaluations/${draftId}/role-models`, 404);
    });

    it('search: stemmed, highlighted, drafts hidden, bad queries refused', async () => {
      const result = await documented<{ total: number; hits: Array<{ snippetHtml: string }> }>(
        '/search',
        `/search?q=${encodeURIComponent('medborgardialogen')}&area=1&kind=strength&kind=improvement`,
      );
      expect(result.total).toBeGreaterThan(0);
      const hidden = await documented<{ total: number }>('/search', `/search?q=${HIDDEN_WORD}`);
      expect(hidden.total).toBe(0);
      const empty = await documented<{ error: { code: string; message: string } }>(
        '/search',
        '/search?q=',
        400,
      );
      expect(empty.error).toMatchObject({
        code: 'invalid-input',
        message: 'Skriv ett eller flera ord att söka efter.',
      });
      await documented('/search', `/search?q=${'x'.repeat(2000)}`, 400);
      await documented('/search', '/search?q=a&area=9', 400);
      await documented('/search', '/search?q=a&kind=note', 400);
      await documented('/search', '/search?q=a&municipality=9999', 400);
      // Query syntax that tsquery parsing could choke on is still just a search.
      await documented('/search', `/search?q=${encodeURIComponent('"(& | !) :* \\\'')}`);
    });

    it('CSV of all published scores', async () => {
      const response = await get('/scores.csv');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = response.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'kommunkod,kommun,lanskod,ar,version,versionsnamn,typ,omrade,poang,poang_tryckt,total_tryckt,utvardering_id',
      );
      expect(lines).toHaveLength(1 + 5 * 8);
      expect(
        lines.some(
          (line) =>
            line.startsWith('0181,Södertälje,01,2006,kk-2002,') && line.includes(',2,74.5,'),
        ),
      ).toBe(true);
      expect(response.body).not.toContain(draftId);
    });

    it('unknown API paths are JSON 404s, with CORS open for reading', async () => {
      const response = await get('/nothing-here');
      expect(response.status).toBe(404);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expectDocumented('/search', 404, response.json());
    });
  },
  { shared: true },
);
