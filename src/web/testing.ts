/**
 * Test helpers for the web layer: an app over a test database, in-process (`app.inject`) or
 * listening on a random local port for a real browser, and a small published/draft data set.
 */
import type { FastifyInstance } from 'fastify';
import type { Database, Db } from '../db/client.ts';
import {
  createEvaluation,
  type EvaluationRecord,
  type NewEvaluation,
} from '../db/repositories/evaluations.ts';
import { createReferenceSeries } from '../db/repositories/reference-series.ts';
import { buildApp, type AppOptions } from './app.ts';

/** A running app on 127.0.0.1 and a random port; `close()` stops it (not the database). */
export interface TestServer {
  app: FastifyInstance;
  /** "http://127.0.0.1:<port>" */
  url: string;
  close(): Promise<void>;
}

/** Builds the app over `database` and listens on a free local port. */
export async function startTestServer(
  database: Database,
  options: Omit<AppOptions, 'database'> = {},
): Promise<TestServer> {
  const app = await buildApp({ ...options, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the test server has no port');
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/** Eight area scores, `base + area number` each (printed as given). */
function areas(base: number) {
  return Array.from({ length: 8 }, (_, index) => ({
    number: index + 1,
    score: base + index + 1,
    printed: base + index + 1,
  }));
}

/** An evaluation of the real 2016 edition, area scores only, with one finding per kind. */
export function publicEvaluation(overrides: Partial<NewEvaluation> = {}): NewEvaluation {
  return {
    municipalityCode: '0486',
    year: 2016,
    month: 10,
    editionId: 'kk-2016',
    kind: 'area-level',
    status: 'published',
    source: 'test',
    totalPrinted: 497,
    areas: areas(60).map((area) =>
      area.number === 2 ? { ...area, score: 62.5, printed: 62.5 } : area,
    ),
    findings: [
      { area: 1, kind: 'strength', text: 'Tydliga riktlinjer för medborgardialog' },
      { area: 1, kind: 'improvement', text: 'Redovisa resultaten för invånarna' },
      {
        area: 1,
        kind: 'good-example',
        text: 'Lättlästa versioner av viktiga handlingar',
        referenceMunicipalityCode: '1262',
      },
    ],
    facts: {
      population: { value: 34000, approximate: true },
      evaluators: [{ name: 'Anna Andersson', affiliation: 'SKR' }],
    },
    ...overrides,
  };
}

export interface PublicFixtures {
  /** Strängnäs 2016, published, with a printed average. */
  published: EvaluationRecord;
  /** Strängnäs 2014, published, an older edition. */
  previous: EvaluationRecord;
  /** Strängnäs 2018, a draft. */
  draft: EvaluationRecord;
  /** Upplands-Bro 2011, under review. */
  review: EvaluationRecord;
}

/**
 * Two published evaluations of Strängnäs (0486; 2014 on kk-2010, 2016 on kk-2016 with the
 * national average it printed), a draft of Strängnäs 2018 and an Upplands-Bro (0139) evaluation
 * under review: the public pages must show the first two and never the others.
 */
export async function seedPublicFixtures(db: Db): Promise<PublicFixtures> {
  const previous = await createEvaluation(
    db,
    publicEvaluation({
      year: 2014,
      month: null,
      editionId: 'kk-2010',
      totalPrinted: 437,
      areas: areas(50),
      findings: [],
    }),
  );
  const published = await createEvaluation(db, publicEvaluation());
  await createReferenceSeries(db, {
    label: 'Medelvärde',
    basis: 'beräknat från 2010 och framåt',
    editionId: 'kk-2016',
    yearFrom: 2010,
    total: 476,
    source: 'test',
    sourceEvaluationId: published.id,
    areas: areas(55).map(({ number, score }) => ({ number, score })),
  });
  const draft = await createEvaluation(
    db,
    publicEvaluation({ year: 2018, status: 'draft', totalPrinted: null, findings: [] }),
  );
  const review = await createEvaluation(
    db,
    publicEvaluation({
      municipalityCode: '0139',
      year: 2011,
      editionId: 'kk-2010',
      status: 'review',
    }),
  );
  return { published, previous, draft, review };
}
