import { expect, it } from 'vitest';
import { StorageError } from '../db/errors.ts';
import { listAudit } from '../db/repositories/audit.ts';
import { getInterview, getSource, getSourceFile } from '../db/repositories/sources.ts';
import { getWorkspaceEvaluation } from '../db/repositories/workspace.ts';
import { describeDatabases } from '../db/testing.ts';
import type { Db } from '../db/client.ts';
import { editInterview } from './edit-interview.ts';
import { editSource } from './edit-source.ts';
import { recordDocument } from './record-document.ts';
import { createScoredEvaluation } from './testing.ts';

const versionOf = async (db: Db, id: string) =>
  (await getWorkspaceEvaluation(db, id))?.version ?? 0;

describeDatabases('editing sources and interviews', (getDb) => {
  it('edits a document and keeps its uploaded file unless a new one is given; audits old and new', async () => {
    const { db } = getDb();
    const scored = await createScoredEvaluation(db);
    const withFile = await recordDocument(db, {
      actorUserId: scored.leadUserId,
      evaluationId: scored.evaluationId,
      kind: 'document',
      title: 'Årsredovisning',
      documentType: 'arsredovisning',
      datedOn: '2025-03-01',
      url: null,
      notes: null,
      file: { name: 'ar.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1 gammal') },
    });
    const version = await versionOf(db, scored.evaluationId);

    const outcome = await editSource(db, {
      actorUserId: scored.leadUserId,
      evaluationId: scored.evaluationId,
      expectedVersion: version,
      sourceId: withFile.id,
      title: 'Årsredovisning 2025',
      documentType: 'arsredovisning',
      datedOn: '2025-04-01',
      url: null,
      notes: null,
    });

    expect(outcome).toEqual({ ok: true, value: { version: version + 1 } });
    expect(await getSource(db, scored.evaluationId, withFile.id)).toMatchObject({
      title: 'Årsredovisning 2025',
      datedOn: '2025-04-01',
      fileName: 'ar.pdf',
    });
    expect((await getSourceFile(db, scored.evaluationId, withFile.id))?.data.toString()).toBe(
      '%PDF-1 gammal',
    );
    const [entry] = await listAudit(db, { entityId: withFile.id, entityType: 'source' }).then(
      (entries) => entries.filter((e) => e.action === 'source.update'),
    );
    expect(entry).toMatchObject({
      field: 'title,datedOn',
      oldValue: { title: 'Årsredovisning', datedOn: '2025-03-01' },
      newValue: { title: 'Årsredovisning 2025', datedOn: '2025-04-01' },
    });

    // A new file replaces the old one.
    await editSource(db, {
      actorUserId: scored.leadUserId,
      evaluationId: scored.evaluationId,
      expectedVersion: version + 1,
      sourceId: withFile.id,
      title: 'Årsredovisning 2025',
      documentType: 'arsredovisning',
      datedOn: '2025-04-01',
      url: null,
      notes: null,
      file: { name: 'ny.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1 ny') },
    });
    expect((await getSourceFile(db, scored.evaluationId, withFile.id))?.name).toBe('ny.pdf');
  });

  it('refuses a document left without link or file, and a stale version, changing nothing', async () => {
    const { db } = getDb();
    const scored = await createScoredEvaluation(db);
    const version = await versionOf(db, scored.evaluationId);
    const edit = {
      actorUserId: scored.leadUserId,
      evaluationId: scored.evaluationId,
      sourceId: scored.sourceId,
      title: 'Budget',
      documentType: 'budget' as const,
      datedOn: null,
      url: null,
      notes: null,
    };
    expect(await editSource(db, { ...edit, expectedVersion: version })).toEqual({
      ok: false,
      issues: [{ field: 'url', message: 'Ange en länk eller välj en fil.' }],
    });
    await expect(
      editSource(db, { ...edit, url: 'https://example.se/ny', expectedVersion: version - 1 }),
    ).rejects.toMatchObject({ code: 'stale-version' });
    expect(await versionOf(db, scored.evaluationId)).toBe(version);
    expect((await getSource(db, scored.evaluationId, scored.sourceId))?.title).toBe(
      'Budget med verksamhetsplan',
    );
  });

  it('edits an interview; the audit entry holds date and category, never the name or the notes', async () => {
    const { db } = getDb();
    const scored = await createScoredEvaluation(db);
    const version = await versionOf(db, scored.evaluationId);

    await editInterview(db, {
      actorUserId: scored.leadUserId,
      evaluationId: scored.evaluationId,
      expectedVersion: version,
      interviewId: scored.interviewId,
      heldOn: '2026-03-05',
      category: 'tjansteman',
      name: 'Nytt Hemligt Namn',
      notes: 'hemlig-anteckning-xq',
    });

    expect(await getInterview(db, scored.evaluationId, scored.interviewId)).toMatchObject({
      heldOn: '2026-03-05',
      category: 'tjansteman',
      name: 'Nytt Hemligt Namn',
      notes: 'hemlig-anteckning-xq',
    });
    const entries = (await listAudit(db, { evaluationId: scored.evaluationId })).filter(
      (entry) => entry.action === 'interview.update',
    );
    expect(entries).toEqual([
      expect.objectContaining({
        field: 'heldOn,category,name,notes',
        oldValue: { heldOn: '2026-03-02', category: 'politiker' },
        newValue: { heldOn: '2026-03-05', category: 'tjansteman' },
      }),
    ]);
    const everything = JSON.stringify(await listAudit(db, { evaluationId: scored.evaluationId }));
    expect(everything).not.toContain('Nytt Hemligt Namn');
    expect(everything).not.toContain('hemlig-anteckning-xq');
  });

  it('refuses an interview of another evaluation as not found', async () => {
    const { db } = getDb();
    const first = await createScoredEvaluation(db);
    const second = await createScoredEvaluation(db, { year: 2025 });
    const error: unknown = await editInterview(db, {
      actorUserId: first.leadUserId,
      evaluationId: first.evaluationId,
      expectedVersion: await versionOf(db, first.evaluationId),
      interviewId: second.interviewId,
      heldOn: '2026-03-05',
      category: 'ovrig',
      name: null,
      notes: '',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('not-found');
  });
});
