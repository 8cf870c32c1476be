import { expect, it } from 'vitest';
import { buildEvaluation, describeDatabases, ensureTestEdition } from '../testing.ts';
import {
  assignToEvaluation,
  listAssignedEvaluationIds,
  listTeam,
  removeFromEvaluation,
} from './assignments.ts';
import { listAudit } from './audit.ts';
import { createEvaluation } from './evaluations.ts';
import { createUser } from './users.ts';

const cli = { actorUserId: null };

describeDatabases('evaluation teams', (getDb) => {
  async function setup() {
    const { db } = getDb();
    await ensureTestEdition(getDb());
    const evaluation = await createEvaluation(db, buildEvaluation());
    const other = await createEvaluation(db, buildEvaluation({ year: 2013 }));
    const admin = await createUser(
      db,
      { email: 'admin@example.se', role: 'admin', displayName: 'Ada' },
      cli,
    );
    const evaluator = await createUser(
      db,
      { email: 'e@example.se', role: 'evaluator', displayName: 'Eva' },
      cli,
    );
    return { db, evaluation, other, admin, evaluator };
  }

  it('assigns evaluators to evaluations, lists the team leads first, and audits each change', async () => {
    const { db, evaluation, other, admin, evaluator } = await setup();
    await assignToEvaluation(db, {
      evaluationId: evaluation.id,
      userId: evaluator.id,
      actorUserId: admin.id,
    });
    await assignToEvaluation(db, {
      evaluationId: evaluation.id,
      userId: admin.id,
      role: 'lead',
      actorUserId: admin.id,
    });
    await assignToEvaluation(db, {
      evaluationId: other.id,
      userId: evaluator.id,
      role: 'lead',
      actorUserId: admin.id,
    });
    expect(await listTeam(db, evaluation.id)).toEqual([
      {
        userId: admin.id,
        email: 'admin@example.se',
        displayName: 'Ada',
        userRole: 'admin',
        teamRole: 'lead',
      },
      {
        userId: evaluator.id,
        email: 'e@example.se',
        displayName: 'Eva',
        userRole: 'evaluator',
        teamRole: 'member',
      },
    ]);
    expect(await listAssignedEvaluationIds(db, evaluator.id)).toEqual(
      [evaluation.id, other.id].sort(),
    );

    await assignToEvaluation(db, {
      evaluationId: evaluation.id,
      userId: evaluator.id,
      role: 'lead',
      actorUserId: admin.id,
    });
    await assignToEvaluation(db, {
      evaluationId: evaluation.id,
      userId: evaluator.id,
      role: 'lead',
      actorUserId: admin.id,
    });
    await removeFromEvaluation(db, {
      evaluationId: evaluation.id,
      userId: evaluator.id,
      actorUserId: admin.id,
    });
    await removeFromEvaluation(db, {
      evaluationId: evaluation.id,
      userId: evaluator.id,
      actorUserId: admin.id,
    });
    expect(await listAssignedEvaluationIds(db, evaluator.id)).toEqual([other.id]);
    const history = await listAudit(db, { evaluationId: evaluation.id });
    expect(
      history.map((entry) => [entry.action, entry.entityId, entry.oldValue, entry.newValue]),
    ).toEqual([
      ['team.add', evaluator.id, null, 'member'],
      ['team.add', admin.id, null, 'lead'],
      ['team.role-change', evaluator.id, 'member', 'lead'],
      ['team.remove', evaluator.id, 'lead', null],
    ]);
    expect(history.every((entry) => entry.actor?.id === admin.id)).toBe(true);
  });

  it('refuses a municipality user on a team', async () => {
    const { db, evaluation } = await setup();
    const user = await createUser(
      db,
      { email: 'k@strangnas.se', role: 'municipality', municipalityCode: '0486' },
      cli,
    );
    await expect(
      assignToEvaluation(db, { evaluationId: evaluation.id, userId: user.id, ...cli }),
    ).rejects.toThrow(/municipality user: only evaluators and admins join an evaluation team/);
    expect(await listTeam(db, evaluation.id)).toEqual([]);
    expect(await listAudit(db, { evaluationId: evaluation.id })).toEqual([]);
  });

  it('refuses an unknown evaluation', async () => {
    const { db, evaluator } = await setup();
    await expect(
      assignToEvaluation(db, {
        evaluationId: '00000000-0000-4000-8000-000000000009',
        userId: evaluator.id,
        ...cli,
      }),
    ).rejects.toThrow(/no evaluation with id/);
  });
});
