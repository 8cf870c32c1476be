/**
 * The report model: everything the published report shows, computed from plain data (an
 * evaluation, its edition, the previous evaluation, the average series, picked comparisons) by
 * one pure function. The views (HTML, PDF), the chart and the exports only lay it out.
 *
 * Printed figures follow the published tables (docs/frameworks.md): "Uppnått" is the exact
 * points rounded half up, "Procent" the exact percent rounded half up, an area's score the sum
 * of its exact points rounded at the end, and the total the sum of exact area points rounded at
 * the end — never a sum of rounded figures.
 */
import type {
  AreaScore,
  EvaluationRecord,
  Finding,
  QuestionScore,
} from '../db/repositories/evaluations.ts';
import type { Edition } from '../domain/framework/index.ts';
import { KOMMUNKOMPASSEN_AREA_MAX, KOMMUNKOMPASSEN_TOTAL_MAX } from '../domain/framework/index.ts';
import { displayPercent, displayPoints, roundHalfUp, sumPoints } from '../domain/scoring/index.ts';
import { formatMonthYear, formatNumber, formatPercent } from './format.ts';

/** The evaluation the report is about: what the repository's `getEvaluation` returns. */
export type ReportEvaluation = Pick<
  EvaluationRecord,
  | 'id'
  | 'municipalityCode'
  | 'year'
  | 'month'
  | 'editionId'
  | 'kind'
  | 'status'
  | 'totalPrinted'
  | 'facts'
  | 'areas'
  | 'questions'
  | 'findings'
  | 'texts'
  | 'publishedAt'
  | 'revision'
>;

export interface MunicipalityRef {
  code: string;
  name: string;
}

/** A column of figures beside this evaluation: a previous evaluation or a picked one. */
export interface ComparisonInput {
  /** The column heading: "Strängnäs 2014", "Kungsbacka 2011". */
  label: string;
  year: number;
  municipality: MunicipalityRef;
  editionId: string;
  /** Exact area scores (or the printed ones when nothing better is known). */
  areas: ReadonlyArray<Pick<AreaScore, 'number' | 'score'>>;
  /** The total as its source printed it, when it printed one. */
  totalPrinted: number | null;
}

/** A national average: published with a report, or computed from stored evaluations. */
export interface AverageInput {
  /** "Medelvärde". */
  label: string;
  /** "published": printed in the evaluation's own report; "computed": from stored evaluations. */
  origin: 'published' | 'computed';
  /** As printed ("beräknat från 2010 och framåt") or as computed ("2010–2016"). */
  basis: string | null;
  /** How many evaluations it averages, when known (a published series rarely says). */
  count: number | null;
  editionId: string | null;
  areas: ReadonlyArray<{ number: number; score: number }>;
  total: number | null;
  /** Where it comes from: the report's file name, or a description of the query. */
  source: string | null;
  /** The evaluations a computed average is taken over ("Strängnäs 2016"), when few. */
  evaluations?: readonly string[];
}

/** A municipality that scored higher where this evaluation could learn (published data). */
export interface RoleModelInput {
  municipalityName: string;
  year: number;
  /** Their points on the question, or their area score. */
  score: number;
  /** False when they were evaluated with another edition (compared per area number). */
  sameEdition: boolean;
  strengths: readonly string[];
  goodExamples: readonly string[];
}

/** An improvement area or a low-scoring question, with the municipalities to learn from. */
export interface RoleModelNeedInput {
  area: number;
  /** The question, for a low-scoring question; null for the area as a whole. */
  questionId: string | null;
  /** The question text or the area name. */
  title: string;
  /** This evaluation's points on it, and the max. */
  own: number | null;
  max: number | null;
  roleModels: readonly RoleModelInput[];
}

export interface ReportInput {
  evaluation: ReportEvaluation;
  edition: Edition;
  municipality: MunicipalityRef & { lanName?: string | null };
  previous?: ComparisonInput | null;
  average?: AverageInput | null;
  /** Municipalities the evaluator picked for the comparison (e.g. the year's Kvalitetskommun). */
  picked?: readonly ComparisonInput[];
  /** Names of the municipalities findings and facts refer to, by code. */
  municipalityNames?: ReadonlyMap<string, string>;
  /** Editions other columns were scored with (for the note about renamed areas), by id. */
  editions?: ReadonlyMap<string, Edition>;
  /** Municipalities to compare with per improvement area and low-scoring question. */
  roleModels?: readonly RoleModelNeedInput[];
}

/** A figure as the report prints it: the rounded value and its Swedish text. */
export interface Figure {
  /** Rounded for display; null when unknown. */
  value: number | null;
  text: string;
}

export interface SummaryColumn {
  key: string;
  label: string;
  kind: 'current' | 'previous' | 'average' | 'picked';
}

export interface SummaryRow {
  number: number;
  name: string;
  /** One figure per column, in column order. */
  cells: Figure[];
}

export interface SummaryTable {
  caption: string;
  columns: SummaryColumn[];
  rows: SummaryRow[];
  total: Figure[];
  /** Footnotes: the average's basis, totals shown as printed, other editions. */
  notes: string[];
}

export interface RadarSeries {
  key: string;
  name: string;
  kind: SummaryColumn['kind'];
  /** Area scores 0–100 in area order; null where unknown. */
  values: Array<number | null>;
}

export interface RadarModel {
  title: string;
  /** A sentence for screen readers: what the chart compares. */
  description: string;
  axes: Array<{ number: number; name: string }>;
  series: RadarSeries[];
}

export interface FindingItem {
  heading: string | null;
  text: string;
}

export interface AreaSection {
  number: number;
  name: string;
  /** The edition's topic headings ("Rubriker"). */
  headings: string[];
  score: Figure;
  texts: Array<{ heading: string | null; body: string }>;
  strengths: FindingItem[];
  improvements: FindingItem[];
  goodExamples: FindingItem[];
  /** Municipalities worth learning from in this area. */
  roleModels: string[];
  /**
   * For the area's improvement areas and low-scoring questions: the municipalities that scored
   * highest there, with their strengths and good examples in the area.
   */
  compareWith: RoleModelGroup[];
}

export interface RoleModelGroup {
  /** "Området som helhet" or "Fråga 2.4 Hur …?". */
  title: string;
  /** "Strängnäs: 12 av 30 poäng". */
  own: string | null;
  models: Array<{
    /** "Kungsbacka 2011". */
    name: string;
    /** "25 av 30 poäng" */
    score: string;
    /** Set when the municipality was evaluated with another edition. */
    note: string | null;
    strengths: string[];
    goodExamples: string[];
  }>;
}

export interface QuestionRow {
  id: string;
  text: string;
  achieved: Figure;
  max: Figure;
  percent: Figure;
  /** Exact points (for exports), null when not scored. */
  points: number | null;
}

export interface DistributionArea {
  number: number;
  name: string;
  questions: QuestionRow[];
  sum: { achieved: Figure; max: Figure; percent: Figure; points: number | null };
}

export interface Fact {
  label: string;
  value: string;
}

export interface ReportModel {
  evaluationId: string;
  municipality: MunicipalityRef & { lanName: string | null };
  year: number;
  month: number | null;
  /** "oktober 2016". */
  period: string;
  title: string;
  subtitle: string;
  evaluators: string[];
  edition: { id: string; name: string };
  /** Decimals of area scores and totals: 1 for the 2002–2009 edition (74,5), else 0. */
  areaDecimals: number;
  /** The eight area names of the edition, for the introduction. */
  areaNames: string[];
  summary: SummaryTable;
  radar: RadarModel;
  areas: AreaSection[];
  /** Empty when the evaluation has no scores per question (area-level results). */
  distribution: DistributionArea[];
  distributionTotal: { achieved: Figure; max: Figure; percent: Figure; points: number | null };
  facts: Fact[];
}

const MISSING_FIGURE: Figure = { value: null, text: '–' };

const pointsFigure = (value: number | null, decimals: number): Figure =>
  value === null
    ? MISSING_FIGURE
    : {
        value: displayPoints(value, decimals),
        text: formatNumber(displayPoints(value, decimals), decimals),
      };

const percentFigure = (points: number | null, max: number | null): Figure =>
  points === null || max === null || max <= 0
    ? MISSING_FIGURE
    : { value: displayPercent(points, max), text: formatPercent(displayPercent(points, max)) };

const plainFigure = (value: number | null): Figure =>
  value === null ? MISSING_FIGURE : { value, text: formatNumber(value) };

/**
 * The decimals a report of this edition prints area scores with: the 2002–2009 tables printed
 * halves (Södertälje 2006: 74,5), the later ones whole points.
 */
export function areaDecimalsOf(edition: Pick<Edition, 'years'>): number {
  return edition.years.from < 2010 ? 1 : 0;
}

/**
 * The total a column shows: the sum of the exact area scores rounded at the end, or the total
 * its source printed when that differs (an area-level result only knows rounded area scores:
 * Strängnäs 2014 prints 437 beside areas adding up to 439).
 */
function columnTotal(
  areas: ReadonlyArray<{ score: number }>,
  totalPrinted: number | null,
  decimals: number,
): { figure: Figure; printedDiffers: boolean } {
  if (areas.length === 0) {
    return { figure: pointsFigure(totalPrinted, decimals), printedDiffers: false };
  }
  const computed = displayPoints(sumPoints(areas.map((a) => a.score)), decimals);
  if (totalPrinted !== null && roundHalfUp(totalPrinted, decimals) !== computed) {
    return { figure: pointsFigure(totalPrinted, decimals), printedDiffers: true };
  }
  return { figure: pointsFigure(computed, decimals), printedDiffers: false };
}

const SWEDISH_ORDINALS = ['första', 'andra', 'tredje', 'fjärde', 'femte', 'sjätte', 'sjunde'];

/**
 * Builds the report model of one evaluation. Pure: no database, no clock.
 *
 * @example
 * const model = buildReportModel({ evaluation, edition, municipality, previous, average });
 * model.summary.total.map((cell) => cell.text); // ["437", "497", "476"] for Strängnäs 2016
 */
export function buildReportModel(input: ReportInput): ReportModel {
  const { evaluation, edition, municipality } = input;
  const decimals = areaDecimalsOf(edition);
  const names = input.municipalityNames ?? new Map<string, string>();
  const facts = evaluation.facts;
  const period = formatMonthYear(evaluation.year, evaluation.month);
  const areaScore = new Map(evaluation.areas.map((area) => [area.number, area.score]));

  const summary = buildSummary(input, decimals);
  const radar = buildRadar(input, summary);

  const findingsOf = (area: number, kind: Finding['kind']): FindingItem[] =>
    evaluation.findings
      .filter((finding) => finding.area === area && finding.kind === kind)
      .sort((a, b) => a.position - b.position)
      .map((finding) => ({ heading: finding.heading, text: finding.text }));

  const roleModelsByArea = readRoleModels(facts, names);
  for (const finding of evaluation.findings) {
    const code = finding.referenceMunicipalityCode;
    if (code === null) continue;
    const list = roleModelsByArea.get(finding.area) ?? [];
    const name = names.get(code) ?? code;
    if (!list.includes(name)) list.push(name);
    roleModelsByArea.set(finding.area, list);
  }

  const areas: AreaSection[] = edition.areas.map((area) => ({
    number: area.number,
    name: area.name,
    headings: [...area.headings],
    score: pointsFigure(areaScore.get(area.number) ?? null, decimals),
    texts: evaluation.texts
      .filter((text) => text.area === area.number)
      .sort((a, b) => a.position - b.position)
      .map((text) => ({ heading: text.heading, body: text.body })),
    strengths: findingsOf(area.number, 'strength'),
    improvements: findingsOf(area.number, 'improvement'),
    goodExamples: findingsOf(area.number, 'good-example'),
    roleModels: roleModelsByArea.get(area.number) ?? [],
    compareWith: roleModelGroups(input.roleModels ?? [], area.number, municipality.name, decimals),
  }));

  const questionsById = new Map(evaluation.questions.map((q) => [q.id, q]));
  const distribution: DistributionArea[] =
    evaluation.questions.length === 0
      ? []
      : edition.areas.map((area) => distributionArea(area, questionsById, areaScore, decimals));
  const exactTotal =
    evaluation.areas.length === edition.areas.length
      ? sumPoints(evaluation.areas.map((a) => a.score))
      : null;

  const evaluationNumber = typeof facts.evaluationNumber === 'number' ? facts.evaluationNumber : 0;
  const ordinal = SWEDISH_ORDINALS[evaluationNumber - 1];
  return {
    evaluationId: evaluation.id,
    municipality: {
      code: municipality.code,
      name: municipality.name,
      lanName: municipality.lanName ?? null,
    },
    year: evaluation.year,
    month: evaluation.month,
    period,
    title: `Analys av ${municipalityTitle(municipality.name)}`,
    subtitle: ordinal
      ? `Kommunkompassen ${period}: kommunens ${ordinal} utvärdering`
      : `Kommunkompassen ${period}`,
    evaluators: readEvaluators(facts),
    edition: { id: edition.id, name: edition.name },
    areaDecimals: decimals,
    areaNames: edition.areas.map((area) => area.name),
    summary,
    radar,
    areas,
    distribution,
    distributionTotal: {
      achieved: pointsFigure(exactTotal, decimals),
      max: plainFigure(distribution.length === 0 ? null : KOMMUNKOMPASSEN_TOTAL_MAX),
      percent: percentFigure(exactTotal, KOMMUNKOMPASSEN_TOTAL_MAX),
      points: exactTotal,
    },
    facts: readFacts(facts, evaluation.year),
  };
}

/** Role-model texts per municipality are cut to this many of each kind (strengths, examples). */
const ROLE_MODEL_TEXTS = 3;

/** The role-model groups of one area: the area as a whole first, then its questions. */
function roleModelGroups(
  needs: readonly RoleModelNeedInput[],
  area: number,
  municipalityName: string,
  decimals: number,
): RoleModelGroup[] {
  const ofPoints = (points: number, max: number | null, places: number) =>
    `${formatNumber(displayPoints(points, places), places)}${
      max === null ? '' : ` av ${formatNumber(max)}`
    } poäng`;
  return needs
    .filter((need) => need.area === area && need.roleModels.length > 0)
    .sort((a, b) => Number(a.questionId !== null) - Number(b.questionId !== null))
    .map((need) => {
      const places = need.questionId === null ? decimals : 0;
      return {
        title:
          need.questionId === null
            ? 'Området som helhet'
            : `Fråga ${need.questionId} ${need.title}`,
        own:
          need.own === null ? null : `${municipalityName}: ${ofPoints(need.own, need.max, places)}`,
        models: need.roleModels.map((model) => ({
          name: `${model.municipalityName} ${String(model.year)}`,
          score: ofPoints(model.score, need.max, places),
          note: model.sameEdition ? null : 'utvärderad enligt en annan version av Kommunkompassen',
          // The same text can be listed under two headings: show it once.
          strengths: [...new Set(model.strengths)].slice(0, ROLE_MODEL_TEXTS),
          goodExamples: [...new Set(model.goodExamples)].slice(0, ROLE_MODEL_TEXTS),
        })),
      };
    });
}

/** "Strängnäs kommun"; names that already say what they are ("Region Gotland") stay. */
function municipalityTitle(name: string): string {
  return /\b(kommun|stad|region)\b/i.test(name) ? name : `${name} kommun`;
}

function distributionArea(
  area: Edition['areas'][number],
  questionsById: ReadonlyMap<string, QuestionScore>,
  areaScore: ReadonlyMap<number, number>,
  decimals: number,
): DistributionArea {
  const questions: QuestionRow[] = area.questions.map((question) => {
    const scored = questionsById.get(question.id);
    const points = scored?.points ?? null;
    const max = question.max ?? scored?.maxPrinted ?? null;
    return {
      id: question.id,
      text: question.text,
      achieved: pointsFigure(points, 0),
      max: plainFigure(max),
      percent: percentFigure(points, max),
      points,
    };
  });
  const scoredPoints = questions.map((q) => q.points);
  const complete = scoredPoints.length > 0 && scoredPoints.every((p) => p !== null);
  // The area sum is the sum of the exact question points; without them, the stored area score.
  const exact = complete
    ? sumPoints(scoredPoints as number[])
    : (areaScore.get(area.number) ?? null);
  return {
    number: area.number,
    name: area.name,
    questions,
    sum: {
      achieved: pointsFigure(exact, decimals),
      max: plainFigure(KOMMUNKOMPASSEN_AREA_MAX),
      percent: percentFigure(exact, KOMMUNKOMPASSEN_AREA_MAX),
      points: exact,
    },
  };
}

function buildSummary(input: ReportInput, decimals: number): SummaryTable {
  const { evaluation, edition, municipality } = input;
  const notes: string[] = [];
  const columns: SummaryColumn[] = [];
  const cellsByColumn: Array<{ areas: Map<number, Figure>; total: Figure }> = [];

  const addComparison = (comparison: ComparisonInput, kind: 'previous' | 'picked') => {
    const other = input.editions?.get(comparison.editionId);
    const otherDecimals = other ? areaDecimalsOf(other) : decimals;
    const total = columnTotal(comparison.areas, comparison.totalPrinted, otherDecimals);
    columns.push({ key: `${kind}-${comparison.label}`, label: comparison.label, kind });
    cellsByColumn.push({
      areas: new Map(
        comparison.areas.map((area) => [area.number, pointsFigure(area.score, otherDecimals)]),
      ),
      total: total.figure,
    });
    if (total.printedDiffers) {
      const rounded = sumPoints(comparison.areas.map((a) => displayPoints(a.score, otherDecimals)));
      notes.push(
        `Totalen för ${comparison.label} är den publicerade (${total.figure.text}); de avrundade ` +
          `områdespoängen summerar till ${formatNumber(rounded)}.`,
      );
    }
    if (comparison.editionId !== edition.id) {
      const renamed = other
        ? edition.areas
            .filter((area) => {
              const before = other.areas.find((a) => a.number === area.number);
              return before !== undefined && before.name !== area.name;
            })
            .map((area) => {
              const before = other.areas.find((a) => a.number === area.number);
              return `område ${String(area.number)} hette ”${before?.name ?? ''}”`;
            })
        : [];
      notes.push(
        `${comparison.label} utvärderades enligt ${other?.name ?? comparison.editionId}; ` +
          'områdena jämförs per nummer' +
          (renamed.length > 0 ? ` (${renamed.join(', ')}).` : '.'),
      );
    }
  };

  if (input.previous) addComparison(input.previous, 'previous');

  const current = columnTotal(evaluation.areas, evaluation.totalPrinted, decimals);
  columns.push({
    key: 'current',
    label: `${municipality.name} ${String(evaluation.year)}`,
    kind: 'current',
  });
  cellsByColumn.push({
    areas: new Map(
      evaluation.areas.map((area) => [area.number, pointsFigure(area.score, decimals)]),
    ),
    total: current.figure,
  });

  const average = input.average;
  if (average && average.areas.length > 0) {
    columns.push({ key: 'average', label: average.label, kind: 'average' });
    cellsByColumn.push({
      areas: new Map(
        average.areas.map((area) => [area.number, pointsFigure(area.score, decimals)]),
      ),
      total:
        average.total !== null
          ? pointsFigure(average.total, decimals)
          : pointsFigure(sumPoints(average.areas.map((a) => a.score)), decimals),
    });
    notes.push(describeAverage(average));
  }
  for (const picked of input.picked ?? []) addComparison(picked, 'picked');

  const rows: SummaryRow[] = edition.areas.map((area) => ({
    number: area.number,
    name: area.name,
    cells: cellsByColumn.map((column) => column.areas.get(area.number) ?? MISSING_FIGURE),
  }));
  const compared = columns
    .filter((column) => column.kind !== 'current')
    .map((column) =>
      column.kind === 'average' ? 'ett nationellt medelvärde' : `resultatet för ${column.label}`,
    );
  return {
    caption:
      `${municipality.name} ${String(evaluation.year)} per huvudområde` +
      (compared.length > 0 ? `, jämfört med ${joinSwedish(compared)}.` : '.'),
    columns,
    rows,
    total: cellsByColumn.map((column) => column.total),
    notes,
  };
}

/**
 * The average's basis as the summary's note states it: which published series, or which
 * evaluations it is computed from, and n.
 *
 * @example
 * describeAverage(published); // "Medelvärde beräknat från 2010 och framåt: det publicerade …"
 */
export function describeAverage(average: AverageInput): string {
  const basis = average.basis ? ` ${average.basis}` : '';
  const count =
    average.count === null
      ? ''
      : ` (${formatNumber(average.count)} ${average.count === 1 ? 'utvärdering' : 'utvärderingar'})`;
  if (average.origin === 'published') {
    return (
      `${average.label}${basis}${count}: det publicerade medelvärdet ur kommunens rapport` +
      `${average.source ? ` (${average.source})` : ''}` +
      (average.count === null
        ? '; rapporten anger inte hur många utvärderingar det bygger på.'
        : '.')
    );
  }
  const which =
    average.evaluations && average.evaluations.length > 0
      ? `: ${joinSwedish([...average.evaluations])}`
      : '';
  return (
    `${average.label}${basis}${count}: beräknat av Kompass ur de publicerade utvärderingarna` +
    `${average.source ? ` (${average.source})` : ''}${which}.`
  );
}

function joinSwedish(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1] ?? ''}`;
}

function buildRadar(input: ReportInput, summary: SummaryTable): RadarModel {
  const axes = input.edition.areas.map((area) => ({ number: area.number, name: area.name }));
  const series: RadarSeries[] = summary.columns.map((column, index) => ({
    key: column.key,
    name: column.label,
    kind: column.kind,
    values: summary.rows.map((row) => row.cells[index]?.value ?? null),
  }));
  // The current evaluation first: drawn on top and named first in the legend.
  series.sort((a, b) => Number(b.kind === 'current') - Number(a.kind === 'current'));
  const others = series.filter((s) => s.kind !== 'current').map((s) => s.name);
  const current = series.find((s) => s.kind === 'current')?.name ?? '';
  return {
    title: `Resultatprofil ${current}`,
    description:
      `Spindeldiagram med poäng 0–100 på de åtta huvudområdena för ${current}` +
      (others.length > 0 ? `, jämfört med ${joinSwedish(others)}` : '') +
      '. Samma siffror står i tabellen under diagrammet.',
    axes,
    series,
  };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOf = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

function readEvaluators(facts: Json): string[] {
  const list = facts.evaluators;
  if (!Array.isArray(list)) return [];
  const result: string[] = [];
  for (const evaluator of list) {
    if (typeof evaluator === 'string' && evaluator.trim() !== '') result.push(evaluator.trim());
    if (!isObject(evaluator)) continue;
    if (typeof evaluator.name === 'string' && evaluator.name.trim() !== '') {
      const affiliation =
        typeof evaluator.affiliation === 'string' && evaluator.affiliation.trim() !== ''
          ? `, ${evaluator.affiliation.trim()}`
          : '';
      result.push(`${evaluator.name.trim()}${affiliation}`);
    } else if (typeof evaluator.text === 'string' && evaluator.text.trim() !== '') {
      result.push(evaluator.text.trim());
    }
  }
  return result;
}

function readRoleModels(facts: Json, names: ReadonlyMap<string, string>): Map<number, string[]> {
  const byArea = new Map<number, string[]>();
  if (!Array.isArray(facts.roleModels)) return byArea;
  for (const item of facts.roleModels) {
    if (!isObject(item) || !isObject(item.municipality)) continue;
    const area = numberOf(item.area);
    const code = item.municipality.code;
    const name =
      (typeof code === 'string' ? names.get(code) : undefined) ??
      (typeof item.municipality.name === 'string' ? item.municipality.name : undefined);
    if (area === undefined || name === undefined) continue;
    const list = byArea.get(area) ?? [];
    if (!list.includes(name)) list.push(name);
    byArea.set(area, list);
  }
  return byArea;
}

const PARTY_NAMES: Record<string, string> = {
  moderaterna: 'Moderaterna',
  folkpartiet: 'Folkpartiet',
  liberalerna: 'Liberalerna',
  centern: 'Centerpartiet',
  centerpartiet: 'Centerpartiet',
  kristdemokraterna: 'Kristdemokraterna',
  socialdemokraterna: 'Socialdemokraterna',
  vänsterpartiet: 'Vänsterpartiet',
  miljöpartiet: 'Miljöpartiet',
  sverigedemokraterna: 'Sverigedemokraterna',
};

/** The short facts the report lists, read defensively: anything of another shape is left out. */
function readFacts(facts: Json, year: number): Fact[] {
  const result: Fact[] = [];
  if (isObject(facts.population)) {
    const value = numberOf(facts.population.value);
    if (value !== undefined) {
      const about = facts.population.approximate === true ? 'cirka ' : '';
      result.push({ label: 'Invånare', value: `${about}${formatNumber(value)}` });
    }
  }
  if (isObject(facts.taxRate)) {
    const rate = numberOf(facts.taxRate.rate);
    if (rate !== undefined) {
      const taxYear = numberOf(facts.taxRate.year) ?? year;
      const national = numberOf(facts.taxRate.national);
      result.push({
        label: `Kommunal skattesats ${String(taxYear)}`,
        value:
          formatPercent(rate, 2) +
          (national === undefined ? '' : ` (riket ${formatPercent(national, 2)})`),
      });
    }
  }
  if (isObject(facts.rulingParties) && Array.isArray(facts.rulingParties.parties)) {
    const parties = facts.rulingParties.parties
      .filter((party): party is string => typeof party === 'string')
      .map((party) => PARTY_NAMES[party.toLowerCase()] ?? party);
    if (parties.length > 0) {
      const election = numberOf(facts.rulingParties.electionYear);
      result.push({
        label:
          election === undefined
            ? 'Styrande partier'
            : `Styrande partier efter valet ${String(election)}`,
        value: joinSwedish(parties),
      });
    }
  }
  if (isObject(facts.interviews)) {
    const count = numberOf(facts.interviews.count);
    if (count !== undefined) {
      const about = facts.interviews.approximate === true ? 'cirka ' : '';
      result.push({ label: 'Intervjuade', value: `${about}${formatNumber(count)} personer` });
    }
  }
  const number = numberOf(facts.evaluationNumber);
  if (number !== undefined) {
    const ordinal = SWEDISH_ORDINALS[number - 1];
    result.push({
      label: 'Utvärdering',
      value: ordinal ? `kommunens ${ordinal}` : `nummer ${formatNumber(number)}`,
    });
  }
  return result;
}
