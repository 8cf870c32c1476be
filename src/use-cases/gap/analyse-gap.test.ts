import { expect, it } from 'vitest';
import { createEvaluation } from '../../db/repositories/evaluations.ts';
import { describeDatabases } from '../../db/testing.ts';
import { analyseGap } from './analyse-gap.ts';

/** A Kvalitetskommun self-assessment of Strängnäs answering every question with `answer`. */
const selfAssessment = (
  year: number,
  status: 'draft' | 'review' | 'published',
  answer: string,
) => ({
  municipalityCode: '0486',
  year,
  editionId: 'kvalitetskommun-2009',
  kind: 'self-assessment' as const,
  status,
  source: 'test',
  questions: Array.from({ length: 50 }, (_, i) => ({ id: String(i + 1), points: null, answer })),
});

const evaluation = (editionId: string, year: number) => ({
  municipalityCode: '0486',
  year,
  editionId,
  kind: 'area-level' as const,
  status: 'published' as const,
  source: 'test',
  areas: Array.from({ length: 8 }, (_, i) => ({ number: i + 1, score: 60 })),
});

describeDatabases('analyseGap', (getDb) => {
  it('takes the newest submitted self-assessment (a draft does not count) and the newest published evaluation', async () => {
    const { db } = getDb();
    await createEvaluation(db, evaluation('kk-2010', 2012));
    const latest = await createEvaluation(db, evaluation('kk-2016', 2017));
    await createEvaluation(db, selfAssessment(2015, 'published', 'Delvis'));
    const submitted = await createEvaluation(db, selfAssessment(2016, 'review', 'I hög grad'));
    await createEvaluation(db, selfAssessment(2018, 'draft', 'Fullt ut'));
    const outcome = await analyseGap(db, '0486');
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.analysis.selfAssessment).toMatchObject({ id: submitted.id, status: 'review' });
    expect(outcome.analysis.evaluation).toMatchObject({ id: latest.id, editionId: 'kk-2016' });
    expect(outcome.analysis.gap.areas.map((a) => a.difference)).toEqual(Array(8).fill(6.7));
    expect(outcome.analysis.gap.summary.above).toBe(8);
  });

  it('says which side is missing, and when no mapping joins the two editions', async () => {
    const { db } = getDb();
    expect(await analyseGap(db, '9999')).toEqual({
      ok: false,
      reason: 'unknown-municipality',
      municipalityCode: '9999',
    });
    await createEvaluation(db, selfAssessment(2016, 'draft', 'Delvis'));
    expect(await analyseGap(db, '0486')).toMatchObject({ ok: false, reason: 'no-self-assessment' });
    await createEvaluation(db, selfAssessment(2015, 'published', 'Delvis'));
    expect(await analyseGap(db, '0486')).toMatchObject({ ok: false, reason: 'no-evaluation' });
    await createEvaluation(db, {
      ...evaluation('kk-2020', 2021),
      areas: [],
    });
    expect(await analyseGap(db, '0486')).toEqual({
      ok: false,
      reason: 'no-mapping',
      municipalityName: 'Strängnäs',
      selfAssessmentEditionId: 'kvalitetskommun-2009',
      editionId: 'kk-2020',
    });
  });
});
