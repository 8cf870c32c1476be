import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createScoredEvaluation } from '../../use-cases/testing.ts';
import { StorageError } from '../errors.ts';
import { evaluations } from '../schema.ts';
import { describeDatabases } from '../testing.ts';
import { getSourceFile, insertSource, listEvidence, listInterviews } from './sources.ts';
import {
  getAreaWriteUp,
  getWorkspaceEvaluation,
  listChangesSince,
  lockForEdit,
  replaceAreaWriteUp,
} from './workspace.ts';

describeDatabases('workspace repository', (getDb) => {
  it('an edit based on an old version is refused as stale; a current one bumps the version', async () => {
    const { db } = getDb();
    const scored = await createScoredEvaluation(db);
    const id = scored.evaluationId;
    await expect(
      db.transaction((tx) => lockForEdit(tx, id, scored.version - 1)),
    ).rejects.toMatchObject({ code: 'stale-version' });
    const locked = await db.transaction((tx) => lockForEdit(tx, id, scored.version));
    expect(locked.version).toBe(scored.version + 1);
    expect((await getWorkspaceEvaluation(db, id))?.version).toBe(scored.version + 1);
  });

  it('a published evaluation is frozen: edits are refused whatever the version', async () => {
    const { db } = getDb();
    const scored = await createScoredEvaluation(db);
    await db
      .update(evaluations)
      .set({ status: 'published', publishedAt: new Date() })
      .where(eq(evaluations.id, scored.evaluationId));
    const refusal = await db
      .transaction((tx) => lockForEdit(tx, scored.evaluationId, scored.version))
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StorageError);
    expect((refusal as StorageError).code).toBe('conflict');
  });

  it('keeps an area’s findings in the order given and leaves other areas alone', async () => {
    const { db } = getDb();
    const scored = await createScoredEvaluation(db);
    const id = scored.evaluationId;
    await db.transaction((tx) =>
      replaceAreaWriteUp(tx, id, 2, {
        texts: [{ heading: 'Beskrivning', body: 'Ny text' }],
        findings: [
          { kind: 'improvement', text: 'Först', referenceMunicipalityCode: null },
          { kind: 'strength', text: 'Sedan', referenceMunicipalityCode: '1280' },
        ],
      }),
    );
    expect(await getAreaWriteUp(db, id, 2)).toEqual({
      texts: [{ heading: 'Beskrivning', body: 'Ny text' }],
      findings: [
        { kind: 'improvement', text: 'Först', referenceMunicipalityCode: null },
        { kind: 'strength', text: 'Sedan', referenceMunicipalityCode: '1280' },
      ],
    });
    expect((await getAreaWriteUp(db, id, 3)).findings).toHaveLength(3);
  });

  it('stores an uploaded file byte for byte and lists evidence and interviews per evaluation', async () => {
    const { db } = getDb();
    const scored = await createScoredEvaluation(db);
    const id = scored.evaluationId;
    const bytes = Uint8Array.from([0, 1, 2, 250, 255]);
    const source = await insertSource(db, {
      evaluationId: id,
      kind: 'document',
      title: 'Policy',
      documentType: 'policy',
      datedOn: '2026-01-31',
      url: null,
      notes: null,
      file: { name: 'policy.bin', type: 'application/octet-stream', data: bytes },
      createdBy: null,
    });
    expect(source.fileSize).toBe(5);
    const file = await getSourceFile(db, id, source.id);
    expect([...(file?.data ?? [])]).toEqual([0, 1, 2, 250, 255]);
    expect(await getSourceFile(db, '00000000-0000-4000-8000-000000000000', source.id)).toBe(
      undefined,
    );
    const evidence = await listEvidence(db, id);
    expect(evidence.get('1.1')).toEqual({
      sourceIds: [scored.sourceId],
      interviewIds: [scored.interviewId],
    });
    expect(evidence.get('1.2')).toEqual({ sourceIds: [scored.sourceId], interviewIds: [] });
    expect((await listInterviews(db, id)).map((i) => i.name)).toEqual(['Testperson Intervjuad']);
  });

  it('lists the changes after an audit id with who made them', async () => {
    const { db } = getDb();
    const scored = await createScoredEvaluation(db);
    const all = await listChangesSince(db, scored.evaluationId, 0, 1000);
    expect(all[0]?.action).toBe('evaluation.create');
    const last = all.at(-1);
    expect(last?.actor?.id).toBe(scored.leadUserId);
    expect(await listChangesSince(db, scored.evaluationId, last?.id ?? 0)).toEqual([]);
  });
});
