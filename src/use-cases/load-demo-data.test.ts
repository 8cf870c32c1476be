import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createEvaluation,
  getEvaluation,
  listEvaluations,
} from '../db/repositories/evaluations.ts';
import { listReferenceSeries } from '../db/repositories/reference-series.ts';
import { listKeyFigures } from '../db/repositories/self-assessments.ts';
import { describeDatabases } from '../db/testing.ts';
import { readSeed } from '../import/text/test-seeds.ts';
import { DEMO_DIR, loadDemoData, readDemoFiles } from './load-demo-data.ts';

const seeds: Record<string, string> = {
  'kommunkompassen-strangnas-2016.txt': readSeed('kommunkompassen-strangnas-2016.txt'),
  'kommunkompassen-upplands-bro-2011.txt': readSeed('kommunkompassen-upplands-bro-2011.txt'),
  'kommunkompassen-sodertalje-2006.txt': readSeed('kommunkompassen-sodertalje-2006.txt'),
};
const squash = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();

describe('the demo files', () => {
  it('validate and name the seed report each is based on', () => {
    const files = readDemoFiles();
    expect(files.map((file) => file.file)).toEqual([
      'sodertalje-2006.json',
      'strangnas-2016.json',
      'upplands-bro-2011.json',
    ]);
    for (const { report } of files) expect(Object.keys(seeds)).toContain(report.basedOn);
  });

  it('carry the seed reports’ printed figures', () => {
    const byFile = new Map(readDemoFiles().map((file) => [file.file, file.report]));
    const strangnas = byFile.get('strangnas-2016.json');
    expect(strangnas?.areas.map((area) => area.score)).toEqual([63, 60, 60, 67, 64, 49, 66, 68]);
    expect(strangnas?.total).toBe(497);
    expect(strangnas?.questions).toHaveLength(45);
    expect(strangnas?.comparisons.find((c) => c.kind === 'average')?.total).toBe(476);
    const sodertalje = byFile.get('sodertalje-2006.json');
    expect(sodertalje?.areas.map((area) => area.score)).toEqual([
      66, 74.5, 87.5, 77, 73, 66, 50, 83,
    ]);
    expect(sodertalje?.total).toBe(577);
    const upplandsBro = byFile.get('upplands-bro-2011.json');
    expect(upplandsBro?.total).toBe(383);
    expect(upplandsBro?.areas.reduce((sum, area) => sum + area.score, 0)).toBe(382);
  });

  it('word every finding in our own words: none is copied from the seed reports', () => {
    for (const { file, report } of readDemoFiles()) {
      const seed = squash(seeds[report.basedOn] ?? '');
      const copied = report.findings
        .map((finding) => finding.text)
        .filter((text) => text.length >= 20 && seed.includes(squash(text)));
      expect(copied, file).toEqual([]);
      for (const finding of report.findings) expect(finding.text.length, file).toBeLessThan(70);
    }
  });
});

describeDatabases('loading the demo data', (getDb) => {
  it('stores the three reports, the earlier Strängnäs result and the printed average', async () => {
    const { db } = getDb();
    const result = await loadDemoData(db);
    expect(result).toEqual({
      loaded: [
        'sodertalje-2006.json',
        'strangnas-2016.json',
        'upplands-bro-2011.json',
        'self-assessments/sodertalje-2009.json',
      ],
      unchanged: [],
      skipped: [],
      evaluations: 5,
      series: 1,
    });
    const published = (await listEvaluations(db, { status: 'published' })).filter(
      (item) => item.kind !== 'self-assessment',
    );
    expect(
      published.map(
        (item) => `${item.municipalityCode} ${item.year} ${item.editionId} ${item.kind}`,
      ),
    ).toEqual([
      '0486 2016 kk-2016 full',
      '0486 2014 kk-2010 area-level',
      '0139 2011 kk-2010 full',
      '0181 2006 kk-2002 area-level',
    ]);
    const strangnas = await getEvaluation(db, published[0]?.id ?? '');
    expect(strangnas?.totalPrinted).toBe(497);
    expect(strangnas?.questions.find((question) => question.id === '3.2')).toMatchObject({
      points: 18.25,
      achievedPrinted: 18,
      maxPrinted: 25,
      percentPrinted: 73,
    });
    const [average] = await listReferenceSeries(db, { sourceEvaluationId: strangnas?.id ?? '' });
    expect(average).toMatchObject({
      label: 'Medelvärde',
      basis: 'beräknat från 2010 och framåt',
      total: 476,
      yearFrom: 2010,
    });
    const sodertalje = await getEvaluation(db, published[3]?.id ?? '');
    expect(sodertalje?.areas.find((area) => area.number === 2)?.printed).toBe(74.5);
    expect(
      sodertalje?.findings.filter((finding) => finding.referenceMunicipalityCode === '1488'),
    ).toHaveLength(3);
  });

  it('stores Södertälje’s 2009 application as a submitted self-assessment: answers, open double ticks and key figures', async () => {
    const { db } = getDb();
    await loadDemoData(db);
    const [item] = await listEvaluations(db, { municipalityCode: '0181', kind: 'self-assessment' });
    const stored = await getEvaluation(db, item?.id ?? '');
    expect(stored).toMatchObject({ year: 2009, editionId: 'kvalitetskommun-2009' });
    expect(stored?.questions).toHaveLength(50);
    expect(
      stored?.questions.filter((question) => question.answer === null).map(({ id }) => id),
    ).toEqual(['8', '9', '10']);
    expect(stored?.texts ?? []).toEqual([]);
    const figures = await listKeyFigures(db, item?.id ?? '');
    expect(
      figures
        .filter((row) => row.seriesName === 'attraktiv arbetsgivare')
        .map(({ year, target, result }) => [year, target, result]),
    ).toEqual([
      [2005, 82, 83],
      [2006, 86, 82],
      [2007, 86, 82],
    ]);
  });

  it('is idempotent: a second load changes nothing and says so', async () => {
    const { db } = getDb();
    await loadDemoData(db);
    const again = await loadDemoData(db);
    expect(again.loaded).toEqual([]);
    expect(again.unchanged).toHaveLength(4);
    expect(again.evaluations).toBe(0);
    expect(await listEvaluations(db, { includeSuperseded: true })).toHaveLength(5);
    expect(await listReferenceSeries(db)).toHaveLength(1);
  });

  it('never overwrites real data for the same evaluation', async () => {
    const { db } = getDb();
    await createEvaluation(db, {
      municipalityCode: '0139',
      year: 2011,
      editionId: 'kk-2010',
      kind: 'full',
      status: 'published',
      source: 'upplands-bro-2011.txt',
      totalPrinted: 383,
    });
    const result = await loadDemoData(db);
    expect(result.skipped).toEqual([
      {
        file: 'upplands-bro-2011.json',
        reason: 'the evaluation of 0139 in 2011 is already stored from upplands-bro-2011.txt',
      },
    ]);
    expect(result.loaded).toEqual([
      'sodertalje-2006.json',
      'strangnas-2016.json',
      'self-assessments/sodertalje-2009.json',
    ]);
  });

  it('replaces its own earlier load as a new revision when a demo file changed', async () => {
    const { db } = getDb();
    const dir = mkdtempSync(join(tmpdir(), 'kompass-demo-'));
    try {
      cpSync(join(DEMO_DIR, 'strangnas-2016.json'), join(dir, 'strangnas-2016.json'));
      await loadDemoData(db, { dir });
      const file = join(dir, 'strangnas-2016.json');
      const changed = JSON.parse(readFileSync(file, 'utf8')) as { findings: unknown[] };
      changed.findings.push({ area: 8, kind: 'strength', text: 'Ett nytt exempel' });
      writeFileSync(file, JSON.stringify(changed));
      const result = await loadDemoData(db, { dir });
      expect(result.loaded).toEqual(['strangnas-2016.json']);
      const revisions = await listEvaluations(db, {
        municipalityCode: '0486',
        includeSuperseded: true,
      });
      expect(
        revisions.filter((item) => item.year === 2016).map((item) => [item.revision, item.current]),
      ).toEqual([
        [2, true],
        [1, false],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
