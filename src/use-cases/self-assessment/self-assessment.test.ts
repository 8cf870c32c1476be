import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { StorageError } from '../../db/errors.ts';
import { listAudit } from '../../db/repositories/audit.ts';
import { listEditions } from '../../db/repositories/editions.ts';
import {
  findLatestSubmittedSelfAssessment,
  getSelfAssessment,
  listKeyFigures,
} from '../../db/repositories/self-assessments.ts';
import { createUser } from '../../db/repositories/users.ts';
import { keyFigures } from '../../db/schema.ts';
import { describeDatabases } from '../../db/testing.ts';
import { loadMunicipalities } from '../../reference/municipalities.ts';
import { importReport } from '../import-report.ts';
import { resolveAnswer } from './resolve-answer.ts';
import { EMPTY_KEY_FIGURE_ROW, groupKeyFigures, type KeyFigureFormRow } from './rules.ts';
import { saveSelfAssessmentDraft, type SaveSelfAssessmentInput } from './save-self-assessment.ts';
import { showSelfAssessment } from './show-self-assessment.ts';
import { startSelfAssessment } from './start-self-assessment.ts';
import { submitSelfAssessment } from './submit-self-assessment.ts';

const SCALE = ['Ej alls', 'Delvis', 'I hög grad', 'Fullt ut'];
const QUESTIONS = Array.from({ length: 50 }, (_, index) => String(index + 1));
const APPLICATION = 'sodertalje-kvalitetskommun-ansokan-2009.txt';

let counter = 0;
async function municipalityUser(db: Db, code = '0181'): Promise<string> {
  counter += 1;
  const user = await createUser(
    db,
    {
      email: `kommun-${String(counter)}@example.se`,
      role: 'municipality',
      municipalityCode: code,
      displayName: `Kommunanvändare ${String(counter)}`,
      passwordHash: null,
      mustChangePassword: false,
    },
    { actorUserId: null },
  );
  return user.id;
}

/** Answers for the given question ids, cycling through the scale. */
const answersFor = (ids: readonly string[]) =>
  Object.fromEntries(ids.map((id, index) => [id, SCALE[index % SCALE.length] ?? 'Delvis']));

const row = (fields: Partial<KeyFigureFormRow>): KeyFigureFormRow => ({
  ...EMPTY_KEY_FIGURE_ROW,
  ...fields,
});

async function started(db: Db, year = 2025) {
  const actor = await municipalityUser(db);
  const outcome = await startSelfAssessment(db, {
    actorUserId: actor,
    municipalityCode: '0181',
    year,
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return { actor, id: outcome.value.id };
}

const save = (
  db: Db,
  input: Partial<SaveSelfAssessmentInput> & {
    evaluationId: string;
    expectedVersion: number;
    actorUserId: string;
  },
) =>
  saveSelfAssessmentDraft(db, {
    answers: {},
    narratives: new Map(),
    keyFigures: [],
    ...input,
  });

async function importApplication(db: Db) {
  const outcome = await importReport({
    db,
    bytes: readFileSync(new URL(`../../../../shared/seeds/${APPLICATION}`, import.meta.url)),
    source: APPLICATION,
    editions: (await listEditions(db)).map((edition) => edition.definition),
    municipalities: loadMunicipalities(),
  });
  if (outcome.status === 'failed') throw new Error(JSON.stringify(outcome.issues));
  return outcome.evaluation.id;
}

describeDatabases('self-assessment', (getDb) => {
  it('starts a draft on the questionnaire in use, and refuses a second one for the same year', async () => {
    const { db } = getDb();
    const { actor, id } = await started(db);
    const record = await getSelfAssessment(db, id);
    expect(record).toMatchObject({
      municipalityCode: '0181',
      year: 2025,
      editionId: 'kvalitetskommun-2009',
      status: 'draft',
      answered: 0,
    });
    const again = await startSelfAssessment(db, {
      actorUserId: actor,
      municipalityCode: '0181',
      year: 2025,
    });
    expect(again).toEqual({
      ok: false,
      issues: [
        {
          field: 'year',
          message:
            'Södertälje har redan en självvärdering för 2025. Öppna den i listan, eller välj ett annat år för en ny omgång.',
        },
      ],
    });
    expect(
      await startSelfAssessment(db, { actorUserId: actor, municipalityCode: '0181', year: 2001 }),
    ).toMatchObject({ ok: false, issues: [{ field: 'year' }] });
    expect(
      await startSelfAssessment(db, { actorUserId: actor, municipalityCode: '9999', year: 2025 }),
    ).toMatchObject({ ok: false, issues: [{ field: 'municipalityCode' }] });
    const audit = await listAudit(db, { evaluationId: id });
    expect(audit.map((entry) => [entry.action, entry.actor?.id])).toEqual([
      ['self-assessment.create', actor],
    ]);
  });

  it('saves a draft and resumes it later: answers, narratives and key figures come back as saved', async () => {
    const { db } = getDb();
    const { actor, id } = await started(db);
    const saved = await save(db, {
      actorUserId: actor,
      evaluationId: id,
      expectedVersion: 1,
      answers: { ...answersFor(QUESTIONS.slice(0, 20)), '21': '' },
      narratives: new Map([
        [1, 'Medborgardialoger i varje kommundel.'],
        [3, ''],
      ]),
      keyFigures: [
        row({
          name: 'Nöjd medborgar-index',
          unit: 'index',
          year: '2023',
          target: '60',
          result: '57,5',
          theme: '1',
        }),
        EMPTY_KEY_FIGURE_ROW,
        row({
          name: 'Nöjd medborgar-index',
          unit: 'index',
          year: '2024',
          target: '62',
          result: '',
        }),
        row({ name: 'Sjukfrånvaro', unit: '%', year: '2024', target: '6', result: '7,3' }),
      ],
    });
    expect(saved).toEqual({ ok: true, value: { version: 2 } });

    const resumed = await getSelfAssessment(db, id);
    expect(resumed?.version).toBe(2);
    expect(resumed?.answered).toBe(20);
    expect(resumed?.answers.find((answer) => answer.questionId === '4')?.answer).toBe('Fullt ut');
    expect(resumed?.answers.find((answer) => answer.questionId === '21')).toBeUndefined();
    expect(resumed?.texts).toEqual([
      { theme: 1, heading: null, body: 'Medborgardialoger i varje kommundel.', position: 1000 },
    ]);
    expect(groupKeyFigures(resumed?.keyFigures ?? [])).toEqual([
      {
        name: 'Nöjd medborgar-index',
        unit: 'index',
        theme: 1,
        points: [
          { year: 2023, target: 60, result: 57.5 },
          { year: 2024, target: 62, result: null },
        ],
      },
      {
        name: 'Sjukfrånvaro',
        unit: '%',
        theme: null,
        points: [{ year: 2024, target: 6, result: 7.3 }],
      },
    ]);
    const actions = (await listAudit(db, { evaluationId: id })).map((entry) => entry.action);
    expect(actions.filter((action) => action === 'self-assessment.answer')).toHaveLength(20);
    expect(actions).toContain('self-assessment.narrative');
    expect(actions).toContain('self-assessment.key-figures');

    // Saving the same again changes nothing but the version, and writes no audit entry.
    const before = (await listAudit(db, { evaluationId: id })).length;
    await save(db, {
      actorUserId: actor,
      evaluationId: id,
      expectedVersion: 2,
      answers: answersFor(QUESTIONS.slice(0, 20)),
      narratives: new Map([[1, 'Medborgardialoger i varje kommundel.']]),
      keyFigures: resumed?.keyFigures.map((figure) =>
        row({
          name: figure.seriesName,
          unit: figure.unit ?? '',
          year: String(figure.year),
          target: figure.target === null ? '' : String(figure.target).replace('.', ','),
          result: figure.result === null ? '' : String(figure.result).replace('.', ','),
          theme: figure.theme === null ? '' : String(figure.theme),
        }),
      ),
    });
    expect(await listAudit(db, { evaluationId: id })).toHaveLength(before);
  });

  it('refuses bad input with a message per field and changes nothing', async () => {
    const { db } = getDb();
    const { actor, id } = await started(db);
    const outcome = await save(db, {
      actorUserId: actor,
      evaluationId: id,
      expectedVersion: 1,
      answers: { '1': 'Delvis', '2': 'Kanske' },
      keyFigures: [
        row({ name: 'Trygghet', year: '20x4', result: '88' }),
        row({ name: '', year: '2024', result: '5' }),
        row({ name: 'Sjukfrånvaro', year: '2024', target: 'sex' }),
        row({ name: 'Nöjdhet', year: '2024', result: '1' }),
        row({ name: 'nöjdhet', year: '2024', result: '2' }),
      ],
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues.map((issue) => issue.field)).toEqual([
      'q-2',
      'kf-0-year',
      'kf-1-name',
      'kf-2-target',
      'kf-4-year',
    ]);
    expect(outcome.issues[0]?.message).toBe(
      'Fråga 2: "Kanske" finns inte på skalan. Välj ett av Ej alls, Delvis, I hög grad, Fullt ut.',
    );
    expect(outcome.issues[4]?.message).toContain('har redan ett värde för 2024 (rad 4)');
    const record = await getSelfAssessment(db, id);
    expect(record).toMatchObject({ version: 1, answered: 0, keyFigures: [] });
  });

  it('an unanswered question blocks submitting: the refusal lists every missing one and nothing changes', async () => {
    const { db } = getDb();
    const { actor, id } = await started(db);
    await save(db, {
      actorUserId: actor,
      evaluationId: id,
      expectedVersion: 1,
      answers: answersFor(QUESTIONS.filter((question) => question !== '8' && question !== '50')),
    });
    const outcome = await submitSelfAssessment(db, {
      actorUserId: actor,
      evaluationId: id,
      expectedVersion: 2,
    });
    expect(outcome).toEqual({
      ok: false,
      missing: [
        expect.objectContaining({ theme: 2, questionId: '8' }),
        expect.objectContaining({ theme: 4, questionId: '50' }),
      ],
    });
    expect(await getSelfAssessment(db, id)).toMatchObject({ status: 'draft', version: 2 });
  });

  it('a submitted self-assessment is frozen: saving, submitting again and stale forms are refused', async () => {
    const { db } = getDb();
    const { actor, id } = await started(db);
    await save(db, {
      actorUserId: actor,
      evaluationId: id,
      expectedVersion: 1,
      answers: answersFor(QUESTIONS),
    });
    await expect(
      submitSelfAssessment(db, { actorUserId: actor, evaluationId: id, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'stale-version' });
    expect(
      await submitSelfAssessment(db, { actorUserId: actor, evaluationId: id, expectedVersion: 2 }),
    ).toEqual({ ok: true, version: 3 });
    const record = await getSelfAssessment(db, id);
    expect(record).toMatchObject({ status: 'review', answered: 50 });
    await expect(
      save(db, {
        actorUserId: actor,
        evaluationId: id,
        expectedVersion: 3,
        answers: { '1': 'Fullt ut' },
      }),
    ).rejects.toBeInstanceOf(StorageError);
    await expect(
      submitSelfAssessment(db, { actorUserId: actor, evaluationId: id, expectedVersion: 3 }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(
      (await getSelfAssessment(db, id))?.answers.find((a) => a.questionId === '1')?.answer,
    ).toBe('Ej alls');
    expect((await findLatestSubmittedSelfAssessment(db, '0181'))?.id).toBe(id);
    const submitEntry = (await listAudit(db, { evaluationId: id })).find(
      (entry) => entry.action === 'self-assessment.submit',
    );
    expect(submitEntry).toMatchObject({
      oldValue: 'draft',
      newValue: 'review',
      actor: { id: actor },
    });
  });

  it('the imported application is a submitted self-assessment with its key figures in key_figures', async () => {
    const { db } = getDb();
    const id = await importApplication(db);
    const record = await getSelfAssessment(db, id);
    expect(record).toMatchObject({ status: 'published', year: 2009, answered: 47, flagged: 3 });
    const rows = await listKeyFigures(db, id);
    expect(rows).toHaveLength(10);
    expect(
      groupKeyFigures(rows).map((series) => [
        series.name,
        series.unit,
        series.theme,
        series.points.length,
      ]),
    ).toEqual([
      ['grundskoleelever; upplevd trygghet i skolan', '%', 2, 4],
      ['attraktiv arbetsgivare', '%', 3, 3],
      ['sjukfrånvaron i procent av arbetad tid', '%', 3, 3],
    ]);
    expect(
      rows.find((r) => r.seriesName === 'attraktiv arbetsgivare' && r.year === 2006),
    ).toMatchObject({
      target: 86,
      result: 82,
    });
    expect(
      rows.find((r) => r.year === 2008 && r.seriesName.startsWith('sjukfrånvaron'))?.result,
    ).toBe(7.32);
    // The tables that are not series over years stay in facts.
    expect((record?.facts.tables as unknown[]).length).toBe(1);
    const shown = await showSelfAssessment(db, { municipalityCode: '0181', year: 2009 });
    expect(
      shown.ok &&
        shown.view.answers.filter((answer) => answer.needsResolution).map((a) => a.question),
    ).toEqual(['8', '9', '10']);
  });

  it('importing the same application again writes key figures it only kept in facts, once', async () => {
    const { db } = getDb();
    const id = await importApplication(db);
    // As stored before key figures had their own table.
    await db.delete(keyFigures).where(eq(keyFigures.evaluationId, id));
    expect(await listKeyFigures(db, id)).toEqual([]);
    expect(await importApplication(db)).toBe(id);
    const rows = await listKeyFigures(db, id);
    expect(rows).toHaveLength(10);
    await importApplication(db);
    expect(await listKeyFigures(db, id)).toEqual(rows);
  });

  it('resolving a double tick records the answer, who and why in the audit trail and marks the flag resolved', async () => {
    const { db } = getDb();
    const id = await importApplication(db);
    const actor = await municipalityUser(db);
    const version = (await getSelfAssessment(db, id))?.version ?? 0;
    expect(
      await resolveAnswer(db, {
        actorUserId: actor,
        evaluationId: id,
        expectedVersion: version,
        questionId: '8',
        answer: 'Fullt ut',
        reason: '',
      }),
    ).toMatchObject({ ok: false, issues: [{ field: 'reason' }] });
    const outcome = await resolveAnswer(db, {
      actorUserId: actor,
      evaluationId: id,
      expectedVersion: version,
      questionId: '8',
      answer: 'I hög grad',
      reason: 'Kvalitetschefen bekräftade svaret.',
    });
    expect(outcome).toEqual({ ok: true, value: { version: version + 1 } });
    const answer = (await getSelfAssessment(db, id))?.answers.find((a) => a.questionId === '8');
    expect(answer).toEqual({
      questionId: '8',
      answer: 'I hög grad',
      flags: ['resolved-multiple-ticked: I hög grad, Fullt ut'],
    });
    const entries = (await listAudit(db, { evaluationId: id })).filter(
      (entry) => entry.action === 'self-assessment.resolve',
    );
    expect(
      entries.map((entry) => [
        entry.field,
        entry.oldValue,
        entry.newValue,
        entry.reason,
        entry.actor?.id,
      ]),
    ).toEqual([
      ['answer', null, 'I hög grad', 'Kvalitetschefen bekräftade svaret.', actor],
      [
        'flags',
        ['multiple-ticked: I hög grad, Fullt ut'],
        ['resolved-multiple-ticked: I hög grad, Fullt ut'],
        'Kvalitetschefen bekräftade svaret.',
        actor,
      ],
    ]);
    // Resolved once: a second resolution of the same question, or of an answered one, is refused.
    await expect(
      resolveAnswer(db, {
        actorUserId: actor,
        evaluationId: id,
        expectedVersion: version + 1,
        questionId: '8',
        answer: 'Delvis',
        reason: 'Ändrade mig.',
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect((await getSelfAssessment(db, id))?.flagged).toBe(2);
  });
});
