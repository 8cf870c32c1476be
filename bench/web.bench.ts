/**
 * Web figures: how long `kompass start` takes to serve (a new data folder, then again with the
 * demo data already loaded), and the public pages' latency in-process (`app.inject`, PGlite in
 * memory with the demo data), with the share of it that is rendering alone.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPgliteTestDatabase } from '../src/db/testing.ts';
import { loadDemoData } from '../src/use-cases/load-demo-data.ts';
import { buildApp } from '../src/web/app.ts';
import { findPublishedEvaluation, listPublishedEvaluations } from '../src/web/queries/public.ts';
import { renderEvaluationPage } from '../src/web/routes/evaluations/views.tsx';

interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

const root = fileURLToPath(new URL('../', import.meta.url));
const REQUESTS = 50;

/** Milliseconds from spawning `kompass start --port 0` until it prints its URL; then stops it. */
function timeStart(dataDir: string): Promise<number> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const began = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'test/browser/cli-entry.ts'), 'start', '--port', '0'],
    { cwd: root, env: { ...env, KOMPASS_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    let ready: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (ready === undefined && output.includes('Kompass is running at')) {
        ready = performance.now() - began;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('exit', (code) => {
      if (ready !== undefined && code === 0) resolve(ready);
      else reject(new Error(`kompass start exited with ${String(code)}:\n${output}`));
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];

  const dir = mkdtempSync(join(tmpdir(), 'kompass-bench-start-'));
  try {
    figures.push({
      name: 'kompass start, new data folder',
      value: await timeStart(dir),
      unit: 'ms',
    });
    figures.push({
      name: 'kompass start, demo data already loaded',
      value: await timeStart(dir),
      unit: 'ms',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const test = await createPgliteTestDatabase();
  const app = await buildApp({ database: test.database });
  try {
    await loadDemoData(test.database.db);
    const [latest] = await listPublishedEvaluations(test.database.db, { municipalityCode: '0486' });
    if (!latest) throw new Error('the demo data has no Strängnäs evaluation');
    const pages: Array<[string, string]> = [
      ['GET / (start page)', '/'],
      ['GET /kommuner (all 290)', '/kommuner'],
      ['GET /kommuner?q=upp', '/kommuner?q=upp'],
      ['GET /kommuner/0486', '/kommuner/0486'],
      ['GET /utvarderingar/:id (Strängnäs 2016)', `/utvarderingar/${latest.id}`],
    ];
    for (const [name, url] of pages) {
      for (let i = 0; i < 5; i += 1) await app.inject({ url });
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i += 1) {
        const began = performance.now();
        const response = await app.inject({ url });
        times.push(performance.now() - began);
        if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
      }
      figures.push({ name: `${name}, median of ${REQUESTS}`, value: median(times), unit: 'ms' });
    }
    const view = await findPublishedEvaluation(test.database.db, latest.id);
    if (!view) throw new Error('the Strängnäs evaluation is not published');
    const renders: number[] = [];
    for (let i = 0; i < REQUESTS; i += 1) {
      const began = performance.now();
      renderEvaluationPage(view);
      renders.push(performance.now() - began);
    }
    figures.push({
      name: 'render the evaluation page alone (no queries)',
      value: median(renders),
      unit: 'ms',
    });
  } finally {
    await app.close();
    await test.dispose();
  }
  return figures;
}
