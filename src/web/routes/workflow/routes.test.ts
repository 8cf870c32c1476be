import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { assignToEvaluation } from '../../../db/repositories/assignments.ts';
import { createEvaluation, getEvaluation } from '../../../db/repositories/evaluations.ts';
import { recordAudit } from '../../../db/repositories/audit.ts';
import { buildEvaluation, describeDatabases, ensureTestEdition } from '../../../db/testing.ts';
import { buildApp } from '../../app.ts';
import { postForm, signedInAs, type TestSession } from '../../auth/testing.ts';
import { listCorrections } from '../history/load.ts';

describeDatabases('workflow and history pages', (getDb) => {
  let app: FastifyInstance;
  let lead: TestSession;
  let outsider: TestSession;
  let draftId: string;

  beforeEach(async () => {
    const database = getDb();
    await ensureTestEdition(database);
    const complete = buildEvaluation();
    draftId = (
      await createEvaluation(
        database.db,
        buildEvaluation({
          questions: complete.questions?.filter((q) => q.id !== '2.2'),
          findings: complete.findings?.filter((f) => !(f.area === 4 && f.kind === 'strength')),
        }),
      )
    ).id;
    lead = await signedInAs(database.db, { role: 'evaluator', displayName: 'Lea Lead' });
    outsider = await signedInAs(database.db, { role: 'evaluator' });
    await assignToEvaluation(database.db, {
      evaluationId: draftId,
      userId: lead.user.id,
      role: 'lead',
      actorUserId: null,
    });
    app = await buildApp({ database });
  });
  afterEach(async () => {
    await app?.close();
  });

  const get = (url: string, session?: TestSession) =>
    app.inject({ url, ...(session ? { cookies: session.cookies } : {}) });
  const version = async () => (await getEvaluation(getDb().db, draftId))?.version ?? 0;

  it('lists what blocks publishing, each item linking to where it is fixed', async () => {
    const response = await get(`/utvarderingar/${draftId}/arbetsflode`, lead);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Detta saknas innan utvärderingen kan publiceras:');
    expect(response.body).toContain(
      `<a href="/arbetsyta/${draftId}/omraden/2#q2-2-rubrik">Fråga 2.2 (Fråga 2.2) saknar poäng.</a>`,
    );
    expect(response.body).toContain('Område 4 (Område 4) saknar en styrka.');
    expect(response.body).toContain('Lämna till granskning');
  });

  it('refuses to publish an incomplete evaluation with the list (409), and changes nothing', async () => {
    const submitted = await postForm(app, `/utvarderingar/${draftId}/status`, lead, {
      transition: 'submit',
      version: String(await version()),
    });
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe(`/utvarderingar/${draftId}/arbetsflode?klart=submit`);
    const refused = await postForm(app, `/utvarderingar/${draftId}/status`, lead, {
      transition: 'publish',
      version: String(await version()),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Utvärderingen kan inte publiceras än. Detta saknas:');
    expect(refused.body).toContain('Fråga 2.2 (Fråga 2.2) saknar poäng.');
    expect(await getEvaluation(getDb().db, draftId)).toMatchObject({ status: 'review' });
  });

  it('publishes a complete evaluation through review and shows each step in the history', async () => {
    const db = getDb().db;
    const complete = await createEvaluation(db, buildEvaluation({ year: 2013 }));
    await assignToEvaluation(db, {
      evaluationId: complete.id,
      userId: lead.user.id,
      actorUserId: null,
    });
    const post = async (transition: string) =>
      postForm(app, `/utvarderingar/${complete.id}/status`, lead, {
        transition,
        version: String((await getEvaluation(db, complete.id))?.version ?? 0),
      });
    expect((await post('submit')).statusCode).toBe(303);
    expect((await post('publish')).statusCode).toBe(303);
    expect(await getEvaluation(db, complete.id)).toMatchObject({ status: 'published' });
    expect((await get(`/utvarderingar/${complete.id}`)).statusCode).toBe(200);

    const history = await get(`/utvarderingar/${complete.id}/historik`, lead);
    expect(history.statusCode).toBe(200);
    const rows = [...history.body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
      [...(row[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) =>
        (cell[1] ?? '').replace(/<[^>]+>/g, ''),
      ),
    );
    expect(rows.slice(-2).map((cells) => cells.slice(1))).toEqual([
      ['Lea Lead', 'Lämnades till granskning', 'status', 'utkast', 'granskning', '–', '1'],
      ['Lea Lead', 'Publicerades', 'status', 'granskning', 'publicerad', '–', '1'],
    ]);
  });

  it('starts a correction of a published evaluation, which needs a reason', async () => {
    const db = getDb().db;
    const published = await createEvaluation(
      db,
      buildEvaluation({ year: 2014, status: 'published' }),
    );
    await assignToEvaluation(db, {
      evaluationId: published.id,
      userId: lead.user.id,
      actorUserId: null,
    });
    const page = await get(`/utvarderingar/${published.id}/arbetsflode`, lead);
    expect(page.body).toContain('Påbörja rättelse');
    const noReason = await postForm(app, `/utvarderingar/${published.id}/rattelse`, lead, {
      version: String(published.version),
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#correction-reason"');
    const started = await postForm(app, `/utvarderingar/${published.id}/rattelse`, lead, {
      version: String(published.version),
      reason: 'Fel poäng på fråga 1.1',
    });
    expect(started.statusCode).toBe(303);
    const location = started.headers.location ?? '';
    const correctionId = /\/utvarderingar\/([0-9a-f-]+)\/arbetsflode\?klart=correct$/.exec(
      location,
    )?.[1];
    expect(await getEvaluation(db, correctionId ?? '')).toMatchObject({
      status: 'draft',
      revision: 2,
      supersedesId: published.id,
    });
    const correctionPage = await get(location, lead);
    expect(correctionPage.statusCode).toBe(200);
    expect(correctionPage.body).toContain('En rättelse är påbörjad');
    // The old revision stays public while the correction is a draft; the draft is not public.
    expect((await get(`/utvarderingar/${published.id}`)).statusCode).toBe(200);
    expect((await get(`/utvarderingar/${correctionId ?? ''}`)).statusCode).toBe(404);
    const history = await get(`/utvarderingar/${correctionId ?? ''}/historik`, lead);
    expect(history.body).toContain('Rättelse påbörjades');
    expect(history.body).toContain('Fel poäng på fråga 1.1');
    // Readers of either revision can be told who corrected it, when and why.
    for (const id of [published.id, correctionId ?? '']) {
      expect(await listCorrections(db, id)).toMatchObject([
        { by: 'Lea Lead', reason: 'Fel poäng på fråga 1.1', fromRevision: 1, toRevision: 2 },
      ]);
    }
  });

  it('answers 404 to those who may not read a draft, 403 to readers who may not act', async () => {
    const db = getDb().db;
    const other = await signedInAs(db, { role: 'municipality', municipalityCode: '0180' });
    const own = await signedInAs(db, { role: 'municipality', municipalityCode: '0486' });
    for (const path of ['arbetsflode', 'historik']) {
      expect((await get(`/utvarderingar/${draftId}/${path}`, outsider)).statusCode).toBe(404);
      expect((await get(`/utvarderingar/${draftId}/${path}`, other)).statusCode).toBe(404);
      expect((await get(`/utvarderingar/${draftId}/${path}`, own)).statusCode).toBe(404);
      expect((await get(`/utvarderingar/${draftId}/${path}`)).statusCode).toBe(303);
    }
    const refused = await postForm(app, `/utvarderingar/${draftId}/status`, outsider, {
      transition: 'submit',
      version: String(await version()),
    });
    expect(refused.statusCode).toBe(404);
    const published = await createEvaluation(
      db,
      buildEvaluation({ year: 2015, status: 'published' }),
    );
    expect((await get(`/utvarderingar/${published.id}/historik`, own)).statusCode).toBe(403);
    expect((await get(`/utvarderingar/${published.id}/arbetsflode`, outsider)).statusCode).toBe(
      403,
    );
    expect(await getEvaluation(db, draftId)).toMatchObject({ status: 'draft' });
  });

  it('keeps interview values out of the history for those who may not read interviews', async () => {
    const db = getDb().db;
    await recordAudit(db, {
      actorUserId: lead.user.id,
      action: 'interview.add',
      entityType: 'interview',
      entityId: 'i-1',
      evaluationId: draftId,
      newValue: { heldOn: '2026-02-01', category: 'politician' },
    });
    const admin = await signedInAs(db, { role: 'admin' });
    const shown = await get(`/utvarderingar/${draftId}/historik`, admin);
    expect(shown.body).toContain('politician');
    // The rule in the history loader itself: an entry about interviews loses its values.
    const { loadHistory } = await import('../history/load.ts');
    const withheld = await loadHistory(db, draftId, { mayReadInterviews: false });
    expect(withheld.find((entry) => entry.action === 'interview.add')).toMatchObject({
      withheld: true,
      newValue: null,
    });
  });

  it('refuses a stale form (409) and a forged CSRF token (403)', async () => {
    const stale = await postForm(app, `/utvarderingar/${draftId}/status`, lead, {
      transition: 'submit',
      version: String((await version()) - 1 || 99),
    });
    expect(stale.statusCode).toBe(409);
    const forged = await postForm(app, `/utvarderingar/${draftId}/status`, lead, {
      transition: 'submit',
      version: String(await version()),
      _csrf: 'x'.repeat(64),
    });
    expect(forged.statusCode).toBe(403);
    expect(await getEvaluation(getDb().db, draftId)).toMatchObject({ status: 'draft' });
  });
});
