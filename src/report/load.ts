/**
 * Reads what a report needs from the database and builds its model: the evaluation, its
 * edition and municipality, the municipality's previous evaluation, the average (the one the
 * evaluation's own report published, by default), the municipalities to compare with and the
 * role models per area. The evaluator's stored report options (src/report/options.ts) decide the
 * average and the comparisons; what a caller passes (URL query, CLI flags) overrides them.
 */
import type { Db } from '../db/client.ts';
import { getEdition } from '../db/repositories/editions.ts';
import {
  getEvaluation,
  listEvaluations,
  listRevisions,
  type EvaluationRecord,
} from '../db/repositories/evaluations.ts';
import { listPublishedAreaResults } from '../db/repositories/comparison.ts';
import { getMunicipalities, getMunicipality, listLan } from '../db/repositories/municipalities.ts';
import {
  listReferenceSeries,
  type ReferenceSeriesRecord,
} from '../db/repositories/reference-series.ts';
import type { Edition } from '../domain/framework/index.ts';
import { getReportOptions } from '../db/repositories/report-options.ts';
import { QueryError, averageAreaResults } from '../domain/comparison/index.ts';
import { sumPoints } from '../domain/scoring/index.ts';
import { findRoleModels } from '../use-cases/find-role-models.ts';
import {
  buildReportModel,
  type AverageInput,
  type ComparisonInput,
  type ReportInput,
  type ReportModel,
  type RoleModelNeedInput,
} from './model.ts';
import { mergeLoadOptions, readStoredReportOptions } from './options.ts';

/**
 * Which average the summary shows: the one the evaluation's report published (falling back to
 * a computed one when there is none), one computed from the stored published evaluations, or
 * none.
 */
export type AverageChoice =
  | { kind: 'published' }
  | { kind: 'computed'; yearFrom?: number; yearTo?: number; lanCode?: string }
  | { kind: 'none' };

export interface LoadReportOptions {
  /** Overrides the stored average basis. */
  average?: AverageChoice;
  /**
   * Extra municipalities (their evaluation in a year) to draw in the chart and the table;
   * overrides the stored comparisons.
   */
  compareWith?: ReadonlyArray<{ municipalityCode: string; year: number }>;
  /** Use the evaluator's stored report options where nothing overrides them (default true). */
  useStoredOptions?: boolean;
  /** Look up role models per area for a published evaluation (default true). */
  roleModels?: boolean;
  /** Evaluators preview drafts; the public only ever gets published reports. */
  includeUnpublished?: boolean;
  /**
   * A computed average is shown unasked (when no published one exists) only over at least this
   * many evaluations; an explicit `{ kind: 'computed' }` shows any count. Default 5.
   */
  minComputedCount?: number;
}

/** Why a report cannot be made. */
export class ReportNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportNotFoundError';
  }
}

const isBefore = (
  a: { year: number; month: number | null },
  b: { year: number; month: number | null },
) => a.year < b.year || (a.year === b.year && (a.month ?? 13) < (b.month ?? 13));

/** The input of `buildReportModel` for evaluation `id`, read from the database. */
export async function loadReportInput(
  db: Db,
  id: string,
  options: LoadReportOptions = {},
): Promise<ReportInput> {
  const evaluation = await getEvaluation(db, id);
  if (!evaluation || (evaluation.status !== 'published' && !options.includeUnpublished)) {
    throw new ReportNotFoundError(`no published evaluation ${id}`);
  }
  if (evaluation.kind === 'self-assessment') {
    throw new ReportNotFoundError(
      `evaluation ${id} is a self-assessment: the Kommunkompassen report needs scored areas`,
    );
  }
  const [stored, municipality, history] = await Promise.all([
    getEdition(db, evaluation.editionId),
    getMunicipality(db, evaluation.municipalityCode),
    listEvaluations(db, { municipalityCode: evaluation.municipalityCode, status: 'published' }),
  ]);
  if (!stored) throw new ReportNotFoundError(`edition ${evaluation.editionId} is not stored`);
  const edition = stored.definition;
  const editions = new Map<string, Edition>([[edition.id, edition]]);
  const editionOf = async (editionId: string) => {
    const known = editions.get(editionId);
    if (known) return known;
    const found = (await getEdition(db, editionId))?.definition;
    if (found) editions.set(editionId, found);
    return found;
  };

  const name = municipality?.name ?? evaluation.municipalityCode;
  const earlier = history
    .filter((item) => item.kind !== 'self-assessment' && item.id !== evaluation.id)
    .filter((item) => isBefore(item, evaluation));
  const previousItem = earlier[0];
  let previous: ComparisonInput | null = null;
  if (previousItem) {
    const record = await getEvaluation(db, previousItem.id);
    if (record) {
      await editionOf(record.editionId);
      previous = comparisonOf(record, name);
    }
  }

  const reportOptions =
    options.useStoredOptions === false
      ? readStoredReportOptions({}).options
      : readStoredReportOptions(await getReportOptions(db, evaluation.id)).options;
  const chosen: LoadReportOptions = { ...options, ...mergeLoadOptions(reportOptions, options) };

  const picked: ComparisonInput[] = [];
  for (const wanted of comparisonsWanted(evaluation, chosen)) {
    const [candidate] = (
      await listEvaluations(db, { municipalityCode: wanted.municipalityCode, status: 'published' })
    )
      .filter((item) => item.year === wanted.year && item.kind !== 'self-assessment')
      // A full evaluation before an area-level result of the same year.
      .sort((a, b) => Number(b.kind === 'full') - Number(a.kind === 'full'));
    if (!candidate) continue;
    const record = await getEvaluation(db, candidate.id);
    if (!record) continue;
    const other = await getMunicipality(db, record.municipalityCode);
    await editionOf(record.editionId);
    picked.push(comparisonOf(record, other?.name ?? record.municipalityCode));
  }

  const average = await chooseAverage(db, evaluation, chosen);
  const roleModels =
    options.roleModels !== false && evaluation.status === 'published'
      ? await roleModelsOf(db, evaluation)
      : undefined;
  const codes = new Set<string>();
  for (const finding of evaluation.findings) {
    if (finding.referenceMunicipalityCode) codes.add(finding.referenceMunicipalityCode);
  }
  const named = await getMunicipalities(db, [...codes]);
  return {
    evaluation,
    edition,
    municipality: { code: evaluation.municipalityCode, name, lanName: municipality?.lanName },
    previous,
    average,
    picked,
    municipalityNames: new Map(named.map((m) => [m.code, m.name])),
    editions,
    ...(roleModels === undefined ? {} : { roleModels }),
  };
}

/** Role models per learning need (published data only), shaped for the report model. */
async function roleModelsOf(db: Db, evaluation: EvaluationRecord): Promise<RoleModelNeedInput[]> {
  try {
    const found = await findRoleModels({
      db,
      evaluationId: evaluation.id,
      record: evaluation,
      limit: 3,
    });
    return found.needs.map((item) => ({
      area: item.need.area,
      questionId: item.need.type === 'question' ? item.need.questionId : null,
      title: item.title,
      own: item.own,
      max: item.max,
      roleModels: item.roleModels.map((model) => ({
        municipalityName: model.municipalityName,
        year: model.year,
        score: model.score,
        sameEdition: model.sameEdition,
        strengths: model.strengths,
        goodExamples: model.goodExamples,
      })),
    }));
  } catch (error) {
    // Not published as the current revision (or not a Kommunkompassen evaluation): no role models.
    if (error instanceof QueryError) return [];
    throw error;
  }
}

/** The report model of evaluation `id`: `loadReportInput` then `buildReportModel`. */
export async function loadReportModel(
  db: Db,
  id: string,
  options: LoadReportOptions = {},
): Promise<ReportModel> {
  return buildReportModel(await loadReportInput(db, id, options));
}

function comparisonOf(record: EvaluationRecord, municipalityName: string): ComparisonInput {
  return {
    label: `${municipalityName} ${String(record.year)}`,
    year: record.year,
    municipality: { code: record.municipalityCode, name: municipalityName },
    editionId: record.editionId,
    areas: record.areas,
    totalPrinted: record.totalPrinted,
  };
}

/**
 * The municipalities to compare with: those asked for, then those the evaluation's own report
 * compared with (e.g. Upplands-Bro 2011 with the Kvalitetskommun Kungsbacka 2011) when their
 * evaluation is stored.
 */
function comparisonsWanted(
  evaluation: EvaluationRecord,
  options: LoadReportOptions,
): Array<{ municipalityCode: string; year: number }> {
  const wanted = [...(options.compareWith ?? [])];
  const printed = evaluation.facts.comparisonsWithoutFigures;
  if (Array.isArray(printed)) {
    for (const item of printed as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const { municipalityCode, year } = item as { municipalityCode?: unknown; year?: unknown };
      if (typeof municipalityCode === 'string' && typeof year === 'number') {
        wanted.push({ municipalityCode, year });
      }
    }
  }
  const seen = new Set<string>();
  return wanted.filter((item) => {
    const key = `${item.municipalityCode}-${String(item.year)}`;
    if (seen.has(key) || item.municipalityCode === evaluation.municipalityCode) return false;
    seen.add(key);
    return true;
  });
}

async function chooseAverage(
  db: Db,
  evaluation: EvaluationRecord,
  options: LoadReportOptions,
): Promise<AverageInput | null> {
  const choice = options.average ?? { kind: 'published' };
  if (choice.kind === 'none') return null;
  if (choice.kind === 'published') {
    const [series] = await publishedSeriesOf(db, evaluation);
    if (series) {
      return {
        label: series.label,
        origin: 'published',
        basis: series.basis,
        count: null,
        editionId: series.editionId,
        areas: series.areas,
        total: series.total,
        source: series.source,
      };
    }
  }
  const computed = await computeAverage(
    db,
    evaluation.editionId,
    choice.kind === 'computed' ? choice : {},
  );
  if (!computed) return null;
  if (choice.kind === 'published' && (computed.count ?? 0) < (options.minComputedCount ?? 5)) {
    return null;
  }
  return computed;
}

/**
 * The averages (with area figures) the evaluation's own report printed. A correction is a new
 * revision: its report printed the same, so the series of the nearest earlier revision that has
 * some count as its own.
 */
export async function publishedSeriesOf(
  db: Db,
  evaluation: Pick<EvaluationRecord, 'id' | 'revision' | 'supersedesId'>,
): Promise<ReferenceSeriesRecord[]> {
  const own = async (id: string) =>
    (await listReferenceSeries(db, { sourceEvaluationId: id })).filter(
      (item) => item.areas.length > 0,
    );
  const found = await own(evaluation.id);
  if (found.length > 0 || evaluation.supersedesId === null) return found;
  for (const earlier of await listRevisions(db, evaluation.id)) {
    if (earlier.revision >= evaluation.revision) continue;
    const series = await own(earlier.id);
    if (series.length > 0) return series;
  }
  return [];
}

/** The average lists the evaluations it is taken over when there are at most this many. */
const LIST_EVALUATIONS_UP_TO = 12;

/**
 * The mean area scores of the newest published revisions (full or area-level) of an edition,
 * optionally within a year range and one län, with how many there are and, when few, which. The
 * same query and averaging as the comparison pages and the API (`listPublishedAreaResults`,
 * `averageAreaResults`), kept exact here: the report rounds once, for display. Null when no
 * evaluation is on that basis.
 */
export async function computeAverage(
  db: Db,
  editionId: string,
  basis: { yearFrom?: number | undefined; yearTo?: number | undefined; lanCode?: string } = {},
): Promise<AverageInput | null> {
  const results = await listPublishedAreaResults(db, {
    editionId,
    ...(basis.yearFrom === undefined ? {} : { yearFrom: basis.yearFrom }),
    ...(basis.yearTo === undefined ? {} : { yearTo: basis.yearTo }),
    ...(basis.lanCode === undefined ? {} : { lanCode: basis.lanCode }),
  });
  const average = averageAreaResults(results, { decimals: 9 });
  if (average.n === 0) return null;
  // Names only when the evaluations are listed (few): a national average spans thousands.
  const listed = results.length <= LIST_EVALUATIONS_UP_TO ? results : [];
  const [names, lan, edition] = await Promise.all([
    getMunicipalities(db, [...new Set(listed.map((item) => item.municipalityCode))]),
    basis.lanCode === undefined
      ? undefined
      : listLan(db).then((all) => all.find((candidate) => candidate.code === basis.lanCode)),
    getEdition(db, editionId),
  ]);
  const nameOf = new Map(names.map((m) => [m.code, m.name]));
  const years = results.map((item) => item.year);
  const from = basis.yearFrom ?? years.reduce((a, b) => Math.min(a, b));
  const to = basis.yearTo ?? years.reduce((a, b) => Math.max(a, b));
  const period = from === to ? `för ${String(from)}` : `för ${String(from)}–${String(to)}`;
  const where = basis.lanCode === undefined ? '' : `, ${lan?.name ?? `län ${basis.lanCode}`}`;
  const areas = average.areas.flatMap((area) =>
    area.mean === null ? [] : [{ number: area.number, score: area.mean }],
  );
  const labels = listed
    .map(
      (item) =>
        `${nameOf.get(item.municipalityCode) ?? item.municipalityCode} ${String(item.year)}`,
    )
    .sort((a, b) => a.localeCompare(b, 'sv'));
  return {
    label: 'Medelvärde',
    origin: 'computed',
    basis: `${period}${where}`.trim() || null,
    count: average.n,
    editionId,
    areas,
    total: average.total ?? sumPoints(areas.map((area) => area.score)),
    source: `publicerade utvärderingar enligt ${edition?.definition.name ?? editionId} i Kompass`,
    ...(labels.length > 0 ? { evaluations: labels } : {}),
  };
}
