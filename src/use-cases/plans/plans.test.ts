import { expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { StorageError } from '../../db/errors.ts';
import { listActions } from '../../db/repositories/actions.ts';
import { listAudit } from '../../db/repositories/audit.ts';
import { createEvaluation, listEvaluations } from '../../db/repositories/evaluations.ts';
import { describeDatabases } from '../../db/testing.ts';
import { loadDemoData } from '../load-demo-data.ts';
import { addActionNote } from './add-action-note.ts';
import { createAction } from './create-action.ts';
import { listOverdueActions } from './list-overdue-actions.ts';
import { loadFollowUp } from './load-follow-up.ts';
import { loadPlan } from './load-plan.ts';
import { PLAN_CSV_HEADER, planCsv } from './plan-csv.ts';
import { updateAction } from './update-action.ts';

/** The demo data's Strängnäs 2016 (published, with improvement areas) and its first one. */
async function strangnas(db: Db) {
  await loadDemoData(db);
  const [evaluation] = await listEvaluations(db, {
    municipalityCode: '0486',
    status: 'published',
    editionId: 'kk-2016',
  });
  if (!evaluation) throw new Error('no Strängnäs 2016 in the demo data');
  const plan = await loadPlan(db, evaluation.id);
  const improvement = plan?.areas[0]?.improvements[0]?.finding;
  const strength = plan?.evaluation.findings.find((f) => f.kind === 'strength');
  if (!improvement || !strength) throw new Error('no findings in the demo data');
  return { evaluationId: evaluation.id, improvement, strength };
}

const fields = {
  title: 'Årlig uppföljning av medborgardialogerna',
  description: 'Sammanställ vilka dialoger som hållits och vad de ledde till.',
  owner: 'Kommunledningskontoret',
  startsOn: '2026-02-01',
  dueOn: '2026-06-30',
  status: 'planned',
};

describeDatabases('action plans', (getDb) => {
  it('creates an action on an improvement area, keeps its area and text, and audits it', async () => {
    const { db } = getDb();
    const { evaluationId, improvement } = await strangnas(db);
    const created = await createAction(db, {
      ...fields,
      actorUserId: null,
      evaluationId,
      findingId: improvement.id,
    });
    expect(created.ok).toBe(true);
    const plan = await loadPlan(db, evaluationId);
    const area1 = plan?.areas[0];
    expect(area1?.improvements[0]?.actions.map((a) => [a.title, a.owner, a.areaNumber])).toEqual([
      [fields.title, fields.owner, 1],
    ]);
    expect(area1?.improvements[0]?.actions[0]?.improvementText).toBe(improvement.text);
    const audit = await listAudit(db, { entityType: 'action' });
    expect(audit.map((e) => e.action)).toEqual(['action.create']);
  });

  it('refuses a missing title and owner, a due date before the start and an unknown improvement area, and stores nothing', async () => {
    const { db } = getDb();
    const { evaluationId, improvement, strength } = await strangnas(db);
    const bad = await createAction(db, {
      ...fields,
      title: ' ',
      owner: '',
      startsOn: '2026-06-01',
      dueOn: '2026-05-01',
      actorUserId: null,
      evaluationId,
      findingId: improvement.id,
    });
    expect(bad).toEqual({
      ok: false,
      issues: [
        { field: 'title', message: 'Skriv vad åtgärden är (en kort rubrik).' },
        {
          field: 'owner',
          message:
            'Skriv vem som ansvarar: en person eller en enhet, till exempel Kommunledningskontoret.',
        },
        {
          field: 'dueOn',
          message:
            'Slutdatumet ligger före startdatumet (2026-06-01). Välj ett slutdatum samma dag eller senare.',
        },
      ],
    });
    const strengthRefused = await createAction(db, {
      ...fields,
      actorUserId: null,
      evaluationId,
      findingId: strength.id,
    });
    expect(!strengthRefused.ok && strengthRefused.issues).toEqual([
      { field: 'findingId', message: 'Välj ett av utvärderingens förbättringsområden i listan.' },
    ]);
    const badDate = await createAction(db, {
      ...fields,
      dueOn: '2026-02-30',
      actorUserId: null,
      evaluationId,
      findingId: improvement.id,
    });
    expect(!badDate.ok && badDate.issues.map((i) => i.field)).toEqual(['dueOn']);
    expect(await listActions(db)).toEqual([]);
    expect(await listAudit(db, { entityType: 'action' })).toEqual([]);
  });

  it('refuses an action on an unpublished evaluation', async () => {
    const { db } = getDb();
    const draft = await createEvaluation(db, {
      municipalityCode: '0486',
      year: 2020,
      editionId: 'kk-2016',
      kind: 'area-level',
      source: 'test',
      findings: [{ area: 1, kind: 'improvement', text: 'Ett utkast' }],
    });
    const result = await createAction(db, {
      ...fields,
      actorUserId: null,
      evaluationId: draft.id,
      findingId: draft.findings[0]?.id ?? '',
    });
    expect(!result.ok && result.issues[0]?.message).toBe(
      'Åtgärder kan bara läggas till på en publicerad utvärdering.',
    );
  });

  it('completes an action with the version it was based on, audits each changed field and refuses a stale form', async () => {
    const { db } = getDb();
    const { evaluationId, improvement } = await strangnas(db);
    const created = await createAction(db, {
      ...fields,
      actorUserId: null,
      evaluationId,
      findingId: improvement.id,
    });
    if (!created.ok) throw new Error('not created');
    const done = await updateAction(db, {
      ...fields,
      status: 'done',
      owner: 'Kansliet',
      actorUserId: null,
      actionId: created.value.id,
      expectedVersion: 1,
    });
    expect(done.ok && [done.value.status, done.value.version]).toEqual(['done', 2]);
    const audit = await listAudit(db, { entityType: 'action', entityId: created.value.id });
    expect(audit.map((e) => [e.action, e.field, e.oldValue, e.newValue])).toEqual([
      ['action.create', null, null, expect.objectContaining({ status: 'planned' })],
      ['action.update', 'owner', 'Kommunledningskontoret', 'Kansliet'],
      ['action.status', 'status', 'planned', 'done'],
    ]);
    await expect(
      updateAction(db, {
        ...fields,
        status: 'dropped',
        actorUserId: null,
        actionId: created.value.id,
        expectedVersion: 1,
      }),
    ).rejects.toThrow(StorageError);
    expect((await listActions(db))[0]?.status).toBe('done');
  });

  it('adds dated progress notes, refuses a bad date, and lists overdue actions only while planned or ongoing', async () => {
    const { db } = getDb();
    const { evaluationId, improvement } = await strangnas(db);
    const created = await createAction(db, {
      ...fields,
      actorUserId: null,
      evaluationId,
      findingId: improvement.id,
    });
    if (!created.ok) throw new Error('not created');
    const note = await addActionNote(db, {
      actorUserId: null,
      actionId: created.value.id,
      notedOn: '2026-03-15',
      body: 'Första sammanställningen klar.',
    });
    expect(note.ok).toBe(true);
    const bad = await addActionNote(db, {
      actorUserId: null,
      actionId: created.value.id,
      notedOn: '15 mars',
      body: '',
    });
    expect(!bad.ok && bad.issues.map((i) => i.field)).toEqual(['notedOn', 'body']);
    const plan = await loadPlan(db, evaluationId);
    expect(plan?.areas[0]?.improvements[0]?.actions[0]?.notes.map((n) => n.notedOn)).toEqual([
      '2026-03-15',
    ]);

    expect(await listOverdueActions(db, { today: '2026-06-30' })).toEqual([]);
    const overdue = await listOverdueActions(db, { today: '2026-07-03', municipalityCode: '0486' });
    expect(
      overdue.map((a) => [a.title, a.municipalityName, a.evaluationYear, a.daysOverdue]),
    ).toEqual([[fields.title, 'Strängnäs', 2016, 3]]);
    expect(await listOverdueActions(db, { today: '2026-07-03', municipalityCode: '0181' })).toEqual(
      [],
    );
    await updateAction(db, {
      ...fields,
      status: 'done',
      actorUserId: null,
      actionId: created.value.id,
      expectedVersion: 1,
    });
    expect(await listOverdueActions(db, { today: '2026-07-03' })).toEqual([]);
  });

  it('exports the plan as CSV with Swedish headers, sv-SE dates and formulas defused', async () => {
    const { db } = getDb();
    const { evaluationId, improvement } = await strangnas(db);
    await createAction(db, {
      ...fields,
      title: '=HYPERLINK("x")',
      actorUserId: null,
      evaluationId,
      findingId: improvement.id,
    });
    const plan = await loadPlan(db, evaluationId);
    if (!plan) throw new Error('no plan');
    const lines = planCsv(plan).split('\r\n');
    expect(lines[0]).toBe(`\uFEFF${PLAN_CSV_HEADER.join(';')}`);
    expect(lines[1]).toBe(
      `1;Offentlighet och demokrati;${improvement.text};"'=HYPERLINK(""x"")";${fields.description};Kommunledningskontoret;2026-02-01;2026-06-30;Planerad;;`,
    );
  });

  it('follows up: the change per area since the previous evaluation, with the actions on it only when asked', async () => {
    const { db } = getDb();
    const { evaluationId, improvement } = await strangnas(db);
    await createAction(db, {
      ...fields,
      status: 'done',
      actorUserId: null,
      evaluationId,
      findingId: improvement.id,
    });
    const next = await createEvaluation(db, {
      municipalityCode: '0486',
      year: 2019,
      editionId: 'kk-2016',
      kind: 'area-level',
      status: 'published',
      source: 'test',
      areas: [70, 60, 61, 67, 64, 52, 66, 68].map((score, i) => ({ number: i + 1, score })),
    });
    const followUp = await loadFollowUp(db, next.id, { withActions: true });
    expect(followUp?.previous?.year).toBe(2016);
    expect(followUp?.areas.map((a) => a.change)).toEqual([7, 0, 1, 0, 0, 3, 0, 0]);
    expect(followUp?.areas[0]?.actions.map((a) => [a.title, a.status])).toEqual([
      [fields.title, 'done'],
    ]);
    const publicView = await loadFollowUp(db, next.id, { withActions: false });
    expect(publicView?.areas.flatMap((a) => a.actions)).toEqual([]);
    // Strängnäs 2016 against the 2014 result the report printed (kk-2010 → kk-2016).
    const earlier = await loadFollowUp(db, evaluationId, { withActions: true });
    expect(earlier?.previous).toMatchObject({ year: 2014, editionId: 'kk-2010' });
    expect(earlier?.areas.map((a) => a.change)).toEqual([9, 11, -17, 12, 6, 12, 6, 19]);
    expect(earlier?.areas[6]?.previousName).toBe('Verksamhetsutveckling');
  });
});
