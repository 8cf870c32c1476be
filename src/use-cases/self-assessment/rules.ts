/**
 * The self-assessment's rules, pure (no database): which questionnaire a year is filled in on,
 * what blocks submitting, which answers of an imported application need resolving, and how a
 * key-figure row typed into the form is read.
 */
import type { Edition } from '../../domain/framework/index.ts';
import type {
  KeyFigureInput,
  SelfAssessmentAnswer,
} from '../../db/repositories/self-assessments.ts';

/**
 * The questionnaire for `year`: the self-assessment edition whose years cover it, else the newest
 * one that started before it (the questionnaire still in use), else none.
 *
 * @example
 * selfAssessmentEditionFor(editions, 2024)?.id; // "kvalitetskommun-2009"
 */
export function selfAssessmentEditionFor(
  editions: readonly Edition[],
  year: number,
): Edition | undefined {
  const own = editions
    .filter((edition) => edition.kind === 'self-assessment')
    .sort((a, b) => b.years.from - a.years.from);
  return (
    own.find(
      (edition) =>
        edition.years.from <= year && (edition.years.to === null || year <= edition.years.to),
    ) ?? own.find((edition) => edition.years.from <= year)
  );
}

/** The edition's scale (Ej alls / Delvis / I hög grad / Fullt ut). */
export const scaleOf = (edition: Edition): readonly string[] => edition.scale ?? [];

/** A question that blocks submitting: it has no answer (or an ambiguous one from an import). */
export interface MissingAnswer {
  theme: number;
  themeName: string;
  questionId: string;
  questionText: string;
}

/**
 * Every question of the edition without exactly one answer, in the questionnaire's order. Rule:
 * an unanswered question blocks submitting; so does one answered with a value off the scale.
 */
export function missingAnswers(
  edition: Edition,
  answers: readonly Pick<SelfAssessmentAnswer, 'questionId' | 'answer'>[],
): MissingAnswer[] {
  const scale = new Set(scaleOf(edition));
  const given = new Map(answers.map((answer) => [answer.questionId, answer.answer]));
  return edition.areas.flatMap((area) =>
    area.questions
      .filter((question) => {
        const answer = given.get(question.id);
        return answer === undefined || answer === null || !scale.has(answer);
      })
      .map((question) => ({
        theme: area.number,
        themeName: area.name,
        questionId: question.id,
        questionText: question.text,
      })),
  );
}

/** Flags saying why an imported answer is missing; resolving one prefixes it with "resolved-". */
export const RESOLVED_PREFIX = 'resolved-';

/**
 * Whether an answer of a submitted self-assessment needs resolving: the import left it without
 * an answer and said why (two ticked boxes: `multiple-ticked: I hög grad, Fullt ut`; none; an
 * unclear row).
 */
export function needsResolution(answer: Pick<SelfAssessmentAnswer, 'answer' | 'flags'>): boolean {
  return answer.answer === null && answer.flags.some((flag) => !flag.startsWith(RESOLVED_PREFIX));
}

/** The options the import saw ticked, from a `multiple-ticked: A, B` flag. */
export function tickedOptions(flags: readonly string[]): string[] {
  const flag = flags.find((item) => item.startsWith('multiple-ticked:'));
  if (!flag) return [];
  return flag
    .slice('multiple-ticked:'.length)
    .split(',')
    .map((option) => option.trim())
    .filter((option) => option !== '');
}

/** The flags after resolving: each open flag kept, marked resolved. */
export const resolvedFlags = (flags: readonly string[]): string[] =>
  flags.map((flag) => (flag.startsWith(RESOLVED_PREFIX) ? flag : `${RESOLVED_PREFIX}${flag}`));

/** "7,5", "7.5", "-2" → number; "" → null; anything else → undefined (not a number). */
export function parseDecimal(text: string): number | null | undefined {
  const trimmed = text.trim().replace(/\s/g, '').replace(',', '.');
  if (trimmed === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** One key-figure row as typed into the form (every field a string). */
export interface KeyFigureFormRow {
  name: string;
  unit: string;
  year: string;
  target: string;
  result: string;
  theme: string;
}

export const EMPTY_KEY_FIGURE_ROW: KeyFigureFormRow = {
  name: '',
  unit: '',
  year: '',
  target: '',
  result: '',
  theme: '',
};

export const isBlankRow = (row: KeyFigureFormRow): boolean =>
  Object.values(row).every((value) => value.trim() === '');

/** A form field's problem, named by the form's own field name (e.g. "kf-2-year"). */
export interface RowIssue {
  field: string;
  message: string;
}

export const MAX_SERIES_NAME = 200;
export const MAX_UNIT = 40;

/**
 * Reads the key-figure rows of the form: blank rows are left out; a row needs a name and a year
 * (1990–2100) and numbers for target and result when given; a series has one row per year.
 * Field names are `kf-<index>-<field>`.
 */
export function readKeyFigureRows(
  rows: readonly KeyFigureFormRow[],
  themes: ReadonlySet<number>,
): { rows: KeyFigureInput[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const read: KeyFigureInput[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    if (isBlankRow(row)) return;
    const at = (field: string) => `kf-${String(index)}-${field}`;
    const label = `Nyckeltal rad ${String(index + 1)}`;
    const name = row.name.trim().replace(/\s+/g, ' ');
    const unit = row.unit.trim();
    const issuesBefore = issues.length;
    if (name === '') {
      issues.push({ field: at('name'), message: `${label}: skriv nyckeltalets namn.` });
    } else if (name.length > MAX_SERIES_NAME) {
      issues.push({
        field: at('name'),
        message: `${label}: namnet är längre än ${String(MAX_SERIES_NAME)} tecken. Korta det.`,
      });
    }
    if (unit.length > MAX_UNIT) {
      issues.push({
        field: at('unit'),
        message: `${label}: enheten är längre än ${String(MAX_UNIT)} tecken, till exempel "%" eller "index".`,
      });
    }
    const yearText = row.year.trim();
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 1990 || year > 2100) {
      issues.push({
        field: at('year'),
        message: `${label}: året ska vara fyra siffror mellan 1990 och 2100, till exempel 2024.`,
      });
    }
    const target = parseDecimal(row.target);
    if (target === undefined) {
      issues.push({
        field: at('target'),
        message: `${label}: målet "${row.target.trim()}" är inte ett tal. Skriv till exempel 86 eller 7,5, eller lämna tomt.`,
      });
    }
    const result = parseDecimal(row.result);
    if (result === undefined) {
      issues.push({
        field: at('result'),
        message: `${label}: utfallet "${row.result.trim()}" är inte ett tal. Skriv till exempel 82 eller 7,3, eller lämna tomt.`,
      });
    }
    const themeText = row.theme.trim();
    const theme = themeText === '' ? null : Number(themeText);
    if (theme !== null && !themes.has(theme)) {
      issues.push({ field: at('theme'), message: `${label}: välj ett av temana i listan.` });
    }
    if (issues.length > issuesBefore) return;
    const key = `${name.toLowerCase()}|${String(year)}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issues.push({
        field: at('year'),
        message: `${label}: "${name}" har redan ett värde för ${String(year)} (rad ${String(earlier + 1)}). Ändra året eller ta bort en av raderna.`,
      });
      return;
    }
    seen.set(key, index);
    read.push({
      seriesName: name,
      unit: unit === '' ? null : unit,
      year,
      target: target ?? null,
      result: result ?? null,
      theme,
    });
  });
  return { rows: read, issues };
}

/** A key-figure series: the rows of one name, by year. */
export interface KeyFigureSeries {
  name: string;
  unit: string | null;
  theme: number | null;
  points: Array<{ year: number; target: number | null; result: number | null }>;
}

/** Groups rows into series in the order their names first appear; points by year. */
export function groupKeyFigures(rows: readonly KeyFigureInput[]): KeyFigureSeries[] {
  const series = new Map<string, KeyFigureSeries>();
  for (const row of rows) {
    let entry = series.get(row.seriesName);
    if (!entry) {
      entry = { name: row.seriesName, unit: row.unit, theme: row.theme, points: [] };
      series.set(row.seriesName, entry);
    }
    entry.unit ??= row.unit;
    entry.theme ??= row.theme;
    entry.points.push({ year: row.year, target: row.target, result: row.result });
  }
  for (const entry of series.values()) entry.points.sort((a, b) => a.year - b.year);
  return [...series.values()];
}
