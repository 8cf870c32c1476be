import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { dumpTables } from '../../../backup/testing.ts';
import { listAudit } from '../../../db/repositories/audit.ts';
import { describeDatabases } from '../../../db/testing.ts';
import { retentionCutoff } from '../../../use-cases/privacy/erase-interviews.ts';
import { getRetentionMonths } from '../../../use-cases/privacy/retention.ts';
import { createScoredEvaluation } from '../../../use-cases/testing.ts';
import { buildApp } from '../../app.ts';
import { postForm, signedInAs, type TestSession } from '../../auth/testing.ts';

const NAME = 'Testperson Intervjuad';

describeDatabases('the admin privacy page', (getDb) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let evaluator: TestSession;
  let oldId: string;
  let draftId: string;

  beforeEach(async () => {
    const database = getDb();
    admin = await signedInAs(database.db, { role: 'admin', displayName: 'Åsa Admin' });
    const scored = await createScoredEvaluation(database.db, { year: 2020 });
    evaluator = await signedInAs(database.db, { role: 'evaluator' });
    oldId = scored.evaluationId;
    draftId = (await createScoredEvaluation(database.db, { year: 2021 })).evaluationId;
    await database.db.execute(sql`update evaluations set status = 'published',
      published_at = ${retentionCutoff(new Date(), 30).toISOString()}::timestamptz where id = ${oldId}`);
    app = await buildApp({ database });
  });
  afterEach(async () => {
    await app?.close();
  });

  const page = (session: TestSession, query = '') =>
    app.inject({ url: `/admin/personuppgifter${query}`, cookies: session.cookies });

  const named = async () => {
    const result = (await getDb().db.execute(
      sql`select evaluation_id as id from interviews where name is not null`,
    )) as unknown as { rows: Array<{ id: string }> };
    return result.rows.map((row) => row.id).sort();
  };

  it('shows admins the interview counts without any name, and nobody else the page', async () => {
    const response = await page(admin);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('<h1>Personuppgifter i intervjuer</h1>');
    expect(response.body).toContain('Ingen lagringstid är satt');
    expect(response.body).toContain('Strängnäs 2020');
    expect(response.body).not.toContain(NAME);
    expect(response.body).toContain('href="/admin/personuppgifter"');
    const refused = await page(evaluator);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('href="/admin/personuppgifter"');
    const anonymous = await app.inject({ url: '/admin/personuppgifter' });
    expect(anonymous.statusCode).toBe(303);
  });

  it('sets the retention period, refuses nonsense with a field error, and erases what expired', async () => {
    const refused = await postForm(app, '/admin/personuppgifter/lagringstid', admin, {
      months: '0',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#months"');
    expect(refused.body).toContain('Ange ett helt antal månader mellan 1 och 600');
    expect(await getRetentionMonths(getDb().db)).toBeNull();

    const saved = await postForm(app, '/admin/personuppgifter/lagringstid', admin, {
      months: '24',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/personuppgifter?klart=lagringstid&antal=0');
    expect(await getRetentionMonths(getDb().db)).toBe(24);
    const shown = await page(admin);
    expect(shown.body).toContain('sparas 24 månader efter att utvärderingen publicerades');
    expect(shown.body).toContain('1 utvärdering publicerade före');

    const unconfirmed = await postForm(app, '/admin/personuppgifter/radera-utgangna', admin);
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('href="#confirm-expired"');
    expect(await named()).toHaveLength(2);

    const erased = await postForm(app, '/admin/personuppgifter/radera-utgangna', admin, {
      'confirm-expired': 'ja',
    });
    expect(erased.headers.location).toBe('/admin/personuppgifter?klart=utgangna&antal=1');
    expect(await named()).toEqual([draftId]);
    const audit = await listAudit(getDb().db, { evaluationId: oldId });
    expect(audit.at(-1)).toMatchObject({
      action: 'interview.erase',
      actor: { id: admin.user.id },
      newValue: { reason: 'retention', interviewsErased: 1 },
    });
    expect((await page(admin, '?klart=utgangna&antal=1')).body).toContain(
      'Intervjuuppgifterna i 1 utvärdering är raderade.',
    );
  });

  it('erases one evaluation on request after confirmation, and refuses an unknown one', async () => {
    const before = await dumpTables(getDb().db);
    const attempts: Array<Record<string, string>> = [
      { evaluation: draftId },
      { evaluation: 'inte-ett-id', 'confirm-one': 'ja' },
      { evaluation: '00000000-0000-4000-8000-000000000000', 'confirm-one': 'ja' },
    ];
    for (const fields of attempts) {
      const response = await postForm(app, '/admin/personuppgifter/radera', admin, fields);
      expect(response.statusCode, JSON.stringify(fields)).toBe(400);
      expect(response.body).toContain('error-summary');
    }
    expect(await dumpTables(getDb().db)).toEqual(before);

    const erased = await postForm(app, '/admin/personuppgifter/radera', admin, {
      evaluation: draftId,
      'confirm-one': 'ja',
    });
    expect(erased.statusCode).toBe(303);
    expect(erased.headers.location).toBe('/admin/personuppgifter?klart=radera&antal=1');
    expect(await named()).toEqual([oldId]);
    const refusedToEvaluator = await postForm(app, '/admin/personuppgifter/radera', evaluator, {
      evaluation: oldId,
      'confirm-one': 'ja',
    });
    expect(refusedToEvaluator.statusCode).toBe(403);
    expect(await named()).toEqual([oldId]);
  });

  it('downloads a person export as JSON, audited, and asks for e-mail or name', async () => {
    const none = await postForm(app, '/admin/personuppgifter/registerutdrag', admin);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Skriv personens e-postadress eller namn.');
    const both = await postForm(app, '/admin/personuppgifter/registerutdrag', admin, {
      email: 'a@b.se',
      name: 'A B',
    });
    expect(both.body).toContain('Skriv antingen e-postadress eller namn, inte båda.');
    const badEmail = await postForm(app, '/admin/personuppgifter/registerutdrag', admin, {
      email: 'inte-en-adress',
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.body).toContain('value="inte-en-adress"');

    const response = await postForm(app, '/admin/personuppgifter/registerutdrag', admin, {
      name: NAME.toUpperCase(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="registerutdrag-\d{4}-\d\d-\d\d\.json"$/,
    );
    const data = JSON.parse(response.body) as { interviews: Array<{ name: string }> };
    expect(data.interviews.map((interview) => interview.name)).toEqual([NAME, NAME]);
    const audit = await listAudit(getDb().db, { entityType: 'person' });
    expect(audit).toMatchObject([
      { action: 'privacy.export-person', actor: { id: admin.user.id }, newValue: { by: 'name' } },
    ]);
    expect(JSON.stringify(audit)).not.toContain(NAME);
  });
});
