/**
 * The report honours the evaluator's stored report options, on the demo data (real figures from
 * the seed reports): Strängnäs 2016 shows the average its report published (476) until a computed
 * basis is stored; the URL query and CLI flags still override what is stored.
 */
import { expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import { listEvaluations } from '../db/repositories/evaluations.ts';
import { describeDatabases } from '../db/testing.ts';
import { correctEvaluation } from '../use-cases/correct-evaluation.ts';
import { loadDemoData } from '../use-cases/load-demo-data.ts';
import { setReportOptions } from '../use-cases/set-report-options.ts';
import { loadReportModel } from './load.ts';
import type { ReportModel } from './model.ts';
import type { ReportOptions } from './options.ts';
import { renderReportHtml } from './view.tsx';

async function evaluationOf(db: Db, code: string, year: number) {
  const [found] = (await listEvaluations(db, { municipalityCode: code, status: 'published' }))
    .filter((item) => item.year === year)
    .sort((a, b) => Number(b.kind === 'full') - Number(a.kind === 'full'));
  if (!found) throw new Error(`no demo evaluation of ${code} in ${String(year)}`);
  return found;
}

async function store(db: Db, code: string, year: number, options: ReportOptions) {
  const target = await evaluationOf(db, code, year);
  const outcome = await setReportOptions(db, {
    actorUserId: null,
    evaluationId: target.id,
    expectedVersion: target.version,
    options,
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return target.id;
}

const averageColumn = (model: ReportModel) => {
  const index = model.summary.columns.findIndex((column) => column.kind === 'average');
  return index < 0 ? undefined : { total: model.summary.total[index]?.text, index };
};

describeDatabases('the report and the stored report options (demo data)', (getDb) => {
  it('shows the published average 476 by default and the computed one, with n and which, once stored', async () => {
    const { db } = getDb();
    await loadDemoData(db);
    const strangnas = (await evaluationOf(db, '0486', 2016)).id;

    const before = await loadReportModel(db, strangnas);
    expect(averageColumn(before)?.total).toBe('476');
    expect(before.summary.notes.join(' ')).toContain(
      'Medelvärde beräknat från 2010 och framåt: det publicerade medelvärdet ur kommunens rapport',
    );

    await store(db, '0486', 2016, { average: { kind: 'computed', yearFrom: 2010 }, compare: [] });
    const after = await loadReportModel(db, strangnas);
    // The only published evaluation of the 2016 edition in the demo data is Strängnäs 2016 itself.
    expect(averageColumn(after)?.total).toBe('497');
    const note = after.summary.notes.find((text) => text.startsWith('Medelvärde')) ?? '';
    expect(note).toContain('(1 utvärdering)');
    expect(note).toContain('beräknat av Kompass');
    expect(note).toMatch(/: Strängnäs 2016\.$/);
    expect(renderReportHtml(after)).toContain('(1 utvärdering)');

    // The query (or a CLI flag) still overrides what is stored.
    const overridden = await loadReportModel(db, strangnas, { average: { kind: 'published' } });
    expect(averageColumn(overridden)?.total).toBe('476');
  });

  it('a computed basis nobody is on shows no average column; "none" shows none either', async () => {
    const { db } = getDb();
    await loadDemoData(db);
    const id = await store(db, '0486', 2016, {
      average: { kind: 'computed', yearFrom: 2010, lanCode: '01' },
      compare: [],
    });
    expect(averageColumn(await loadReportModel(db, id))).toBeUndefined();
    const none = await loadReportModel(db, id, { average: { kind: 'none' } });
    expect(averageColumn(none)).toBeUndefined();
  });

  it('draws the stored comparisons in the radar chart and the table, the query replacing them', async () => {
    const { db } = getDb();
    await loadDemoData(db);
    const id = await store(db, '0486', 2016, {
      average: { kind: 'published' },
      compare: [{ municipalityCode: '0139', year: 2011 }],
    });
    const model = await loadReportModel(db, id);
    expect(model.radar.series.map((series) => series.name)).toEqual([
      'Strängnäs 2016',
      'Strängnäs 2014',
      'Medelvärde',
      'Upplands-Bro 2011',
    ]);
    expect(model.summary.columns.at(-1)?.label).toBe('Upplands-Bro 2011');
    expect(model.summary.total.at(-1)?.text).toBe('383');
    const replaced = await loadReportModel(db, id, {
      compareWith: [{ municipalityCode: '0181', year: 2006 }],
    });
    expect(replaced.radar.series.map((series) => series.name)).toContain('Södertälje 2006');
    expect(replaced.radar.series.map((series) => series.name)).not.toContain('Upplands-Bro 2011');
  });

  it('a correction keeps showing the average its report published (476)', async () => {
    const { db } = getDb();
    await loadDemoData(db);
    const before = await evaluationOf(db, '0486', 2016);
    const plain = await correctEvaluation(db, {
      evaluationId: before.id,
      expectedVersion: before.version,
      actorUserId: null,
      reason: 'Rättelse av en siffra',
    });
    if (!plain.ok) throw new Error(plain.message);
    const draft = await loadReportModel(db, plain.evaluation.id, { includeUnpublished: true });
    expect(averageColumn(draft)?.total).toBe('476');
    expect(draft.summary.notes.join(' ')).toContain('det publicerade medelvärdet');
  });

  it('a correction started after the options were stored uses them', async () => {
    const { db } = getDb();
    await loadDemoData(db);
    await store(db, '0486', 2016, {
      average: { kind: 'computed' },
      compare: [{ municipalityCode: '0139', year: 2011 }],
    });
    const stored = await evaluationOf(db, '0486', 2016);
    const correction = await correctEvaluation(db, {
      evaluationId: stored.id,
      expectedVersion: stored.version,
      actorUserId: null,
      reason: 'Rättelse av en siffra',
    });
    if (!correction.ok) throw new Error(correction.message);
    const model = await loadReportModel(db, correction.evaluation.id, { includeUnpublished: true });
    expect(model.summary.columns.map((column) => column.label)).toContain('Upplands-Bro 2011');
    expect(model.summary.notes.join(' ')).toContain('beräknat av Kompass');
  });

  it('lists, per area, the municipalities that scored highest where Strängnäs can improve', async () => {
    const { db } = getDb();
    await loadDemoData(db);
    const model = await loadReportModel(db, (await evaluationOf(db, '0486', 2016)).id);
    const groups = model.areas.flatMap((area) =>
      area.compareWith.map((group) => ({ area: area.number, ...group })),
    );
    expect(groups.length).toBeGreaterThan(0);
    const area6 = model.areas.find((area) => area.number === 6);
    const whole = area6?.compareWith.find((group) => group.title === 'Området som helhet');
    // Strängnäs scored 49 on area 6; every role model shown scored higher.
    expect(whole?.own).toBe('Strängnäs: 49 av 100 poäng');
    for (const model6 of whole?.models ?? []) {
      expect(Number(/^(\d+)/.exec(model6.score)?.[1])).toBeGreaterThan(49);
    }
    const html = renderReportHtml(model);
    expect(html).toContain('Kommuner som det kan vara intressant att jämföra sig med');
    const texts = groups.flatMap((group) =>
      group.models.flatMap((item) => [item.strengths, item.goodExamples]),
    );
    expect(texts.some((list) => list.length > 0)).toBe(true);
    for (const list of texts) expect(new Set(list).size).toBe(list.length);
  });
});
