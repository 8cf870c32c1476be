import { count } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import type { Db } from '../client.ts';
import { StorageError } from '../errors.ts';
import { areaScores, areaTexts, evaluations, findings, questionScores } from '../schema.ts';
import { buildEvaluation, describeDatabases, ensureTestEdition } from '../testing.ts';
import {
  compareQuestionIds,
  createEvaluation,
  findCurrentEvaluation,
  findEvaluationsBySourceHash,
  getEvaluation,
  listEvaluations,
  listRevisions,
  replaceEvaluation,
  setEvaluationStatus,
} from './evaluations.ts';

async function rowCounts(db: Db) {
  const tables = { evaluations, areaScores, questionScores, findings, areaTexts };
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, table]) => {
      const [row] = await db.select({ n: count() }).from(table);
      return [name, row?.n] as const;
    }),
  );
  return Object.fromEntries(entries);
}

const nothingStored = {
  evaluations: 0,
  areaScores: 0,
  questionScores: 0,
  findings: 0,
  areaTexts: 0,
};

it('orders question ids part by part as numbers', () => {
  expect(['2.1', '1.10', '1.2', '10.1', '1.9'].sort(compareQuestionIds)).toEqual([
    '1.2',
    '1.9',
    '1.10',
    '2.1',
    '10.1',
  ]);
});

describeDatabases('evaluations repository', (getDb) => {
  beforeEach(async () => {
    await ensureTestEdition(getDb());
  });

  it('round-trips fractional scores exactly as numbers (74.5 stays 74.5, 8.25 stays 8.25)', async () => {
    const { db } = getDb();
    const created = await createEvaluation(
      db,
      buildEvaluation({
        month: 9,
        status: 'published',
        source: 'strangnas-2016.txt',
        sourceHash: 'abc123',
        totalPrinted: 383,
        facts: { population: 32_000, interviews: 24 },
        areas: [
          { number: 1, score: 74.5, printed: 74.5 },
          { number: 2, score: 87.5, printed: 88 },
          { number: 3, score: 0.1 + 0.2, printed: null },
        ],
        questions: [
          { id: '1.10', points: 8.25, achievedPrinted: 8, maxPrinted: 10, percentPrinted: 82.5 },
          { id: '1.2', points: 12.375, justification: 'Enligt intervjuerna.' },
          { id: '2.1', points: null },
        ],
        findings: [
          { area: 2, kind: 'improvement', text: 'B' },
          { area: 1, kind: 'strength', heading: 'Rubrik', text: 'A' },
          { area: 1, kind: 'good-example', text: 'C', referenceMunicipalityCode: '1880' },
        ],
        texts: [{ area: 1, heading: 'Information', body: 'Text om området.' }],
      }),
    );

    const read = await getEvaluation(db, created.id);
    expect(read).toEqual(created);
    expect(read?.areas).toEqual([
      { number: 1, score: 74.5, printed: 74.5 },
      { number: 2, score: 87.5, printed: 88 },
      { number: 3, score: 0.30000000000000004, printed: null },
    ]);
    expect(read?.questions.map((q) => [q.id, q.points, q.percentPrinted])).toEqual([
      ['1.2', 12.375, null],
      ['1.10', 8.25, 82.5],
      ['2.1', null, null],
    ]);
    expect(read?.findings.map((f) => [f.area, f.kind, f.text, f.position])).toEqual([
      [2, 'improvement', 'B', 0],
      [1, 'strength', 'A', 1],
      [1, 'good-example', 'C', 2],
    ]);
    expect(read?.findings[2]?.referenceMunicipalityCode).toBe('1880');
    expect(read).toMatchObject({
      municipalityCode: '0486',
      month: 9,
      status: 'published',
      totalPrinted: 383,
      facts: { population: 32_000, interviews: 24 },
      version: 1,
      revision: 1,
      current: true,
      supersedesId: null,
    });
    expect(read?.publishedAt).toBeInstanceOf(Date);
    expect(typeof read?.totalPrinted).toBe('number');
  });

  it('keeps a self-assessment’s answers, null answers and their flags', async () => {
    const { db } = getDb();
    const created = await createEvaluation(db, {
      municipalityCode: '0181',
      year: 2009,
      editionId: 'kvalitetskommun-2009',
      kind: 'self-assessment',
      source: 'sodertalje-kvalitetskommun-ansokan-2009.txt',
      questions: [
        { id: '7', points: null, answer: 'I hög grad' },
        { id: '8', points: null, answer: null, flags: ['several-ticked:Delvis|I hög grad'] },
      ],
      texts: [{ area: 1, heading: 'Tema 1', body: 'Berättelse.' }],
    });
    const read = await getEvaluation(db, created.id);
    expect(read?.questions.map((q) => [q.id, q.answer, q.flags])).toEqual([
      ['7', 'I hög grad', []],
      ['8', null, ['several-ticked:Delvis|I hög grad']],
    ]);
    expect(read?.texts).toEqual([{ area: 1, heading: 'Tema 1', body: 'Berättelse.', position: 0 }]);
  });

  it('lists evaluations with their area totals as numbers', async () => {
    const { db } = getDb();
    await createEvaluation(
      db,
      buildEvaluation({
        areas: [
          { number: 1, score: 74.5 },
          { number: 2, score: 0.25 },
        ],
      }),
    );
    await createEvaluation(db, buildEvaluation({ year: 2014, areas: [] }));
    const listed = await listEvaluations(db, { municipalityCode: '0486' });
    expect(listed.map((item) => [item.year, item.areaTotal, item.areaCount])).toEqual([
      [2014, null, 0],
      [2012, 74.75, 2],
    ]);
    expect(await listEvaluations(db, { municipalityCode: '0139' })).toEqual([]);
  });

  it('a write that fails midway leaves nothing behind', async () => {
    const { db } = getDb();
    const broken = buildEvaluation({
      findings: [
        { area: 1, kind: 'strength', text: 'Fine' },
        {
          area: 1,
          kind: 'good-example',
          text: 'Refers to a kommun that does not exist',
          referenceMunicipalityCode: '9999',
        },
      ],
      texts: [{ area: 1, body: 'x' }],
    });
    const failure = await createEvaluation(db, broken).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect(failure).toMatchObject({ code: 'invalid-reference' });
    expect((failure as Error).message).toMatch(/evaluation of 0486 in 2012 .*refers to something/);
    expect(await rowCounts(db)).toEqual(nothingStored);
  });

  it('a score the database refuses leaves nothing behind', async () => {
    const { db } = getDb();
    const failure = await createEvaluation(
      db,
      buildEvaluation({
        questions: [
          { id: '1.1', points: 5 },
          { id: '1.2', points: -1 },
        ],
      }),
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'invalid-value' });
    expect((failure as Error).message).toContain('question_scores_points_check');
    expect(await rowCounts(db)).toEqual(nothingStored);
  });

  it('refuses duplicate areas and non-numbers before writing, naming them', async () => {
    const { db } = getDb();
    await expect(
      createEvaluation(
        db,
        buildEvaluation({
          areas: [
            { number: 3, score: 1 },
            { number: 3, score: 2 },
          ],
        }),
      ),
    ).rejects.toThrow(
      'evaluation of 0486 in 2012 (test-2010, full): area 3 appears twice in areas',
    );
    await expect(
      createEvaluation(db, buildEvaluation({ questions: [{ id: '1.1', points: Number.NaN }] })),
    ).rejects.toThrow('question 1.1 points must be a finite number, got NaN');
    expect(await rowCounts(db)).toEqual(nothingStored);
  });

  it('allows one current evaluation per municipality, year, edition and kind', async () => {
    const { db } = getDb();
    await createEvaluation(db, buildEvaluation());
    await expect(createEvaluation(db, buildEvaluation())).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('evaluations_current_uq') as unknown,
    });
    // Another kind of the same year is another evaluation (e.g. an area-level result).
    await createEvaluation(
      db,
      buildEvaluation({ kind: 'area-level', questions: [], findings: [] }),
    );
    expect(await listEvaluations(db)).toHaveLength(2);
  });

  it('finds evaluations by source hash and by their key', async () => {
    const { db } = getDb();
    const created = await createEvaluation(db, buildEvaluation({ sourceHash: 'sha256:1' }));
    expect((await findEvaluationsBySourceHash(db, 'sha256:1')).map((e) => e.id)).toEqual([
      created.id,
    ]);
    expect(await findEvaluationsBySourceHash(db, 'sha256:2')).toEqual([]);
    const key = {
      municipalityCode: '0486',
      year: 2012,
      editionId: 'test-2010',
      kind: 'full' as const,
    };
    expect((await findCurrentEvaluation(db, key))?.id).toBe(created.id);
    expect(await findCurrentEvaluation(db, { ...key, year: 2013 })).toBeUndefined();
  });

  it('replacing writes a new revision and keeps the old one readable', async () => {
    const { db } = getDb();
    const first = await createEvaluation(db, buildEvaluation({ status: 'published' }));
    const second = await replaceEvaluation(
      db,
      first.id,
      buildEvaluation({ areas: [{ number: 1, score: 99.5 }], source: 'corrected.txt' }),
      { expectedVersion: 1 },
    );
    expect(second).toMatchObject({ revision: 2, supersedesId: first.id, current: true });
    expect(await getEvaluation(db, first.id)).toMatchObject({ current: false, version: 2 });
    expect((await getEvaluation(db, first.id))?.areas).toHaveLength(8);
    expect((await listEvaluations(db)).map((e) => e.id)).toEqual([second.id]);
    expect((await listEvaluations(db, { includeSuperseded: true })).map((e) => e.revision)).toEqual(
      [2, 1],
    );
    expect((await listRevisions(db, first.id)).map((e) => e.id)).toEqual([second.id, first.id]);
    await expect(replaceEvaluation(db, first.id, buildEvaluation())).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('superseded') as unknown,
    });
  });

  it('the published list holds the newest published revision of each chain, even while its correction is a draft', async () => {
    const { db } = getDb();
    const first = await createEvaluation(db, buildEvaluation({ status: 'published' }));
    const correction = await replaceEvaluation(
      db,
      first.id,
      buildEvaluation({ source: 'correction.txt' }),
      { expectedVersion: 1 },
    );
    expect(correction.status).toBe('draft');
    const published = async () =>
      (await listEvaluations(db, { status: 'published' })).map((e) => e.id);
    expect(await published()).toEqual([first.id]);
    expect((await listEvaluations(db, { status: 'draft' })).map((e) => e.id)).toEqual([
      correction.id,
    ]);
    await setEvaluationStatus(db, correction.id, {
      status: 'published',
      expectedVersion: correction.version,
    });
    expect(await published()).toEqual([correction.id]);
  });

  it('refuses a stale version and keeps the other writer’s change (optimistic locking)', async () => {
    const { db } = getDb();
    const created = await createEvaluation(db, buildEvaluation());
    const reviewed = await setEvaluationStatus(db, created.id, {
      status: 'review',
      expectedVersion: 1,
    });
    expect(reviewed).toMatchObject({ status: 'review', version: 2, publishedAt: null });
    await expect(
      setEvaluationStatus(db, created.id, { status: 'published', expectedVersion: 1 }),
    ).rejects.toMatchObject({
      code: 'stale-version',
      message: expect.stringContaining('version 2, you had 1') as unknown,
    });
    await expect(
      replaceEvaluation(db, created.id, buildEvaluation(), { expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'stale-version' });
    expect(await getEvaluation(db, created.id)).toMatchObject({
      status: 'review',
      version: 2,
      current: true,
    });
    const published = await setEvaluationStatus(db, created.id, {
      status: 'published',
      expectedVersion: 2,
    });
    expect(published.publishedAt).toBeInstanceOf(Date);
  });

  it('of two concurrent status changes from the same version exactly one wins', async () => {
    const { db } = getDb();
    const created = await createEvaluation(db, buildEvaluation());
    const results = await Promise.allSettled([
      setEvaluationStatus(db, created.id, { status: 'review', expectedVersion: 1 }),
      setEvaluationStatus(db, created.id, { status: 'published', expectedVersion: 1 }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = results.filter((result) => result.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'stale-version' });
    expect((await getEvaluation(db, created.id))?.version).toBe(2);
  });

  it('says an unknown id does not exist', async () => {
    const { db } = getDb();
    expect(await getEvaluation(db, '00000000-0000-0000-0000-000000000000')).toBeUndefined();
    expect(await getEvaluation(db, 'not-a-uuid')).toBeUndefined();
    await expect(
      setEvaluationStatus(db, 'not-a-uuid', { status: 'review', expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });
});
