import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { listAudit } from '../../../db/repositories/audit.ts';
import { getInterview, getSource, getSourceFile } from '../../../db/repositories/sources.ts';
import { getWorkspaceEvaluation } from '../../../db/repositories/workspace.ts';
import { describeDatabases } from '../../../db/testing.ts';
import { recordDocument } from '../../../use-cases/record-document.ts';
import { createScoredEvaluation } from '../../../use-cases/testing.ts';
import { buildApp } from '../../app.ts';
import { postForm, signedInAs } from '../../auth/testing.ts';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** A multipart body as a browser sends it, without a file chosen. */
function multipart(fields: Record<string, string>) {
  const boundary = '----kompassEditBoundary';
  const parts = Object.entries(fields).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`,
  );
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`),
  };
}

const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

async function setUp(database: Database) {
  const { db } = database;
  const app = await buildApp({ database });
  apps.push(app);
  const lead = await signedInAs(db, { role: 'evaluator', displayName: 'Lea Ledare' });
  const scored = await createScoredEvaluation(db, { leadUserId: lead.user.id });
  return { app, db, lead, scored };
}

describeDatabases('editing sources and interviews in the workspace', (getDb) => {
  it('edits a document on its own page, keeping the uploaded file; bad input and a stale form change nothing', async () => {
    const { app, db, lead, scored } = await setUp(getDb());
    const document = await recordDocument(db, {
      actorUserId: lead.user.id,
      evaluationId: scored.evaluationId,
      kind: 'document',
      title: 'Värdegrund',
      documentType: 'vardegrund',
      datedOn: null,
      url: null,
      notes: null,
      file: { name: 'vardegrund.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1 v') },
    });
    const url = `/arbetsyta/${scored.evaluationId}/kallor/${document.id}/andra`;

    const overview = await app.inject({
      url: `/arbetsyta/${scored.evaluationId}`,
      cookies: lead.cookies,
    });
    expect(overview.body).toContain(`href="${url}"`);
    const form = await app.inject({ url, cookies: lead.cookies });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<h1>Ändra dokumentet Värdegrund</h1>');
    expect(form.body).toContain('Nu: vardegrund.pdf. Lämna tomt för att behålla den.');
    const version = hidden(form.body, 'version');
    const seen = hidden(form.body, 'seen');

    const empty = await app.inject({
      method: 'POST',
      url,
      cookies: lead.cookies,
      ...multipart({
        _csrf: lead.csrfToken,
        version,
        seen,
        title: ' ',
        documentType: 'vardegrund',
      }),
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="title-fel"');
    expect(empty.body).toContain('Skriv dokumentets titel.');

    const saved = await app.inject({
      method: 'POST',
      url,
      cookies: lead.cookies,
      ...multipart({
        _csrf: lead.csrfToken,
        version,
        seen,
        title: 'Värdegrund 2024',
        documentType: 'vardegrund',
        datedOn: '2024-06-01',
        url: '',
        notes: 'Antagen av fullmäktige.',
      }),
    });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(saved.headers.location).toBe(`/arbetsyta/${scored.evaluationId}#kallor`);
    expect(await getSource(db, scored.evaluationId, document.id)).toMatchObject({
      title: 'Värdegrund 2024',
      datedOn: '2024-06-01',
      notes: 'Antagen av fullmäktige.',
      fileName: 'vardegrund.pdf',
    });
    expect((await getSourceFile(db, scored.evaluationId, document.id))?.data.toString()).toBe(
      '%PDF-1 v',
    );

    // The same (now stale) form again: 409, the change shown, the user's input kept.
    const stale = await app.inject({
      method: 'POST',
      url,
      cookies: lead.cookies,
      ...multipart({
        _csrf: lead.csrfToken,
        version,
        seen,
        title: 'Min egen titel',
        documentType: 'policy',
      }),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Någon annan har ändrat utvärderingen samtidigt');
    expect(stale.body).toContain('Ändrat dokument');
    expect(stale.body).toContain('value="Min egen titel"');
    expect((await getSource(db, scored.evaluationId, document.id))?.title).toBe('Värdegrund 2024');
  });

  it('edits website review notes; empty notes are refused next to the field', async () => {
    const { app, db, lead, scored } = await setUp(getDb());
    const website = await recordDocument(db, {
      actorUserId: lead.user.id,
      evaluationId: scored.evaluationId,
      kind: 'website',
      title: 'Startsidan',
      documentType: null,
      datedOn: null,
      url: 'https://example.se',
      notes: 'Tydlig.',
      file: null,
    });
    const url = `/arbetsyta/${scored.evaluationId}/kallor/${website.id}/andra`;
    const form = await app.inject({ url, cookies: lead.cookies });
    const fields = { version: hidden(form.body, 'version'), seen: hidden(form.body, 'seen') };

    const refused = await postForm(app, url, lead, { ...fields, title: 'Startsidan', notes: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="web-notes-fel"');
    expect(refused.body).toContain('Skriv anteckningar från granskningen.');

    const saved = await postForm(app, url, lead, {
      ...fields,
      title: 'Startsidan och e-tjänsterna',
      url: 'https://example.se/e-tjanster',
      notes: 'Tydlig, men e-tjänsterna är svåra att hitta.',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(await getSource(db, scored.evaluationId, website.id)).toMatchObject({
      kind: 'website',
      title: 'Startsidan och e-tjänsterna',
      url: 'https://example.se/e-tjanster',
    });
    const [entry] = (await listAudit(db, { entityId: website.id })).filter(
      (e) => e.action === 'website-review.update',
    );
    expect(entry?.field).toBe('title,url,notes');
  });

  it('edits an interview; the history shows that it changed but never the name or the notes', async () => {
    const { app, db, lead, scored } = await setUp(getDb());
    const url = `/arbetsyta/${scored.evaluationId}/intervjuer/${scored.interviewId}/andra`;
    const form = await app.inject({ url, cookies: lead.cookies });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Testperson Intervjuad"');
    const fields = { version: hidden(form.body, 'version'), seen: hidden(form.body, 'seen') };

    const bad = await postForm(app, url, lead, { ...fields, heldOn: '2026-13-40', category: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="heldOn-fel"');
    expect(bad.body).toContain('id="category-fel"');

    const saved = await postForm(app, url, lead, {
      ...fields,
      heldOn: '2026-03-09',
      category: 'facklig',
      name: 'Annat Namn Hemligt',
      notes: 'hemliga-anteckningar-p3',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(await getInterview(db, scored.evaluationId, scored.interviewId)).toMatchObject({
      heldOn: '2026-03-09',
      category: 'facklig',
      name: 'Annat Namn Hemligt',
    });
    const history = await app.inject({
      url: `/utvarderingar/${scored.evaluationId}/historik`,
      cookies: lead.cookies,
    });
    expect(history.statusCode).toBe(200);
    expect(history.body).not.toContain('Annat Namn Hemligt');
    expect(history.body).not.toContain('hemliga-anteckningar-p3');
  });

  it('keeps the edit pages from municipality users (403) and evaluators off the team (404)', async () => {
    const { app, db, lead, scored } = await setUp(getDb());
    const kommun = await signedInAs(db, { role: 'municipality', municipalityCode: '0486' });
    const outsider = await signedInAs(db, { role: 'evaluator' });
    for (const url of [
      `/arbetsyta/${scored.evaluationId}/kallor/${scored.sourceId}/andra`,
      `/arbetsyta/${scored.evaluationId}/intervjuer/${scored.interviewId}/andra`,
    ]) {
      expect((await app.inject({ url, cookies: kommun.cookies })).statusCode).toBe(403);
      const off = await app.inject({ url, cookies: outsider.cookies });
      expect(off.statusCode).toBe(404);
      expect(off.body).not.toContain('Testperson Intervjuad');
      expect((await app.inject({ url, cookies: lead.cookies })).statusCode).toBe(200);
    }
    // Another evaluation's interview through this evaluation's address: not found.
    const other = await createScoredEvaluation(db, { leadUserId: lead.user.id, year: 2025 });
    const crossed = await app.inject({
      url: `/arbetsyta/${scored.evaluationId}/intervjuer/${other.interviewId}/andra`,
      cookies: lead.cookies,
    });
    expect(crossed.statusCode).toBe(404);
    expect((await getWorkspaceEvaluation(db, scored.evaluationId))?.version).toBe(scored.version);
  });
});
