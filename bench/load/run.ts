/**
 * `npm run bench:load`: the load test. For each database (PostgreSQL when DATABASE_URL is set,
 * and PGlite): a fresh database with the generated data set, `kompass serve` in its own process,
 * an evaluator signed in over HTTP, then the mix of public pages, report pages, search and
 * signed-in scoring (bench/load/scenario.ts) with autocannon on loopback. Prints requests/s,
 * p50/p99 latency and the status codes per route group; exits 1 when a target is missed
 * (errors, 5xx or unexpected statuses, p99 over the target).
 *
 * Environment (all optional):
 *   LOAD_DB           postgres, pglite or both (default: both with DATABASE_URL, else pglite)
 *   LOAD_DURATION     seconds of load per database (default 120)
 *   LOAD_CONNECTIONS  concurrent clients (default 200)
 *   LOAD_EVALUATIONS  generated published evaluations (default 5000)
 *   LOAD_DRAFTS       draft evaluations the scoring clients share (default 10)
 *   LOAD_INSTANCES    server processes on PostgreSQL, connections spread over them (default 1)
 *   LOAD_WARMUP       seconds of light load before measuring (default 5)
 *   LOAD_P99_MS       the p99 target (default 250)
 *   LOAD_JSON         write the figures as JSON to this file too
 *   LOAD_KEEP         1: keep the database or data folder afterwards
 *   KOMPASS_LOG_LEVEL the servers' log level (default warn: per-request logging costs CPU)
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { DatabaseKind } from '../../src/db/client.ts';
import {
  killAllKompass,
  serveKompass,
  type ServingKompass,
} from '../../test/crash/kompass-process.ts';
import { signIn } from '../../test/crash/web-client.ts';
import { prepareLoadDatabase, type LoadDatabase } from './prepare.ts';
import { routeGroups, runScenario, type GroupFigures, type RunFigures } from './scenario.ts';

const env = process.env;
const number = (name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
};

const adminUrl = env.DATABASE_URL?.trim() || undefined;
const duration = number('LOAD_DURATION', 120);
const connections = Math.round(number('LOAD_CONNECTIONS', 200));
const evaluations = Math.round(number('LOAD_EVALUATIONS', 5000));
const draftCount = Math.round(number('LOAD_DRAFTS', 10));
const instances = Math.round(number('LOAD_INSTANCES', 1));
const warmup = env.LOAD_WARMUP === '0' ? 0 : number('LOAD_WARMUP', 5);
const p99Target = number('LOAD_P99_MS', 250);
const keep = env.LOAD_KEEP === '1';
const kinds: DatabaseKind[] = (() => {
  const chosen = env.LOAD_DB?.trim();
  if (chosen === 'postgres' || chosen === 'pglite') return [chosen];
  if (chosen === 'both' || (!chosen && adminUrl)) return ['postgres', 'pglite'];
  if (!chosen) return ['pglite'];
  throw new Error(`LOAD_DB must be postgres, pglite or both, got "${chosen}"`);
})();
if (kinds.includes('postgres') && !adminUrl) {
  throw new Error('LOAD_DB=postgres needs DATABASE_URL (a server where a database may be created)');
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); NaN elsewhere. */
async function cpuSeconds(pid: number): Promise<number> {
  try {
    const { readFile } = await import('node:fs/promises');
    const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');

function statusText(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status}×${String(count)}`)
    .join(' ');
}

/** What counts as an error in a group: anything but 2xx/3xx, except a scoring save's 409. */
function unexpected(group: GroupFigures): number {
  return Object.entries(group.statuses)
    .filter(([status]) => {
      const code = Number(status);
      if (code >= 200 && code < 400) return false;
      return !(code === 409 && group.name === 'scoring: POST score');
    })
    .reduce((sum, [, count]) => sum + count, 0);
}

function printFigures(kind: DatabaseKind, figures: RunFigures): void {
  console.log(
    `\n${kind}: ${String(connections)} connections, ${figures.seconds.toFixed(0)} s` +
      `${instances > 1 && kind === 'postgres' ? `, ${String(instances)} server processes` : ''}`,
  );
  const header = `  ${'route group'.padEnd(32)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'errors'.padStart(7)}  statuses`;
  console.log(header);
  for (const group of [...figures.groups, figures.total]) {
    const errors = group.errors + (group.name === 'all' ? 0 : unexpected(group));
    console.log(
      `  ${group.name.padEnd(32)} ${group.perSecond.toFixed(0).padStart(8)} ${ms(group.p50).padStart(8)} ${ms(group.p99).padStart(8)} ${ms(group.max).padStart(8)} ${String(errors).padStart(7)}  ${statusText(group.statuses)}`,
    );
  }
}

interface DatabaseResult {
  kind: DatabaseKind;
  prepared: Omit<
    LoadDatabase,
    'dispose' | 'env' | 'drafts' | 'evaluationIds' | 'municipalityCodes' | 'evaluator'
  >;
  figures: RunFigures;
  serverCpuSeconds: number;
  generatorCpuSeconds: number;
  errors: number;
  refusedAsStale: number;
  saved: number;
  p99Met: boolean;
}

async function runOne(kind: DatabaseKind): Promise<DatabaseResult> {
  console.log(`\n== ${kind}: preparing ${String(evaluations)} evaluations …`);
  const prepared = await prepareLoadDatabase(
    kind,
    { evaluations, drafts: draftCount, keep },
    adminUrl,
  );
  const servers: ServingKompass[] = [];
  try {
    console.log(
      `   generated in ${(prepared.generateMs / 1000).toFixed(1)} s: ${JSON.stringify(prepared.counts)}` +
        `\n   database: ${prepared.location}`,
    );
    // PGlite is one process per data folder: a second instance would be refused.
    const count = kind === 'postgres' ? instances : 1;
    for (let index = 0; index < count; index += 1) servers.push(await serveKompass(prepared.env));
    const urls = servers.map((server) => server.url);
    const first = urls[0] as string;
    const sessionCookie = await signIn(
      first,
      prepared.evaluator.email,
      prepared.evaluator.password,
    );
    const hasSearchPage = (await fetch(`${first}/sok?q=test`)).status !== 404;
    const groups = routeGroups({
      evaluationIds: prepared.evaluationIds,
      municipalityCodes: prepared.municipalityCodes,
      drafts: prepared.drafts,
      sessionCookie,
      hasSearchPage,
    });
    if (warmup > 0) {
      console.log(`   warming up for ${String(warmup)} s …`);
      await runScenario(groups, {
        urls,
        connections: Math.min(20, connections),
        durationSeconds: warmup,
      });
    }
    console.log(`   load: ${String(connections)} connections for ${String(duration)} s …`);
    const cpuBefore = await Promise.all(servers.map((server) => cpuSeconds(server.pid)));
    const ownBefore = process.cpuUsage();
    const figures = await runScenario(groups, { urls, connections, durationSeconds: duration });
    const own = process.cpuUsage(ownBefore);
    const cpuAfter = await Promise.all(servers.map((server) => cpuSeconds(server.pid)));
    printFigures(kind, figures);
    const serverCpuSeconds = cpuAfter.reduce(
      (sum, value, index) => sum + value - (cpuBefore[index] ?? 0),
      0,
    );
    const generatorCpuSeconds = (own.user + own.system) / 1e6;
    console.log(
      `  CPU during the run: server ${serverCpuSeconds.toFixed(0)} s, load generator ` +
        `${generatorCpuSeconds.toFixed(0)} s of ${String(cpus().length)} × ${figures.seconds.toFixed(0)} s; ` +
        `load average ${loadavg()
          .map((value) => value.toFixed(1))
          .join(' ')}`,
    );
    const errors = figures.groups.reduce((sum, group) => sum + group.errors + unexpected(group), 0);
    const save = figures.groups.find((group) => group.name === 'scoring: POST score');
    const result: DatabaseResult = {
      kind,
      prepared: {
        kind,
        location: prepared.location,
        counts: prepared.counts,
        generateMs: prepared.generateMs,
      },
      figures,
      serverCpuSeconds,
      generatorCpuSeconds,
      errors,
      refusedAsStale: save?.statuses['409'] ?? 0,
      saved: save?.statuses['303'] ?? 0,
      p99Met: figures.total.p99 < p99Target,
    };
    console.log(
      `  scoring: ${String(result.saved)} saved (303), ${String(result.refusedAsStale)} refused as stale (409, correct under concurrent writers)` +
        `\n  target: ${errors === 0 ? 'no errors ✓' : `${String(errors)} errors ✗`}, ` +
        `p99 ${ms(figures.total.p99)} ms ${result.p99Met ? '<' : '≥'} ${String(p99Target)} ms ${result.p99Met ? '✓' : '✗'}`,
    );
    return result;
  } finally {
    for (const server of servers) {
      server.kill('SIGTERM');
      const code = await Promise.race([
        server.exited,
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000)),
      ]);
      if (code === 'timeout') server.kill('SIGKILL');
    }
    await killAllKompass();
    await prepared.dispose();
  }
}

console.log(
  `kompass bench:load · node ${process.version} · ${String(cpus().length)} cores · ${cpus()[0]?.model ?? ''}` +
    `\n(the server, the database and this load generator share these cores: figures are a floor)`,
);
const results: DatabaseResult[] = [];
for (const kind of kinds) results.push(await runOne(kind));
if (env.LOAD_JSON) {
  writeFileSync(
    env.LOAD_JSON,
    `${JSON.stringify({ connections, duration, evaluations, instances, results }, null, 2)}\n`,
  );
}
process.exitCode = results.every((result) => result.errors === 0 && result.p99Met) ? 0 : 1;
