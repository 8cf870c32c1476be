/**
 * The overdue actions: due before `today` and still planned or ongoing, for one municipality or
 * (admins, evaluators) every one, with the municipality's name and the evaluation's year.
 */
import type { Db } from '../../db/client.ts';
import { listActions, type Action } from '../../db/repositories/actions.ts';
import { listEvaluations } from '../../db/repositories/evaluations.ts';
import { listMunicipalities } from '../../db/repositories/municipalities.ts';

export interface OverdueAction extends Action {
  municipalityName: string;
  evaluationYear: number | null;
  /** Whole days past the due date. */
  daysOverdue: number;
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

export async function listOverdueActions(
  db: Db,
  options: { today: string; municipalityCode?: string },
): Promise<OverdueAction[]> {
  const actions = await listActions(db, {
    overdueOn: options.today,
    ...(options.municipalityCode ? { municipalityCode: options.municipalityCode } : {}),
  });
  if (actions.length === 0) return [];
  const names = new Map((await listMunicipalities(db)).map((m) => [m.code, m.name]));
  const years = new Map(
    (await listEvaluations(db, { includeSuperseded: true })).map((e) => [e.id, e.year]),
  );
  return actions.map((action) => ({
    ...action,
    municipalityName: names.get(action.municipalityCode) ?? action.municipalityCode,
    evaluationYear: years.get(action.evaluationId) ?? null,
    daysOverdue: action.dueOn ? Math.round(dayNumber(options.today) - dayNumber(action.dueOn)) : 0,
  }));
}
