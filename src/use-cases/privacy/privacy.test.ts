import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { dumpTables } from '../../backup/testing.ts';
import type { Db } from '../../db/client.ts';
import { listAudit, recordAudit } from '../../db/repositories/audit.ts';
import { describeDatabases } from '../../db/testing.ts';
import { signedInAs } from '../../web/auth/testing.ts';
import { createScoredEvaluation } from '../testing.ts';
import {
  ERASED_MARKER,
  eraseExpiredInterviewData,
  eraseInterviewData,
  retentionCutoff,
} from './erase-interviews.ts';
import { exportPersonData } from './export-person.ts';
import { listInterviewData } from './list-interview-data.ts';
import { getRetentionMonths, setRetentionMonths } from './retention.ts';

const NAME = 'Testperson Intervjuad';
const NOTES = 'Anteckningar från intervjun (personuppgift).';

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const result = (await db.execute(query)) as unknown as { rows: Array<{ n: number | string }> };
  return Number(result.rows[0]?.n ?? 0);
}

/** Every value of every table that contains `text`, as "table: row". */
async function occurrences(db: Db, text: string): Promise<string[]> {
  const dump = await dumpTables(db);
  return Object.entries(dump).flatMap(([table, rows]) =>
    rows.filter((row) => row.includes(text)).map((row) => `${table}: ${row.slice(0, 120)}`),
  );
}

/** A scored evaluation, published `monthsAgo` months before `now` (or left a draft). */
async function evaluationPublished(db: Db, monthsAgo: number | null, year: number, now: Date) {
  const scored = await createScoredEvaluation(db, { year });
  if (monthsAgo === null) return scored.evaluationId;
  await db.execute(sql`update evaluations set status = 'published',
    published_at = ${retentionCutoff(now, monthsAgo).toISOString()}::timestamptz
    where id = ${scored.evaluationId}`);
  return scored.evaluationId;
}

describeDatabases('interview personal data: erasure, retention and access', (getDb) => {
  it('erases names and notes of one evaluation, scrubs old audit entries, keeps scores and findings', async () => {
    const { db } = getDb();
    const scored = await createScoredEvaluation(db);
    const other = await createScoredEvaluation(db, { year: 2024 });
    // An audit entry as an older version might have written it, carrying the name and notes,
    // and a reason that names the person.
    await db.transaction((tx) =>
      recordAudit(tx, {
        actorUserId: scored.leadUserId,
        action: 'interview.add',
        entityType: 'interview',
        entityId: scored.interviewId,
        evaluationId: scored.evaluationId,
        newValue: { heldOn: '2026-03-02', category: 'politiker', name: NAME, notes: NOTES },
        reason: `Kompletterat efter samtal med ${NAME}`,
      }),
    );
    const scoresBefore = await count(
      db,
      sql`select count(*) as n from question_scores where evaluation_id = ${scored.evaluationId}`,
    );
    const findingsBefore = await count(
      db,
      sql`select count(*) as n from findings where evaluation_id = ${scored.evaluationId}`,
    );
    const evidenceBefore = await count(
      db,
      sql`select count(*) as n from question_evidence where interview_id = ${scored.interviewId}`,
    );
    expect((await occurrences(db, NAME)).length).toBeGreaterThanOrEqual(3);

    const now = new Date('2026-11-22T12:00:00Z');
    const erasure = await eraseInterviewData(db, {
      evaluationId: scored.evaluationId,
      actorUserId: null,
      reason: 'request',
      now,
    });
    expect(erasure).toMatchObject({ interviewsErased: 1, auditEntriesScrubbed: 1 });

    // Only the other evaluation's interview still names the person.
    const left = await occurrences(db, NAME);
    expect(left).toHaveLength(1);
    expect(left[0]).toContain(other.evaluationId);
    expect(await occurrences(db, ERASED_MARKER)).toHaveLength(1);
    const [interview] = (
      (await db.execute(
        sql`select name, notes, held_on::text as held_on, category from interviews where id = ${scored.interviewId}`,
      )) as unknown as { rows: Array<Record<string, string | null>> }
    ).rows;
    expect(interview).toEqual({
      name: null,
      notes: '',
      held_on: '2026-03-02',
      category: 'politiker',
    });
    expect(
      await count(
        db,
        sql`select count(*) as n from question_scores where evaluation_id = ${scored.evaluationId}`,
      ),
    ).toBe(scoresBefore);
    expect(
      await count(
        db,
        sql`select count(*) as n from findings where evaluation_id = ${scored.evaluationId}`,
      ),
    ).toBe(findingsBefore);
    expect(
      await count(
        db,
        sql`select count(*) as n from question_evidence where interview_id = ${scored.interviewId}`,
      ),
    ).toBe(evidenceBefore);
    expect(
      await count(
        db,
        sql`select count(*) as n from evaluations where id = ${scored.evaluationId}
          and personal_data_erased_at = ${now.toISOString()}::timestamptz`,
      ),
    ).toBe(1);
    const audit = await listAudit(db, { evaluationId: scored.evaluationId });
    expect(audit.at(-1)).toMatchObject({
      action: 'interview.erase',
      actor: null,
      newValue: { reason: 'request', interviewsErased: 1, auditEntriesScrubbed: 1 },
    });

    // Safe to repeat: nothing is left to erase.
    expect(
      await eraseInterviewData(db, {
        evaluationId: scored.evaluationId,
        actorUserId: null,
        reason: 'request',
      }),
    ).toMatchObject({ interviewsErased: 0, auditEntriesScrubbed: 0 });
  });

  it('refuses an unknown evaluation and changes nothing', async () => {
    const { db } = getDb();
    await createScoredEvaluation(db);
    const before = await dumpTables(db);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'inte-ett-id']) {
      await expect(
        eraseInterviewData(db, { evaluationId: id, actorUserId: null, reason: 'request' }),
      ).rejects.toThrow(`evaluation ${id} does not exist`);
    }
    expect(await dumpTables(db)).toEqual(before);
  });

  it('keeps a retention period in months, refuses nonsense, and audits changes', async () => {
    const { db } = getDb();
    expect(await getRetentionMonths(db)).toBeNull();
    for (const months of [0, -3, 1.5, 601]) {
      expect(await setRetentionMonths(db, { months, actorUserId: null })).toMatchObject({
        ok: false,
        issues: [{ field: 'months' }],
      });
    }
    expect(await getRetentionMonths(db)).toBeNull();
    expect(await setRetentionMonths(db, { months: 24, actorUserId: null })).toMatchObject({
      ok: true,
      value: { months: 24, previous: null },
    });
    await setRetentionMonths(db, { months: 36, actorUserId: null });
    expect(await getRetentionMonths(db)).toBe(36);
    expect(await listAudit(db, { entityType: 'setting' })).toMatchObject([
      { action: 'setting.update', oldValue: null, newValue: 24 },
      { action: 'setting.update', oldValue: 24, newValue: 36 },
    ]);
    await setRetentionMonths(db, { months: null, actorUserId: null });
    expect(await getRetentionMonths(db)).toBeNull();
  });

  it('erases only evaluations published longer ago than the retention period', async () => {
    const { db } = getDb();
    const now = new Date('2026-11-22T12:00:00Z');
    const old = await evaluationPublished(db, 25, 2022, now);
    const recent = await evaluationPublished(db, 23, 2023, now);
    const draft = await evaluationPublished(db, null, 2024, now);
    expect(await eraseExpiredInterviewData(db, { actorUserId: null, now })).toEqual({
      ok: false,
      reason: 'no-retention',
    });
    await setRetentionMonths(db, { months: 24, actorUserId: null });
    const overview = await listInterviewData(db, now);
    expect(overview.items.filter((item) => item.expired).map((item) => item.evaluationId)).toEqual([
      old,
    ]);

    const result = await eraseExpiredInterviewData(db, { actorUserId: null, now });
    expect(result.ok && result.erased.map((erasure) => erasure.evaluationId)).toEqual([old]);
    const named = (
      (await db.execute(
        sql`select evaluation_id as id from interviews where name is not null order by evaluation_id`,
      )) as unknown as { rows: Array<{ id: string }> }
    ).rows.map((row) => row.id);
    expect(named.sort()).toEqual([recent, draft].sort());
    // A second run finds nothing more.
    const again = await eraseExpiredInterviewData(db, { actorUserId: null, now });
    expect(again.ok && again.erased).toEqual([]);
    expect((await listAudit(db, { evaluationId: old })).at(-1)).toMatchObject({
      action: 'interview.erase',
      newValue: { reason: 'retention' },
    });
  });

  it('counts calendar months for the cutoff', () => {
    expect(retentionCutoff(new Date('2026-03-31T10:00:00Z'), 1).toISOString()).toBe(
      '2026-02-28T10:00:00.000Z',
    );
    expect(retentionCutoff(new Date('2026-11-22T00:00:00Z'), 24).toISOString()).toBe(
      '2024-11-22T00:00:00.000Z',
    );
  });

  it('exports all data about one person by e-mail or by name, without hashes or tokens, and audits it', async () => {
    const { db } = getDb();
    const person = await signedInAs(db, {
      role: 'municipality',
      municipalityCode: '0486',
      email: 'Anna.Andersson@kommun.se',
      displayName: 'Anna Andersson',
    });
    const scored = await createScoredEvaluation(db);
    await db.execute(sql`insert into interviews (evaluation_id, held_on, category, name, notes)
      values (${scored.evaluationId}, '2026-03-03', 'tjansteman', ' anna andersson ', 'Berättade om budgetprocessen.')`);
    await db.execute(sql`insert into evaluation_comments (evaluation_id, author_user_id, body)
      values (${scored.evaluationId}, ${person.user.id}, 'Vi har en fråga om område 2.')`);
    await db.execute(sql`insert into actions (municipality_code, evaluation_id, area_number, improvement_text, title, owner)
      values ('0486', ${scored.evaluationId}, 2, 'Förbättring', 'Ny budgetdialog', 'Anna Andersson')`);
    await db.execute(sql`insert into actions (municipality_code, evaluation_id, area_number, improvement_text, title, owner)
      values ('0486', ${scored.evaluationId}, 3, 'Förbättring', 'Något annat', 'Bertil Berg')`);

    const byEmail = await exportPersonData(db, {
      query: { email: 'anna.andersson@KOMMUN.se' },
      actorUserId: null,
    });
    expect(byEmail.ok).toBe(true);
    if (!byEmail.ok) return;
    const data = byEmail.value;
    expect(data.accounts).toMatchObject([
      { id: person.user.id, email: 'Anna.Andersson@kommun.se', hasPassword: true },
    ]);
    expect(data.sessions).toHaveLength(1);
    expect(data.interviews).toMatchObject([{ notes: 'Berättade om budgetprocessen.' }]);
    expect(data.comments).toMatchObject([{ body: 'Vi har en fråga om område 2.' }]);
    expect(data.actions).toMatchObject([{ title: 'Ny budgetdialog', relation: ['owner'] }]);
    expect(data.auditEntries.some((entry) => entry.relation === 'subject')).toBe(true);
    const json = JSON.stringify(data);
    expect(json).not.toContain('$argon2');
    expect(json).not.toContain(person.csrfToken);
    expect(json).not.toContain(person.cookies.kompass_session ?? 'no-cookie');

    const byName = await exportPersonData(db, {
      query: { name: 'ANNA ANDERSSON' },
      actorUserId: null,
    });
    expect(byName.ok && byName.value.interviews.length).toBe(1);
    expect(byName.ok && byName.value.accounts.length).toBe(1);

    const nobody = await exportPersonData(db, {
      query: { email: 'ingen@kommun.se' },
      actorUserId: null,
    });
    expect(nobody.ok && nobody.value).toMatchObject({ accounts: [], interviews: [], actions: [] });

    const audit = await listAudit(db, { entityType: 'user', entityId: person.user.id });
    const entry = audit.find((item) => item.action === 'privacy.export-person');
    expect(entry?.newValue).toEqual({
      by: 'email',
      accounts: 1,
      interviews: 1,
      comments: 1,
      actions: 1,
      auditEntries: data.auditEntries.length,
    });
    expect(JSON.stringify(entry)).not.toContain('Andersson');
  });

  it('refuses an export query that is not an e-mail address or a name', async () => {
    const { db } = getDb();
    const before = await count(db, sql`select count(*) as n from audit_log`);
    expect(
      await exportPersonData(db, { query: { email: 'inte en adress' }, actorUserId: null }),
    ).toMatchObject({ ok: false, issues: [{ field: 'email' }] });
    expect(await exportPersonData(db, { query: { name: ' x ' }, actorUserId: null })).toMatchObject(
      {
        ok: false,
        issues: [{ field: 'name' }],
      },
    );
    expect(await count(db, sql`select count(*) as n from audit_log`)).toBe(before);
  });
});
