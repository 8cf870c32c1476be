import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { assignToEvaluation } from '../../../db/repositories/assignments.ts';
import { listAudit } from '../../../db/repositories/audit.ts';
import { createEvaluation, getEvaluation } from '../../../db/repositories/evaluations.ts';
import { getReportOptions } from '../../../db/repositories/report-options.ts';
import { buildEvaluation, describeDatabases, ensureTestEdition } from '../../../db/testing.ts';
import { buildApp } from '../../app.ts';
import { postForm, signedInAs, type TestSession } from '../../auth/testing.ts';

describeDatabases('report options pages', (getDb) => {
  let app: FastifyInstance;
  let lead: TestSession;
  let outsider: TestSession;
  let municipality: TestSession;
  let publishedId: string;
  let draftId: string;

  beforeEach(async () => {
    const database = getDb();
    const { db } = database;
    await ensureTestEdition(database);
    publishedId = (await createEvaluation(db, buildEvaluation({ status: 'published' }))).id;
    draftId = (await createEvaluation(db, buildEvaluation({ year: 2014 }))).id;
    // Published evaluations to compare with: Kungsbacka 2011 and Upplands-Bro 2012.
    await createEvaluation(
      db,
      buildEvaluation({ municipalityCode: '1384', year: 2011, status: 'published' }),
    );
    await createEvaluation(
      db,
      buildEvaluation({ municipalityCode: '0139', year: 2012, status: 'published' }),
    );
    lead = await signedInAs(db, { role: 'evaluator', displayName: 'Lea Lead' });
    outsider = await signedInAs(db, { role: 'evaluator' });
    municipality = await signedInAs(db, { role: 'municipality', municipalityCode: '0486' });
    for (const evaluationId of [publishedId, draftId]) {
      await assignToEvaluation(db, {
        evaluationId,
        userId: lead.user.id,
        role: 'lead',
        actorUserId: null,
      });
    }
    app = await buildApp({ database });
  });
  afterEach(async () => {
    await app?.close();
  });

  const get = (url: string, session?: TestSession) =>
    app.inject({ url, ...(session ? { cookies: session.cookies } : {}) });
  const version = async (id: string) => (await getEvaluation(getDb().db, id))?.version ?? 0;
  const page = (id: string) => `/utvarderingar/${id}/rapportval`;

  it('shows the team the form: average as radio buttons with n, comparisons from published evaluations', async () => {
    const response = await get(page(publishedId), lead);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const html = response.body;
    expect(html).toContain('<h1>Rapportval: Strängnäs 2012</h1>');
    expect(html).toMatch(
      /<input type="radio" id="medelvarde" name="medelvarde" value="publicerat" checked/,
    );
    expect(html).toContain('name="_csrf"');
    expect(html).toContain('<option value="1384:2011">Kungsbacka 2011</option>');
    expect(html).toContain('<option value="0139:2012">Upplands-Bro 2012</option>');
    // The evaluated municipality is not offered as a comparison.
    expect(html).not.toContain('value="0486:2012"');
    // Three published evaluations of the test edition, all years.
    expect(html).toContain(
      'n = 3 utvärderingar (Kungsbacka 2011, Strängnäs 2012, Upplands-Bro 2012)',
    );
    expect(html).toContain(`href="/utvarderingar/${publishedId}/rapport"`);
  });

  it('saves the choices (303 back to the page), audited, and the report uses them', async () => {
    const saved = await postForm(app, page(publishedId), lead, {
      version: String(await version(publishedId)),
      medelvarde: 'beraknat',
      fran: '2011',
      till: '2011',
      lan: '',
      'jamfor-1': '0139:2012',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${page(publishedId)}?sparat=1`);
    expect(await getReportOptions(getDb().db, publishedId)).toEqual({
      average: { kind: 'computed', yearFrom: 2011, yearTo: 2011 },
      compare: [{ municipalityCode: '0139', year: 2012 }],
    });
    const audit = await listAudit(getDb().db, { evaluationId: publishedId });
    expect(audit.at(-1)?.action).toBe('report.options');
    expect(audit.at(-1)?.actor?.id).toBe(lead.user.id);

    const after = await get(`${page(publishedId)}?sparat=1`, lead);
    expect(after.body).toContain('Rapportvalen är sparade.');
    expect(after.body).toContain('n = 1 utvärdering (Kungsbacka 2011)');

    const report = await get(`/utvarderingar/${publishedId}/rapport`);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('Upplands-Bro 2012');
    expect(report.body).toContain('Medelvärde för 2011 (1 utvärdering)');
    // The query still overrides what is stored.
    const overridden = await get(`/utvarderingar/${publishedId}/rapport?medelvarde=inget`);
    expect(overridden.body).not.toContain('Medelvärde för 2011');
  });

  it('shows a bad year next to its field (400) and changes nothing', async () => {
    const before = await version(publishedId);
    const response = await postForm(app, page(publishedId), lead, {
      version: String(before),
      medelvarde: 'beraknat',
      fran: '20l0',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<a href="#fran">Från och med: skriv ett år med fyra siffror');
    expect(response.body).toMatch(/<p class="field-error" id="fran-fel">/);
    expect(response.body).toContain('value="20l0"');
    expect(response.body).toContain('aria-invalid="true"');
    expect(await version(publishedId)).toBe(before);
    expect(await getReportOptions(getDb().db, publishedId)).toEqual({});
  });

  it('a comparison that is not published is refused next to its select (400)', async () => {
    const response = await postForm(app, page(draftId), lead, {
      version: String(await version(draftId)),
      medelvarde: 'publicerat',
      'jamfor-2': '0180:2011',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(
      '<a href="#jamfor-2">Det finns ingen publicerad utvärdering av Stockholm 2011.',
    );
    expect(await getReportOptions(getDb().db, draftId)).toEqual({});
  });

  it('a form based on an old version is not saved (409) and shows the choices again', async () => {
    const stale = await version(draftId);
    await postForm(app, page(draftId), lead, { version: String(stale), medelvarde: 'inget' });
    const response = await postForm(app, page(draftId), lead, {
      version: String(stale),
      medelvarde: 'beraknat',
      fran: '2010',
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Någon annan ändrade utvärderingen');
    expect(response.body).toContain('value="2010"');
    expect(response.body).toContain(`name="version" value="${String(stale + 1)}"`);
    expect(await getReportOptions(getDb().db, draftId)).toEqual({
      average: { kind: 'none' },
      compare: [],
    });
  });

  it('lets the team preview a draft’s report; the public report of a draft stays 404', async () => {
    const preview = await get(`${page(draftId)}/forhandsvisning`, lead);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Analys av Strängnäs kommun');
    expect(preview.headers['x-robots-tag']).toBe('noindex');
    expect((await get(`/utvarderingar/${draftId}/rapport`)).statusCode).toBe(404);
  });

  it('keeps everyone else out: others 403 or 404, the public to sign in, posts changing nothing', async () => {
    expect((await get(page(publishedId), outsider)).statusCode).toBe(403);
    expect((await get(page(draftId), outsider)).statusCode).toBe(404);
    expect((await get(page(publishedId), municipality)).statusCode).toBe(403);
    expect((await get(`${page(draftId)}/forhandsvisning`, municipality)).statusCode).toBe(404);
    expect((await get(page(publishedId))).statusCode).toBe(303);
    const posted = await postForm(app, page(publishedId), outsider, {
      version: String(await version(publishedId)),
      medelvarde: 'inget',
    });
    expect(posted.statusCode).toBe(403);
    expect(await getReportOptions(getDb().db, publishedId)).toEqual({});
  });
});
