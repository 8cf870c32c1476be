import type { Edition } from '../framework/index.ts';
import { percentOf, roundHalfUp, sumPoints } from '../scoring/index.ts';
import type { AreaResult } from './average.ts';
import { describeEditionDifference } from './editions.ts';
import { QueryError } from './errors.ts';
import { createRanker, type Rank } from './rank.ts';

/** At most this many evaluations are compared side by side. */
export const MAX_COMPARED = 8;

/** One evaluation to compare, with its exact scores. */
export interface ComparedEvaluation {
  id: string;
  municipalityCode: string;
  municipalityName: string;
  year: number;
  editionId: string;
  /** The total as printed, when printed. */
  totalPrinted: number | null;
  areas: readonly AreaResult[];
  questions: ReadonlyArray<{ id: string; points: number | null }>;
}

export interface ComparisonInput {
  evaluations: readonly ComparedEvaluation[];
  /** The edition of every evaluation, by id. */
  editions: ReadonlyMap<string, Edition>;
  /** Per edition and area, the scores of all published evaluations of that edition. */
  populations: ReadonlyMap<string, ReadonlyMap<number, readonly number[]>>;
  /**
   * true: the question table is required (refused across editions); false: left out;
   * undefined: included when every evaluation shares one edition.
   */
  questions?: boolean;
}

export interface AreaCell extends Rank {
  evaluationId: string;
  /** Exact area score; null when the evaluation has none for this area. */
  score: number | null;
}

export interface QuestionCell {
  evaluationId: string;
  points: number | null;
  /** Points as a percentage of the question's max, whole percent; null when unknown. */
  percent: number | null;
}

export interface Comparison {
  sameEdition: boolean;
  /** Swedish note on comparing across editions; null within one edition. */
  editionNote: string | null;
  evaluations: Array<{
    id: string;
    municipalityCode: string;
    municipalityName: string;
    year: number;
    editionId: string;
    editionName: string;
    /** The printed total, else the sum of the exact area scores rounded half up. */
    total: number | null;
  }>;
  areas: Array<{
    number: number;
    /** The area's name in each edition compared, without repeats. */
    names: string[];
    cells: Array<AreaCell | (Omit<AreaCell, keyof Rank> & { [K in keyof Rank]: null })>;
  }>;
  /** The question table; null when not shown (see `questionsNote`). */
  questions: Array<{
    id: string;
    area: number;
    text: string;
    max: number | null;
    cells: QuestionCell[];
  }> | null;
  /** Why there is no question table, in Swedish; null when there is one. */
  questionsNote: string | null;
}

/**
 * Puts up to eight evaluations side by side: an area table with each score's rank and percentile
 * among all published evaluations of its edition, and a question table when they share an
 * edition. Across editions the comparison is per area, with a note; a question table across
 * editions is refused (questions do not map between editions).
 *
 * @throws QueryError("invalid-input") for no evaluation, more than eight, one given twice, or
 * `questions: true` across editions
 */
export function buildComparison(input: ComparisonInput): Comparison {
  const { evaluations } = input;
  if (evaluations.length === 0) {
    throw new QueryError(
      'invalid-input',
      'choose at least one evaluation to compare',
      'Välj minst en utvärdering att jämföra.',
    );
  }
  if (evaluations.length > MAX_COMPARED) {
    throw new QueryError(
      'invalid-input',
      `at most ${MAX_COMPARED} evaluations can be compared, got ${evaluations.length}`,
      `Högst ${MAX_COMPARED} utvärderingar kan jämföras åt gången (du valde ${evaluations.length}).`,
    );
  }
  const ids = new Set<string>();
  for (const evaluation of evaluations) {
    if (ids.has(evaluation.id)) {
      throw new QueryError(
        'invalid-input',
        `evaluation ${evaluation.id} is chosen twice`,
        `Utvärderingen av ${evaluation.municipalityName} ${evaluation.year} är vald två gånger.`,
      );
    }
    ids.add(evaluation.id);
  }
  const editionOf = (evaluation: ComparedEvaluation): Edition => {
    const edition = input.editions.get(evaluation.editionId);
    if (!edition) throw new Error(`edition ${evaluation.editionId} was not given`);
    return edition;
  };
  const difference = describeEditionDifference(evaluations.map(editionOf));
  if (input.questions === true && !difference.sameEdition) {
    throw new QueryError(
      'invalid-input',
      `questions cannot be compared across editions (${difference.editionIds.join(', ')}): ` +
        'compare at area level',
      'Frågorna kan inte jämföras mellan olika versioner av Kommunkompassen ' +
        `(${difference.editionIds.join(', ')}): frågornas nummer, lydelse och poäng skiljer sig. ` +
        'Jämför per område i stället.',
      'questions',
    );
  }

  const rankers = new Map<string, (score: number) => Rank>();
  const rankerFor = (editionId: string, area: number) => {
    const key = `${editionId}:${area}`;
    let ranker = rankers.get(key);
    if (!ranker) {
      ranker = createRanker(input.populations.get(editionId)?.get(area) ?? []);
      rankers.set(key, ranker);
    }
    return ranker;
  };

  const areaNumbers = [
    ...new Set(
      evaluations.flatMap((evaluation) => editionOf(evaluation).areas.map((a) => a.number)),
    ),
  ].sort((a, b) => a - b);

  const areas = areaNumbers.map((number) => ({
    number,
    names: [
      ...new Set(
        evaluations.flatMap((evaluation) =>
          editionOf(evaluation)
            .areas.filter((area) => area.number === number)
            .map((area) => area.name),
        ),
      ),
    ],
    cells: evaluations.map((evaluation) => {
      const score = evaluation.areas.find((area) => area.number === number)?.score;
      if (score === undefined) {
        return { evaluationId: evaluation.id, score: null, rank: null, of: null, percentile: null };
      }
      return {
        evaluationId: evaluation.id,
        score,
        ...rankerFor(evaluation.editionId, number)(score),
      };
    }),
  }));

  let questions: Comparison['questions'] = null;
  let questionsNote: string | null = null;
  const first = evaluations[0];
  if (input.questions === false) {
    questionsNote = 'Frågetabellen är inte vald.';
  } else if (!difference.sameEdition) {
    questionsNote =
      'Frågorna jämförs bara när alla utvärderingar är gjorda med samma version av ' +
      'Kommunkompassen.';
  } else if (first) {
    const edition = editionOf(first);
    const all = edition.areas.flatMap((area) =>
      area.questions.map((question) => ({ area: area.number, question })),
    );
    const anyScored = evaluations.some((evaluation) =>
      evaluation.questions.some((question) => question.points !== null),
    );
    if (all.length === 0 || !anyScored) {
      questionsNote =
        all.length === 0
          ? `${edition.name} har inga publicerade frågor: resultaten finns per område.`
          : 'Utvärderingarna har bara resultat per område, inte per fråga.';
    } else {
      questions = all.map(({ area, question }) => ({
        id: question.id,
        area,
        text: question.text,
        max: question.max,
        cells: evaluations.map((evaluation) => {
          const points =
            evaluation.questions.find((candidate) => candidate.id === question.id)?.points ?? null;
          return {
            evaluationId: evaluation.id,
            points,
            percent:
              points === null || question.max === null
                ? null
                : roundHalfUp(percentOf(points, question.max)),
          };
        }),
      }));
    }
  }

  return {
    sameEdition: difference.sameEdition,
    editionNote: difference.note,
    evaluations: evaluations.map((evaluation) => ({
      id: evaluation.id,
      municipalityCode: evaluation.municipalityCode,
      municipalityName: evaluation.municipalityName,
      year: evaluation.year,
      editionId: evaluation.editionId,
      editionName: editionOf(evaluation).name,
      total:
        evaluation.totalPrinted ??
        (evaluation.areas.length === 0
          ? null
          : roundHalfUp(sumPoints(evaluation.areas.map((area) => area.score)))),
    })),
    areas,
    questions,
    questionsNote,
  };
}
