/**
 * A municipality's self-assessment of one year as plain data, for scripts and the council's
 * secretary (`kompass self-assessment show --json`): every answer with its question and theme,
 * the open flags, the narrative per theme and the key-figure series.
 */
import type { Db } from '../../db/client.ts';
import { getEdition } from '../../db/repositories/editions.ts';
import { getMunicipality } from '../../db/repositories/municipalities.ts';
import {
  findSelfAssessment,
  getSelfAssessment,
  isSubmitted,
  type SelfAssessmentRecord,
} from '../../db/repositories/self-assessments.ts';
import type { Edition } from '../../domain/framework/index.ts';
import type { EvaluationStatus } from '../../db/repositories/evaluations.ts';
import { groupKeyFigures, needsResolution, type KeyFigureSeries } from './rules.ts';

export interface SelfAssessmentView {
  id: string;
  municipality: { code: string; name: string };
  year: number;
  edition: string;
  status: EvaluationStatus;
  submitted: boolean;
  source: string;
  answers: Array<{
    question: string;
    theme: number;
    text: string;
    answer: string | null;
    flags: string[];
    needsResolution: boolean;
  }>;
  narratives: Array<{ theme: number; themeName: string; heading: string | null; text: string }>;
  keyFigures: KeyFigureSeries[];
}

export type ShowOutcome =
  | { ok: true; view: SelfAssessmentView }
  | { ok: false; reason: 'unknown-municipality' | 'none'; message: string };

/** The view of self-assessment `id` (undefined for an unknown id). */
export async function selfAssessmentView(
  db: Db,
  id: string,
): Promise<SelfAssessmentView | undefined> {
  const record = await getSelfAssessment(db, id);
  if (!record) return undefined;
  return viewOf(record, (await getEdition(db, record.editionId))?.definition);
}

/** The view of a self-assessment already read, with its edition (pure). */
export function viewOf(
  record: SelfAssessmentRecord,
  edition: Edition | undefined,
): SelfAssessmentView {
  const given = new Map(record.answers.map((answer) => [answer.questionId, answer]));
  const themeName = new Map(edition?.areas.map((area) => [area.number, area.name]) ?? []);
  return {
    id: record.id,
    municipality: { code: record.municipalityCode, name: record.municipalityName },
    year: record.year,
    edition: record.editionId,
    status: record.status,
    submitted: isSubmitted(record.status),
    source: record.source,
    answers: (edition?.areas ?? []).flatMap((area) =>
      area.questions.map((question) => {
        const answer = given.get(question.id);
        return {
          question: question.id,
          theme: area.number,
          text: question.text,
          answer: answer?.answer ?? null,
          flags: answer?.flags ?? [],
          needsResolution: answer ? needsResolution(answer) : false,
        };
      }),
    ),
    narratives: record.texts.map((text) => ({
      theme: text.theme,
      themeName: themeName.get(text.theme) ?? '',
      heading: text.heading,
      text: text.body,
    })),
    keyFigures: groupKeyFigures(record.keyFigures),
  };
}

export async function showSelfAssessment(
  db: Db,
  key: { municipalityCode: string; year: number },
): Promise<ShowOutcome> {
  const municipality = await getMunicipality(db, key.municipalityCode);
  if (!municipality) {
    return {
      ok: false,
      reason: 'unknown-municipality',
      message: `municipality "${key.municipalityCode}" does not exist (give its four-digit kommunkod, e.g. 0181)`,
    };
  }
  const found = await findSelfAssessment(db, key);
  const view = found ? await selfAssessmentView(db, found.id) : undefined;
  if (!view) {
    return {
      ok: false,
      reason: 'none',
      message: `${municipality.name} (${municipality.code}) has no self-assessment for ${String(key.year)}`,
    };
  }
  return { ok: true, view };
}
