import { count } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { StorageError } from '../errors.ts';
import { auditLog, evaluations } from '../schema.ts';
import { buildEvaluation, describeDatabases, ensureTestEdition } from '../testing.ts';
import { listAudit, recordAudit, type AuditEntry } from './audit.ts';
import { createEvaluation, getEvaluation } from './evaluations.ts';
import { createUser } from './users.ts';

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  actorUserId: null,
  action: 'evaluation.status-change',
  entityType: 'evaluation',
  entityId: 'e',
  field: 'status',
  oldValue: 'draft',
  newValue: 'review',
  ...overrides,
});

describeDatabases('audit log', (getDb) => {
  it('records the change and its entry in one transaction: a failed write leaves no entry', async () => {
    const { db } = getDb();
    await ensureTestEdition(getDb());
    const evaluation = await createEvaluation(db, buildEvaluation());
    const failed = db.transaction(async (tx) => {
      await tx.update(evaluations).set({ status: 'review' });
      await recordAudit(tx, entry({ entityId: evaluation.id, evaluationId: evaluation.id }));
      await tx.update(evaluations).set({ year: 1800 }); // violates evaluations_year_check
    });
    await expect(failed).rejects.toThrow();
    expect((await db.select({ n: count() }).from(auditLog))[0]?.n).toBe(0);
    expect((await getEvaluation(db, evaluation.id))?.status).toBe('draft');

    await db.transaction(async (tx) => {
      await tx.update(evaluations).set({ status: 'review' });
      await recordAudit(tx, entry({ entityId: evaluation.id, evaluationId: evaluation.id }));
    });
    expect(await listAudit(db, { evaluationId: evaluation.id })).toMatchObject([
      { action: 'evaluation.status-change', oldValue: 'draft', newValue: 'review', actor: null },
    ]);
  });

  it('keeps JSON values as given and names the actor', async () => {
    const { db } = getDb();
    const user = await createUser(
      db,
      { email: 'e@example.se', role: 'evaluator', displayName: 'Eva' },
      { actorUserId: null },
    );
    await recordAudit(db, [
      entry({
        actorUserId: user.id,
        field: 'points',
        oldValue: null,
        newValue: 3.5,
        reason: 'rättning',
      }),
      entry({
        actorUserId: user.id,
        field: 'findings',
        oldValue: { text: 'å' },
        newValue: [1, 'två'],
      }),
    ]);
    const entries = await listAudit(db, { entityType: 'evaluation', entityId: 'e' });
    expect(
      entries.map(({ field, oldValue, newValue, reason }) => ({
        field,
        oldValue,
        newValue,
        reason,
      })),
    ).toEqual([
      { field: 'points', oldValue: null, newValue: 3.5, reason: 'rättning' },
      { field: 'findings', oldValue: { text: 'å' }, newValue: [1, 'två'], reason: null },
    ]);
    expect(entries[0]?.actor).toEqual({ id: user.id, email: 'e@example.se', displayName: 'Eva' });
    expect(entries[0]?.at).toBeInstanceOf(Date);
    expect(entries[0]!.id).toBeLessThan(entries[1]!.id);
  });

  it('refuses an action that is not a dotted name', async () => {
    const { db } = getDb();
    const error = await recordAudit(db, entry({ action: 'changed' })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('invalid-value');
  });

  it('lists only the entries of the evaluation asked about', async () => {
    const { db } = getDb();
    const one = '00000000-0000-4000-8000-000000000001';
    const two = '00000000-0000-4000-8000-000000000002';
    await recordAudit(db, [
      entry({ evaluationId: one }),
      entry({ evaluationId: two }),
      entry({ evaluationId: one }),
    ]);
    expect(await listAudit(db, { evaluationId: one })).toHaveLength(2);
    expect(await listAudit(db, { evaluationId: two, limit: 5 })).toHaveLength(1);
  });
});
