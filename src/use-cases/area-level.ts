/**
 * Storing an area-level evaluation (area scores and a total, nothing more) that may be stored
 * already: the one rule shared by report import (the previous evaluation a report prints in a
 * comparison column) and area-history import (CSV rows).
 *
 * - A full evaluation of the same municipality, year and edition holds the figures already when
 *   its scores match: nothing is written. When they differ, the full one wins and the area-level
 *   figures are not stored (correct the full evaluation instead).
 * - An area-level evaluation with the same figures: nothing is written ("unchanged").
 * - One with other figures: replaced by a new revision with `replace` (the old stays readable),
 *   otherwise left as it is and reported as a conflict.
 */
import type { Db } from '../db/client.ts';
import {
  createEvaluation,
  findCurrentEvaluation,
  getEvaluation,
  replaceEvaluation,
  type EvaluationRecord,
  type NewEvaluation,
} from '../db/repositories/evaluations.ts';
import { roundHalfUp } from '../domain/scoring/index.ts';

export interface AreaLevelInput {
  municipalityCode: string;
  year: number;
  editionId: string;
  /** Scores as given; stored as both the score and the printed figure. */
  areas: ReadonlyArray<{ number: number; score: number }>;
  /** The total as given, or null when the source states none. */
  totalPrinted: number | null;
  /** Stored as the evaluation's source. */
  source: string;
  sourceHash: string;
  facts?: Record<string, unknown>;
  /**
   * Decimals the scores were printed with, when they are rounded figures (a report column): a
   * stored score that rounds to a given one is the same figure, known more exactly.
   */
  printedDecimals?: number;
}

export type AreaLevelOutcome =
  | { status: 'imported' | 'replaced'; id: string }
  /** `storedAs` tells whether a full or an area-level evaluation holds the figures. */
  | { status: 'unchanged'; id: string; storedAs: 'full' | 'area-level' }
  /** Not written: another evaluation holds other figures. `differences` says which. */
  | { status: 'conflict'; id: string; storedAs: 'full' | 'area-level'; differences: string };

const format = (value: number | null) => (value === null ? 'none' : String(value));

/** "area 1: stored 54, given 55; total: stored 437, given 440", or "" when the figures agree. */
export function areaDifferences(
  stored: Pick<EvaluationRecord, 'areas' | 'totalPrinted'>,
  input: Pick<AreaLevelInput, 'areas' | 'totalPrinted' | 'printedDecimals'>,
): string {
  const differences: string[] = [];
  const numbers = [...new Set([...stored.areas, ...input.areas].map((area) => area.number))].sort(
    (a, b) => a - b,
  );
  for (const number of numbers) {
    const have = stored.areas.find((area) => area.number === number);
    const given = input.areas.find((area) => area.number === number);
    const same =
      have !== undefined &&
      given !== undefined &&
      (have.score === given.score ||
        have.printed === given.score ||
        (input.printedDecimals !== undefined &&
          roundHalfUp(have.score, input.printedDecimals) === given.score));
    if (!same) {
      differences.push(
        `area ${number}: stored ${format(have?.score ?? null)}, given ${format(given?.score ?? null)}`,
      );
    }
  }
  if (input.totalPrinted !== null && stored.totalPrinted !== input.totalPrinted) {
    differences.push(
      `total: stored ${format(stored.totalPrinted)}, given ${format(input.totalPrinted)}`,
    );
  }
  return differences.join('; ');
}

/**
 * Stores `input` as a published area-level evaluation unless the figures are stored already.
 * Run it inside the caller's transaction (`db` may be a `tx`): it writes at most one evaluation.
 */
export async function storeAreaLevelEvaluation(
  db: Db,
  input: AreaLevelInput,
  options: { replace: boolean },
): Promise<AreaLevelOutcome> {
  const key = {
    municipalityCode: input.municipalityCode,
    year: input.year,
    editionId: input.editionId,
  };
  const full = await findCurrentEvaluation(db, { ...key, kind: 'full' });
  if (full) {
    const record = await getEvaluation(db, full.id);
    const differences = record ? areaDifferences(record, input) : '';
    return differences === ''
      ? { status: 'unchanged', id: full.id, storedAs: 'full' }
      : { status: 'conflict', id: full.id, storedAs: 'full', differences };
  }

  const evaluation: NewEvaluation = {
    ...key,
    kind: 'area-level',
    status: 'published',
    source: input.source,
    sourceHash: input.sourceHash,
    totalPrinted: input.totalPrinted,
    facts: input.facts ?? {},
    areas: input.areas.map((area) => ({
      number: area.number,
      score: area.score,
      printed: area.score,
    })),
  };
  const existing = await findCurrentEvaluation(db, { ...key, kind: 'area-level' });
  if (!existing) {
    const created = await createEvaluation(db, evaluation);
    return { status: 'imported', id: created.id };
  }
  const record = await getEvaluation(db, existing.id);
  const differences = record ? areaDifferences(record, input) : 'not readable';
  if (differences === '') return { status: 'unchanged', id: existing.id, storedAs: 'area-level' };
  if (!options.replace) {
    return { status: 'conflict', id: existing.id, storedAs: 'area-level', differences };
  }
  const replaced = await replaceEvaluation(db, existing.id, evaluation, {
    expectedVersion: existing.version,
  });
  return { status: 'replaced', id: replaced.id };
}
