/**
 * What an imported analysis stores as its exact figures. The report prints every figure rounded;
 * when it prints a score table per question, the exact points are recovered with
 * `derivePointsFromPrintedTable` (points that reproduce every printed Uppnått, Procent, area
 * score and total, as close to percent × max as possible), and an area's score is the sum of
 * its exact points. Without a score table (the 2002 edition prints none) the printed area score
 * is the best figure there is and is stored as the score.
 */
import {
  derivePointsFromPrintedTable,
  type DerivedPoints,
  type PrintedAreaRow,
} from '../domain/scoring/index.ts';
import type { ParsedAnalysis } from '../import/kommunkompassen/types.ts';

export interface ExactFigures {
  /** Exact score per area number: the sum of its exact points, or the printed score. */
  areaScores: Map<number, number>;
  /** Best estimate of the exact points per question id (null when the report prints none). */
  questionPoints: Map<string, number | null>;
  /** Areas whose score is the printed one, and why (shown to the person importing). */
  notes: string[];
}

const areaOf = (questionId: string) => Number(questionId.split('.')[0]);

const decimalsOf = (value: number) => (String(value).split('.')[1] ?? '').length;

/**
 * The exact figures to store for `report`: area scores and question points.
 *
 * @example
 * const exact = exactFigures(report); // Upplands-Bro 2011
 * exact.areaScores.get(1); // 43.82 (printed 44)
 */
export function exactFigures(report: ParsedAnalysis): ExactFigures {
  const questionPoints = new Map(report.questions.map((q) => [q.id, q.points]));
  const areaScores = new Map(report.areas.map((area) => [area.number, area.score]));
  const notes: string[] = [];

  const rows: PrintedAreaRow[] = [];
  for (const area of report.areas) {
    const questions = report.questions.filter((q) => areaOf(q.id) === area.number);
    const complete =
      questions.length > 0 &&
      questions.every((q) => q.achieved !== null && q.max !== null && q.percent !== null);
    if (!complete) continue;
    rows.push({
      number: area.number,
      score: area.score,
      questions: questions.map((q) => ({
        id: q.id,
        achieved: q.achieved ?? 0,
        max: q.max ?? 0,
        percent: q.percent ?? 0,
      })),
    });
  }
  if (rows.length === 0) return { areaScores, questionPoints, notes };

  const areaDecimals = Math.max(
    decimalsOf(report.total),
    ...report.areas.map((area) => decimalsOf(area.score)),
  );
  // The whole table when every area has its rows (the printed total then constrains too),
  // otherwise each complete area on its own.
  const derivations: DerivedPoints[] =
    rows.length === report.areas.length
      ? [derivePointsFromPrintedTable({ areas: rows, total: report.total }, { areaDecimals })]
      : rows.map((row) =>
          derivePointsFromPrintedTable({ areas: [row], total: row.score }, { areaDecimals }),
        );

  for (const derived of derivations) {
    for (const question of derived.questions) questionPoints.set(question.id, question.points);
    for (const area of derived.areas) {
      const contradiction = derived.unreproduced.find(
        (figure) => figure.figure === 'area score' && figure.where === `area ${area.number}`,
      );
      if (contradiction) {
        notes.push(
          `area ${area.number}: the printed score is stored, since no exact points reproduce it (${contradiction.reason})`,
        );
      } else {
        areaScores.set(area.number, area.points);
      }
    }
  }
  return { areaScores, questionPoints, notes };
}
