/**
 * Loads the demo data set (`demo/*.json`) so `npm start` shows real figures from published
 * Kommunkompassen reports: scores, years, comparisons and facts as the reports printed them,
 * with findings written for Kompass in our own words (see `demo/README.md`).
 *
 * Idempotent: a file already loaded (same content hash) is skipped, so a second start is quick;
 * a changed demo file replaces its earlier load as a new revision; real data (anything not
 * loaded from `demo/`) is never touched.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { listEditions, type StoredEdition } from '../db/repositories/editions.ts';
import {
  createEvaluation,
  findCurrentEvaluation,
  findEvaluationsBySourceHash,
  replaceEvaluation,
  type NewEvaluation,
} from '../db/repositories/evaluations.ts';
import { createReferenceSeries } from '../db/repositories/reference-series.ts';
import { loadDemoSelfAssessments } from './self-assessment/load-demo-self-assessments.ts';
import { loadDemoValues } from './values/load-demo-values.ts';

export const DEMO_DIR = fileURLToPath(new URL('../../demo/', import.meta.url));

/** Where demo rows say they came from: "demo/<file>". */
export const DEMO_SOURCE_PREFIX = 'demo/';

const score = z.number().min(0).max(100);
const areaScores = z.array(z.strictObject({ number: z.number().int().min(1), score }));
const municipality = z.strictObject({ name: z.string().min(1), code: z.string().regex(/^\d{4}$/) });

/** A demo file: the parsed-report shape (`kompass parse --json`) without the reports' prose. */
export const DemoReportSchema = z.strictObject({
  kind: z.literal('kommunkompassen'),
  /** The seed report the figures come from. */
  basedOn: z.string().min(1),
  municipality,
  year: z.number().int().min(1990).max(2100),
  month: z.number().int().min(1).max(12).optional(),
  edition: z.string().min(1),
  areas: areaScores.min(1),
  total: z.number().min(0),
  questions: z.array(
    z.strictObject({
      id: z.string().regex(/^\d+\.\d+$/),
      achieved: z.number().min(0).nullable(),
      max: z.number().positive().nullable(),
      percent: z.number().min(0).max(100).nullable(),
      points: z.number().min(0).nullable(),
    }),
  ),
  comparisons: z.array(
    z.strictObject({
      label: z.string().min(1),
      kind: z.enum(['previous', 'municipality', 'average']),
      year: z.number().int().optional(),
      yearFrom: z.number().int().optional(),
      yearTo: z.number().int().optional(),
      basis: z.string().optional(),
      municipality: municipality.optional(),
      areas: areaScores,
      total: z.number().min(0).nullable(),
      from: z.enum(['table', 'chart', 'text']),
    }),
  ),
  findings: z.array(
    z.strictObject({
      area: z.number().int().min(1),
      kind: z.enum(['strength', 'improvement', 'good-example']),
      text: z.string().trim().min(1).max(200),
      /** A municipality worth learning from, by kommunkod. */
      municipality: z
        .string()
        .regex(/^\d{4}$/)
        .optional(),
    }),
  ),
  facts: z.record(z.string(), z.unknown()),
});

export type DemoReport = z.infer<typeof DemoReportSchema>;

export interface DemoFile {
  file: string;
  hash: string;
  report: DemoReport;
}

/** Reads and validates every `*.json` in `dir`, in name order; throws naming the bad file. */
export function readDemoFiles(dir: string = DEMO_DIR): DemoFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const parsed = DemoReportSchema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(
          `demo file ${file}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
        );
      }
      const hash = createHash('sha256').update(text).digest('hex');
      return { file, hash: `demo:${hash.slice(0, 32)}`, report: parsed.data };
    });
}

export interface DemoLoadResult {
  /** Files stored now (new, or replacing an older load of the same file). */
  loaded: string[];
  /** Files already stored with the same content. */
  unchanged: string[];
  /** Files left alone, with the reason (e.g. real data for the same evaluation exists). */
  skipped: Array<{ file: string; reason: string }>;
  /** Evaluations written (the reports and the earlier results they print). */
  evaluations: number;
  /** Published comparison series written (national averages). */
  series: number;
}

/** The published evaluation a demo report describes. */
function evaluationOf(demo: DemoFile): NewEvaluation {
  const { report } = demo;
  return {
    municipalityCode: report.municipality.code,
    year: report.year,
    month: report.month ?? null,
    editionId: report.edition,
    kind: report.questions.length > 0 ? 'full' : 'area-level',
    status: 'published',
    source: `${DEMO_SOURCE_PREFIX}${demo.file}`,
    sourceHash: demo.hash,
    totalPrinted: report.total,
    facts: report.facts,
    publishedAt: new Date(Date.UTC(report.year, (report.month ?? 12) - 1, 1)),
    areas: report.areas.map((area) => ({
      number: area.number,
      score: area.score,
      printed: area.score,
    })),
    questions: report.questions.map((question) => ({
      id: question.id,
      points: question.points,
      achievedPrinted: question.achieved,
      maxPrinted: question.max,
      percentPrinted: question.percent,
    })),
    findings: report.findings.map((finding) => ({
      area: finding.area,
      kind: finding.kind,
      text: finding.text,
      referenceMunicipalityCode: finding.municipality ?? null,
    })),
  };
}

/** The Kommunkompassen edition in use in `year`. */
function editionForYear(editions: readonly StoredEdition[], year: number): string | undefined {
  return editions.find(
    (edition) =>
      edition.kind === 'kommunkompassen' &&
      edition.yearFrom <= year &&
      (edition.yearTo === null || year <= edition.yearTo),
  )?.id;
}

/**
 * Stores the demo data set. Each file becomes a published evaluation; an earlier result the
 * report prints with figures ("Strängnäs 2014") becomes an area-level evaluation of that year,
 * and a printed average becomes a reference series linked to the evaluation.
 *
 * @example
 * const result = await loadDemoData(database.db);
 * console.log(`${result.loaded.length} loaded, ${result.unchanged.length} already there`);
 */
export async function loadDemoData(
  db: Db,
  options: { dir?: string } = {},
): Promise<DemoLoadResult> {
  const files = readDemoFiles(options.dir);
  const result: DemoLoadResult = {
    loaded: [],
    unchanged: [],
    skipped: [],
    evaluations: 0,
    series: 0,
  };
  let editions: StoredEdition[] | undefined;

  for (const demo of files) {
    if ((await findEvaluationsBySourceHash(db, demo.hash)).length > 0) {
      result.unchanged.push(demo.file);
      continue;
    }
    const input = evaluationOf(demo);
    const current = await findCurrentEvaluation(db, input);
    if (current && !current.source.startsWith(DEMO_SOURCE_PREFIX)) {
      result.skipped.push({
        file: demo.file,
        reason: `the evaluation of ${input.municipalityCode} in ${input.year} is already stored from ${current.source}`,
      });
      continue;
    }
    const stored = current
      ? await replaceEvaluation(db, current.id, input)
      : await createEvaluation(db, input);
    result.evaluations += 1;

    for (const comparison of demo.report.comparisons) {
      if (comparison.areas.length === 0) continue; // shown only in a chart: no figures to store
      if (comparison.kind === 'average') {
        await createReferenceSeries(db, {
          label: comparison.label,
          basis: comparison.basis ?? null,
          editionId: demo.report.edition,
          yearFrom: comparison.yearFrom ?? null,
          yearTo: comparison.yearTo ?? null,
          total: comparison.total,
          source: input.source,
          sourceEvaluationId: stored.id,
          areas: comparison.areas,
        });
        result.series += 1;
      } else if (comparison.kind === 'previous' && comparison.year !== undefined) {
        editions ??= await listEditions(db);
        const editionId = editionForYear(editions, comparison.year);
        if (!editionId) continue;
        const key = {
          municipalityCode: comparison.municipality?.code ?? input.municipalityCode,
          year: comparison.year,
          editionId,
          kind: 'area-level' as const,
        };
        if (await findCurrentEvaluation(db, key)) continue;
        await createEvaluation(db, {
          ...key,
          status: 'published',
          source: `${input.source}#${comparison.label}`,
          totalPrinted: comparison.total,
          publishedAt: new Date(Date.UTC(comparison.year, 11, 1)),
          areas: comparison.areas.map((area) => ({
            number: area.number,
            score: area.score,
            printed: area.score,
          })),
        });
        result.evaluations += 1;
      }
    }
    result.loaded.push(demo.file);
  }
  // The värdegrund of municipalities that have none yet (demo/values/, see demo/README.md).
  await loadDemoValues(db, join(options.dir ?? DEMO_DIR, 'values'));
  // Self-assessments (demo/self-assessments/): answers and key figures, no narrative.
  const selfAssessments = await loadDemoSelfAssessments(
    db,
    join(options.dir ?? DEMO_DIR, 'self-assessments'),
  );
  result.loaded.push(...selfAssessments.loaded.map((file) => `self-assessments/${file}`));
  result.unchanged.push(...selfAssessments.unchanged.map((file) => `self-assessments/${file}`));
  result.evaluations += selfAssessments.loaded.length;
  return result;
}
