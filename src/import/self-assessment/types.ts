import type { ImportIssue } from '../issues.ts';

/** The answer scale of the Kvalitetskommun self-assessment, in order. */
export const KVALITETSKOMMUN_SCALE = ['Ej alls', 'Delvis', 'I hög grad', 'Fullt ut'] as const;

/** One option of the self-assessment scale. */
export type SelfAssessmentOption = (typeof KVALITETSKOMMUN_SCALE)[number];

/**
 * The part of a framework edition the self-assessment parser reads. `Edition` from the
 * catalogue fits this shape; the parser needs no more than this.
 */
export interface SelfAssessmentEditionLike {
  id: string;
  kind: string;
  years: { from: number; to: number | null };
  scale?: readonly string[];
  areas: ReadonlyArray<{
    number: number;
    name: string;
    questions: ReadonlyArray<{ id: string; text: string }>;
  }>;
}

/** What every report parser needs besides the text. */
export interface ParseOptions<E = SelfAssessmentEditionLike> {
  /** The file name (or other label) that issues and warnings name. */
  source: string;
  /** The municipality register (all 290 kommuner), e.g. `loadMunicipalities()`. */
  municipalities: ReadonlyArray<{ name: string; code: string }>;
  /** The framework catalogue. */
  editions: readonly E[];
}

/** One of the 50 questions as answered in the application. */
export interface SelfAssessmentAnswer {
  /** The question number, 1..50. */
  number: number;
  /** The ticked option, or `null` when none or more than one is ticked, or the row is unclear. */
  answer: SelfAssessmentOption | null;
  /**
   * Why `answer` is null, or what else is odd about the row: `unanswered`,
   * `multiple-ticked: Delvis, I hög grad`, `missing-options: Ej alls`, `repeated-options: Delvis`,
   * `ambiguous-marks`, `conflicting-rows: …`, `ticked: …` (the single tick of an unclear row).
   */
  flags: string[];
  /** The question text as printed. */
  text: string;
  /** The line the question row starts on. */
  line: number;
}

/** A titled piece of narrative under a theme. */
export interface NarrativeSection {
  heading?: string;
  text: string;
  line: number;
}

/** One of the four themes ("Hur gör … för att …?") with the applicant's narrative. */
export interface SelfAssessmentTheme {
  /** The theme number in the edition (1..4). */
  number: number;
  /** The theme heading as printed (or the edition's name when the heading is missing). */
  title: string;
  /** The theme's standard introduction (the framing questions), before the question table. */
  intro: string;
  /** The applicant's narrative, by sub-heading. */
  narrative: NarrativeSection[];
  line?: number;
}

/** One value of a key-figure series. */
export interface SeriesPoint {
  year: number;
  /** The column heading when it is more than the year, e.g. "AUG 2008". */
  period?: string;
  target: number | null;
  result: number | null;
}

/** A key figure over the years (e.g. "attraktiv arbetsgivare": year, target, result). */
export interface KeyFigureSeries {
  /** Short name: the title without "Resultat" or quotes, in lower case when printed in capitals. */
  name: string;
  /** The title as printed. */
  title: string;
  /** The row label, when the series is one row of a table with years as columns. */
  label?: string;
  /** The caption printed between the title and the table. */
  description?: string;
  unit?: string;
  theme?: number;
  line: number;
  points: SeriesPoint[];
}

/** A key-figure table that is not a series over years (e.g. staff composition in one year). */
export interface KeyFigureTable {
  title: string;
  description?: string;
  columns: string[];
  rows: Array<{ label: string; values: Array<number | null> }>;
  unit?: string;
  theme?: number;
  line: number;
}

/** A parsed Kvalitetskommun application. */
export interface SelfAssessmentReport {
  kind: 'self-assessment';
  municipality: { name: string; code: string };
  year: number;
  edition: string;
  answers: SelfAssessmentAnswer[];
  themes: SelfAssessmentTheme[];
  series: KeyFigureSeries[];
  tables: KeyFigureTable[];
  warnings: ImportIssue[];
}

export type SelfAssessmentResult =
  | { ok: true; report: SelfAssessmentReport; warnings: ImportIssue[] }
  | { ok: false; issues: ImportIssue[] };
