/**
 * Parse throughput: reports per second for each report seed, and overall (all seeds in turn),
 * and the fastest single parse of each seed in milliseconds: on a loaded machine the rate
 * falls with the load, while the fastest parse stays close to what an idle core does.
 * Reads the seeds from `../shared/seeds/` beside the repository, like the tests.
 */
import { readFileSync } from 'node:fs';
import { loadBuiltInCatalogue } from '../src/frameworks/index.ts';
import { formatIssue } from '../src/import/issues.ts';
import { parseReport } from '../src/import/parse.ts';
import { loadMunicipalities } from '../src/reference/municipalities.ts';
import type { BenchFigure } from './run.ts';

const SEEDS = [
  'kommunkompassen-sodertalje-2006.txt',
  'kommunkompassen-upplands-bro-2011.txt',
  'kommunkompassen-strangnas-2016.txt',
  'sodertalje-kvalitetskommun-ansokan-2009.txt',
];

/** Minimum time spent measuring each figure, after warm-up. */
const MEASURE_MS = 1000;

export async function run(): Promise<BenchFigure[]> {
  const options = { municipalities: loadMunicipalities(), editions: loadBuiltInCatalogue() };
  const reports = SEEDS.map((name) => ({
    name,
    text: readFileSync(new URL(`../../shared/seeds/${name}`, import.meta.url), 'utf8'),
  }));
  const parse = (name: string, text: string) => {
    const result = parseReport(text, { ...options, source: name });
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('; '));
  };
  let fastest = Infinity;
  const rate = (work: () => void, perRound: number) => {
    let rounds = 0;
    const start = performance.now();
    let elapsed = 0;
    fastest = Infinity;
    while (elapsed < MEASURE_MS) {
      const before = performance.now();
      work();
      const after = performance.now();
      fastest = Math.min(fastest, after - before);
      rounds += 1;
      elapsed = after - start;
    }
    return (rounds * perRound * 1000) / elapsed;
  };

  const all = () => {
    for (const report of reports) parse(report.name, report.text);
  };
  // Warm up every code path first, so the first seed measured is not measured cold.
  rate(all, reports.length);

  const figures: BenchFigure[] = [];
  const fastestParses: BenchFigure[] = [];
  for (const report of reports) {
    const kilobytes = Buffer.byteLength(report.text) / 1024;
    figures.push({
      name: `parse ${report.name} (${kilobytes.toFixed(0)} KB)`,
      value: rate(() => parse(report.name, report.text), 1),
      unit: 'reports/s',
    });
    fastestParses.push({ name: `fastest parse ${report.name}`, value: fastest, unit: 'ms' });
  }
  figures.push({
    name: 'parse all seeds in turn',
    value: rate(all, reports.length),
    unit: 'reports/s',
  });
  const bytes = reports.reduce((total, report) => total + Buffer.byteLength(report.text), 0);
  figures.push({
    name: 'parse all seeds in turn (text)',
    value: (rate(all, 1) * bytes) / 1024 / 1024,
    unit: 'MB/s',
  });
  figures.push(...fastestParses);
  return figures;
}
