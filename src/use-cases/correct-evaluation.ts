/**
 * A correction of a published evaluation. A published evaluation is frozen: the correction is a
 * new revision (revision n+1, `supersedes_id` the published one) that starts as a draft copy of
 * it, with the same team. The published revision stays readable; once the correction is
 * published, the public pages point from the old revision to the new one.
 */
import type { Db } from '../db/client.ts';
import { StorageError } from '../db/errors.ts';
import { assignToEvaluation, listTeam } from '../db/repositories/assignments.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import {
  getEvaluation,
  replaceEvaluation,
  type EvaluationRecord,
  type NewEvaluation,
} from '../db/repositories/evaluations.ts';
import { canStartCorrection } from '../domain/workflow/index.ts';

export interface CorrectionCommand {
  /** The published evaluation to correct. */
  evaluationId: string;
  expectedVersion: number;
  actorUserId: string | null;
  /** Why it is corrected; required, shown on the history page. */
  reason: string;
}

export type CorrectionOutcome =
  | { ok: true; evaluation: EvaluationRecord }
  | { ok: false; reason: 'not-published' | 'reason-missing'; message: string };

/** The published record as the input of its correction: everything copied, as a draft. */
function draftCopy(record: EvaluationRecord): NewEvaluation {
  return {
    municipalityCode: record.municipalityCode,
    year: record.year,
    month: record.month,
    editionId: record.editionId,
    kind: record.kind,
    status: 'draft',
    source: record.source,
    sourceHash: record.sourceHash,
    totalPrinted: record.totalPrinted,
    facts: record.facts,
    publishedAt: null,
    areas: record.areas,
    questions: record.questions,
    findings: record.findings,
    texts: record.texts,
  };
}

/**
 * Starts a correction of a published evaluation: a new draft revision copying it, the team
 * carried over, and an audit entry with the reason, in one transaction.
 *
 * @example
 * const outcome = await correctEvaluation(db, { evaluationId, expectedVersion, actorUserId,
 *   reason: 'Fel poäng på fråga 2.4' });
 */
export async function correctEvaluation(
  db: Db,
  command: CorrectionCommand,
): Promise<CorrectionOutcome> {
  const reason = command.reason.trim();
  if (reason === '') {
    return {
      ok: false,
      reason: 'reason-missing',
      message: 'Skriv varför utvärderingen rättas.',
    };
  }
  return db.transaction(async (tx) => {
    const published = await getEvaluation(tx, command.evaluationId);
    if (!published) {
      throw new StorageError('not-found', `evaluation ${command.evaluationId} does not exist`);
    }
    if (!canStartCorrection(published)) {
      return {
        ok: false,
        reason: 'not-published',
        message:
          'Bara den gällande publicerade versionen kan rättas. Ett utkast ändras direkt i arbetsytan.',
      };
    }
    const correction = await replaceEvaluation(tx, command.evaluationId, draftCopy(published), {
      expectedVersion: command.expectedVersion,
    });
    for (const member of await listTeam(tx, command.evaluationId)) {
      await assignToEvaluation(tx, {
        evaluationId: correction.id,
        userId: member.userId,
        role: member.teamRole,
        actorUserId: command.actorUserId,
      });
    }
    await recordAudit(tx, [
      {
        actorUserId: command.actorUserId,
        action: 'evaluation.correct',
        entityType: 'evaluation',
        entityId: command.evaluationId,
        evaluationId: command.evaluationId,
        field: 'revision',
        oldValue: published.revision,
        newValue: correction.revision,
        reason,
      },
      {
        actorUserId: command.actorUserId,
        action: 'evaluation.create-revision',
        entityType: 'evaluation',
        entityId: correction.id,
        evaluationId: correction.id,
        field: 'supersedes',
        oldValue: command.evaluationId,
        newValue: correction.id,
        reason,
      },
    ]);
    return { ok: true, evaluation: correction };
  });
}
