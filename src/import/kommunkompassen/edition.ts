import { printedSimilarity, type Issues } from './document.ts';
import type { AnalysisQuestion, EditionLike } from './types.ts';

export interface EditionEvidence {
  year: number | undefined;
  questions: readonly AnalysisQuestion[];
  /** Area names as printed (summary table and section headings), by area number. */
  areaNames: ReadonlyMap<number, readonly string[]>;
  line: number | undefined;
}

interface Score {
  edition: EditionLike;
  questionFit: number | undefined;
  areaFit: number;
  inYears: boolean;
  total: number;
}

/** Minimum share of the printed questions an edition must explain to be the report's. */
const MIN_QUESTION_FIT = 0.6;
const AMBIGUOUS = 0.05;

type Similarity = (printed: string, catalogue: string) => number;

function questionFit(
  edition: EditionLike,
  questions: readonly AnalysisQuestion[],
  similarity: Similarity,
): number {
  const byId = new Map(edition.areas.flatMap((area) => area.questions.map((q) => [q.id, q])));
  const coveredAreas = new Set(questions.map((question) => question.id.split('.')[0]));
  const printedIds = new Set(questions.map((question) => question.id));
  const missing = edition.areas
    .filter((area) => coveredAreas.has(String(area.number)))
    .flatMap((area) => area.questions)
    .filter((question) => !printedIds.has(question.id)).length;
  let score = 0;
  for (const printed of questions) {
    const known = byId.get(printed.id);
    if (!known) continue;
    const maxAgrees = printed.max === null || known.max === null || printed.max === known.max;
    score += 0.7 * similarity(printed.text, known.text) + 0.3 * (maxAgrees ? 1 : 0);
  }
  return score / (questions.length + missing);
}

function areaFit(
  edition: EditionLike,
  names: ReadonlyMap<number, readonly string[]>,
  similarity: Similarity,
): number {
  const fits: number[] = [];
  for (const [number, printed] of names) {
    const area = edition.areas.find((candidate) => candidate.number === number);
    const known = area ? [area.name, ...(area.aliases ?? [])] : [];
    const best = Math.max(
      0,
      ...printed.flatMap((name) => known.map((other) => similarity(name, other))),
    );
    fits.push(best);
  }
  return fits.length === 0 ? 0 : fits.reduce((sum, fit) => sum + fit, 0) / fits.length;
}

function covers(edition: EditionLike, year: number | undefined): boolean {
  return year !== undefined && edition.years.from <= year && (edition.years.to ?? Infinity) >= year;
}

/**
 * The catalogue edition the report was scored with, judged by its question texts and maxima
 * first, then its area names and its year. No fitting edition is an error; two that fit almost
 * equally well give a warning.
 */
export function detectEdition(
  editions: readonly EditionLike[],
  evidence: EditionEvidence,
  issues: Issues,
): EditionLike | undefined {
  const withQuestions = evidence.questions.length > 0;
  const similarity = printedSimilarity();
  const scores: Score[] = editions
    .filter((edition) => edition.kind === 'kommunkompassen')
    .map((edition) => {
      const questions = withQuestions
        ? questionFit(edition, evidence.questions, similarity)
        : undefined;
      const areas = areaFit(edition, evidence.areaNames, similarity);
      const inYears = covers(edition, evidence.year);
      const total =
        questions === undefined
          ? 0.6 * areas + 0.4 * (inYears ? 1 : 0)
          : 0.75 * questions + 0.15 * areas + 0.1 * (inYears ? 1 : 0);
      return { edition, questionFit: questions, areaFit: areas, inYears, total };
    })
    .sort((a, b) => b.total - a.total);
  const best = scores[0];
  const ids = scores.map((score) => score.edition.id).join(', ');
  const fits = (score: Score | undefined): boolean =>
    score !== undefined &&
    (score.questionFit === undefined
      ? score.inYears || score.areaFit >= 0.6
      : score.questionFit >= MIN_QUESTION_FIT);
  if (!best || !fits(best)) {
    issues.error(
      evidence.line,
      best
        ? `the questions and areas match no edition in the catalogue (closest: ${best.edition.id}, ${String(Math.round((best.questionFit ?? best.areaFit) * 100))}% alike)`
        : 'the catalogue holds no Kommunkompassen edition',
      `the questions of one of the editions ${ids}`,
    );
    return undefined;
  }
  const second = scores[1];
  if (second && fits(second) && best.total - second.total < AMBIGUOUS) {
    issues.warn(
      evidence.line,
      `the report fits editions ${best.edition.id} and ${second.edition.id} almost equally well; ${best.edition.id} is used`,
    );
  }
  if (!withQuestions) {
    issues.warn(
      evidence.line,
      `the report prints no questions: the edition ${best.edition.id} is chosen by its year and area names only`,
    );
  }
  if (evidence.year !== undefined && !best.inYears) {
    issues.warn(
      evidence.line,
      `the report's year ${String(evidence.year)} is outside the years of edition ${best.edition.id} (${String(best.edition.years.from)}–${String(best.edition.years.to ?? '')})`,
    );
  }
  return best.edition;
}
