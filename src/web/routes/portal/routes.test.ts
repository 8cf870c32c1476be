import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { listAudit } from '../../../db/repositories/audit.ts';
import { listComments } from '../../../db/repositories/comments.ts';
import { getWorkspaceEvaluation } from '../../../db/repositories/workspace.ts';
import { assignToEvaluation } from '../../../db/repositories/assignments.ts';
import { createEvaluation } from '../../../db/repositories/evaluations.ts';
import { buildEvaluation, describeDatabases, ensureTestEdition } from '../../../db/testing.ts';
import { shareEvaluation } from '../../../use-cases/share-evaluation.ts';
import { createScoredEvaluation } from '../../../use-cases/testing.ts';
import { buildApp } from '../../app.ts';
import { postForm, signedInAs } from '../../auth/testing.ts';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function setUp(database: Database) {
  const { db } = database;
  const app = await buildApp({ database });
  apps.push(app);
  const lead = await signedInAs(db, { role: 'evaluator', displayName: 'Lea Ledare' });
  const scored = await createScoredEvaluation(db, { leadUserId: lead.user.id });
  const kommun = await signedInAs(db, {
    role: 'municipality',
    municipalityCode: '0486',
    displayName: 'Kim i Strängnäs',
  });
  const share = async (shared: boolean) =>
    shareEvaluation(db, {
      actorUserId: lead.user.id,
      evaluationId: scored.evaluationId,
      expectedVersion: (await getWorkspaceEvaluation(db, scored.evaluationId))?.version ?? 0,
      shared,
    });
  return { app, db, lead, scored, kommun, share };
}

describeDatabases('Min kommun', (getDb) => {
  it('lists a draft only once it is shared, shows it read-only as a shared draft, never the interviews', async () => {
    const { app, scored, kommun, share } = await setUp(getDb());
    const path = `/min-kommun/utvarderingar/${scored.evaluationId}`;

    const before = await app.inject({ url: '/min-kommun', cookies: kommun.cookies });
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Min kommun: Strängnäs');
    expect(before.body).not.toContain(scored.evaluationId);
    expect((await app.inject({ url: path, cookies: kommun.cookies })).statusCode).toBe(404);

    await share(true);
    const list = await app.inject({ url: '/min-kommun', cookies: kommun.cookies });
    expect(list.body).toContain(`href="${path}"`);
    expect(list.body).toContain('Utkast, delat med kommunen');
    // The menu links the area for municipality users.
    expect(list.body).toContain('<a href="/min-kommun" aria-current="page">Min kommun</a>');

    const page = await app.inject({ url: path, cookies: kommun.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain('Utkast delat med kommunen, inte publicerat.');
    expect(page.body).toContain('<h1>Utkast: Strängnäs 2026</h1>');
    // Question 1.1: 30 of 60, with its justification; area 1: 50 of 100; total 400 of 800.
    expect(page.body).toContain('Motivering till fråga 1.1.');
    expect(page.body).toMatch(
      /1\.1 [^<]*<\/th><td class="number">30<\/td><td class="number">60<\/td><td class="number">50\u00a0%/,
    );
    expect(page.body).toContain(
      '<td class="number">400</td><td class="number">800</td><td class="number">50\u00a0%</td>',
    );
    // Area texts and the findings of every kind.
    expect(page.body).toMatch(/Iakttagelser om [^<]+ i område 3\./);
    expect(page.body).toContain('<li>Styrka i område 3</li>');
    expect(page.body).toContain('<li>Förbättringsområde i område 3</li>');
    expect(page.body).toContain('<li>Gott exempel i område 3</li>');
    // Each area links to the comment form with the area chosen.
    expect(page.body).toContain(`href="${path}?galler=omrade-3#kommentarer"`);
    const chosen = await app.inject({ url: `${path}?galler=omrade-3`, cookies: kommun.cookies });
    expect(chosen.body).toContain('<option value="omrade-3" selected>');
    expect(page.body).not.toContain('Testperson Intervjuad');
    expect(page.body).not.toContain('Anteckningar från intervjun');
    expect(page.body).not.toContain('/arbetsyta/');

    await share(false);
    expect((await app.inject({ url: path, cookies: kommun.cookies })).statusCode).toBe(404);
  });

  it('a user of another kommun gets 404, staff get 403, the public is sent to sign in', async () => {
    const { app, db, lead, scored, share } = await setUp(getDb());
    await share(true);
    const path = `/min-kommun/utvarderingar/${scored.evaluationId}`;
    const other = await signedInAs(db, { role: 'municipality', municipalityCode: '0180' });
    expect((await app.inject({ url: path, cookies: other.cookies })).statusCode).toBe(404);
    const comment = await postForm(app, `${path}/kommentarer`, other, { body: 'Hej' });
    expect(comment.statusCode).toBe(404);
    expect((await app.inject({ url: path, cookies: lead.cookies })).statusCode).toBe(403);
    expect((await app.inject({ url: '/min-kommun', cookies: lead.cookies })).statusCode).toBe(403);
    expect((await app.inject({ url: path })).statusCode).toBe(303);
    expect(await listComments(db, scored.evaluationId)).toEqual([]);
  });

  it('the kommun comments on a question; the team sees who and when in the workspace and replies', async () => {
    const { app, db, lead, scored, kommun, share } = await setUp(getDb());
    await share(true);
    const path = `/min-kommun/utvarderingar/${scored.evaluationId}`;
    const versionBefore = (await getWorkspaceEvaluation(db, scored.evaluationId))?.version;

    const posted = await postForm(app, `${path}/kommentarer`, kommun, {
      target: 'fraga-2.1',
      body: 'Vi har en ny plan för uppföljning sedan mars.',
    });
    expect(posted.statusCode, posted.body).toBe(303);
    expect(posted.headers.location).toBe(`${path}?kommenterat#kommentarer`);
    const after = await app.inject({ url: `${path}?kommenterat`, cookies: kommun.cookies });
    expect(after.body).toContain('Din kommentar är sparad');
    expect(after.body).toContain('Vi har en ny plan för uppföljning sedan mars.');
    expect((await getWorkspaceEvaluation(db, scored.evaluationId))?.version).toBe(versionBefore);

    const workspace = await app.inject({
      url: `/arbetsyta/${scored.evaluationId}`,
      cookies: lead.cookies,
    });
    expect(workspace.body).toContain('Vi har en ny plan för uppföljning sedan mars.');
    expect(workspace.body).toContain('<strong>Kim i Strängnäs</strong> (kommunen)');
    expect(workspace.body).toContain('Gäller: Fråga 2.1');

    const reply = await postForm(app, `/arbetsyta/${scored.evaluationId}/kommentarer`, lead, {
      target: 'fraga-2.1',
      body: 'Tack, vi tittar på planen.',
    });
    expect(reply.statusCode, reply.body).toBe(303);
    const thread = await app.inject({ url: path, cookies: kommun.cookies });
    expect(thread.body).toContain('<strong>Lea Ledare</strong> (utvärderare)');
    expect(thread.body).toContain('Tack, vi tittar på planen.');

    const audit = await listAudit(db, { entityType: 'comment' });
    expect(audit.map((entry) => [entry.action, entry.actor?.id])).toEqual([
      ['comment.add', kommun.user.id],
      ['comment.add', lead.user.id],
    ]);
  });

  it('a published evaluation is listed and shown as published; the kommun comments and the team replies although it is frozen', async () => {
    const database = getDb();
    const { app, db, lead, kommun } = await setUp(database);
    await ensureTestEdition(database);
    const published = await createEvaluation(
      db,
      buildEvaluation({
        year: 2014,
        status: 'published',
        publishedAt: new Date('2014-11-03T10:00:00Z'),
      }),
    );
    await assignToEvaluation(db, {
      evaluationId: published.id,
      userId: lead.user.id,
      role: 'lead',
      actorUserId: null,
    });
    const path = `/min-kommun/utvarderingar/${published.id}`;

    const list = await app.inject({ url: '/min-kommun', cookies: kommun.cookies });
    expect(list.body).toContain(`href="${path}"`);
    const page = await app.inject({ url: path, cookies: kommun.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Strängnäs 2014</h1>');
    expect(page.body).not.toContain('Utkast delat med kommunen');
    expect(page.body).toContain('3 november 2014');
    // Area 1: 30,5 + 20,5 points from the questions.
    expect(page.body).toContain('1. Område 1: 51 av 100 poäng');

    const comment = await postForm(app, `${path}/kommentarer`, kommun, {
      target: 'omrade-1',
      body: 'Kommer ni tillbaka om två år?',
    });
    expect(comment.statusCode, comment.body).toBe(303);
    const reply = await postForm(app, `/arbetsyta/${published.id}/kommentarer`, lead, {
      target: '',
      body: 'Ja, enligt planen.',
    });
    expect(reply.statusCode, reply.body).toBe(303);
    expect((await listComments(db, published.id)).map((c) => c.body)).toEqual([
      'Kommer ni tillbaka om två år?',
      'Ja, enligt planen.',
    ]);
    // The public page of the published evaluation never shows the comments.
    const open = await app.inject({ url: `/utvarderingar/${published.id}` });
    expect(open.statusCode).toBe(200);
    expect(open.body).not.toContain('Kommer ni tillbaka');
    expect(open.body).not.toContain('Ja, enligt planen.');
  });

  it('refuses an empty comment, a too long one and an unknown question with the reason next to the field', async () => {
    const { app, db, scored, kommun, share } = await setUp(getDb());
    await share(true);
    const url = `/min-kommun/utvarderingar/${scored.evaluationId}/kommentarer`;

    const empty = await postForm(app, url, kommun, { target: '', body: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<title>Fel: Utkast: Strängnäs 2026 – Kompass</title>');
    expect(empty.body).toContain('id="comment-body-fel"');
    expect(empty.body).toContain('Skriv en kommentar: fältet är tomt.');

    const long = await postForm(app, url, kommun, { target: 'omrade-3', body: 'å'.repeat(4001) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Korta den till högst 4000 tecken.');
    // The user's text and choice are kept.
    expect(long.body).toContain('<option value="omrade-3" selected>');

    const unknown = await postForm(app, url, kommun, { target: 'fraga-9.9', body: 'Hej' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('id="comment-target-fel"');
    expect(unknown.body).toContain('Fråga 9.9 finns inte');

    const garbage = await postForm(app, url, kommun, { target: 'x', body: 'Hej' });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.body).toContain('Välj i listan vad kommentaren gäller');

    expect(await listComments(db, scored.evaluationId)).toEqual([]);
  });
});
