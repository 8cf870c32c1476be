/**
 * Peer comparison: up to eight published evaluations side by side (any municipalities and
 * years), per area with rank and percentile among all published evaluations of each edition,
 * and per question when they share an edition.
 */
import type { Db } from '../db/client.ts';
import {
  areaPopulation,
  findLatestPublished,
  getPublishedScores,
} from '../db/repositories/comparison.ts';
import { getEdition } from '../db/repositories/editions.ts';
import { getMunicipalities } from '../db/repositories/municipalities.ts';
import {
  MAX_COMPARED,
  QueryError,
  buildComparison,
  checkMunicipalityCode,
  type ComparedEvaluation,
  type Comparison,
} from '../domain/comparison/index.ts';
import type { Edition } from '../domain/framework/index.ts';

export interface CompareEvaluationsOptions {
  db: Db;
  /** Evaluations by id (published ones only). */
  evaluationIds?: readonly string[];
  /** The latest published evaluation of each of these municipalities (kommunkod). */
  municipalityCodes?: readonly string[];
  /** See `ComparisonInput.questions`: true demands the question table (one edition only). */
  questions?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notPublished = (id: string) =>
  new QueryError(
    'not-found',
    `evaluation ${id} does not exist or is not published`,
    `Det finns ingen publicerad utvärdering med id ${id}.`,
    'evaluation',
  );

/**
 * Compares the evaluations given by id and those of the municipalities given (their latest
 * published evaluation each), in that order.
 *
 * @throws QueryError: "invalid-input" for no evaluation, more than eight, a bad id or code, a
 * self-assessment, or a question table across editions; "not-found" for an unknown or
 * unpublished evaluation, an unknown kommunkod, or a municipality without a published evaluation
 */
export async function compareEvaluations(options: CompareEvaluationsOptions): Promise<Comparison> {
  const { db } = options;
  const ids = [...(options.evaluationIds ?? [])];
  const codes = (options.municipalityCodes ?? []).map((code) => checkMunicipalityCode(code));
  if (ids.length + codes.length > MAX_COMPARED) {
    throw new QueryError(
      'invalid-input',
      `at most ${MAX_COMPARED} evaluations can be compared, got ${ids.length + codes.length}`,
      `Högst ${MAX_COMPARED} utvärderingar kan jämföras åt gången.`,
    );
  }
  for (const id of ids) if (!UUID.test(id)) throw notPublished(id);

  if (codes.length > 0) {
    const known = new Set((await getMunicipalities(db, codes)).map((m) => m.code));
    const unknown = codes.find((code) => !known.has(code));
    if (unknown !== undefined) {
      throw new QueryError(
        'not-found',
        `no municipality has the kommunkod ${unknown}`,
        `Det finns ingen kommun med kommunkoden ${unknown}.`,
        'municipality',
      );
    }
    const latest = new Map(
      (await findLatestPublished(db, codes)).map((row) => [row.municipalityCode, row.id]),
    );
    for (const code of codes) {
      const id = latest.get(code);
      if (id === undefined) {
        throw new QueryError(
          'not-found',
          `municipality ${code} has no published evaluation to compare`,
          `Kommunen med kommunkod ${code} har ingen publicerad utvärdering att jämföra.`,
          'municipality',
        );
      }
      ids.push(id);
    }
  }

  const found = new Map((await getPublishedScores(db, ids)).map((row) => [row.id, row]));
  const records = ids.map((id) => {
    const record = found.get(id);
    if (!record) throw notPublished(id);
    if (record.kind === 'self-assessment') {
      throw new QueryError(
        'invalid-input',
        `evaluation ${id} is a self-assessment: it has no points to compare`,
        'En självvärdering har inga poäng och kan inte jämföras med Kommunkompassen.',
        'evaluation',
      );
    }
    return record;
  });

  const editions = new Map<string, Edition>();
  const populations = new Map<string, Map<number, number[]>>();
  for (const editionId of new Set(records.map((record) => record.editionId))) {
    const edition = await getEdition(db, editionId);
    if (!edition) throw new Error(`edition ${editionId} of a stored evaluation is missing`);
    editions.set(editionId, edition.definition);
    populations.set(editionId, await areaPopulation(db, editionId));
  }
  const evaluations: ComparedEvaluation[] = records;
  return buildComparison({
    evaluations,
    editions,
    populations,
    ...(options.questions === undefined ? {} : { questions: options.questions }),
  });
}
