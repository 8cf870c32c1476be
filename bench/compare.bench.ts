/**
 * Comparison figures on a generated data set of 5,000 published evaluations (bench/
 * generate-data.ts): the good-example search (p50/p95 over varied queries and filters), a peer
 * comparison of eight municipalities and a national average, each through the use case and as
 * the API page, next to the bare SQL underneath (run straight on the driver) and their ratio, and
 * the public HTML pages over the same data (search, comparison, averages, a municipality, an
 * evaluation with its role models).
 * Targets: search p95 under 50 ms, pages under 100 ms. On PGlite always; on PostgreSQL too when
 * DATABASE_URL is set (in a throwaway database on that server).
 */
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { apiRoutes } from '../src/api/routes.ts';
import { openPgliteMemory, openPostgres, type Database } from '../src/db/client.ts';
import { SEARCH_PLAN_SETTING, buildSearchQuery } from '../src/db/repositories/search.ts';
import {
  clonePostgresTemplate,
  ensurePgliteTemplate,
  ensurePostgresTemplate,
  readPgliteTemplate,
} from '../src/db/test-templates.ts';
import { compareEvaluations } from '../src/use-cases/compare-evaluations.ts';
import { computeAverage } from '../src/use-cases/compute-average.ts';
import { searchFindings, type SearchFindingsOptions } from '../src/use-cases/search-findings.ts';
import { buildApp } from '../src/web/app.ts';
import { generateBenchData } from './generate-data.ts';

interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

const EVALUATIONS = Number(process.env.KOMPASS_BENCH_EVALUATIONS ?? 5000);
const SEARCH_RUNS = 200;
const PAGE_RUNS = 40;

/** A mix of what people search for: single terms, two terms, a phrase, with and without filters. */
const QUERIES: Array<Omit<SearchFindingsOptions, 'db'> & { query: string }> = [
  { query: 'medborgardialogen' },
  { query: 'brukarundersökningar', area: 1 },
  { query: 'riskanalys kvalitetssystem' },
  { query: '"samverkan med civilsamhället"' },
  { query: 'servicerutiner', kinds: ['improvement'] },
  { query: 'kompetensstrategi', yearFrom: 2016 },
  { query: 'miljöpolicy', lanCode: '01' },
  { query: 'målstyrning -budgetprocessen' },
  { query: 'skolnätverk', kinds: ['good-example'] },
  { query: 'ledningsforum', municipalityCode: '0486' },
  { query: 'hållbarhetsrapporten digitaliseringsstrategi' },
  { query: 'personalpolicy', area: 3 },
];

/** A word in almost every text: the worst case for ranking, reported on its own. */
const COMMON_QUERY = 'kommunen';

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function timeRuns(runs: number, fn: (index: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i += 1) await fn(i); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn(i);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

/** Runs raw SQL on the driver itself, bypassing drizzle. */
function bareQuery(database: Database): (text: string, params?: unknown[]) => Promise<unknown> {
  return database.kind === 'pglite'
    ? (text, params) => database.client.query(text, params)
    : (text, params) => database.client.query(text, params);
}

/** The search's SQL as the repository runs it: in a transaction with its plan setting. */
function bareSearchQuery(
  database: Database,
): (text: string, params: unknown[]) => Promise<unknown> {
  if (database.kind === 'pglite') {
    return (text, params) =>
      database.client.transaction(async (tx) => {
        await tx.query(SEARCH_PLAN_SETTING);
        return tx.query(text, params);
      });
  }
  return async (text, params) => {
    const client = await database.client.connect();
    try {
      await client.query('begin');
      await client.query(SEARCH_PLAN_SETTING);
      const result = await client.query(text, params);
      await client.query('commit');
      return result;
    } finally {
      client.release();
    }
  };
}

async function figures(database: Database, label: string): Promise<BenchFigure[]> {
  const { db } = database;
  const started = performance.now();
  const counts = await generateBenchData(db, { count: EVALUATIONS });
  const generateMs = performance.now() - started;
  const out: BenchFigure[] = [
    {
      name: `${label}: generate ${counts.evaluations} published evaluations`,
      value: generateMs / 1000,
      unit: 's',
    },
    {
      name: `${label}: findings + area texts searched`,
      value: counts.findings + counts.areaTexts,
      unit: 'rows',
    },
  ];
  await database.db.execute(sql`analyze`);
  const bare = bareQuery(database);
  const runSearchSql = bareSearchQuery(database);
  const dialect = new PgDialect();

  // Search.
  const search = await timeRuns(SEARCH_RUNS, (i) =>
    searchFindings({ db, ...(QUERIES[i % QUERIES.length] ?? { query: 'kommunen' }) }),
  );
  const bareSearch = await timeRuns(SEARCH_RUNS, (i) => {
    const options = QUERIES[i % QUERIES.length] ?? { query: 'kommunen' };
    const statement = buildSearchQuery({
      ...options,
      kinds: (options.kinds ?? ['strength', 'improvement', 'good-example', 'text']) as never,
    });
    if (!statement) throw new Error('no statement');
    const query = dialect.sqlToQuery(statement);
    return runSearchSql(query.sql, query.params);
  });
  const hits = (await searchFindings({ db, query: 'medborgardialogen' })).total;
  const commonHits = (await searchFindings({ db, query: COMMON_QUERY })).total;
  const common = await timeRuns(10, () => searchFindings({ db, query: COMMON_QUERY }));
  out.push(
    { name: `${label}: search "medborgardialogen" matches`, value: hits, unit: 'texts' },
    {
      name: `${label}: search p50 (use case, ${QUERIES.length} queries)`,
      value: percentile(search, 50),
      unit: 'ms',
    },
    { name: `${label}: search p95 (target < 50 ms)`, value: percentile(search, 95), unit: 'ms' },
    { name: `${label}: search bare SQL p50`, value: percentile(bareSearch, 50), unit: 'ms' },
    { name: `${label}: search bare SQL p95`, value: percentile(bareSearch, 95), unit: 'ms' },
    {
      name: `${label}: search p50 ratio to bare SQL`,
      value: percentile(search, 50) / percentile(bareSearch, 50),
      unit: '×',
    },
    { name: `${label}: worst case "${COMMON_QUERY}" matches`, value: commonHits, unit: 'texts' },
    {
      name: `${label}: worst case "${COMMON_QUERY}" p50`,
      value: percentile(common, 50),
      unit: 'ms',
    },
  );

  // API pages (in-process HTTP through fastify).
  const app = Fastify({ logger: false });
  await app.register(apiRoutes, { database });
  await app.ready();
  try {
    // Eight municipalities with published evaluations (their latest ones are compared).
    const codeRows = (await db.execute(sql`
      select municipality_code as code from evaluations where status = 'published' and current
      group by municipality_code order by count(*) desc, municipality_code limit 8`)) as unknown as {
      rows: Array<{ code: string }>;
    };
    const codes = codeRows.rows.map((row) => row.code);
    const comparisonUrl = `/api/v1/comparisons?${codes.map((c) => `municipality=${c}`).join('&')}`;
    const inject = async (url: string) => {
      const response = await app.inject({ url });
      if (response.statusCode !== 200)
        throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    };
    const searchPage = await timeRuns(SEARCH_RUNS, (i) =>
      inject(
        `/api/v1/search?q=${encodeURIComponent((QUERIES[i % QUERIES.length] ?? { query: 'x' }).query)}`,
      ),
    );
    const comparison = await timeRuns(PAGE_RUNS, () =>
      compareEvaluations({ db, municipalityCodes: codes }),
    );
    const comparisonPage = await timeRuns(PAGE_RUNS, () => inject(comparisonUrl));
    const barePopulation = await timeRuns(PAGE_RUNS, () =>
      bare(
        `select s.area_number, s.score from evaluations e join area_scores s on s.evaluation_id = e.id
         where e.status = 'published' and e.current and e.kind in ('full', 'area-level') and e.edition_id = $1`,
        ['kk-2016'],
      ),
    );
    const average = await timeRuns(PAGE_RUNS, () =>
      computeAverage({ db, editionId: 'kk-2010', yearFrom: 2010 }),
    );
    const averagePage = await timeRuns(PAGE_RUNS, () =>
      inject('/api/v1/averages?edition=kk-2010&from=2010'),
    );
    const bareAverage = await timeRuns(PAGE_RUNS, () =>
      bare(
        `select s.area_number, avg(s.score)::float8 as mean, count(*)::int as n
         from evaluations e join area_scores s on s.evaluation_id = e.id
         where e.status = 'published' and e.current and e.kind in ('full', 'area-level')
           and e.edition_id = $1 and e.year >= $2
         group by s.area_number order by s.area_number`,
        ['kk-2010', 2010],
      ),
    );
    out.push(
      { name: `${label}: search API page p50`, value: percentile(searchPage, 50), unit: 'ms' },
      { name: `${label}: search API page p95`, value: percentile(searchPage, 95), unit: 'ms' },
      {
        name: `${label}: comparison of 8 (use case) p50`,
        value: percentile(comparison, 50),
        unit: 'ms',
      },
      {
        name: `${label}: comparison API page p50 (target < 100 ms)`,
        value: percentile(comparisonPage, 50),
        unit: 'ms',
      },
      {
        name: `${label}: comparison API page p95`,
        value: percentile(comparisonPage, 95),
        unit: 'ms',
      },
      {
        name: `${label}: comparison bare SQL (one edition's population)`,
        value: percentile(barePopulation, 50),
        unit: 'ms',
      },
      {
        name: `${label}: comparison page ratio to bare SQL`,
        value: percentile(comparisonPage, 50) / percentile(barePopulation, 50),
        unit: '×',
      },
      {
        name: `${label}: national average (use case) p50`,
        value: percentile(average, 50),
        unit: 'ms',
      },
      {
        name: `${label}: national average API page p50 (target < 100 ms)`,
        value: percentile(averagePage, 50),
        unit: 'ms',
      },
      {
        name: `${label}: national average API page p95`,
        value: percentile(averagePage, 95),
        unit: 'ms',
      },
      {
        name: `${label}: national average bare SQL (avg group by)`,
        value: percentile(bareAverage, 50),
        unit: 'ms',
      },
      {
        name: `${label}: national average page ratio to bare SQL`,
        value: percentile(averagePage, 50) / percentile(bareAverage, 50),
        unit: '×',
      },
    );
  } finally {
    await app.close();
  }
  out.push(...(await htmlPages(database, label)));
  return out;
}

/** The public HTML pages over the same data (the whole app in-process, rendering included). */
async function htmlPages(database: Database, label: string): Promise<BenchFigure[]> {
  const { db } = database;
  const app = await buildApp({ database });
  await app.ready();
  try {
    const inject = async (url: string) => {
      const response = await app.inject({ url });
      if (response.statusCode !== 200)
        throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    };
    const latest = (await db.execute(sql`
      select distinct on (municipality_code) id, municipality_code as code
      from evaluations where status = 'published' and current and kind <> 'self-assessment'
      order by municipality_code, year desc limit 8`)) as unknown as {
      rows: Array<{ id: string; code: string }>;
    };
    const ids = latest.rows.map((row) => row.id);
    const first = latest.rows[0];
    if (!first) throw new Error('no published evaluation to show');
    const pages: Array<[string, (i: number) => string, number]> = [
      [
        'search page /sok',
        (i) =>
          `/sok?q=${encodeURIComponent((QUERIES[i % QUERIES.length] ?? { query: 'x' }).query)}`,
        SEARCH_RUNS,
      ],
      [
        `comparison page /jamfor (8)`,
        () => `/jamfor?${ids.map((id) => `utvardering=${id}`).join('&')}`,
        PAGE_RUNS,
      ],
      ['averages page /medelvarden', () => '/medelvarden?utgava=kk-2010&fran=2010', PAGE_RUNS],
      ['municipality page /kommuner/:code', () => `/kommuner/${first.code}`, PAGE_RUNS],
      ['evaluation page with role models', () => `/utvarderingar/${first.id}`, PAGE_RUNS],
    ];
    const out: BenchFigure[] = [];
    for (const [name, url, runs] of pages) {
      const times = await timeRuns(runs, (i) => inject(url(i)));
      out.push(
        {
          name: `${label}: ${name} p50 (target < 100 ms)`,
          value: percentile(times, 50),
          unit: 'ms',
        },
        { name: `${label}: ${name} p95`, value: percentile(times, 95), unit: 'ms' },
      );
    }
    return out;
  } finally {
    await app.close();
  }
}

export async function run(): Promise<BenchFigure[]> {
  const pglite = await openPgliteMemory(readPgliteTemplate(await ensurePgliteTemplate()));
  let out: BenchFigure[];
  try {
    out = await figures(pglite, 'pglite');
  } finally {
    await pglite.close();
  }
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    const clone = await clonePostgresTemplate(url, await ensurePostgresTemplate(url));
    try {
      const database = await openPostgres(clone.url, 4);
      try {
        out.push(...(await figures(database, 'postgres')));
      } finally {
        await database.close();
      }
    } finally {
      await clone.drop();
    }
  }
  return out;
}
