import { expect, it } from 'vitest';
import { listAudit } from '../db/repositories/audit.ts';
import { listComments } from '../db/repositories/comments.ts';
import { createUser } from '../db/repositories/users.ts';
import { getWorkspaceEvaluation } from '../db/repositories/workspace.ts';
import { describeDatabases } from '../db/testing.ts';
import type { Db } from '../db/client.ts';
import { addComment, COMMENT_MAX_LENGTH } from './add-comment.ts';
import { createScoredEvaluation } from './testing.ts';

async function municipalityUser(db: Db) {
  return createUser(
    db,
    {
      email: `kommun-${String(Math.random()).slice(2)}@example.se`,
      role: 'municipality',
      municipalityCode: '0486',
      displayName: 'Kim Kommun',
    },
    { actorUserId: null },
  );
}

describeDatabases('addComment', (getDb) => {
  it('stores a comment on a question with its area, audits it with the text, and leaves the version alone', async () => {
    const { db } = getDb();
    const scored = await createScoredEvaluation(db);
    const author = await municipalityUser(db);
    const before = (await getWorkspaceEvaluation(db, scored.evaluationId))?.version;

    const outcome = await addComment(db, {
      actorUserId: author.id,
      evaluationId: scored.evaluationId,
      body: '  Vi undrar över poängen på fråga 2.1.  ',
      areaNumber: null,
      questionId: '2.1',
    });

    expect(outcome.ok).toBe(true);
    const comments = await listComments(db, scored.evaluationId);
    expect(comments).toEqual([
      expect.objectContaining({
        areaNumber: 2,
        questionId: '2.1',
        body: 'Vi undrar över poängen på fråga 2.1.',
        author: { id: author.id, displayName: 'Kim Kommun', role: 'municipality' },
      }),
    ]);
    const audit = await listAudit(db, { entityType: 'comment' });
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'comment.add',
        evaluationId: scored.evaluationId,
        actor: expect.objectContaining({ id: author.id }) as unknown,
        newValue: {
          areaNumber: 2,
          questionId: '2.1',
          body: 'Vi undrar över poängen på fråga 2.1.',
        },
      }),
    ]);
    expect((await getWorkspaceEvaluation(db, scored.evaluationId))?.version).toBe(before);
  });

  it('refuses an empty, a too long comment and an unknown area or question, and stores nothing', async () => {
    const { db } = getDb();
    const scored = await createScoredEvaluation(db);
    const author = await municipalityUser(db);
    const base = { actorUserId: author.id, evaluationId: scored.evaluationId };

    const empty = await addComment(db, {
      ...base,
      body: '   ',
      areaNumber: null,
      questionId: null,
    });
    expect(empty).toEqual({
      ok: false,
      issues: [{ field: 'body', message: 'Skriv en kommentar: fältet är tomt.' }],
    });
    const long = await addComment(db, {
      ...base,
      body: 'x'.repeat(COMMENT_MAX_LENGTH + 1),
      areaNumber: null,
      questionId: null,
    });
    expect(long).toEqual({
      ok: false,
      issues: [
        {
          field: 'body',
          message: 'Kommentaren är 4001 tecken lång. Korta den till högst 4000 tecken.',
        },
      ],
    });
    const area = await addComment(db, { ...base, body: 'Hej', areaNumber: 9, questionId: null });
    expect(area.ok ? [] : area.issues.map((issue) => issue.field)).toEqual(['target']);
    const question = await addComment(db, {
      ...base,
      body: 'Hej',
      areaNumber: null,
      questionId: '9.9',
    });
    expect(question.ok ? '' : question.issues[0]?.message).toContain('Fråga 9.9 finns inte');
    const mismatch = await addComment(db, {
      ...base,
      body: 'Hej',
      areaNumber: 3,
      questionId: '2.1',
    });
    expect(mismatch.ok).toBe(false);

    expect(await listComments(db, scored.evaluationId)).toEqual([]);
    expect(await listAudit(db, { entityType: 'comment' })).toEqual([]);
  });

  it('accepts exactly 4000 characters', async () => {
    const { db } = getDb();
    const scored = await createScoredEvaluation(db);
    const outcome = await addComment(db, {
      actorUserId: scored.leadUserId,
      evaluationId: scored.evaluationId,
      body: 'å'.repeat(COMMENT_MAX_LENGTH),
      areaNumber: 1,
      questionId: null,
    });
    expect(outcome.ok).toBe(true);
    expect((await listComments(db, scored.evaluationId))[0]?.body).toHaveLength(4000);
  });
});
