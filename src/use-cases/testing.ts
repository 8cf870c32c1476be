/**
 * Test helpers over the workspace's use cases: a fully scored draft with sources, an interview,
 * texts and findings, built through the same use cases the web calls (so every change is
 * audited). For publish, history and privacy tests.
 *
 * @example
 * const scored = await createScoredEvaluation(database.db);
 * // scored.evaluationId is a draft: every question scored, one strength, one improvement area
 * // and one good example per area; scored.version is its current version.
 */
import type { Db } from '../db/client.ts';
import { addCustomEdition, getEdition } from '../db/repositories/editions.ts';
import { createUser } from '../db/repositories/users.ts';
import { getWorkspaceEvaluation } from '../db/repositories/workspace.ts';
import { testEdition } from '../db/testing.ts';
import type { Edition } from '../domain/framework/index.ts';
import { createWorkspaceEvaluation } from './create-evaluation.ts';
import { recordDocument } from './record-document.ts';
import { recordInterview } from './record-interview.ts';
import { saveAreaFindings } from './save-area-findings.ts';
import { scoreQuestion } from './score-question.ts';

export interface ScoredEvaluationOptions {
  /** The lead evaluator; a new evaluator account is created when absent. */
  leadUserId?: string;
  /** Other team members. */
  memberIds?: readonly string[];
  /** Defaults to "test-2010" (`testEdition`, added when missing): 8 areas × (60 + 40). */
  editionId?: string;
  municipalityCode?: string;
  year?: number;
  /** Points per question id; default: half of each question's max (30 and 20). */
  points?: (question: { id: string; max: number | null }) => number;
  /** Leave these question ids unscored (to test the publish checklist). */
  unscored?: readonly string[];
  /** Leave out the findings of these areas. */
  withoutFindingsIn?: readonly number[];
}

export interface ScoredEvaluation {
  evaluationId: string;
  leadUserId: string;
  version: number;
  edition: Edition;
  sourceId: string;
  interviewId: string;
  /** The exact points given, by question id. */
  points: Record<string, number>;
}

let counter = 0;

export async function createScoredEvaluation(
  db: Db,
  options: ScoredEvaluationOptions = {},
): Promise<ScoredEvaluation> {
  counter += 1;
  const editionId = options.editionId ?? 'test-2010';
  if (!(await getEdition(db, editionId))) await addCustomEdition(db, testEdition(editionId));
  const stored = await getEdition(db, editionId);
  if (!stored) throw new Error(`edition ${editionId} is missing`);
  const edition = stored.definition;
  const leadUserId =
    options.leadUserId ??
    (
      await createUser(
        db,
        {
          email: `lead-${String(counter)}-${String(Date.now())}@example.se`,
          role: 'evaluator',
          municipalityCode: null,
          displayName: `Utvärderare ${String(counter)}`,
          passwordHash: null,
          mustChangePassword: false,
        },
        { actorUserId: null },
      )
    ).id;
  const created = await createWorkspaceEvaluation(db, {
    actorUserId: leadUserId,
    municipalityCode: options.municipalityCode ?? '0486',
    editionId,
    year: options.year ?? 2026,
    fieldworkStartsOn: null,
    fieldworkEndsOn: null,
    memberIds: options.memberIds ?? [],
  });
  if (!created.ok) throw new Error(created.issues.map((i) => i.message).join('; '));
  const evaluationId = created.value.id;
  const source = await recordDocument(db, {
    actorUserId: leadUserId,
    evaluationId,
    kind: 'document',
    title: 'Budget med verksamhetsplan',
    documentType: 'budget',
    datedOn: null,
    url: 'https://example.se/budget.pdf',
    notes: null,
    file: null,
  });
  const interview = await recordInterview(db, {
    actorUserId: leadUserId,
    evaluationId,
    heldOn: '2026-03-02',
    category: 'politiker',
    name: 'Testperson Intervjuad',
    notes: 'Anteckningar från intervjun (personuppgift).',
  });
  const version = async () => {
    const row = await getWorkspaceEvaluation(db, evaluationId);
    if (!row) throw new Error('the evaluation vanished');
    return row.version;
  };
  const points: Record<string, number> = {};
  const unscored = new Set(options.unscored ?? []);
  for (const area of edition.areas) {
    for (const question of area.questions) {
      if (unscored.has(question.id)) continue;
      const given = options.points?.(question) ?? Math.round(((question.max ?? 10) / 2) * 2) / 2;
      const result = await scoreQuestion(db, {
        actorUserId: leadUserId,
        evaluationId,
        expectedVersion: await version(),
        questionId: question.id,
        points: given,
        justification: `Motivering till fråga ${question.id}.`,
        sourceIds: [source.id],
        interviewIds: question.id.endsWith('.1') ? [interview.id] : [],
      });
      if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
      points[question.id] = given;
    }
    if (options.withoutFindingsIn?.includes(area.number)) continue;
    const saved = await saveAreaFindings(db, {
      actorUserId: leadUserId,
      evaluationId,
      expectedVersion: await version(),
      area: area.number,
      texts: (area.headings.length > 0 ? area.headings : ['Beskrivning']).map((heading) => ({
        heading,
        body: `Iakttagelser om ${heading.toLowerCase()} i område ${String(area.number)}.`,
      })),
      findings: [
        {
          key: 'f0',
          kind: 'strength',
          text: `Styrka i område ${String(area.number)}`,
          referenceMunicipalityCode: null,
        },
        {
          key: 'f1',
          kind: 'improvement',
          text: `Förbättringsområde i område ${String(area.number)}`,
          referenceMunicipalityCode: null,
        },
        {
          key: 'f2',
          kind: 'good-example',
          text: `Gott exempel i område ${String(area.number)}`,
          referenceMunicipalityCode: '0180',
        },
      ],
    });
    if (!saved.ok) throw new Error(saved.issues.map((i) => i.message).join('; '));
  }
  return {
    evaluationId,
    leadUserId,
    version: await version(),
    edition,
    sourceId: source.id,
    interviewId: interview.id,
    points,
  };
}
