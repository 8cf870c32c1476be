/**
 * Reads what a report needs from the database and builds its model: the evaluation, its
 * edition and municipality, the municipality's previous evaluation, the average (the one the
 * evaluation's own report published, by default) and the municipalities to compare with.
 */
import type { Db } from '../db/client.ts';
import { getEdition } from '../db/repositories/editions.ts';
import {
  getEvaluation,
  listEvaluations,
  type EvaluationListItem,
  type EvaluationRecord,
} from '../db/repositories/evaluations.ts';
import { getMunicipalities, getMunicipality } from '../db/repositories/municipalities.ts';
import { listReferenceSeries } from '../db/repositories/reference-series.ts';
import type { Edition } from '../domain/framework/index.ts';
import { sumPoints } from '../domain/scoring/index.ts';
import {
  buildReportModel,
  type AverageInput,
  type ComparisonInput,
  type ReportInput,
  type ReportModel,
} from './model.ts';

/**
 * Which average the summary shows: the one the evaluation's report published (falling back to
 * a computed one when there is none), one computed from the stored published evaluations, or
 * none.
 */
export type AverageChoice =
  | { kind: 'published' }
  | { kind: 'computed'; yearFrom?: number; yearTo?: number }
  | { kind: 'none' };

export interface LoadReportOptions {
  average?: AverageChoice;
  /** Extra municipalities (their evaluation in a year) to draw in the chart and the table. */
  compareWith?: ReadonlyArray<{ municipalityCode: string; year: number }>;
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

  const picked: ComparisonInput[] = [];
  for (const wanted of comparisonsWanted(evaluation, options)) {
    const [candidate] = (
      await listEvaluations(db, { municipalityCode: wanted.municipalityCode, status: 'published' })
    ).filter((item) => item.year === wanted.year && item.kind !== 'self-assessment');
    if (!candidate) continue;
    const record = await getEvaluation(db, candidate.id);
    if (!record) continue;
    const other = await getMunicipality(db, record.municipalityCode);
    await editionOf(record.editionId);
    picked.push(comparisonOf(record, other?.name ?? record.municipalityCode));
  }

  const average = await chooseAverage(db, evaluation, options);
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
  };
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
    const series = (await listReferenceSeries(db, { sourceEvaluationId: evaluation.id })).find(
      (item) => item.areas.length > 0,
    );
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
  const yearFrom = choice.kind === 'computed' ? choice.yearFrom : undefined;
  const yearTo = choice.kind === 'computed' ? choice.yearTo : undefined;
  const computed = await computeAverage(db, evaluation.editionId, { yearFrom, yearTo });
  if (!computed) return null;
  if (choice.kind === 'published' && (computed.count ?? 0) < (options.minComputedCount ?? 5)) {
    return null;
  }
  return computed;
}

/**
 * The mean area scores of the current published evaluations (full or area-level) of an edition,
 * optionally within a year range, with how many there are. The total is the sum of the mean
 * area scores. (A shared average function for the comparison pages may replace this one.)
 */
export async function computeAverage(
  db: Db,
  editionId: string,
  range: { yearFrom?: number | undefined; yearTo?: number | undefined } = {},
): Promise<AverageInput | null> {
  const items = (await listEvaluations(db, { editionId, status: 'published' })).filter(
    (item: EvaluationListItem) =>
      item.kind !== 'self-assessment' &&
      item.areaCount === 8 &&
      (range.yearFrom === undefined || item.year >= range.yearFrom) &&
      (range.yearTo === undefined || item.year <= range.yearTo),
  );
  if (items.length === 0) return null;
  const records = (await Promise.all(items.map((item) => getEvaluation(db, item.id)))).filter(
    (record): record is EvaluationRecord => record !== undefined,
  );
  const sums = new Map<number, number[]>();
  for (const record of records) {
    for (const area of record.areas)
      sums.set(area.number, [...(sums.get(area.number) ?? []), area.score]);
  }
  const areas = [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, scores]) => ({ number, score: sumPoints(scores) / scores.length }));
  const years = records.map((record) => record.year);
  const from = range.yearFrom ?? Math.min(...years);
  const to = range.yearTo ?? Math.max(...years);
  return {
    label: 'Medelvärde',
    origin: 'computed',
    basis: from === to ? `för ${String(from)}` : `för ${String(from)}–${String(to)}`,
    count: records.length,
    editionId,
    areas,
    total: sumPoints(areas.map((area) => area.score)),
    source: `utvärderingar enligt ${editionId} i Kompass`,
  };
}
