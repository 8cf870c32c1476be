/**
 * Role models ("kommuner som det kan vara intressant att jämföra sig med"): for each improvement
 * area and low-scoring question of a published evaluation, the municipalities that scored highest
 * on that question (same edition) or that area (any Kommunkompassen edition), with their
 * strengths and good examples in that area.
 */
import type { Db } from '../db/client.ts';
import {
  listAreaFindings,
  topScorersForNeeds,
  type ScorerRow,
} from '../db/repositories/comparison.ts';
import { listEditions } from '../db/repositories/editions.ts';
import {
  getEvaluation,
  isNewestPublished,
  type EvaluationRecord,
} from '../db/repositories/evaluations.ts';
import { getMunicipality } from '../db/repositories/municipalities.ts';
import {
  QueryError,
  pickRoleModels,
  selectLearningNeeds,
  type LearningNeed,
} from '../domain/comparison/index.ts';
import { findQuestion } from '../domain/framework/index.ts';

export interface FindRoleModelsOptions {
  db: Db;
  evaluationId: string;
  /** Role models per need (default 3). */
  limit?: number;
  /** The evaluation as the caller already read it (a page, a report): not read again. */
  record?: EvaluationRecord;
}

export interface RoleModel {
  evaluationId: string;
  municipalityCode: string;
  municipalityName: string;
  year: number;
  editionId: string;
  /** Their points on the question, or their area score. */
  score: number;
  /** False when the role model was evaluated with another edition (area needs only). */
  sameEdition: boolean;
  strengths: string[];
  goodExamples: string[];
}

export interface RoleModelsForNeed {
  need: LearningNeed;
  /** The area's name in the evaluation's edition; the question text for a question need. */
  title: string;
  /** Max points of the question, or 100 for an area. */
  max: number | null;
  /** The evaluation's own points on the question or area. */
  own: number | null;
  roleModels: RoleModel[];
}

export interface RoleModelsResult {
  evaluation: {
    id: string;
    municipalityCode: string;
    municipalityName: string;
    year: number;
    editionId: string;
  };
  needs: RoleModelsForNeed[];
}

/** How many top scores to look at before keeping each municipality's best. */
const CANDIDATES = 60;

/**
 * @throws QueryError("not-found") when the evaluation does not exist or is not published (or a
 * published correction replaced it);
 * QueryError("invalid-input") for a self-assessment
 */
export async function findRoleModels(options: FindRoleModelsOptions): Promise<RoleModelsResult> {
  const { db } = options;
  const limit = options.limit ?? 3;
  const record =
    options.record?.id === options.evaluationId
      ? options.record
      : /^[0-9a-f-]{36}$/i.test(options.evaluationId)
        ? await getEvaluation(db, options.evaluationId)
        : undefined;
  // What the public sees: the newest published revision, also while a correction of it is a
  // draft (then it is not `current`); a revision a published correction replaced has none.
  const shown =
    record?.status === 'published' && (record.current || (await isNewestPublished(db, record.id)));
  if (!record || !shown) {
    throw new QueryError(
      'not-found',
      `evaluation ${options.evaluationId} does not exist or is not published`,
      `Det finns ingen publicerad utvärdering med id ${options.evaluationId}.`,
      'evaluation',
    );
  }
  const [stored, municipality] = await Promise.all([
    listEditions(db),
    getMunicipality(db, record.municipalityCode),
  ]);
  const all = stored.map((item) => item.definition);
  const edition = all.find((candidate) => candidate.id === record.editionId);
  if (!edition || edition.kind !== 'kommunkompassen') {
    throw new QueryError(
      'invalid-input',
      `evaluation ${record.id} is a self-assessment: role models are sought per area and question`,
      'Förebilder söks för Kommunkompassens områden och frågor, inte för en självvärdering.',
      'evaluation',
    );
  }
  const kkEditionIds = all.filter((e) => e.kind === 'kommunkompassen').map((e) => e.id);
  const needs = selectLearningNeeds(
    {
      areas: record.areas.map((area) => ({ number: area.number, score: area.score })),
      questions: record.questions,
      findings: record.findings,
    },
    edition,
  );

  // One query for every need.
  const top = await topScorersForNeeds(db, {
    editionId: edition.id,
    questionIds: needs.flatMap((need) => (need.type === 'question' ? [need.questionId] : [])),
    areas: needs.flatMap((need) => (need.type === 'question' ? [] : [need.area])),
    areaEditionIds: kkEditionIds,
    excludeMunicipalityCode: record.municipalityCode,
    limit: CANDIDATES,
  });
  const picked: Array<{ need: LearningNeed; own: number | null; models: ScorerRow[] }> = needs.map(
    (need) => {
      const own =
        need.type === 'question'
          ? (record.questions.find((q) => q.id === need.questionId)?.points ?? null)
          : need.score;
      const rows =
        (need.type === 'question'
          ? top.questions.get(need.questionId)
          : top.areas.get(need.area)) ?? [];
      const better = rows.filter((row) => own === null || row.score > own);
      return { need, own, models: pickRoleModels(better, { limit }) };
    },
  );

  const findings = await listAreaFindings(db, {
    evaluationIds: [...new Set(picked.flatMap((p) => p.models.map((m) => m.evaluationId)))],
    areas: [...new Set(picked.map((p) => p.need.area))],
    kinds: ['strength', 'good-example'],
  });
  const textsOf = (evaluationId: string, area: number, kind: 'strength' | 'good-example') =>
    findings
      .filter((f) => f.evaluationId === evaluationId && f.area === area && f.kind === kind)
      .map((f) => (f.heading ? `${f.heading}: ${f.text}` : f.text));

  return {
    evaluation: {
      id: record.id,
      municipalityCode: record.municipalityCode,
      municipalityName: municipality?.name ?? record.municipalityCode,
      year: record.year,
      editionId: record.editionId,
    },
    needs: picked.map(({ need, own, models }) => {
      const area = edition.areas.find((candidate) => candidate.number === need.area);
      const question =
        need.type === 'question' ? findQuestion(edition, need.questionId) : undefined;
      return {
        need,
        title: question?.question.text ?? area?.name ?? `Område ${need.area}`,
        max: question ? question.question.max : 100,
        own,
        roleModels: models.map((model) => ({
          ...model,
          sameEdition: model.editionId === edition.id,
          strengths: textsOf(model.evaluationId, need.area, 'strength'),
          goodExamples: textsOf(model.evaluationId, need.area, 'good-example'),
        })),
      };
    }),
  };
}
