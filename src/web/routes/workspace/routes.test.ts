import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { and, count, eq } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import type { Database, Db } from '../../../db/client.ts';
import { listAudit } from '../../../db/repositories/audit.ts';
import { getEdition } from '../../../db/repositories/editions.ts';
import { getWorkspaceEvaluation } from '../../../db/repositories/workspace.ts';
import { areaTexts, auditLog, evaluations, findings, questionScores } from '../../../db/schema.ts';
import { describeDatabases, ensureTestEdition } from '../../../db/testing.ts';
import { scoreEvaluation } from '../../../domain/scoring/index.ts';
import { createScoredEvaluation } from '../../../use-cases/testing.ts';
import { buildApp } from '../../app.ts';
import { postForm, signedInAs, type TestSession } from '../../auth/testing.ts';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function appOver(database: Database) {
  const app = await buildApp({ database });
  apps.push(app);
  return app;
}

/** A multipart body as a browser sends it: text fields and at most one file. */
function multipart(
  fields: Record<string, string>,
  file?: { name: string; type: string; data: Buffer },
) {
  const boundary = '----kompassTestBoundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  };
}

const hidden = (html: string, name: string) => {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`no ${name} in the page`);
  return match[1];
};

async function createThroughForm(
  app: FastifyInstance,
  session: TestSession,
  members: string[] = [],
) {
  const response = await app.inject({
    method: 'POST',
    url: '/arbetsyta/ny',
    cookies: session.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([
      ['_csrf', session.csrfToken],
      ['municipalityCode', '0486'],
      ['editionId', 'test-2010'],
      ['year', '2026'],
      ['fieldworkStartsOn', '2026-03-01'],
      ['fieldworkEndsOn', '2026-03-20'],
      ...members.map((id) => ['members', id]),
    ]).toString(),
  });
  expect(response.statusCode, response.body).toBe(303);
  const id = /\/arbetsyta\/([0-9a-f-]{36})$/.exec(String(response.headers.location))?.[1];
  if (!id) throw new Error(`no evaluation id in ${String(response.headers.location)}`);
  return id;
}

const auditCount = async (db: Db, evaluationId: string) => {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(eq(auditLog.evaluationId, evaluationId));
  return row?.n ?? 0;
};

const versionOf = async (db: Db, id: string) => (await getWorkspaceEvaluation(db, id))?.version;

const scorePost = (
  app: FastifyInstance,
  session: TestSession,
  id: string,
  question: string,
  fields: Record<string, string>,
): Promise<LightMyRequestResponse> =>
  postForm(
    app,
    `/arbetsyta/${id}/omraden/${question.split('.')[0] ?? ''}/fragor/${question}`,
    session,
    fields,
  );

describeDatabases('evaluation workspace', (getDb) => {
  it('an evaluator creates a draft, records sources and interviews, scores it; totals match the domain and every change is audited', async () => {
    const database = getDb();
    const { db } = database;
    await ensureTestEdition(database);
    const app = await appOver(database);
    const lead = await signedInAs(db, { role: 'evaluator', displayName: 'Lea Ledare' });
    const colleague = await signedInAs(db, { role: 'evaluator', displayName: 'Kim Kollega' });

    const form = await app.inject({ url: '/arbetsyta/ny', cookies: lead.cookies });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Kim Kollega');
    const id = await createThroughForm(app, lead, [colleague.user.id]);

    const list = await app.inject({ url: '/arbetsyta', cookies: colleague.cookies });
    expect(list.body).toContain(`/arbetsyta/${id}`);

    const overview = await app.inject({ url: `/arbetsyta/${id}`, cookies: lead.cookies });
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Lea Ledare (ansvarig)');
    expect(overview.body).toContain(
      `<a href="/utvarderingar/${id}/arbetsflode">Granskning och publicering</a>`,
    );

    const upload = await app.inject({
      method: 'POST',
      url: `/arbetsyta/${id}/dokument`,
      cookies: lead.cookies,
      ...multipart(
        {
          _csrf: lead.csrfToken,
          title: 'Årsredovisning 2025',
          documentType: 'arsredovisning',
          datedOn: '2026-02-15',
          url: '',
        },
        { name: 'arsredovisning.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4 test') },
      ),
    });
    expect(upload.statusCode, upload.body).toBe(303);
    const website = await postForm(app, `/arbetsyta/${id}/webbplats`, lead, {
      title: 'Kommunens startsida',
      url: 'https://example.se',
      notes: 'Lätt att hitta kontaktuppgifter.',
    });
    expect(website.statusCode, website.body).toBe(303);
    const interview = await postForm(app, `/arbetsyta/${id}/intervjuer`, colleague, {
      heldOn: '2026-03-05',
      category: 'tjansteman',
      name: 'Namn Intervjuad',
      notes: 'Berättade om uppföljningen.',
    });
    expect(interview.statusCode, interview.body).toBe(303);

    const page = await app.inject({ url: `/arbetsyta/${id}`, cookies: lead.cookies });
    expect(page.body).toContain('Årsredovisning 2025');
    expect(page.body).toContain('Namn Intervjuad');
    const fileLink = /href="(\/arbetsyta\/[^"]+\/fil)"/.exec(page.body)?.[1];
    const file = await app.inject({ url: fileLink ?? '', cookies: lead.cookies });
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('%PDF-1.4 test');
    // Served as a download, never rendered by the browser.
    expect(file.headers['content-disposition']).toBe(
      "attachment; filename*=UTF-8''arsredovisning.pdf",
    );
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect(file.headers['x-content-type-options']).toBe('nosniff');

    const area = await app.inject({ url: `/arbetsyta/${id}/omraden/1`, cookies: lead.cookies });
    const sourceIds = [...area.body.matchAll(/name="sources" value="([^"]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    const interviewId = /name="interviews" value="([^"]+)"/.exec(area.body)?.[1] ?? '';
    expect(sourceIds.length).toBeGreaterThanOrEqual(2);

    let version = hidden(area.body, 'version');
    const first = await app.inject({
      method: 'POST',
      url: `/arbetsyta/${id}/omraden/1/fragor/1.1`,
      cookies: lead.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([
        ['_csrf', lead.csrfToken],
        ['version', version],
        ['seen', '0'],
        ['points', '30,5'],
        ['justification', 'Tydliga mål i budgeten.'],
        ['sources', sourceIds[0] ?? ''],
        ['sources', sourceIds[1] ?? ''],
        ['interviews', interviewId],
      ]).toString(),
    });
    expect(first.statusCode, first.body).toBe(303);
    version = String(await versionOf(db, id));
    expect(
      (
        await scorePost(app, lead, id, '1.2', {
          version,
          points: '20',
          justification: 'Följs upp.',
        })
      ).statusCode,
    ).toBe(303);
    version = String(await versionOf(db, id));
    expect(
      (
        await scorePost(app, colleague, id, '2.1', {
          version,
          points: '59.5',
          justification: 'Nästan fullt.',
        })
      ).statusCode,
    ).toBe(303);

    const edition = await getEdition(db, 'test-2010');
    const expected = scoreEvaluation(edition!.definition, {
      questions: { '1.1': 30.5, '1.2': 20, '2.1': 59.5 },
    });
    if (!expected.ok) throw new Error('the expected score does not score');
    expect(expected.score.total.scoredPoints).toBe(110);
    const scored = await app.inject({ url: `/arbetsyta/${id}/omraden/1`, cookies: lead.cookies });
    expect(scored.body).toContain('data-area-points="1">50,5</strong>');
    expect(scored.body).toContain('data-total-points="true">110<');
    expect(scored.body).toContain('50,5\u00a0%');
    expect(scored.body).toContain('<script src="/static/workspace.js" defer>');
    const script = await app.inject({ url: '/static/workspace.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
    const totals = await app.inject({ url: `/arbetsyta/${id}`, cookies: lead.cookies });
    expect(totals.body).toContain('data-area-points="2">59,5<');
    expect(totals.body).toContain('13,8\u00a0%'); // 110 / 800

    version = String(await versionOf(db, id));
    const writeUp = await postForm(app, `/arbetsyta/${id}/omraden/1/text`, lead, {
      version,
      seen: '0',
      rows: '3',
      'text-0': 'Ledningen arbetar med tydliga mål.',
      'f0-kind': 'improvement',
      'f0-text': 'Följ upp målen oftare',
      'f0-order': '2',
      'f1-kind': 'strength',
      'f1-text': 'Tydlig målstyrning',
      'f1-order': '1',
      'f2-kind': 'good-example',
      'f2-text': 'Medborgarpanel',
      'f2-kommun': '0180',
      'f2-order': '3',
    });
    expect(writeUp.statusCode, writeUp.body).toBe(303);
    const saved = await db
      .select({ kind: findings.kind, text: findings.text, ref: findings.referenceMunicipalityCode })
      .from(findings)
      .where(eq(findings.evaluationId, id))
      .orderBy(findings.position);
    expect(saved).toEqual([
      { kind: 'strength', text: 'Tydlig målstyrning', ref: null },
      { kind: 'improvement', text: 'Följ upp målen oftare', ref: null },
      { kind: 'good-example', text: 'Medborgarpanel', ref: '0180' },
    ]);

    const actions = (await listAudit(db, { evaluationId: id })).map(
      (entry) => `${entry.action}${entry.field ? `:${entry.field}` : ''}`,
    );
    expect(actions).toEqual([
      'evaluation.create',
      'team.add:role',
      'team.add:role',
      'source.add',
      'website-review.add',
      'interview.add',
      'score.update:points',
      'score.update:justification',
      'evidence.update:evidence',
      'score.update:points',
      'score.update:justification',
      'score.update:points',
      'score.update:justification',
      'text.update:texts.Beskrivning',
      'findings.update:findings',
    ]);
    const interviewEntry = (await listAudit(db, { evaluationId: id })).find(
      (entry) => entry.action === 'interview.add',
    );
    expect(JSON.stringify(interviewEntry?.newValue)).not.toContain('Namn Intervjuad');
  });

  it('refuses bad input with the reason next to the field and changes nothing', async () => {
    const database = getDb();
    const { db } = database;
    await ensureTestEdition(database);
    const app = await appOver(database);
    const lead = await signedInAs(db, { role: 'evaluator' });

    const unknown = await postForm(app, '/arbetsyta/ny', lead, {
      municipalityCode: '9999',
      editionId: 'test-2010',
      year: '2026',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Kommunkoden 9999 finns inte i kommunregistret');
    expect(unknown.body).toContain('href="#municipalityCode"');
    const [none] = await db
      .select({ n: count() })
      .from(evaluations)
      .where(eq(evaluations.source, 'workspace'));
    expect(none?.n).toBe(0);

    const id = await createThroughForm(app, lead);
    const before = { version: await versionOf(db, id), audit: await auditCount(db, id) };
    const version = String(before.version);

    const tooMany = await scorePost(app, lead, id, '1.1', {
      version,
      points: '61',
      justification: 'x',
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('Poängen 61 ligger utanför 0–60');
    expect(tooMany.body).toContain('href="#q1-1-points"');
    const offGrid = await scorePost(app, lead, id, '1.1', {
      version,
      points: '7,3',
      justification: 'x',
    });
    expect(offGrid.statusCode).toBe(400);
    expect(offGrid.body).toContain('steg om 0,5');
    const notNumber = await scorePost(app, lead, id, '1.1', {
      version,
      points: 'sju',
      justification: 'x',
    });
    expect(notNumber.statusCode).toBe(400);
    expect(notNumber.body).toContain('är inte ett tal');
    const unjustified = await scorePost(app, lead, id, '1.1', {
      version,
      points: '7,5',
      justification: '  ',
    });
    expect(unjustified.statusCode).toBe(400);
    expect(unjustified.body).toContain('Skriv en motivering');
    expect(unjustified.body).toContain('value="7,5"'); // the input is kept

    const badReference = await postForm(app, `/arbetsyta/${id}/omraden/1/text`, lead, {
      version,
      rows: '1',
      'f0-kind': 'good-example',
      'f0-text': 'Gott exempel',
      'f0-kommun': '9999',
    });
    expect(badReference.statusCode).toBe(400);
    expect(badReference.body).toContain('Kommunen finns inte i kommunregistret');

    const oversized = await app.inject({
      method: 'POST',
      url: `/arbetsyta/${id}/dokument`,
      cookies: lead.cookies,
      ...multipart(
        { _csrf: lead.csrfToken, title: 'Stor fil', documentType: 'policy' },
        { name: 'stor.pdf', type: 'application/pdf', data: Buffer.alloc(10 * 1024 * 1024 + 1, 1) },
      ),
    });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.body).toContain('Filen är för stor (max 10 MB)');

    const forged = await scorePost(app, lead, id, '1.1', {
      _csrf: 'x'.repeat(43),
      version,
      points: '7,5',
      justification: 'Förfalskad',
    });
    expect(forged.statusCode).toBe(403);
    const forgedUpload = await app.inject({
      method: 'POST',
      url: `/arbetsyta/${id}/dokument`,
      cookies: lead.cookies,
      ...multipart({
        _csrf: 'fel',
        title: 'Förfalskad',
        documentType: 'policy',
        url: 'https://example.se',
      }),
    });
    expect(forgedUpload.statusCode).toBe(403);

    expect(await versionOf(db, id)).toBe(before.version);
    expect(await auditCount(db, id)).toBe(before.audit);
    expect(
      await db.select().from(questionScores).where(eq(questionScores.evaluationId, id)),
    ).toEqual([]);
    expect(await db.select().from(findings).where(eq(findings.evaluationId, id))).toEqual([]);
  });

  it('keeps the workspace and the interviews from municipality users and evaluators off the team', async () => {
    const database = getDb();
    const { db } = database;
    const admin = await signedInAs(db, { role: 'admin' });
    const scored = await createScoredEvaluation(db);
    const app = await appOver(database);
    const id = scored.evaluationId;
    const outsider = await signedInAs(db, { role: 'evaluator' });
    const kommun = await signedInAs(db, { role: 'municipality', municipalityCode: '0486' });
    const pages = [
      `/arbetsyta/${id}`,
      `/arbetsyta/${id}/omraden/1`,
      `/arbetsyta/${id}/kallor/${scored.sourceId}/fil`,
    ];
    for (const url of pages) {
      const off = await app.inject({ url, cookies: outsider.cookies });
      expect(off.statusCode, url).toBe(404);
      expect(off.body).not.toContain('Testperson Intervjuad');
      const municipal = await app.inject({ url, cookies: kommun.cookies });
      expect(municipal.statusCode, url).toBe(403);
      expect(municipal.body).not.toContain('Testperson Intervjuad');
      const anonymous = await app.inject({ url });
      expect(anonymous.statusCode, url).toBe(303);
    }
    expect((await app.inject({ url: '/arbetsyta', cookies: kommun.cookies })).statusCode).toBe(403);
    const offList = await app.inject({ url: '/arbetsyta', cookies: outsider.cookies });
    expect(offList.body).not.toContain(id);
    const audit = await auditCount(db, id);
    const write = await postForm(app, `/arbetsyta/${id}/intervjuer`, outsider, {
      heldOn: '2026-03-01',
      category: 'ovrig',
      notes: 'x',
    });
    expect(write.statusCode).toBe(404);
    const share = await postForm(app, `/arbetsyta/${id}/delning`, kommun, {
      version: String(scored.version),
      shared: 'ja',
    });
    expect(share.statusCode).toBe(403);
    expect(await auditCount(db, id)).toBe(audit);

    const adminPage = await app.inject({ url: `/arbetsyta/${id}`, cookies: admin.cookies });
    expect(adminPage.statusCode).toBe(200);
    expect(adminPage.body).toContain('Testperson Intervjuad');
    const shared = await postForm(app, `/arbetsyta/${id}/delning`, admin, {
      version: String(scored.version),
      shared: 'ja',
    });
    expect(shared.statusCode).toBe(303);
    expect((await getWorkspaceEvaluation(db, id))?.sharedWithMunicipality).toBe(true);
    // Shared for reading, still not for the workspace or the interviews.
    const afterSharing = await app.inject({ url: `/arbetsyta/${id}`, cookies: kommun.cookies });
    expect(afterSharing.statusCode).toBe(403);
    expect(afterSharing.body).not.toContain('Testperson Intervjuad');
  });

  it('two evaluators saving the same version: exactly one wins, the other sees the winner’s change and keeps their input', async () => {
    const database = getDb();
    const { db } = database;
    const anna = await signedInAs(db, { role: 'evaluator', displayName: 'Anna Andersson' });
    const bo = await signedInAs(db, { role: 'evaluator', displayName: 'Bo Berg' });
    const scored = await createScoredEvaluation(db, {
      leadUserId: anna.user.id,
      memberIds: [bo.user.id],
    });
    const id = scored.evaluationId;
    const app = await appOver(database);
    const pageA = await app.inject({ url: `/arbetsyta/${id}/omraden/3`, cookies: anna.cookies });
    const pageB = await app.inject({ url: `/arbetsyta/${id}/omraden/3`, cookies: bo.cookies });
    const based = { version: hidden(pageA.body, 'version'), seen: hidden(pageA.body, 'seen') };
    expect(hidden(pageB.body, 'version')).toBe(based.version);

    const [a, b] = await Promise.all([
      scorePost(app, anna, id, '3.1', { ...based, points: '10', justification: 'Annas bedömning' }),
      scorePost(app, bo, id, '3.1', { ...based, points: '45,5', justification: 'Bos bedömning' }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([303, 409]);
    const [winner, loser] = a.statusCode === 303 ? [anna, bo] : [bo, anna];
    const lost = a.statusCode === 409 ? a : b;
    const winnerPoints = winner === anna ? '10' : '45,5';
    const loserText = loser === anna ? 'Annas bedömning' : 'Bos bedömning';

    expect(lost.body).toContain('Någon annan har ändrat utvärderingen samtidigt');
    expect(lost.body).toContain(winner.user.displayName);
    expect(lost.body).toContain('Fråga 3.1: poäng');
    expect(lost.body).toContain(`<td>${winnerPoints}</td>`);
    expect(lost.body).toContain(loserText); // the loser's input is still in the form

    const [row] = await db
      .select({ points: questionScores.points, justification: questionScores.justification })
      .from(questionScores)
      .where(eq(questionScores.questionId, '3.1'));
    expect(row).toEqual({
      points: winner === anna ? 10 : 45.5,
      justification: winner === anna ? 'Annas bedömning' : 'Bos bedömning',
    });
    const pointsEntries = (await listAudit(db, { evaluationId: id })).filter(
      (entry) => entry.entityId === `${id}/3.1` && entry.field === 'points',
    );
    expect(pointsEntries.map((e) => e.actor?.id)).toEqual([anna.user.id, winner.user.id]);
    expect(await versionOf(db, id)).toBe(Number(based.version) + 1);

    // The loser saves again from the conflict page, now knowingly over the winner's value.
    const retry = await scorePost(app, loser, id, '3.1', {
      version: hidden(lost.body, 'version'),
      seen: hidden(lost.body, 'seen'),
      points: '20',
      justification: loserText,
    });
    expect(retry.statusCode).toBe(303);
  });

  it('a stale area write-up is refused with the other person’s text shown and the user’s text kept', async () => {
    const database = getDb();
    const { db } = database;
    const anna = await signedInAs(db, { role: 'evaluator', displayName: 'Anna Andersson' });
    const bo = await signedInAs(db, { role: 'evaluator', displayName: 'Bo Berg' });
    const scored = await createScoredEvaluation(db, {
      leadUserId: anna.user.id,
      memberIds: [bo.user.id],
    });
    const id = scored.evaluationId;
    const app = await appOver(database);
    const page = await app.inject({ url: `/arbetsyta/${id}/omraden/5`, cookies: bo.cookies });
    const based = { version: hidden(page.body, 'version'), seen: hidden(page.body, 'seen') };

    const annas = await postForm(app, `/arbetsyta/${id}/omraden/5/text`, anna, {
      ...based,
      rows: '1',
      'text-0': 'Annas nya text om området.',
      'f0-kind': 'strength',
      'f0-text': 'Annas styrka',
    });
    expect(annas.statusCode).toBe(303);
    const bos = await postForm(app, `/arbetsyta/${id}/omraden/5/text`, bo, {
      ...based,
      rows: '1',
      'text-0': 'Bos egen text som inte får gå förlorad.',
      'f0-kind': 'improvement',
      'f0-text': 'Bos förbättringsområde',
    });
    expect(bos.statusCode).toBe(409);
    expect(bos.body).toContain('Någon annan har ändrat utvärderingen samtidigt');
    expect(bos.body).toContain('Anna Andersson');
    expect(bos.body).toContain('Område 5 (Område 5): text under ”Beskrivning”');
    expect(bos.body).toContain('Annas nya text om området.');
    expect(bos.body).toContain('Bos egen text som inte får gå förlorad.');
    expect(bos.body).toContain('Bos förbättringsområde');
    const [text] = await db
      .select({ body: areaTexts.body })
      .from(areaTexts)
      .where(and(eq(areaTexts.evaluationId, id), eq(areaTexts.areaNumber, 5)));
    expect(text?.body).toBe('Annas nya text om området.');

    const staleShare = await postForm(app, `/arbetsyta/${id}/delning`, bo, {
      ...based,
      shared: 'ja',
    });
    expect(staleShare.statusCode).toBe(409);
    expect(staleShare.body).toContain('Anna Andersson');
    expect((await getWorkspaceEvaluation(db, id))?.sharedWithMunicipality).toBe(false);
  });

  it('a published evaluation is frozen: its workspace says so and refuses every form', async () => {
    const database = getDb();
    const { db } = database;
    const lead = await signedInAs(db, { role: 'evaluator' });
    const scored = await createScoredEvaluation(db, { leadUserId: lead.user.id });
    const id = scored.evaluationId;
    await db
      .update(evaluations)
      .set({ status: 'published', publishedAt: new Date() })
      .where(eq(evaluations.id, id));
    const app = await appOver(database);
    const page = await app.inject({ url: `/arbetsyta/${id}/omraden/1`, cookies: lead.cookies });
    expect(page.body).toContain('Utvärderingen är publicerad och därför låst');
    const audit = await auditCount(db, id);
    const refused = await scorePost(app, lead, id, '1.1', {
      version: String(scored.version),
      points: '1',
      justification: 'Efter publicering',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('En rättelse görs som en ny revision');
    const interview = await postForm(app, `/arbetsyta/${id}/intervjuer`, lead, {
      heldOn: '2026-04-01',
      category: 'ovrig',
    });
    expect(interview.statusCode).toBe(409);
    expect(await auditCount(db, id)).toBe(audit);
  });

  it('removing an interview erases its name and notes and its evidence links; the audit keeps neither', async () => {
    const database = getDb();
    const { db } = database;
    const lead = await signedInAs(db, { role: 'evaluator' });
    const scored = await createScoredEvaluation(db, { leadUserId: lead.user.id });
    const id = scored.evaluationId;
    const app = await appOver(database);
    const stale = await postForm(
      app,
      `/arbetsyta/${id}/intervjuer/${scored.interviewId}/ta-bort`,
      lead,
      {
        version: String(scored.version - 1),
      },
    );
    expect(stale.statusCode).toBe(409);
    const removed = await postForm(
      app,
      `/arbetsyta/${id}/intervjuer/${scored.interviewId}/ta-bort`,
      lead,
      {
        version: String(scored.version),
      },
    );
    expect(removed.statusCode).toBe(303);
    const page = await app.inject({ url: `/arbetsyta/${id}`, cookies: lead.cookies });
    expect(page.body).not.toContain('Testperson Intervjuad');
    const removeSourceResponse = await postForm(
      app,
      `/arbetsyta/${id}/kallor/${scored.sourceId}/ta-bort`,
      lead,
      {
        version: String(scored.version + 1),
      },
    );
    expect(removeSourceResponse.statusCode).toBe(303);
    const audit = await listAudit(db, { evaluationId: id });
    expect(audit.map((entry) => entry.action).slice(-2)).toEqual([
      'interview.remove',
      'source.remove',
    ]);
    expect(JSON.stringify(audit)).not.toContain('Testperson Intervjuad');
    const area = await app.inject({ url: `/arbetsyta/${id}/omraden/1`, cookies: lead.cookies });
    expect(area.body).not.toContain('name="interviews"');
    expect(area.body).not.toContain('name="sources"');
  });

  it('the team adds a colleague, who may then work on it, and takes them off again; the lead stays', async () => {
    const database = getDb();
    const { db } = database;
    const lead = await signedInAs(db, { role: 'evaluator' });
    const colleague = await signedInAs(db, { role: 'evaluator', displayName: 'Cilla Kollega' });
    const scored = await createScoredEvaluation(db, { leadUserId: lead.user.id });
    const id = scored.evaluationId;
    const app = await appOver(database);
    expect(
      (await app.inject({ url: `/arbetsyta/${id}`, cookies: colleague.cookies })).statusCode,
    ).toBe(404);
    const added = await postForm(app, `/arbetsyta/${id}/team`, lead, {
      version: String(scored.version),
      member: colleague.user.id,
    });
    expect(added.statusCode).toBe(303);
    expect(
      (await app.inject({ url: `/arbetsyta/${id}`, cookies: colleague.cookies })).statusCode,
    ).toBe(200);
    const leadOff = await postForm(app, `/arbetsyta/${id}/team`, colleague, {
      version: String(scored.version + 1),
      remove: lead.user.id,
    });
    expect(leadOff.statusCode).toBe(400);
    expect(leadOff.body).toContain('Den ansvariga utvärderaren kan inte tas bort');
    const removed = await postForm(app, `/arbetsyta/${id}/team`, lead, {
      version: String(scored.version + 1),
      remove: colleague.user.id,
    });
    expect(removed.statusCode).toBe(303);
    expect(
      (await app.inject({ url: `/arbetsyta/${id}`, cookies: colleague.cookies })).statusCode,
    ).toBe(404);
    const actions = (await listAudit(db, { evaluationId: id })).map((entry) => entry.action);
    expect(actions.slice(-2)).toEqual(['team.add', 'team.remove']);
  });
});
