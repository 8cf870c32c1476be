import { count } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { referenceSeries, referenceSeriesAreas } from '../schema.ts';
import { buildEvaluation, describeDatabases, ensureTestEdition } from '../testing.ts';
import { createEvaluation } from './evaluations.ts';
import { createReferenceSeries, listReferenceSeries } from './reference-series.ts';

describeDatabases('reference series repository', (getDb) => {
  it('stores a published average with its area scores exactly and lists it', async () => {
    const { db } = getDb();
    const editionId = await ensureTestEdition(getDb());
    const report = await createEvaluation(db, buildEvaluation({ editionId }));
    const created = await createReferenceSeries(db, {
      label: 'Medelvärde',
      basis: 'beräknat från 2010 och framåt',
      editionId,
      yearFrom: 2010,
      yearTo: 2016,
      total: 433.5,
      source: 'kommunkompassen-strangnas-2016.txt',
      sourceEvaluationId: report.id,
      areas: [
        { number: 2, score: 58.25 },
        { number: 1, score: 61.5 },
      ],
    });
    expect(created.areas).toEqual([
      { number: 1, score: 61.5 },
      { number: 2, score: 58.25 },
    ]);
    await createReferenceSeries(db, {
      label: 'Alla kommuner',
      source: 'manual',
      areas: [],
    });
    const listed = await listReferenceSeries(db);
    expect(listed.map((s) => s.label)).toEqual(['Alla kommuner', 'Medelvärde']);
    expect(listed[1]).toEqual(created);
    expect(await listReferenceSeries(db, { sourceEvaluationId: report.id })).toEqual([created]);
    expect(await listReferenceSeries(db, { editionId: 'kk-2002' })).toEqual([]);
  });

  it('writes nothing when one area score is refused', async () => {
    const { db } = getDb();
    await expect(
      createReferenceSeries(db, {
        label: 'Medelvärde',
        source: 'manual',
        areas: [
          { number: 1, score: 50 },
          { number: 2, score: 150 },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'invalid-value',
      message: expect.stringContaining('reference_series_areas_score_check') as unknown,
    });
    await expect(
      createReferenceSeries(db, { label: 'X', source: 'manual', editionId: 'nope', areas: [] }),
    ).rejects.toMatchObject({ code: 'invalid-reference' });
    const [series] = await db.select({ n: count() }).from(referenceSeries);
    const [areas] = await db.select({ n: count() }).from(referenceSeriesAreas);
    expect([series?.n, areas?.n]).toEqual([0, 0]);
  });
});
