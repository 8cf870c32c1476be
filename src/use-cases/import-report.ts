/**
 * Imports one published report (a Kommunkompassen analysis or a Kvalitetskommun application)
 * into the database: parses it with `parseReport` and stores what it found in ONE transaction,
 * so a report that fails leaves nothing behind.
 *
 * What is stored (see docs/import.md, "Importing into the database"):
 * - the evaluation, published: an analysis as kind `full` (area scores, printed total, question
 *   scores, findings, facts, month), an application as kind `self-assessment` (answers with
 *   their flags, narrative per theme as area texts, key-figure series as `key_figures` rows, and
 *   the series as parsed and the other tables in `facts`);
 * - a comparison column that names a municipality and a year with printed scores (Strängnäs 2014)
 *   as an area-level evaluation under the edition in use in ITS year;
 * - a published average with printed scores ("Medelvärde") as a reference series linked to the
 *   evaluation;
 * - comparisons the report shows without values (a chart, a sentence) are not stored as figures:
 *   they are listed in the outcome and in `facts.comparisonsWithoutFigures`.
 *
 * Idempotent: the same bytes (same SHA-256) again change nothing ("unchanged"). A different text
 * for an evaluation already stored is refused unless `replace`, which writes a new revision (the
 * old one stays readable).
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Db } from '../db/client.ts';
import {
  createEvaluation,
  findCurrentEvaluation,
  findEvaluationsBySourceHash,
  getEvaluation,
  replaceEvaluation,
  type EvaluationKey,
  type EvaluationKind,
  type NewEvaluation,
} from '../db/repositories/evaluations.ts';
import { createReferenceSeries } from '../db/repositories/reference-series.ts';
import { listKeyFigures, replaceKeyFigures } from '../db/repositories/self-assessments.ts';
import { editionForYear, type Edition } from '../domain/framework/index.ts';
import type { ImportIssue } from '../import/issues.ts';
import type { Comparison, ParsedAnalysis } from '../import/kommunkompassen/types.ts';
import { decodeReportBytes, parseReport, type ParsedReport } from '../import/parse.ts';
import type { SelfAssessmentReport } from '../import/self-assessment/types.ts';
import { storeAreaLevelEvaluation } from './area-level.ts';
import { keyFigureRowsOf, seriesFromFacts } from './self-assessment/imported-key-figures.ts';
import { exactFigures } from './exact-points.ts';
import { storageIssue } from './storage-issue.ts';

export interface ImportReportOptions {
  /** The database, or a transaction to run inside. */
  db: Db;
  /** The file's bytes, as read. */
  bytes: Uint8Array;
  /** How issues name the file: the path as the user gave it. */
  source: string;
  /** Stored as the evaluation's `source` (default: the file name without its folder). */
  storedSource?: string;
  /** The editions the database holds (`listEditions(db)`), built-in and admin-added. */
  editions: readonly Edition[];
  /** The municipality register, e.g. `loadMunicipalities()`. */
  municipalities: ReadonlyArray<{ name: string; code: string }>;
  /** Store a different text for an evaluation already stored as its new revision. */
  replace?: boolean;
}

/** The evaluation a report was stored as. */
export interface StoredEvaluation {
  id: string;
  municipality: { name: string; code: string };
  year: number;
  editionId: string;
  kind: EvaluationKind;
  revision: number;
  totalPrinted: number | null;
  /** Sum of the stored (exact) area scores, null when none are stored. */
  areaTotal: number | null;
  counts: { areas: number; questions: number; findings: number; texts: number };
}

/** Something else the report printed and what became of it. */
export type RelatedOutcome =
  | {
      type: 'evaluation';
      /** The comparison's label as printed: "Strängnäs 2014". */
      label: string;
      status: 'imported' | 'replaced' | 'unchanged' | 'kept';
      id: string;
      municipalityCode: string;
      year: number;
      editionId: string;
      totalPrinted: number | null;
      /** Why nothing was written (unchanged or kept). */
      note?: string;
    }
  | {
      type: 'reference-series';
      label: string;
      basis: string | null;
      id: string;
      editionId: string;
      total: number | null;
    }
  | {
      type: 'not-stored';
      label: string;
      /** Why it was not stored as figures. */
      reason: string;
      line?: number;
    };

/** A report stored now, or found stored already. */
export interface StoredReportOutcome {
  status: 'imported' | 'replaced' | 'unchanged';
  /** Hex SHA-256 of the bytes. */
  sourceHash: string;
  evaluation: StoredEvaluation;
  /** What became of the comparisons the report prints (empty when unchanged). */
  related: RelatedOutcome[];
  /** How the stored figures were chosen, where that needs saying. */
  notes: string[];
  /** The parser's warnings (empty when unchanged: the text is not read again). */
  warnings: ImportIssue[];
}

export type ImportReportOutcome = StoredReportOutcome | { status: 'failed'; issues: ImportIssue[] };

/** Hex SHA-256 of a file's bytes: the identity `unchanged` is judged by. */
export function sourceHashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Refusal that rolls the file's transaction back and becomes its issues. */
class ImportRefused extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super(issues[0]?.message ?? 'import refused');
  }
}

/**
 * Parses one report file and stores it in one transaction. Never throws on bad input: a file
 * that cannot be read, parsed or stored comes back as `{ status: 'failed', issues }` with
 * nothing written.
 *
 * @example
 * const outcome = await importReport({
 *   db: database.db,
 *   bytes: readFileSync(path),
 *   source: path,
 *   editions: (await listEditions(database.db)).map((e) => e.definition),
 *   municipalities: loadMunicipalities(),
 * });
 * if (outcome.status === 'failed') console.error(outcome.issues.map(formatIssue).join('\n'));
 */
export async function importReport(options: ImportReportOptions): Promise<ImportReportOutcome> {
  const { source } = options;
  const decoded = decodeReportBytes(options.bytes, source);
  if (!decoded.ok) return { status: 'failed', issues: decoded.issues };
  const sourceHash = sourceHashOf(options.bytes);
  // The same bytes stored before: nothing to parse or write.
  const stored = await findStoredFromSameBytes(options, sourceHash);
  if (stored) {
    if (stored.evaluation.kind === 'self-assessment') {
      await backfillKeyFigures(options.db, stored.evaluation.id);
    }
    return { status: 'unchanged', sourceHash, ...stored };
  }
  const parsed = parseReport(decoded.text, {
    source,
    municipalities: options.municipalities,
    editions: options.editions,
  });
  if (!parsed.ok) return { status: 'failed', issues: parsed.issues };
  const report = parsed.report;
  const edition = options.editions.find((candidate) => candidate.id === report.edition);
  if (!edition) {
    return {
      status: 'failed',
      issues: [
        {
          source,
          message: `edition "${report.edition}" is not in the database`,
          expected: `one of ${options.editions.map((e) => e.id).join(', ')} (run kompass migrate)`,
        },
      ],
    };
  }

  const plan = planReport(report, {
    source: options.storedSource ?? basename(source),
    sourceHash,
    editions: options.editions,
  });
  const key: EvaluationKey = {
    municipalityCode: report.municipality.code,
    year: report.year,
    editionId: report.edition,
    kind: plan.evaluation.kind,
  };
  try {
    return await options.db.transaction(async (tx) => {
      const existing = await findCurrentEvaluation(tx, key);
      if (existing?.sourceHash === sourceHash) {
        return {
          status: 'unchanged' as const,
          sourceHash,
          evaluation: storedEvaluation(report, {
            ...existing,
            counts: plan.counts,
          }),
          related: [],
          notes: [],
          warnings: parsed.warnings,
        };
      }
      if (existing && !options.replace) {
        throw new ImportRefused([
          {
            source,
            message:
              `${describeKey(report, key)} is stored already from another text ` +
              `(${existing.source}, revision ${existing.revision}); this text differs from it`,
            expected: 'the same text as before, or --replace to store this text as a new revision',
          },
        ]);
      }
      const stored = existing
        ? await replaceEvaluation(tx, existing.id, plan.evaluation, {
            expectedVersion: existing.version,
          })
        : await createEvaluation(tx, plan.evaluation);
      if (report.kind === 'self-assessment') {
        // Key figures live in their own table, as those entered in a self-assessment form do.
        await replaceKeyFigures(tx, stored.id, keyFigureRowsOf(report.series));
      }

      const related: RelatedOutcome[] = [];
      for (const comparison of plan.comparisons) {
        related.push(
          await storeComparison(tx, comparison, {
            editionId: report.edition,
            source: plan.evaluation.source,
            sourceHash,
            issueSource: source,
            evaluationId: stored.id,
            editions: options.editions,
            replace: options.replace === true,
          }),
        );
      }
      const areaTotal =
        stored.areas.length === 0 ? null : sumExact(stored.areas.map((area) => area.score));
      return {
        status: existing ? ('replaced' as const) : ('imported' as const),
        sourceHash,
        evaluation: storedEvaluation(report, {
          id: stored.id,
          revision: stored.revision,
          totalPrinted: stored.totalPrinted,
          areaTotal,
          counts: {
            areas: stored.areas.length,
            questions: stored.questions.length,
            findings: stored.findings.length,
            texts: stored.texts.length,
          },
        }),
        related: [...related, ...plan.notStored],
        notes: plan.notes,
        warnings: parsed.warnings,
      };
    });
  } catch (error) {
    if (error instanceof ImportRefused) return { status: 'failed', issues: error.issues };
    const issue = storageIssue(error, { source });
    if (issue) return { status: 'failed', issues: [issue] };
    throw error;
  }
}

/** The evaluation these very bytes were imported as, when it is still the current revision. */
async function findStoredFromSameBytes(
  options: ImportReportOptions,
  sourceHash: string,
): Promise<Omit<StoredReportOutcome, 'status' | 'sourceHash'> | undefined> {
  const candidates = await findEvaluationsBySourceHash(options.db, sourceHash);
  const item = candidates.find((candidate) => candidate.current && candidate.kind !== 'area-level');
  if (!item) return undefined;
  const record = await getEvaluation(options.db, item.id);
  if (!record) return undefined;
  const name =
    options.municipalities.find((m) => m.code === record.municipalityCode)?.name ??
    record.municipalityCode;
  return {
    evaluation: {
      id: record.id,
      municipality: { name, code: record.municipalityCode },
      year: record.year,
      editionId: record.editionId,
      kind: record.kind,
      revision: record.revision,
      totalPrinted: record.totalPrinted,
      areaTotal: item.areaTotal,
      counts: {
        areas: record.areas.length,
        questions: record.questions.length,
        findings: record.findings.length,
        texts: record.texts.length,
      },
    },
    related: [],
    notes: [],
    warnings: [],
  };
}

/**
 * An application imported before key figures had their own table keeps them only in
 * `facts.series`: importing the same file again writes them to `key_figures` (once).
 */
async function backfillKeyFigures(db: Db, evaluationId: string): Promise<void> {
  if ((await listKeyFigures(db, evaluationId)).length > 0) return;
  const record = await getEvaluation(db, evaluationId);
  const rows = record ? keyFigureRowsOf(seriesFromFacts(record.facts)) : [];
  if (rows.length === 0) return;
  await db.transaction(async (tx) => {
    if ((await listKeyFigures(tx, evaluationId)).length === 0) {
      await replaceKeyFigures(tx, evaluationId, rows);
    }
  });
}

const sumExact = (values: readonly number[]) =>
  Number(values.reduce((sum, value) => sum + value, 0).toFixed(9));

function describeKey(report: ParsedReport, key: EvaluationKey): string {
  return `${report.municipality.name} (${key.municipalityCode}) ${key.year}, ${key.editionId}, ${key.kind}`;
}

function storedEvaluation(
  report: ParsedReport,
  stored: {
    id: string;
    revision: number;
    totalPrinted: number | null;
    areaTotal: number | null;
    counts: StoredEvaluation['counts'];
  },
): StoredEvaluation {
  return {
    id: stored.id,
    municipality: { name: report.municipality.name, code: report.municipality.code },
    year: report.year,
    editionId: report.edition,
    kind: report.kind === 'self-assessment' ? 'self-assessment' : 'full',
    revision: stored.revision,
    totalPrinted: stored.totalPrinted,
    areaTotal: stored.areaTotal,
    counts: stored.counts,
  };
}

interface Plan {
  evaluation: NewEvaluation;
  counts: StoredEvaluation['counts'];
  /** Comparisons with printed figures, to store after the evaluation. */
  comparisons: Comparison[];
  notStored: RelatedOutcome[];
  notes: string[];
}

function planReport(
  report: ParsedReport,
  context: { source: string; sourceHash: string; editions: readonly Edition[] },
): Plan {
  const plan =
    report.kind === 'self-assessment'
      ? planApplication(report, context)
      : planAnalysis(report, context);
  const evaluation = plan.evaluation;
  return {
    ...plan,
    counts: {
      areas: evaluation.areas?.length ?? 0,
      questions: evaluation.questions?.length ?? 0,
      findings: evaluation.findings?.length ?? 0,
      texts: evaluation.texts?.length ?? 0,
    },
  };
}

/** "line 80: message (expected …)": a parse warning as kept in `facts`. */
function warningText(issue: ImportIssue): string {
  const where = issue.line === undefined ? '' : `line ${String(issue.line)}: `;
  const expected = issue.expected === undefined ? '' : ` (expected ${issue.expected})`;
  return `${where}${issue.message}${expected}`;
}

function planAnalysis(
  report: ParsedAnalysis,
  context: { source: string; sourceHash: string },
): Omit<Plan, 'counts'> {
  const exact = exactFigures(report);
  const comparisons: Comparison[] = [];
  const notStored: RelatedOutcome[] = [];
  for (const comparison of report.comparisons) {
    const reason = whyNotStored(comparison);
    if (reason === undefined) comparisons.push(comparison);
    else {
      notStored.push({
        type: 'not-stored',
        label: comparison.label,
        reason,
        ...(comparison.line === undefined ? {} : { line: comparison.line }),
      });
    }
  }
  const comparisonsWithoutFigures = notStored.map((item) => {
    const comparison = report.comparisons.find((c) => c.label === item.label);
    return {
      label: item.label,
      kind: comparison?.kind,
      ...(comparison?.year === undefined ? {} : { year: comparison.year }),
      ...(comparison?.municipality === undefined
        ? {}
        : { municipalityCode: comparison.municipality.code }),
      from: comparison?.from,
    };
  });
  const facts: Record<string, unknown> = { ...report.facts };
  if (comparisonsWithoutFigures.length > 0) {
    facts.comparisonsWithoutFigures = comparisonsWithoutFigures;
  }
  if (report.warnings.length > 0) facts.importWarnings = report.warnings.map(warningText);

  const evaluation: NewEvaluation = {
    municipalityCode: report.municipality.code,
    year: report.year,
    month: report.month ?? null,
    editionId: report.edition,
    kind: 'full',
    status: 'published',
    source: context.source,
    sourceHash: context.sourceHash,
    totalPrinted: report.total,
    facts,
    areas: report.areas.map((area) => ({
      number: area.number,
      score: exact.areaScores.get(area.number) ?? area.score,
      printed: area.score,
    })),
    // A question the report lists without any figure (the 2002 edition) has no result to store.
    questions: report.questions
      .filter(
        (q) => q.achieved !== null || q.max !== null || q.percent !== null || q.points !== null,
      )
      .map((q) => ({
        id: q.id,
        points: exact.questionPoints.get(q.id) ?? q.points,
        achievedPrinted: q.achieved,
        maxPrinted: q.max,
        percentPrinted: q.percent,
      })),
    findings: report.findings.map((finding) => ({
      area: finding.area,
      kind: finding.kind,
      heading: finding.heading ?? null,
      text: finding.text,
    })),
  };
  return { evaluation, comparisons, notStored, notes: exact.notes };
}

/** Why a comparison is not stored as figures, or undefined when it is. */
function whyNotStored(comparison: Comparison): string | undefined {
  if (comparison.areas.length === 0) {
    const shown =
      comparison.from === 'chart'
        ? 'shows it only in a chart'
        : comparison.from === 'text'
          ? 'only names it in the text'
          : 'prints no values for it';
    return `the report ${shown}: no figures to store`;
  }
  if (comparison.kind === 'average') return undefined;
  if (comparison.municipality === undefined || comparison.year === undefined) {
    return 'it names no municipality and year, so it is neither an evaluation nor an average';
  }
  return undefined;
}

async function storeComparison(
  tx: Db,
  comparison: Comparison,
  context: {
    /** The report's edition: a published average compares with its areas. */
    editionId: string;
    source: string;
    sourceHash: string;
    issueSource: string;
    evaluationId: string;
    editions: readonly Edition[];
    replace: boolean;
  },
): Promise<RelatedOutcome> {
  const what = `comparison "${comparison.label}"`;
  const where = {
    source: context.issueSource,
    ...(comparison.line === undefined ? {} : { line: comparison.line }),
    what,
  };
  try {
    if (comparison.kind === 'average') {
      const series = await createReferenceSeries(tx, {
        label: comparison.label,
        basis: comparison.basis ?? null,
        editionId: context.editionId,
        yearFrom: comparison.yearFrom ?? null,
        yearTo: comparison.yearTo ?? null,
        total: comparison.total,
        source: context.source,
        sourceEvaluationId: context.evaluationId,
        areas: comparison.areas,
      });
      return {
        type: 'reference-series',
        label: series.label,
        basis: series.basis,
        id: series.id,
        editionId: context.editionId,
        total: series.total,
      };
    }
    // whyNotStored() let through only comparisons with a municipality and a year.
    const municipality = comparison.municipality as { code: string };
    const year = comparison.year as number;
    const edition = editionForYear(context.editions, year);
    if (!edition) {
      throw new ImportRefused([
        {
          ...where,
          message: `${what}: no Kommunkompassen edition covers ${String(year)}`,
          expected: `a year one of the editions covers (${context.editions
            .filter((e) => e.kind === 'kommunkompassen')
            .map((e) => `${e.id}: ${String(e.years.from)}–${e.years.to ?? ''}`)
            .join(', ')})`,
        },
      ]);
    }
    const outcome = await storeAreaLevelEvaluation(
      tx,
      {
        municipalityCode: municipality.code,
        year,
        editionId: edition.id,
        areas: comparison.areas,
        totalPrinted: comparison.total,
        source: `${context.source} (column "${comparison.label}")`,
        sourceHash: context.sourceHash,
        facts: { printedIn: { source: context.source, evaluationId: context.evaluationId } },
        printedDecimals: Math.max(
          0,
          ...comparison.areas.map((area) => (String(area.score).split('.')[1] ?? '').length),
        ),
      },
      { replace: context.replace },
    );
    const base = {
      type: 'evaluation' as const,
      label: comparison.label,
      id: outcome.id,
      municipalityCode: municipality.code,
      year,
      editionId: edition.id,
      totalPrinted: comparison.total,
    };
    switch (outcome.status) {
      case 'imported':
      case 'replaced':
        return { ...base, status: outcome.status };
      case 'unchanged':
        return {
          ...base,
          status: 'unchanged',
          note:
            outcome.storedAs === 'full'
              ? 'the full evaluation stored for that year holds these figures'
              : 'stored already with these figures',
        };
      case 'conflict':
        return {
          ...base,
          status: 'kept',
          note:
            outcome.storedAs === 'full'
              ? `the full evaluation stored for that year differs (${outcome.differences}); it is kept`
              : `the area-level evaluation stored for that year differs (${outcome.differences}); it is kept (--replace replaces it)`,
        };
    }
  } catch (error) {
    if (error instanceof ImportRefused) throw error;
    const issue = storageIssue(error, where);
    if (issue) throw new ImportRefused([issue]);
    throw error;
  }
}

function planApplication(
  report: SelfAssessmentReport,
  context: { source: string; sourceHash: string },
): Omit<Plan, 'counts'> {
  const facts: Record<string, unknown> = {
    // The series as parsed (titles, captions, periods such as "AUG 2008"); their figures are
    // stored in key_figures too, as entered self-assessments keep them.
    series: report.series,
    tables: report.tables,
  };
  if (report.warnings.length > 0) facts.importWarnings = report.warnings.map(warningText);
  const evaluation: NewEvaluation = {
    municipalityCode: report.municipality.code,
    year: report.year,
    editionId: report.edition,
    kind: 'self-assessment',
    status: 'published',
    source: context.source,
    sourceHash: context.sourceHash,
    facts,
    questions: report.answers.map((answer) => ({
      id: String(answer.number),
      points: null,
      answer: answer.answer,
      flags: answer.flags,
    })),
    texts: report.themes.flatMap((theme) =>
      theme.narrative.map((section) => ({
        area: theme.number,
        heading: section.heading ?? null,
        body: section.text,
      })),
    ),
  };
  return { evaluation, comparisons: [], notStored: [], notes: [] };
}
