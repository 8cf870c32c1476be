import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import type { Database, Db } from '../../../db/client.ts';
import { listAudit } from '../../../db/repositories/audit.ts';
import { listEditions } from '../../../db/repositories/editions.ts';
import { getSelfAssessment } from '../../../db/repositories/self-assessments.ts';
import { describeDatabases } from '../../../db/testing.ts';
import { loadMunicipalities } from '../../../reference/municipalities.ts';
import { importReport } from '../../../use-cases/import-report.ts';
import { saveSelfAssessmentDraft } from '../../../use-cases/self-assessment/save-self-assessment.ts';
import { startSelfAssessment } from '../../../use-cases/self-assessment/start-self-assessment.ts';
import { submitSelfAssessment } from '../../../use-cases/self-assessment/submit-self-assessment.ts';
import { buildApp } from '../../app.ts';
import { postForm, signedInAs, type TestSession } from '../../auth/testing.ts';

const SCALE = ['Ej alls', 'Delvis', 'I hög grad', 'Fullt ut'];
const QUESTIONS = Array.from({ length: 50 }, (_, index) => String(index + 1));
/** A narrative only the draft holds: no page may show it to someone who may not read drafts. */
const DRAFT_MARKER = 'utkastmarkor-sjalv-4k2';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function appOver(database: Database) {
  const app = await buildApp({ database });
  apps.push(app);
  return app;
}

const answerFields = (ids: readonly string[]) =>
  Object.fromEntries(ids.map((id, index) => [`q-${id}`, SCALE[index % 4] ?? 'Delvis']));

const versionIn = (html: string) => {
  const match = /name="version" value="(\d+)"/.exec(html);
  if (!match?.[1]) throw new Error('no version in the page');
  return match[1];
};

async function importApplication(db: Db): Promise<string> {
  const name = 'sodertalje-kvalitetskommun-ansokan-2009.txt';
  const outcome = await importReport({
    db,
    bytes: readFileSync(new URL(`../../../../../shared/seeds/${name}`, import.meta.url)),
    source: name,
    editions: (await listEditions(db)).map((edition) => edition.definition),
    municipalities: loadMunicipalities(),
  });
  if (outcome.status === 'failed') throw new Error(JSON.stringify(outcome.issues));
  return outcome.evaluation.id;
}

/** A draft (with a marker narrative) and a submitted self-assessment of Södertälje. */
async function fixtures(db: Db) {
  const draft = await startSelfAssessment(db, {
    actorUserId: null,
    municipalityCode: '0181',
    year: 2025,
  });
  const submitted = await startSelfAssessment(db, {
    actorUserId: null,
    municipalityCode: '0181',
    year: 2024,
  });
  if (!draft.ok || !submitted.ok) throw new Error('could not start');
  await saveSelfAssessmentDraft(db, {
    actorUserId: null,
    evaluationId: draft.value.id,
    expectedVersion: 1,
    answers: {},
    narratives: new Map([[1, DRAFT_MARKER]]),
    keyFigures: [],
  });
  await saveSelfAssessmentDraft(db, {
    actorUserId: null,
    evaluationId: submitted.value.id,
    expectedVersion: 1,
    answers: Object.fromEntries(QUESTIONS.map((id) => [id, 'Delvis'])),
    narratives: new Map([[2, 'Inskickad beskrivning.']]),
    keyFigures: [],
  });
  const done = await submitSelfAssessment(db, {
    actorUserId: null,
    evaluationId: submitted.value.id,
    expectedVersion: 2,
  });
  if (!done.ok) throw new Error('could not submit');
  return { draft: draft.value.id, submitted: submitted.value.id };
}

describeDatabases('self-assessment routes', (getDb) => {
  it('a self-assessment belongs to its kommun: who reads and who writes, per role and status', async () => {
    const database = getDb();
    const { db } = database;
    const app = await appOver(database);
    const ids = { ...(await fixtures(db)), imported: await importApplication(db) };
    const sessions: Record<string, TestSession | undefined> = {
      anonymous: undefined,
      own: await signedInAs(db, { role: 'municipality', municipalityCode: '0181' }),
      other: await signedInAs(db, { role: 'municipality', municipalityCode: '0486' }),
      evaluator: await signedInAs(db, { role: 'evaluator' }),
      admin: await signedInAs(db, { role: 'admin' }),
    };
    const expected: Record<string, Record<keyof typeof ids, number>> = {
      anonymous: { draft: 303, submitted: 303, imported: 303 },
      own: { draft: 200, submitted: 200, imported: 200 },
      other: { draft: 404, submitted: 404, imported: 404 },
      evaluator: { draft: 404, submitted: 200, imported: 200 },
      admin: { draft: 200, submitted: 200, imported: 200 },
    };
    const problems: string[] = [];
    for (const [role, session] of Object.entries(sessions)) {
      for (const [which, id] of Object.entries(ids) as Array<[keyof typeof ids, string]>) {
        for (const url of [`/sjalvvardering/${id}`, `/sjalvvardering/${id}/utskrift`]) {
          const response = await app.inject({ url, cookies: session?.cookies ?? {} });
          if (response.statusCode !== expected[role]?.[which]) {
            problems.push(`${role} ${which} ${url}: ${String(response.statusCode)}`);
          }
          if (response.body.includes(DRAFT_MARKER) && !['own', 'admin'].includes(role)) {
            problems.push(`${role} sees the draft at ${url}`);
          }
        }
      }
      const list = await app.inject({ url: '/sjalvvardering', cookies: session?.cookies ?? {} });
      const listed = Object.entries(ids)
        .filter(([, id]) => list.body.includes(`/sjalvvardering/${id}"`))
        .map(([which]) => which);
      const shouldList = Object.entries(expected[role] ?? {})
        .filter(([, status]) => status === 200)
        .map(([which]) => which);
      if (session && listed.join() !== shouldList.join()) {
        problems.push(`${role} lists ${listed.join()} instead of ${shouldList.join()}`);
      }
    }
    expect(problems).toEqual([]);

    // Writes: an evaluator may read a submitted one but not write (403); another kommun does not
    // even learn it exists (404); nothing changed.
    const before = (await getSelfAssessment(db, ids.draft))?.version;
    for (const [role, status] of [
      ['evaluator', 404],
      ['other', 404],
    ] as const) {
      const session = sessions[role];
      if (!session) throw new Error('no session');
      const response = await postForm(app, `/sjalvvardering/${ids.draft}`, session, {
        version: String(before),
        'q-1': 'Delvis',
      });
      expect(response.statusCode, role).toBe(status);
    }
    const evaluator = sessions.evaluator;
    if (!evaluator) throw new Error('no session');
    expect(
      (
        await postForm(app, `/sjalvvardering/${ids.imported}/fragor/8`, evaluator, {
          version: '1',
          answer: 'Delvis',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await postForm(app, '/sjalvvardering/ny', evaluator, { year: '2026' })).statusCode,
    ).toBe(403);
    expect((await getSelfAssessment(db, ids.draft))?.version).toBe(before);

    // The public sees no self-assessment filled in through Kompass, not even a submitted one;
    // the imported application is a published document and stays listed, as before.
    const publicPage = await app.inject({ url: '/kommuner/0181' });
    expect(publicPage.body).not.toContain(ids.submitted);
    expect(publicPage.body).not.toContain(ids.draft);
    expect(publicPage.body).toContain(ids.imported);
  });

  it('a municipality user starts, saves, resumes, is told what is missing, submits, and the result is frozen', async () => {
    const database = getDb();
    const { db } = database;
    const app = await appOver(database);
    const user = await signedInAs(db, { role: 'municipality', municipalityCode: '0181' });

    const list = await app.inject({ url: '/sjalvvardering', cookies: user.cookies });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Kommun: <strong>Södertälje</strong>');
    // The menu leads here, marked as the current section.
    expect(list.body).toContain('<a href="/sjalvvardering" aria-current="page">Självvärdering</a>');

    const badYear = await postForm(app, '/sjalvvardering/ny', user, { year: 'tjugo' });
    expect(badYear.statusCode).toBe(400);
    expect(badYear.body).toContain(
      'Skriv året med fyra siffror mellan 1990 och 2100, till exempel 2025.',
    );
    // A municipality user cannot start one for another kommun: the field is ignored.
    const created = await postForm(app, '/sjalvvardering/ny', user, {
      year: '2026',
      municipalityCode: '0486',
    });
    expect(created.statusCode).toBe(303);
    const path = created.headers.location as string;
    const id = path.split('/').pop() ?? '';
    expect((await getSelfAssessment(db, id))?.municipalityCode).toBe('0181');

    const form = await app.inject({ url: path, cookies: user.cookies });
    expect(form.statusCode).toBe(200);
    expect(form.body.match(/type="radio"/g)).toHaveLength(200);
    expect(form.body).toContain('Tema 4: Goda förutsättningar för företag och samhälle');

    // Bad key figures: refused next to the field, nothing saved.
    const refused = await postForm(app, path, user, {
      version: versionIn(form.body),
      action: 'save',
      ...answerFields(['1', '2']),
      'kf-0-name': 'Nöjd medborgar-index',
      'kf-0-year': '2025',
      'kf-0-result': 'sextio',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      'Nyckeltal rad 1: utfallet &quot;sextio&quot; är inte ett tal. Skriv till exempel 82 eller 7,3, eller lämna tomt.',
    );
    expect(refused.body).toContain('id="kf-0-result-fel"');
    expect(refused.body).toContain('value="sextio"');
    expect((await getSelfAssessment(db, id))?.answered).toBe(0);
    // Two answers to one question (a crafted form: radio buttons send one) are refused.
    const twice = await app.inject({
      method: 'POST',
      url: path,
      cookies: user.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(user.csrfToken)}&version=${versionIn(form.body)}&q-3=Delvis&q-3=Fullt+ut`,
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('Fråga 3: &quot;Delvis, Fullt ut&quot; finns inte på skalan.');

    // Save a draft with a key figure, then add a row.
    const saved = await postForm(app, path, user, {
      version: versionIn(form.body),
      action: 'add-row',
      ...answerFields(QUESTIONS.slice(0, 40)),
      'theme-1': 'Vi håller medborgardialoger.',
      'kf-0-name': 'Nöjd medborgar-index',
      'kf-0-unit': 'index',
      'kf-0-year': '2025',
      'kf-0-target': '60',
      'kf-0-result': '57,5',
      'kf-0-theme': '1',
      'kf-1-name': '',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${path}?klart=sparat&rader=2#nyckeltal`);
    const resumed = await app.inject({
      url: `${path}?klart=sparat&rader=2`,
      cookies: user.cookies,
    });
    expect(resumed.body).toContain('Utkastet är sparat.');
    expect(resumed.body).toContain('value="57,5"');
    expect(resumed.body).toContain('id="kf-2-name"');
    expect(resumed.body).toContain('role="img"');
    expect(resumed.body).toContain('2025: mål 60 index, utfall 57,5 index');

    // Submit with ten questions unanswered: refused with the list, the draft kept.
    const incomplete = await postForm(app, path, user, {
      version: versionIn(resumed.body),
      action: 'submit',
      ...answerFields(QUESTIONS.slice(0, 40)),
      'theme-1': 'Vi håller medborgardialoger.',
    });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain(
      'Självvärderingen kan inte skickas in än: 10 frågor saknar svar',
    );
    expect(incomplete.body).toContain('<a href="#q-41">Fråga 41 (tema 4) saknar svar.</a>');
    expect((await getSelfAssessment(db, id))?.status).toBe('draft');

    const complete = await postForm(app, path, user, {
      version: versionIn(incomplete.body),
      action: 'submit',
      ...answerFields(QUESTIONS),
    });
    expect(complete.statusCode).toBe(303);
    expect(complete.headers.location).toBe(`${path}?klart=inskickat`);
    const frozen = await app.inject({ url: `${path}?klart=inskickat`, cookies: user.cookies });
    expect(frozen.body).toContain('Status: <strong>Inskickad</strong>');
    expect(frozen.body).not.toContain('name="q-1"');
    const again = await postForm(app, path, user, {
      version: String((await getSelfAssessment(db, id))?.version),
      ...answerFields(['1']),
    });
    expect(again.statusCode).toBe(409);
    const record = await getSelfAssessment(db, id);
    expect(record).toMatchObject({ status: 'review', answered: 50 });
    // Who did what, in the audit trail.
    const actions = (await listAudit(db, { evaluationId: id })).map((entry) => [
      entry.action,
      entry.actor?.id,
    ]);
    expect(actions).toContainEqual(['self-assessment.submit', user.user.id]);
  });

  it('of two people saving the same draft, the second is refused with 409 and keeps what they typed', async () => {
    const database = getDb();
    const { db } = database;
    const app = await appOver(database);
    const first = await signedInAs(db, { role: 'municipality', municipalityCode: '0181' });
    const second = await signedInAs(db, { role: 'municipality', municipalityCode: '0181' });
    const created = await postForm(app, '/sjalvvardering/ny', first, { year: '2026' });
    const path = created.headers.location as string;
    const version = versionIn((await app.inject({ url: path, cookies: first.cookies })).body);
    expect((await postForm(app, path, first, { version, 'q-1': 'Fullt ut' })).statusCode).toBe(303);
    const stale = await postForm(app, path, second, {
      version,
      'q-1': 'Ej alls',
      'theme-2': 'Andra personens text.',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Någon annan har sparat självvärderingen');
    expect(stale.body).toContain('Andra personens text.');
    expect(versionIn(stale.body)).toBe(String(Number(version) + 1));
    const record = await getSelfAssessment(db, path.split('/').pop() ?? '');
    expect(record?.answers).toEqual([{ questionId: '1', answer: 'Fullt ut', flags: [] }]);
    expect(record?.texts).toEqual([]);
  });

  it('an imported application shows its double ticks as needing resolution; resolving one needs a reason and is audited', async () => {
    const database = getDb();
    const { db } = database;
    const app = await appOver(database);
    const id = await importApplication(db);
    const user = await signedInAs(db, {
      role: 'municipality',
      municipalityCode: '0181',
      displayName: 'Kvalitetschef Södertälje',
    });
    const page = await app.inject({ url: `/sjalvvardering/${id}`, cookies: user.cookies });
    expect(page.body).toContain('Status: <strong>Inskickad (importerad ansökan)</strong>');
    expect(
      page.body.match(/Behöver lösas: flera rutor ikryssade \(I hög grad, Fullt ut\)/g),
    ).toHaveLength(3);
    expect(page.body).toContain('Spara svaret på fråga 8');
    // The key figures of the application as charts with their data tables.
    expect(page.body.match(/<svg role="img"/g)).toHaveLength(3);
    expect(page.body).toContain('2006: mål 86 %, utfall 82 %');

    const version = versionIn(page.body);
    const noReason = await postForm(app, `/sjalvvardering/${id}/fragor/8`, user, {
      version,
      answer: 'Fullt ut',
      reason: '  ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain(
      'Skriv varför svaret är det rätta, till exempel vem som bekräftade det.',
    );
    expect(noReason.body).toContain('id="reason-8-fel"');

    const resolved = await postForm(app, `/sjalvvardering/${id}/fragor/8`, user, {
      version,
      answer: 'Fullt ut',
      reason: 'Bekräftat av kvalitetsrådet.',
    });
    expect(resolved.statusCode).toBe(303);
    const after = await app.inject({
      url: `/sjalvvardering/${id}?klart=lost`,
      cookies: user.cookies,
    });
    expect(after.body).toContain('Fullt ut (löst efter import)');
    expect(after.body).not.toContain('Spara svaret på fråga 8');
    // The page says who resolved it and why.
    expect(after.body).toContain('<td>Kvalitetschef Södertälje</td>');
    expect(after.body).toContain('<td>Bekräftat av kvalitetsrådet.</td>');
    const entry = (await listAudit(db, { evaluationId: id })).find(
      (item) => item.action === 'self-assessment.resolve' && item.field === 'answer',
    );
    expect(entry).toMatchObject({
      oldValue: null,
      newValue: 'Fullt ut',
      reason: 'Bekräftat av kvalitetsrådet.',
      actor: { displayName: 'Kvalitetschef Södertälje' },
    });
  });

  it('the printable view has the answers, the charts with their tables, and a print stylesheet', async () => {
    const database = getDb();
    const app = await appOver(database);
    const id = await importApplication(database.db);
    const admin = await signedInAs(database.db, { role: 'admin' });
    const print = await app.inject({
      url: `/sjalvvardering/${id}/utskrift`,
      cookies: admin.cookies,
    });
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('<link rel="stylesheet" href="/static/sjalvvardering.css"/>');
    expect(print.body.match(/<svg role="img"/g)).toHaveLength(3);
    expect(print.body).toContain(
      '<caption>attraktiv arbetsgivare: mål och utfall per år (%)</caption>',
    );
    expect(print.body).not.toContain('<form');
    const css = await app.inject({ url: '/static/sjalvvardering.css' });
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('@media print');
  });
});
