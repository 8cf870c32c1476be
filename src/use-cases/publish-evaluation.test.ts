import { expect, it } from 'vitest';
import { assignToEvaluation, listTeam } from '../db/repositories/assignments.ts';
import { listAudit } from '../db/repositories/audit.ts';
import { createEvaluation, getEvaluation, listRevisions } from '../db/repositories/evaluations.ts';
import { createUser } from '../db/repositories/users.ts';
import { buildEvaluation, describeDatabases, ensureTestEdition } from '../db/testing.ts';
import type { Database } from '../db/client.ts';
import { describeMissing } from '../domain/workflow/index.ts';
import { correctEvaluation } from './correct-evaluation.ts';
import { publishEvaluation } from './publish-evaluation.ts';
import { returnToDraft } from './return-to-draft.ts';
import { submitForReview } from './submit-for-review.ts';

async function setUp(database: Database, overrides: Parameters<typeof buildEvaluation>[0] = {}) {
  await ensureTestEdition(database);
  const user = await createUser(
    database.db,
    { email: 'lead@example.se', role: 'evaluator', displayName: 'Lea Lead' },
    { actorUserId: null },
  );
  const evaluation = await createEvaluation(database.db, buildEvaluation(overrides));
  await assignToEvaluation(database.db, {
    evaluationId: evaluation.id,
    userId: user.id,
    role: 'lead',
    actorUserId: null,
  });
  return { user, evaluation };
}

describeDatabases('workflow use cases', (getDb) => {
  it('takes a complete draft through review to published, auditing each step with who and when', async () => {
    const { user, evaluation } = await setUp(getDb());
    const db = getDb().db;
    const now = new Date('2026-03-01T10:00:00Z');
    const submitted = await submitForReview(db, {
      evaluationId: evaluation.id,
      expectedVersion: evaluation.version,
      actorUserId: user.id,
    });
    expect(submitted).toMatchObject({ ok: true, evaluation: { status: 'review', version: 2 } });
    const published = await publishEvaluation(db, {
      evaluationId: evaluation.id,
      expectedVersion: 2,
      actorUserId: user.id,
      now,
    });
    expect(published).toMatchObject({
      ok: true,
      evaluation: { status: 'published', publishedAt: now, version: 3 },
    });
    const trail = (await listAudit(db, { evaluationId: evaluation.id })).filter((entry) =>
      entry.action.startsWith('evaluation.'),
    );
    expect(
      trail.map(({ action, field, oldValue, newValue, actor }) => ({
        action,
        field,
        oldValue,
        newValue,
        by: actor?.displayName,
      })),
    ).toEqual([
      {
        action: 'evaluation.submit',
        field: 'status',
        oldValue: 'draft',
        newValue: 'review',
        by: 'Lea Lead',
      },
      {
        action: 'evaluation.publish',
        field: 'status',
        oldValue: 'review',
        newValue: 'published',
        by: 'Lea Lead',
      },
    ]);
  });

  it('refuses to publish with the list of what is missing, and changes nothing', async () => {
    const complete = buildEvaluation();
    const { user, evaluation } = await setUp(getDb(), {
      questions: complete.questions?.filter((question) => question.id !== '3.2'),
      findings: complete.findings?.filter((f) => !(f.area === 5 && f.kind === 'improvement')),
    });
    const db = getDb().db;
    await submitForReview(db, {
      evaluationId: evaluation.id,
      expectedVersion: 1,
      actorUserId: user.id,
    });
    const outcome = await publishEvaluation(db, {
      evaluationId: evaluation.id,
      expectedVersion: 2,
      actorUserId: user.id,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toBe('incomplete');
    expect(outcome.missing.map(describeMissing)).toEqual([
      'Fråga 3.2 (Fråga 3.2) saknar poäng.',
      'Område 5 (Område 5) saknar ett förbättringsområde.',
    ]);
    expect(await getEvaluation(db, evaluation.id)).toMatchObject({ status: 'review', version: 2 });
    expect(
      (await listAudit(db, { evaluationId: evaluation.id })).map((e) => e.action),
    ).not.toContain('evaluation.publish');
  });

  it('refuses a draft that skips review, and a stale version', async () => {
    const { user, evaluation } = await setUp(getDb());
    const db = getDb().db;
    expect(
      await publishEvaluation(db, {
        evaluationId: evaluation.id,
        expectedVersion: 1,
        actorUserId: user.id,
      }),
    ).toMatchObject({ ok: false, reason: 'wrong-status' });
    await expect(
      submitForReview(db, {
        evaluationId: evaluation.id,
        expectedVersion: 7,
        actorUserId: user.id,
      }),
    ).rejects.toMatchObject({ code: 'stale-version' });
    expect(await getEvaluation(db, evaluation.id)).toMatchObject({ status: 'draft', version: 1 });
  });

  it('returns an evaluation under review to draft with the reason', async () => {
    const { user, evaluation } = await setUp(getDb());
    const db = getDb().db;
    await submitForReview(db, {
      evaluationId: evaluation.id,
      expectedVersion: 1,
      actorUserId: user.id,
    });
    const outcome = await returnToDraft(db, {
      evaluationId: evaluation.id,
      expectedVersion: 2,
      actorUserId: user.id,
      reason: 'Motivera område 2 bättre',
    });
    expect(outcome).toMatchObject({ ok: true, evaluation: { status: 'draft' } });
    const [last] = (await listAudit(db, { evaluationId: evaluation.id })).slice(-1);
    expect(last).toMatchObject({
      action: 'evaluation.return',
      oldValue: 'review',
      newValue: 'draft',
      reason: 'Motivera område 2 bättre',
    });
  });

  it('corrects a published evaluation as a new draft revision with the same team; the old one stays readable', async () => {
    const { user, evaluation } = await setUp(getDb(), { status: 'published' });
    const db = getDb().db;
    expect(
      await correctEvaluation(db, {
        evaluationId: evaluation.id,
        expectedVersion: evaluation.version,
        actorUserId: user.id,
        reason: '  ',
      }),
    ).toMatchObject({ ok: false, reason: 'reason-missing' });
    const outcome = await correctEvaluation(db, {
      evaluationId: evaluation.id,
      expectedVersion: evaluation.version,
      actorUserId: user.id,
      reason: 'Fel poäng på fråga 2.1',
    });
    if (!outcome.ok) throw new Error(outcome.message);
    const correction = outcome.evaluation;
    expect(correction).toMatchObject({
      status: 'draft',
      revision: 2,
      supersedesId: evaluation.id,
      current: true,
      publishedAt: null,
    });
    expect(correction.questions).toEqual(evaluation.questions);
    expect(correction.findings.map((f) => f.text)).toEqual(evaluation.findings.map((f) => f.text));
    expect((await listTeam(db, correction.id)).map((m) => [m.userId, m.teamRole])).toEqual([
      [user.id, 'lead'],
    ]);
    const old = await getEvaluation(db, evaluation.id);
    expect(old).toMatchObject({ status: 'published', current: false });
    expect((await listRevisions(db, correction.id)).map((r) => r.revision)).toEqual([2, 1]);
    expect(await listAudit(db, { evaluationId: evaluation.id })).toContainEqual(
      expect.objectContaining({
        action: 'evaluation.correct',
        reason: 'Fel poäng på fråga 2.1',
        oldValue: 1,
        newValue: 2,
      }),
    );
    // A superseded revision is corrected no more; the correction is published through review.
    expect(
      await correctEvaluation(db, {
        evaluationId: evaluation.id,
        expectedVersion: old?.version ?? 0,
        actorUserId: user.id,
        reason: 'igen',
      }),
    ).toMatchObject({ ok: false, reason: 'not-published' });
    await submitForReview(db, {
      evaluationId: correction.id,
      expectedVersion: 1,
      actorUserId: user.id,
    });
    expect(
      await publishEvaluation(db, {
        evaluationId: correction.id,
        expectedVersion: 2,
        actorUserId: user.id,
      }),
    ).toMatchObject({ ok: true, evaluation: { status: 'published', current: true, revision: 2 } });
  });

  it('lets exactly one of two concurrent publishers through; the other is told the version is stale', async () => {
    const { user, evaluation } = await setUp(getDb());
    const db = getDb().db;
    await submitForReview(db, {
      evaluationId: evaluation.id,
      expectedVersion: 1,
      actorUserId: user.id,
    });
    const results = await Promise.allSettled(
      [1, 2].map(() =>
        publishEvaluation(db, {
          evaluationId: evaluation.id,
          expectedVersion: 2,
          actorUserId: user.id,
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.status === 'rejected' ? rejected.reason : undefined).toMatchObject({
      code: 'stale-version',
    });
    const publishes = (await listAudit(db, { evaluationId: evaluation.id })).filter(
      (entry) => entry.action === 'evaluation.publish',
    );
    expect(publishes).toHaveLength(1);
  });

  it('refuses to correct a draft: drafts are edited directly', async () => {
    const { user, evaluation } = await setUp(getDb());
    expect(
      await correctEvaluation(getDb().db, {
        evaluationId: evaluation.id,
        expectedVersion: 1,
        actorUserId: user.id,
        reason: 'Rättelse',
      }),
    ).toMatchObject({ ok: false, reason: 'not-published' });
  });
  it('leaves a submitted self-assessment alone: the workflow neither reopens nor publishes it', async () => {
    const { user, evaluation } = await setUp(getDb(), {
      kind: 'self-assessment',
      status: 'review',
      areas: [],
      findings: [],
    });
    const db = getDb().db;
    const command = {
      evaluationId: evaluation.id,
      expectedVersion: evaluation.version,
      actorUserId: user.id,
    };
    for (const outcome of [
      await returnToDraft(db, command),
      await publishEvaluation(db, command),
    ]) {
      expect(outcome).toMatchObject({ ok: false, reason: 'wrong-status' });
    }
    expect(await getEvaluation(db, evaluation.id)).toMatchObject({
      status: 'review',
      version: evaluation.version,
    });
    const trail = await listAudit(db, { evaluationId: evaluation.id });
    expect(trail.filter((entry) => entry.action.startsWith('evaluation.'))).toEqual([]);
  });
});
