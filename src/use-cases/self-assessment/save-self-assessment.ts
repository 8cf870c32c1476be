/**
 * Saves a self-assessment draft: the answers (one step of the scale per question, or none yet),
 * the narrative per theme and the key-figure rows. Bad input changes nothing and comes back as
 * Swedish messages per form field. The form's version is checked (optimistic locking) and each
 * change is audited in the same transaction: one entry per changed answer and narrative, one for
 * the key figures.
 */
import type { Db } from '../../db/client.ts';
import { StorageError } from '../../db/errors.ts';
import { recordAudit, type AuditEntry } from '../../db/repositories/audit.ts';
import { getEdition } from '../../db/repositories/editions.ts';
import {
  getSelfAssessment,
  lockSelfAssessment,
  replaceKeyFigures,
  replaceThemeTexts,
  writeAnswer,
  type KeyFigureInput,
} from '../../db/repositories/self-assessments.ts';
import type { Edition } from '../../domain/framework/index.ts';
import { refused, type FieldIssue, type Outcome } from '../workspace-outcome.ts';
import { readKeyFigureRows, scaleOf, type KeyFigureFormRow } from './rules.ts';

/** Longest narrative per theme, in characters (about ten printed pages). */
export const MAX_NARRATIVE = 30_000;

export interface SaveSelfAssessmentInput {
  actorUserId: string | null;
  evaluationId: string;
  expectedVersion: number;
  /** Question id → the chosen step of the scale; '' or absent: not answered yet. */
  answers: Readonly<Record<string, string>>;
  /** Theme number → narrative ('' clears it). Themes not given are left as they are. */
  narratives: ReadonlyMap<number, string>;
  /** Every key-figure row of the form (blank rows are left out). */
  keyFigures: readonly KeyFigureFormRow[];
}

/** The form field of a question's radio group ("q-8"). */
export const answerField = (questionId: string) => `q-${questionId}`;
/** The form field of a theme's narrative ("theme-2"). */
export const narrativeField = (theme: number) => `theme-${String(theme)}`;

/** Checks the input against the edition; the answers, texts and rows to write, or the issues. */
export function readDraftInput(
  edition: Edition,
  input: Pick<SaveSelfAssessmentInput, 'answers' | 'narratives' | 'keyFigures'>,
):
  | {
      ok: true;
      answers: Map<string, string | null>;
      narratives: Map<number, string>;
      keyFigures: KeyFigureInput[];
    }
  | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const scale = scaleOf(edition);
  const answers = new Map<string, string | null>();
  const known = new Set<string>();
  for (const area of edition.areas) {
    for (const question of area.questions) {
      known.add(question.id);
      const given = (input.answers[question.id] ?? '').trim();
      if (given === '') answers.set(question.id, null);
      else if (scale.includes(given)) answers.set(question.id, given);
      else {
        issues.push({
          field: answerField(question.id),
          message: `Fråga ${question.id}: "${given}" finns inte på skalan. Välj ett av ${scale.join(', ')}.`,
        });
      }
    }
  }
  for (const id of Object.keys(input.answers)) {
    if (!known.has(id)) {
      issues.push({
        field: 'form',
        message: `Fråga ${id} finns inte i enkäten. Ladda om sidan och fyll i igen.`,
      });
    }
  }
  const themes = new Set(edition.areas.map((area) => area.number));
  const narratives = new Map<number, string>();
  for (const [theme, text] of input.narratives) {
    if (!themes.has(theme)) continue;
    const body = text.replace(/\r\n?/g, '\n').trim();
    if (body.length > MAX_NARRATIVE) {
      issues.push({
        field: narrativeField(theme),
        message: `Beskrivningen för tema ${String(theme)} är ${String(body.length)} tecken. Korta den till högst ${String(MAX_NARRATIVE)}.`,
      });
    } else narratives.set(theme, body);
  }
  const keyFigures = readKeyFigureRows(input.keyFigures, themes);
  issues.push(...keyFigures.issues);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, answers, narratives, keyFigures: keyFigures.rows };
}

const keyFigureKey = (rows: readonly KeyFigureInput[]) =>
  JSON.stringify(
    rows.map((row) => [row.seriesName, row.unit, row.year, row.target, row.result, row.theme]),
  );

export async function saveSelfAssessmentDraft(
  db: Db,
  input: SaveSelfAssessmentInput,
): Promise<Outcome<{ version: number }>> {
  const before = await getSelfAssessment(db, input.evaluationId);
  if (!before) throw new StorageError('not-found', `self-assessment ${input.evaluationId}`);
  const edition = await getEdition(db, before.editionId);
  if (!edition) throw new StorageError('not-found', `edition ${before.editionId}`);
  const read = readDraftInput(edition.definition, input);
  if (!read.ok) return refused(read.issues);

  const version = await db.transaction(async (tx) => {
    const locked = await lockSelfAssessment(tx, input.evaluationId, input.expectedVersion, 'draft');
    // Read again under the lock: what changed is measured against what is stored now.
    const current = await getSelfAssessment(tx, input.evaluationId);
    if (!current) throw new StorageError('not-found', `self-assessment ${input.evaluationId}`);
    const base = {
      actorUserId: input.actorUserId,
      evaluationId: input.evaluationId,
    };
    const entries: AuditEntry[] = [];
    const oldAnswers = new Map(current.answers.map((answer) => [answer.questionId, answer]));
    for (const [questionId, answer] of read.answers) {
      const old = oldAnswers.get(questionId);
      if ((old?.answer ?? null) === answer) continue;
      await writeAnswer(tx, input.evaluationId, { questionId, answer, flags: old?.flags ?? [] });
      entries.push({
        ...base,
        action: 'self-assessment.answer',
        entityType: 'question_score',
        entityId: `${input.evaluationId}/${questionId}`,
        field: 'answer',
        oldValue: old?.answer ?? null,
        newValue: answer,
      });
    }
    const changedTexts = new Map<number, string>();
    for (const [theme, body] of read.narratives) {
      const old = current.texts
        .filter((text) => text.theme === theme)
        .map((text) => text.body)
        .join('\n\n');
      if (old === body) continue;
      changedTexts.set(theme, body);
      entries.push({
        ...base,
        action: 'self-assessment.narrative',
        entityType: 'area_text',
        entityId: `${input.evaluationId}/${String(theme)}`,
        field: 'body',
        oldValue: old === '' ? null : old,
        newValue: body === '' ? null : body,
      });
    }
    await replaceThemeTexts(tx, input.evaluationId, changedTexts);
    if (keyFigureKey(current.keyFigures) !== keyFigureKey(read.keyFigures)) {
      await replaceKeyFigures(tx, input.evaluationId, read.keyFigures);
      entries.push({
        ...base,
        action: 'self-assessment.key-figures',
        entityType: 'evaluation',
        entityId: input.evaluationId,
        field: 'key_figures',
        oldValue: current.keyFigures.map(({ position: _position, ...row }) => row),
        newValue: read.keyFigures,
      });
    }
    await recordAudit(tx, entries);
    return locked.version;
  });
  return { ok: true, value: { version } };
}
