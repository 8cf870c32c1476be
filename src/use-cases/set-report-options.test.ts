import { expect, it } from 'vitest';
import { StorageError } from '../db/errors.ts';
import { listAudit } from '../db/repositories/audit.ts';
import { createEvaluation, getEvaluation } from '../db/repositories/evaluations.ts';
import { getReportOptions } from '../db/repositories/report-options.ts';
import { buildEvaluation, describeDatabases, ensureTestEdition } from '../db/testing.ts';
import type { ReportOptions } from '../report/options.ts';
import { correctEvaluation } from './correct-evaluation.ts';
import { REPORT_OPTIONS_ACTION, setReportOptions } from './set-report-options.ts';

const computed2010: ReportOptions = {
  average: { kind: 'computed', yearFrom: 2010, lanCode: '04' },
  compare: [{ municipalityCode: '1384', year: 2011 }],
};

describeDatabases('setReportOptions', (getDb) => {
  /** Strängnäs 2012 (the one whose report is set up) and a published Kungsbacka 2011. */
  async function setUp(status: 'draft' | 'published' = 'published') {
    const { db } = getDb();
    await ensureTestEdition(getDb());
    const own = await createEvaluation(db, buildEvaluation({ status }));
    await createEvaluation(
      db,
      buildEvaluation({ municipalityCode: '1384', year: 2011, status: 'published' }),
    );
    return { db, own };
  }

  it('stores the options on a published evaluation, bumps its version and audits old and new', async () => {
    const { db, own } = await setUp('published');
    const outcome = await setReportOptions(db, {
      actorUserId: null,
      evaluationId: own.id,
      expectedVersion: own.version,
      options: computed2010,
    });
    expect(outcome).toEqual({
      ok: true,
      value: { version: own.version + 1, options: computed2010 },
    });
    expect(await getReportOptions(db, own.id)).toEqual(computed2010);
    const after = await getEvaluation(db, own.id);
    expect(after?.version).toBe(own.version + 1);
    expect(after?.status).toBe('published');
    const audit = (await listAudit(db, { evaluationId: own.id })).filter(
      (entry) => entry.action === REPORT_OPTIONS_ACTION,
    );
    expect(audit.map((entry) => [entry.field, entry.oldValue, entry.newValue])).toEqual([
      ['reportOptions', { average: { kind: 'published' }, compare: [] }, computed2010],
    ]);
  });

  it('refuses a stale version and changes nothing', async () => {
    const { db, own } = await setUp('draft');
    await setReportOptions(db, {
      actorUserId: null,
      evaluationId: own.id,
      expectedVersion: own.version,
      options: computed2010,
    });
    const second = setReportOptions(db, {
      actorUserId: null,
      evaluationId: own.id,
      expectedVersion: own.version,
      options: { average: { kind: 'none' }, compare: [] },
    });
    await expect(second).rejects.toMatchObject({ code: 'stale-version' });
    expect(await getReportOptions(db, own.id)).toEqual(computed2010);
    expect((await getEvaluation(db, own.id))?.version).toBe(own.version + 1);
  });

  it('names each comparison that is not a published evaluation, and the evaluated kommun itself', async () => {
    const { db, own } = await setUp('draft');
    await createEvaluation(
      db,
      buildEvaluation({ municipalityCode: '0180', year: 2013, status: 'draft' }),
    );
    const outcome = await setReportOptions(db, {
      actorUserId: null,
      evaluationId: own.id,
      expectedVersion: own.version,
      options: {
        average: { kind: 'computed', lanCode: '99' },
        compare: [
          { municipalityCode: '1384', year: 2011 },
          { municipalityCode: '0180', year: 2013 },
          { municipalityCode: '0486', year: 2010 },
        ],
      },
      fields: { compare: ['jamfor-1', 'jamfor-2', 'jamfor-3'], lanCode: 'lan' },
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues).toEqual([
      { field: 'lan', message: 'Det finns inget län med koden 99. Välj ett län i listan.' },
      {
        field: 'jamfor-2',
        message:
          'Det finns ingen publicerad utvärdering av Stockholm 2013. Välj en publicerad ' +
          'utvärdering i listan.',
      },
      {
        field: 'jamfor-3',
        message:
          'Strängnäs är kommunen som utvärderas: dess föregående utvärdering visas redan. ' +
          'Välj en annan kommun.',
      },
    ]);
    expect(await getReportOptions(db, own.id)).toEqual({});
    expect((await getEvaluation(db, own.id))?.version).toBe(own.version);
  });

  it('a correction inherits the options, and the superseded revision can no longer be changed', async () => {
    const { db, own } = await setUp('published');
    const set = await setReportOptions(db, {
      actorUserId: null,
      evaluationId: own.id,
      expectedVersion: own.version,
      options: computed2010,
    });
    if (!set.ok) throw new Error('not stored');
    const correction = await correctEvaluation(db, {
      evaluationId: own.id,
      expectedVersion: set.value.version,
      actorUserId: null,
      reason: 'Fel poäng på fråga 2.1',
    });
    if (!correction.ok) throw new Error(correction.message);
    expect(await getReportOptions(db, correction.evaluation.id)).toEqual(computed2010);
    const stale = await getEvaluation(db, own.id);
    await expect(
      setReportOptions(db, {
        actorUserId: null,
        evaluationId: own.id,
        expectedVersion: stale?.version ?? 0,
        options: { average: { kind: 'none' }, compare: [] },
      }),
    ).rejects.toSatisfy(
      (error: unknown) => error instanceof StorageError && error.code === 'conflict',
    );
  });

  it('saving the options already in force changes nothing but the version', async () => {
    const { db, own } = await setUp('draft');
    const outcome = await setReportOptions(db, {
      actorUserId: null,
      evaluationId: own.id,
      expectedVersion: own.version,
      options: { average: { kind: 'published' }, compare: [] },
    });
    expect(outcome.ok).toBe(true);
    expect(await getReportOptions(db, own.id)).toEqual({});
    const audit = await listAudit(db, { evaluationId: own.id });
    expect(audit.filter((entry) => entry.action === REPORT_OPTIONS_ACTION)).toEqual([]);
  });
});
