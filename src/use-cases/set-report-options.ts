/**
 * Stores how an evaluation's report is presented: the average basis of the summary and the
 * municipalities the radar chart and the table compare with (src/report/options.ts).
 *
 * Who: the evaluation's team or an admin (`evaluation.edit`, checked by the caller).
 *
 * A published evaluation's report options may change. They are presentation, not content: the
 * scores, texts and findings stay frozen (a correction is still a new revision), and every change
 * is audited with the old and the new options, so the history shows what the public saw when. A
 * superseded revision is refused: its options would no longer reach any report.
 */
import type { Db } from '../db/client.ts';
import { StorageError } from '../db/errors.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { getEvaluation, listEvaluations } from '../db/repositories/evaluations.ts';
import { getMunicipalities, listLan } from '../db/repositories/municipalities.ts';
import { lockForReportOptions, writeReportOptions } from '../db/repositories/report-options.ts';
import {
  ReportOptionsSchema,
  readStoredReportOptions,
  type ReportOptions,
} from '../report/options.ts';
import { refused, type FieldIssue, type Outcome } from './workspace-outcome.ts';

export interface SetReportOptionsInput {
  actorUserId: string | null;
  evaluationId: string;
  expectedVersion: number;
  options: ReportOptions;
  /**
   * The form field of each comparison and of the län, for the messages (default "compare.<i>"
   * and "average.lanCode").
   */
  fields?: { compare?: readonly string[]; lanCode?: string; form?: string };
}

/** The audit action of a change of report options. */
export const REPORT_OPTIONS_ACTION = 'report.options';

/**
 * @throws StorageError "not-found" (no such evaluation), "conflict" (a superseded revision),
 * "stale-version" (the form was based on an older version)
 * @example
 * const outcome = await setReportOptions(db, { actorUserId, evaluationId, expectedVersion: 3,
 *   options: { average: { kind: 'computed', yearFrom: 2010 }, compare: [
 *     { municipalityCode: '1384', year: 2011 }] } });
 */
export async function setReportOptions(
  db: Db,
  input: SetReportOptionsInput,
): Promise<Outcome<{ version: number; options: ReportOptions }>> {
  const formField = input.fields?.form ?? 'form';
  const parsed = ReportOptionsSchema.safeParse(input.options);
  if (!parsed.success) {
    return refused([{ field: formField, message: 'Rapportvalen är ogiltiga. Ladda om sidan.' }]);
  }
  const options = parsed.data;
  const evaluation = await getEvaluation(db, input.evaluationId);
  if (!evaluation)
    throw new StorageError('not-found', `evaluation ${input.evaluationId} does not exist`);
  if (evaluation.kind === 'self-assessment') {
    return refused([
      {
        field: formField,
        message:
          'En självvärdering har ingen Kommunkompassen-rapport, så den har inga rapportval. ' +
          'Välj en utvärdering med poäng per område.',
      },
    ]);
  }

  const issues: FieldIssue[] = [];
  const average = options.average;
  if (average.kind === 'computed' && average.lanCode !== undefined) {
    const lan = (await listLan(db)).find((candidate) => candidate.code === average.lanCode);
    if (!lan) {
      issues.push({
        field: input.fields?.lanCode ?? 'average.lanCode',
        message: `Det finns inget län med koden ${average.lanCode}. Välj ett län i listan.`,
      });
    }
  }
  const names = new Map(
    (
      await getMunicipalities(
        db,
        options.compare.map((item) => item.municipalityCode),
      )
    ).map((m) => [m.code, m.name]),
  );
  for (const [index, item] of options.compare.entries()) {
    const field = input.fields?.compare?.[index] ?? `compare.${String(index)}`;
    const name = names.get(item.municipalityCode) ?? `kommun ${item.municipalityCode}`;
    if (item.municipalityCode === evaluation.municipalityCode) {
      issues.push({
        field,
        message:
          `${name} är kommunen som utvärderas: dess föregående utvärdering visas redan. ` +
          'Välj en annan kommun.',
      });
      continue;
    }
    const found = (
      await listEvaluations(db, { municipalityCode: item.municipalityCode, status: 'published' })
    ).some((candidate) => candidate.year === item.year && candidate.kind !== 'self-assessment');
    if (!found) {
      issues.push({
        field,
        message:
          `Det finns ingen publicerad utvärdering av ${name} ${String(item.year)}. ` +
          'Välj en publicerad utvärdering i listan.',
      });
    }
  }
  if (issues.length > 0) return refused(issues);

  const version = await db.transaction(async (tx) => {
    const locked = await lockForReportOptions(tx, input.evaluationId, input.expectedVersion);
    const before = readStoredReportOptions(locked.before).options;
    if (JSON.stringify(before) !== JSON.stringify(options)) {
      await writeReportOptions(tx, input.evaluationId, options);
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: REPORT_OPTIONS_ACTION,
        entityType: 'evaluation',
        entityId: input.evaluationId,
        evaluationId: input.evaluationId,
        field: 'reportOptions',
        oldValue: before,
        newValue: options,
      });
    }
    return locked.version;
  });
  return { ok: true, value: { version, options } };
}
