/**
 * Scoring and catalogue validation: how fast a full 45-question evaluation is scored, how fast
 * exact points are derived from a printed table, and what validating the whole catalogue costs.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { validateCatalogue, validateEdition } from '../src/domain/framework/index.ts';
import { upplandsBro2011 } from '../src/domain/scoring/fixtures/printed-tables.ts';
import { derivePointsFromPrintedTable, scoreEvaluation } from '../src/domain/scoring/index.ts';
import {
  BUILT_IN_FRAMEWORKS_DIR,
  loadBuiltInCatalogue,
  loadCatalogueFrom,
} from '../src/frameworks/index.ts';

interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns operations per second. */
function opsPerSecond(fn: () => unknown, ms = 500): number {
  for (let i = 0; i < 200; i += 1) fn();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 100; i += 1) fn();
    runs += 100;
    elapsed = performance.now() - start;
  }
  return (runs / elapsed) * 1000;
}

/** Median duration of `fn` in milliseconds over `times` runs. */
function medianMs(fn: () => unknown, times = 30): number {
  fn();
  const durations: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const start = performance.now();
    fn();
    durations.push(performance.now() - start);
  }
  durations.sort((a, b) => a - b);
  return durations[Math.floor(times / 2)] ?? Number.NaN;
}

export async function run(): Promise<BenchFigure[]> {
  const catalogue = loadBuiltInCatalogue();
  const kk2010 = catalogue.find((e) => e.id === 'kk-2010');
  if (kk2010 === undefined) throw new Error('kk-2010 missing from the catalogue');
  const derived = derivePointsFromPrintedTable(upplandsBro2011);
  const points = Object.fromEntries(derived.questions.map((q) => [q.id, q.points]));
  const check = scoreEvaluation(kk2010, { questions: points });
  if (!check.ok || check.score.total.printed.score !== 383) {
    throw new Error('scoring the Upplands-Bro 2011 points did not give 383');
  }

  const files = catalogue.map((e) => `${BUILT_IN_FRAMEWORKS_DIR}/${e.id}.json`);
  const parsed = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as unknown);
  const validateParsed = () => {
    const entries = parsed.map((data, i) => {
      const result = validateEdition(data, files[i] ?? '');
      if (!result.ok) throw new Error('invalid built-in edition');
      return { edition: result.edition, source: files[i] ?? '' };
    });
    return validateCatalogue(entries);
  };

  return [
    {
      name: 'score a 45-question evaluation (kk-2010)',
      value: opsPerSecond(() => scoreEvaluation(kk2010, { questions: points })),
      unit: 'ops/s',
    },
    {
      name: 'derive exact points from a printed table (Upplands-Bro)',
      value: opsPerSecond(() => derivePointsFromPrintedTable(upplandsBro2011)),
      unit: 'ops/s',
    },
    {
      name: 'validate the whole catalogue (5 editions, parsed)',
      value: medianMs(validateParsed),
      unit: 'ms',
    },
    {
      name: 'load the whole catalogue (read, parse, validate 5 files)',
      value: medianMs(() => loadCatalogueFrom(BUILT_IN_FRAMEWORKS_DIR, 'frameworks')),
      unit: 'ms',
    },
  ];
}
