import type { Edition } from '../../domain/framework/index.ts';
import type { ImportIssue } from '../issues.ts';

/** A framework edition of the catalogue (`loadBuiltInCatalogue()`). */
export type EditionLike = Edition;

export interface MunicipalityRef {
  /** The name as the register spells it (not as the report prints it). */
  name: string;
  /** Kommunkod, four digits. */
  code: string;
}

export interface ParseKommunkompassenOptions {
  /** The file name (or other label) issues and warnings point at. */
  source: string;
  /** The municipality register, e.g. `loadMunicipalities()`. */
  municipalities: readonly MunicipalityRef[];
  /** The framework catalogue, e.g. `loadBuiltInCatalogue()`. */
  editions: readonly EditionLike[];
}

export interface AnalysisArea {
  number: number;
  /** The area name as the summary table prints it (without its number). */
  name: string;
  /** The score as printed: 74,5 stays 74.5. */
  score: number;
  /** The topic headings ("Rubriker") the area section lists, when it lists them. */
  headings?: string[];
  line?: number;
}

export interface AnalysisQuestion {
  /** "2.4": area number, dot, question number. */
  id: string;
  text: string;
  /** Points as printed (rounded in the report), or null when the report prints none. */
  achieved: number | null;
  max: number | null;
  /** Percent as printed (55 for "55%"), or null. */
  percent: number | null;
  /**
   * Best estimate of the exact points: max × percent when the percent is the more precise
   * figure (it is whenever max is below 100), else `achieved`.
   */
  points: number | null;
  line?: number;
}

export type ComparisonKind = 'previous' | 'municipality' | 'average';

export interface Comparison {
  /** The column or chart series label as printed: "Strängnäs 2014", "Medelvärde". */
  label: string;
  kind: ComparisonKind;
  year?: number;
  /** For averages over a period: "beräknat från 2010 och framåt" gives yearFrom 2010. */
  yearFrom?: number;
  yearTo?: number;
  /** How an average was computed, as printed. */
  basis?: string;
  municipality?: MunicipalityRef;
  /** Area scores as printed; empty when the report shows the series only in a chart. */
  areas: { number: number; score: number }[];
  /** Total as printed, or null when the report does not print it. */
  total: number | null;
  /** Where it came from: a column of the area table, a chart legend, or a sentence. */
  from: 'table' | 'chart' | 'text';
  line?: number;
}

export type FindingKind = 'strength' | 'improvement';

export interface Finding {
  area: number;
  kind: FindingKind;
  /** The thematic heading the finding is listed under, when the layout has one. */
  heading?: string;
  text: string;
  /** The finding itself calls the practice a good example ("Gott exempel"). */
  goodExample?: boolean;
  line?: number;
}

export interface Evaluator {
  /** As printed: "Leif Eldås, SKL". */
  text: string;
  name?: string;
  affiliation?: string;
}

export interface AnalysisFacts {
  /** Inhabitants as printed ("drygt 23 600" gives 23600, approximate). */
  population?: { value: number; approximate: boolean; text: string; line?: number };
  /** Municipal tax rate, and the national one when printed beside it. */
  taxRate?: { year?: number; rate: number; national?: number; line?: number };
  /** Parties that govern, in the order printed. */
  rulingParties?: { parties: string[]; electionYear?: number; line?: number };
  /** Seats per party after an election, when the report lists them. */
  seats?: { electionYear?: number; parties: { party: string; seats: number }[]; line?: number };
  /** Number of people interviewed: "ett 30-tal" gives 30, approximate. */
  interviews?: { count: number; approximate: boolean; text: string; line?: number };
  evaluators?: Evaluator[];
  /** 1 for the municipality's first evaluation, 2 for the second … when printed. */
  evaluationNumber?: number;
  /** Other municipalities the text points to as examples to learn from, per area. */
  roleModels?: { area: number; municipality: MunicipalityRef; line?: number }[];
}

/** A parsed Kommunkompassen analysis report. Printed figures are kept exactly as printed. */
export interface ParsedAnalysis {
  kind: 'kommunkompassen';
  source: string;
  municipality: MunicipalityRef;
  year: number;
  /** 1–12 when the report prints the month of the evaluation. */
  month?: number;
  /** Catalogue id of the edition the report was scored with. */
  edition: string;
  areas: AnalysisArea[];
  total: number;
  questions: AnalysisQuestion[];
  comparisons: Comparison[];
  findings: Finding[];
  facts: AnalysisFacts;
  warnings: ImportIssue[];
}

export type ParseKommunkompassenResult =
  | { ok: true; report: ParsedAnalysis; warnings: ImportIssue[] }
  | { ok: false; issues: ImportIssue[] };
