/**
 * The gap, plan, follow-up and värdegrund pages in-process on both databases, with real data:
 * Södertälje's 2009 application and 2006 analysis (imported) and the demo data's Strängnäs 2016.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { listActions } from '../../../db/repositories/actions.ts';
import { listAudit } from '../../../db/repositories/audit.ts';
import { listEvaluations } from '../../../db/repositories/evaluations.ts';
import { listSources } from '../../../db/repositories/sources.ts';
import { listValues } from '../../../db/repositories/values.ts';
import { describeDatabases } from '../../../db/testing.ts';
import { importSeeds } from '../../../use-cases/gap/testing.ts';
import { loadDemoData } from '../../../use-cases/load-demo-data.ts';
import { loadPlan } from '../../../use-cases/plans/load-plan.ts';
import { createScoredEvaluation } from '../../../use-cases/testing.ts';
import { buildApp } from '../../app.ts';
import { postForm, signedInAs, type TestSession } from '../../auth/testing.ts';

const action = {
  title: 'Sammanställ dialogernas resultat',
  description: '',
  owner: 'Kommunledningskontoret',
  startsOn: '2026-02-01',
  dueOn: '2026-05-31',
  status: 'planned',
};

describeDatabases('gap, plan and värdegrund pages', (getDb) => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await buildApp({ database: getDb() });
  });
  afterEach(async () => {
    await app.close();
  });

  const get = (url: string, session?: TestSession) =>
    app.inject({ url, cookies: session?.cookies ?? {} });

  async function strangnas2016() {
    await loadDemoData(getDb().db);
    const [evaluation] = await listEvaluations(getDb().db, {
      municipalityCode: '0486',
      editionId: 'kk-2016',
      status: 'published',
    });
    const plan = evaluation ? await loadPlan(getDb().db, evaluation.id) : undefined;
    const finding = plan?.areas[0]?.improvements[0]?.finding;
    if (!evaluation || !finding) throw new Error('no Strängnäs 2016 in the demo data');
    return { id: evaluation.id, finding };
  }

  it('shows Södertälje its gap per area, evaluators too; another kommun 403, the public to sign in', async () => {
    const { db } = getDb();
    await importSeeds(db);
    const own = await signedInAs(db, { role: 'municipality', municipalityCode: '0181' });
    const page = await get('/kommuner/0181/gapanalys', own);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Gapanalys: Södertälje');
    expect(page.body).toContain('Utvärderarnas poäng (%)');
    expect(page.body).toContain('74,5');
    expect(page.body).toContain('fråga 9 (två rutor ikryssade, behöver lösas)');
    expect(page.body).toMatch(/Kommunen skattar sig [\d,]+ poäng (högre|lägre) än utvärderarna/);
    const evaluator = await signedInAs(db, { role: 'evaluator' });
    expect((await get('/kommuner/0181/gapanalys', evaluator)).statusCode).toBe(200);
    const other = await signedInAs(db, { role: 'municipality', municipalityCode: '0486' });
    expect((await get('/kommuner/0181/gapanalys', other)).statusCode).toBe(403);
    expect((await get('/kommuner/0181/gapanalys')).statusCode).toBe(303);
    const missing = await get('/kommuner/0486/gapanalys', other);
    expect(missing.body).toContain('Strängnäs har ingen inlämnad självvärdering ännu');
  });

  it('a kommun user creates an action from an improvement area, sees refusals next to the fields, completes it and adds a note', async () => {
    const { db } = getDb();
    const { id, finding } = await strangnas2016();
    const user = await signedInAs(db, { role: 'municipality', municipalityCode: '0486' });
    const plan = await get(`/utvarderingar/${id}/atgardsplan`, user);
    expect(plan.statusCode).toBe(200);
    expect(plan.body).toContain(finding.text);

    const refused = await postForm(app, `/utvarderingar/${id}/atgardsplan`, user, {
      ...action,
      findingId: finding.id,
      title: '',
      dueOn: '2026-01-01',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Skriv vad åtgärden är (en kort rubrik).');
    expect(refused.body).toContain('Slutdatumet ligger före startdatumet (2026-02-01).');
    expect(refused.body).toContain('aria-invalid="true"');
    expect(await listActions(db)).toEqual([]);

    const created = await postForm(app, `/utvarderingar/${id}/atgardsplan`, user, {
      ...action,
      findingId: finding.id,
    });
    expect(created.statusCode).toBe(303);
    const actionUrl = created.headers.location as string;
    const [stored] = await listActions(db);
    expect(stored).toMatchObject({ title: action.title, areaNumber: 1, createdBy: user.user.id });

    const done = await postForm(app, actionUrl, user, { ...action, status: 'done', version: '1' });
    expect(done.statusCode).toBe(303);
    const stale = await postForm(app, actionUrl, user, {
      ...action,
      status: 'dropped',
      version: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Någon annan har ändrat åtgärden');
    const note = await postForm(app, `${actionUrl}/anteckningar`, user, {
      notedOn: '2026-05-20',
      body: 'Redovisat för kommunstyrelsen.',
    });
    expect(note.statusCode).toBe(303);
    const page = await get(actionUrl, user);
    expect(page.body).toContain('Klar');
    expect(page.body).toContain('Redovisat för kommunstyrelsen.');
    expect((await listActions(db))[0]?.status).toBe('done');
    const audit = await listAudit(db, { entityType: 'action' });
    expect(audit.map((e) => [e.action, e.actor?.id])).toEqual([
      ['action.create', user.user.id],
      ['action.status', user.user.id],
      ['action.note', user.user.id],
    ]);

    const csv = await get(`/utvarderingar/${id}/atgardsplan.csv`, user);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain(
      `${action.title};;Kommunledningskontoret;2026-02-01;2026-05-31;Klar`,
    );
  });

  it('evaluators read plans but cannot write; another kommun gets 403, the public is sent to sign in', async () => {
    const { db } = getDb();
    const { id, finding } = await strangnas2016();
    const evaluator = await signedInAs(db, { role: 'evaluator' });
    const page = await get(`/utvarderingar/${id}/atgardsplan`, evaluator);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Lägg till åtgärden');
    const post = await postForm(app, `/utvarderingar/${id}/atgardsplan`, evaluator, {
      ...action,
      findingId: finding.id,
    });
    expect(post.statusCode).toBe(403);
    const other = await signedInAs(db, { role: 'municipality', municipalityCode: '0181' });
    expect((await get(`/utvarderingar/${id}/atgardsplan`, other)).statusCode).toBe(403);
    expect((await get(`/utvarderingar/${id}/atgardsplan`)).statusCode).toBe(303);
    expect(await listActions(db)).toEqual([]);
  });

  it('the follow-up shows the change per area to everyone and the actions only to plan readers; overdue lists late actions', async () => {
    const { db } = getDb();
    const { id, finding } = await strangnas2016();
    const user = await signedInAs(db, { role: 'municipality', municipalityCode: '0486' });
    await postForm(app, `/utvarderingar/${id}/atgardsplan`, user, {
      ...action,
      dueOn: '2020-12-31',
      startsOn: '2020-01-01',
      findingId: finding.id,
    });
    const publicPage = await get(`/utvarderingar/${id}/uppfoljning`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('Förändringen per område sedan utvärderingen 2014');
    expect(publicPage.body).toContain('+9');
    expect(publicPage.body).not.toContain(action.title);
    const overdue = await get('/atgarder/forsenade', user);
    expect(overdue.body).toContain(action.title);
    expect(overdue.body).toContain('2020-12-31');
    const elsewhere = await signedInAs(db, { role: 'municipality', municipalityCode: '0181' });
    expect((await get('/atgarder/forsenade', elsewhere)).body).not.toContain(action.title);
  });

  it('Södertälje edits its värdegrund (audited), the public sees it, and the team adds it as a source', async () => {
    const { db } = getDb();
    const own = await signedInAs(db, { role: 'municipality', municipalityCode: '0181' });
    const refused = await postForm(app, '/kommuner/0181/vardegrund', own, {
      name: '',
      documentUrl: 'example.se',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Skriv värdets namn');
    expect(refused.body).toContain('Skriv en webbadress som börjar med https://');
    const saved = await postForm(app, '/kommuner/0181/vardegrund', own, {
      name: 'Medborgaren först',
      meaning: 'Invånarnas behov går före.',
      office: 'Utbildningskontoret',
      officeMeaning: 'Eleverna är i centrum.',
      documentUrl: 'https://www.sodertalje.se/vardegrund.pdf',
      adoptedYear: '2008',
    });
    expect(saved.statusCode).toBe(303);
    const publicPage = await get('/kommuner/0181');
    expect(publicPage.body).toContain('Medborgaren först');
    expect(publicPage.body).toContain('Antagen 2008.');
    expect(publicPage.body).not.toContain('Redigera värdegrunden');
    expect((await get('/kommuner/0181', own)).body).toContain('Redigera värdegrunden');
    const evaluator = await signedInAs(db, { role: 'evaluator' });
    expect(
      (await postForm(app, '/kommuner/0181/vardegrund', evaluator, { name: 'X' })).statusCode,
    ).toBe(403);
    expect(
      (await listAudit(db, { entityType: 'municipality_value' })).map((e) => e.action),
    ).toEqual(['values.add']);

    const scored = await createScoredEvaluation(db, {
      municipalityCode: '0181',
      leadUserId: evaluator.user.id,
    });
    const added = await postForm(app, `/arbetsyta/${scored.evaluationId}/vardegrund`, evaluator);
    expect(added.statusCode).toBe(303);
    const sources = await listSources(db, scored.evaluationId);
    expect(sources.find((s) => s.documentType === 'vardegrund')).toMatchObject({
      title: 'Värdegrund, Södertälje (antagen 2008)',
      url: 'https://www.sodertalje.se/vardegrund.pdf',
    });
    const [value] = await listValues(db, '0181');
    const removed = await postForm(
      app,
      `/kommuner/0181/vardegrund/${value?.id ?? ''}/ta-bort`,
      own,
    );
    expect(removed.statusCode).toBe(303);
    expect(await listValues(db, '0181')).toEqual([]);
  });

  it('an admin replaces a gap mapping on the admin page (audited, version 2); a broken file is refused and others get 403', async () => {
    const { db } = getDb();
    const adminUser = await signedInAs(db, { role: 'admin' });
    const page = await get('/admin/gapmappningar', adminUser);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('kvalitetskommun-2009 → kk-2016');
    const mapping = {
      schemaVersion: 1,
      selfAssessmentEdition: 'kvalitetskommun-2009',
      edition: 'kk-2016',
      description: 'Test',
      areas: [1, 2, 3, 4, 5, 6, 7, 8].map((area) => ({ area, questions: [String(area)] })),
    };
    const refused = await postForm(app, '/admin/gapmappningar', adminUser, {
      mapping: JSON.stringify({ ...mapping, areas: mapping.areas.slice(1) }),
      reason: 'Test',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Kopplingen sparades inte. Rätta filen:');
    expect(refused.body).toContain('area 1 (Offentlighet och demokrati) has no questions');
    const saved = await postForm(app, '/admin/gapmappningar', adminUser, {
      mapping: JSON.stringify(mapping),
      reason: 'En fråga per område',
    });
    expect(saved.statusCode).toBe(303);
    expect((await get(saved.headers.location as string, adminUser)).body).toContain(
      'Sparat: kvalitetskommun-2009/kk-2016, version 2.',
    );
    const audit = await listAudit(db, { entityType: 'gap_mapping' });
    expect(audit.map((e) => [e.action, e.reason, e.actor?.id])).toEqual([
      ['gap-mapping.replace', 'En fråga per område', adminUser.user.id],
    ]);
    const evaluator = await signedInAs(db, { role: 'evaluator' });
    expect((await get('/admin/gapmappningar', evaluator)).statusCode).toBe(403);
  });
});
