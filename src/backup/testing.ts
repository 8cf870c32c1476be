/**
 * Test helpers for backups: real data in every backed-up table (the demo data, a scored
 * workspace evaluation with an uploaded file and an interview, comments, an action plan, values,
 * settings, accounts with sessions and audit entries), and a full dump of every table that does
 * not go through the backup code, to compare a database before and after.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { recordDocument } from '../use-cases/record-document.ts';
import { loadDemoData } from '../use-cases/load-demo-data.ts';
import { createScoredEvaluation } from '../use-cases/testing.ts';
import { signedInAs } from '../web/auth/testing.ts';
import { rowsOf, setTextStyle } from './sql.ts';

/** Every byte value once, and some more: an upload that must come back bit for bit. */
export const UPLOADED_BYTES = new Uint8Array(
  Array.from({ length: 1000 }, (_, index) => (index * 7) % 256),
);

export interface BackupFixture {
  evaluationId: string;
  adminId: string;
  municipalityUserId: string;
  sourceId: string;
}

/** Fills `db` with real data in every table a backup holds. */
export async function fillForBackup(db: Db): Promise<BackupFixture> {
  await loadDemoData(db);
  const admin = await signedInAs(db, { role: 'admin', displayName: 'Åsa Administratör' });
  const municipal = await signedInAs(db, { role: 'municipality', municipalityCode: '0486' });
  const scored = await createScoredEvaluation(db, { year: 2025 });
  const source = await recordDocument(db, {
    actorUserId: scored.leadUserId,
    evaluationId: scored.evaluationId,
    kind: 'document',
    title: 'Årsredovisning 2024',
    documentType: 'arsredovisning',
    datedOn: '2025-03-31',
    url: null,
    notes: 'Sidorna 4–9 om målstyrning.',
    file: { name: 'årsredovisning.pdf', type: 'application/pdf', data: UPLOADED_BYTES },
  });
  const id = scored.evaluationId;
  await db.execute(sql`update question_scores set flags = ${'{"två ord","kommatecken, här",x}'}::text[]
    where evaluation_id = ${id} and question_id = '1.1'`);
  await db.execute(sql`insert into evaluation_comments (evaluation_id, author_user_id, area_number, body)
    values (${id}, ${municipal.user.id}, 3, 'Vi undrar över poängen i område 3.')`);
  await db.execute(sql`insert into key_figures (evaluation_id, area_number, series_name, unit, year, target, result, position)
    values (${id}, 1, 'Nöjd medborgar-index', 'index', 2024, 62.125, 59.0000001, 1)`);
  const [finding] = await rowsOf<{ id: string }>(
    db,
    sql`select id from findings where evaluation_id = ${id} and kind = 'improvement' order by position limit 1`,
  );
  const [action] = await rowsOf<{ id: string }>(
    db,
    sql`insert into actions (municipality_code, evaluation_id, area_number, finding_id, improvement_text, title, owner, starts_on, due_on, created_by)
      values ('0486', ${id}, 1, ${finding?.id ?? null}, 'Förbättringsområde i område 1', 'Ny uppföljningsrutin', 'Kommundirektören', '2026-01-01', '2026-06-30', ${admin.user.id})
      returning id`,
  );
  await db.execute(sql`insert into action_notes (action_id, noted_on, body, author_user_id)
    values (${action?.id ?? null}, '2026-02-01', 'Rutinen är på remiss.', ${admin.user.id})`);
  await db.execute(sql`insert into municipality_values (municipality_code, position, name, meaning, office, office_meaning, document_url, adopted_year)
    values ('0486', 1, 'Öppenhet', 'Vi delar det vi vet.', 'Barn- och utbildningskontoret', 'Föräldrar får veta i tid.', 'https://example.se/vardegrund.pdf', 2008)`);
  await db.execute(sql`insert into settings (key, value, updated_by)
    values ('interview-retention-months', '24'::jsonb, ${admin.user.id})`);
  await db.execute(sql`update evaluations set report_options = ${JSON.stringify({ average: { from: 2010 }, radar: ['0180', '0181'] })}::jsonb,
    personal_data_erased_at = '2026-01-02T03:04:05.123456Z' where id = ${id}`);
  await db.execute(sql`insert into gap_mappings (self_assessment_edition_id, edition_id, mapping, updated_by)
    select s.id, k.id, '{"schemaVersion": 1, "areas": {"1": [1, 2]}}'::jsonb, ${admin.user.id}
    from editions s, editions k where s.kind = 'self-assessment' and k.kind = 'kommunkompassen' limit 1
    on conflict (self_assessment_edition_id, edition_id) do update
    set mapping = excluded.mapping, version = gap_mappings.version + 1, updated_by = excluded.updated_by`);
  return {
    evaluationId: id,
    adminId: admin.user.id,
    municipalityUserId: municipal.user.id,
    sourceId: source.id,
  };
}

/**
 * Every row of every table in the public schema as its PostgreSQL text form, sorted: a dump
 * made without the backup code, so comparing two of them checks the backup, not itself.
 */
export async function dumpTables(db: Db): Promise<Record<string, string[]>> {
  return db.transaction(async (tx) => {
    await setTextStyle(tx);
    const tables = await rowsOf<{ name: string }>(
      tx,
      sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    );
    const dump: Record<string, string[]> = {};
    for (const { name } of tables) {
      const rows = await rowsOf<{ r: string }>(
        tx,
        sql`select t::text as r from ${sql.identifier(name)} t order by 1`,
      );
      dump[name] = rows.map((row) => row.r);
    }
    return dump;
  });
}
