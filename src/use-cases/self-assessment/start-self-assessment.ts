/**
 * Starts a self-assessment: a new draft of the Kvalitetskommun questionnaire for one municipality
 * and year (a new round is a new self-assessment, so a year that has one already is refused).
 */
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import { listEditions } from '../../db/repositories/editions.ts';
import { createEvaluation } from '../../db/repositories/evaluations.ts';
import { getMunicipality } from '../../db/repositories/municipalities.ts';
import { findSelfAssessment } from '../../db/repositories/self-assessments.ts';
import { refused, type Outcome } from '../workspace-outcome.ts';
import { selfAssessmentEditionFor } from './rules.ts';

/** How self-assessments filled in through Kompass are marked in `evaluations.source`. */
export const SELF_ASSESSMENT_SOURCE = 'manual';

export interface StartSelfAssessmentInput {
  /** Null for the command line and the system. */
  actorUserId: string | null;
  municipalityCode: string;
  year: number;
}

export async function startSelfAssessment(
  db: Db,
  input: StartSelfAssessmentInput,
): Promise<Outcome<{ id: string; editionId: string }>> {
  const municipality = await getMunicipality(db, input.municipalityCode);
  if (!municipality) {
    return refused([
      {
        field: 'municipalityCode',
        message: 'Välj en kommun i listan.',
      },
    ]);
  }
  if (!Number.isInteger(input.year) || input.year < 1990 || input.year > 2100) {
    return refused([
      {
        field: 'year',
        message: 'Skriv året med fyra siffror mellan 1990 och 2100, till exempel 2025.',
      },
    ]);
  }
  const edition = selfAssessmentEditionFor(
    (await listEditions(db)).map((stored) => stored.definition),
    input.year,
  );
  if (!edition) {
    return refused([
      {
        field: 'year',
        message: `Det finns ingen självvärderingsenkät för ${String(input.year)}. Välj ett senare år.`,
      },
    ]);
  }
  const existing = await findSelfAssessment(db, {
    municipalityCode: municipality.code,
    year: input.year,
  });
  if (existing) {
    return refused([
      {
        field: 'year',
        message: `${municipality.name} har redan en självvärdering för ${String(input.year)}. Öppna den i listan, eller välj ett annat år för en ny omgång.`,
      },
    ]);
  }
  const created = await db.transaction(async (tx) => {
    const record = await createEvaluation(tx, {
      municipalityCode: municipality.code,
      year: input.year,
      editionId: edition.id,
      kind: 'self-assessment',
      status: 'draft',
      source: SELF_ASSESSMENT_SOURCE,
    });
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'self-assessment.create',
      entityType: 'evaluation',
      entityId: record.id,
      evaluationId: record.id,
      newValue: { municipalityCode: municipality.code, year: input.year, editionId: edition.id },
    });
    return record;
  });
  return { ok: true, value: { id: created.id, editionId: edition.id } };
}
