/**
 * The rules for an action's fields, as the form sends them (strings): what each must be and the
 * Swedish message shown next to the field when it is not. One place for the web and tests.
 */
import { ACTION_STATUSES } from '../../db/schema.ts';
import type { ActionFields, ActionStatus } from '../../db/repositories/actions.ts';
import type { FieldIssue } from '../workspace-outcome.ts';

export interface ActionFieldsInput {
  title: string;
  description: string;
  owner: string;
  startsOn: string;
  dueOn: string;
  status: string;
}

export const ACTION_STATUS_LABEL: Record<ActionStatus, string> = {
  planned: 'Planerad',
  ongoing: 'Pågår',
  done: 'Klar',
  dropped: 'Avbruten',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const isStatus = (value: string): value is ActionStatus =>
  (ACTION_STATUSES as readonly string[]).includes(value);

/** The fields, or the problems with them (every one found, in form order). */
export function validateActionFields(
  input: ActionFieldsInput,
): { ok: true; fields: ActionFields } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const title = input.title.trim();
  const owner = input.owner.trim();
  const description = input.description.trim();
  const startsOn = input.startsOn.trim();
  const dueOn = input.dueOn.trim();
  const status = input.status.trim() || 'planned';
  if (title === '') {
    issues.push({ field: 'title', message: 'Skriv vad åtgärden är (en kort rubrik).' });
  } else if (title.length > 300) {
    issues.push({ field: 'title', message: 'Rubriken får vara högst 300 tecken. Korta den.' });
  }
  if (description.length > 4000) {
    issues.push({
      field: 'description',
      message: 'Beskrivningen får vara högst 4 000 tecken. Korta den.',
    });
  }
  if (owner === '') {
    issues.push({
      field: 'owner',
      message:
        'Skriv vem som ansvarar: en person eller en enhet, till exempel Kommunledningskontoret.',
    });
  } else if (owner.length > 200) {
    issues.push({ field: 'owner', message: 'Ansvarig får vara högst 200 tecken.' });
  }
  if (startsOn !== '' && !isIsoDate(startsOn)) {
    issues.push({
      field: 'startsOn',
      message: 'Skriv startdatumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-01.',
    });
  }
  if (dueOn !== '' && !isIsoDate(dueOn)) {
    issues.push({
      field: 'dueOn',
      message: 'Skriv slutdatumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-31.',
    });
  } else if (dueOn !== '' && isIsoDate(startsOn) && dueOn < startsOn) {
    issues.push({
      field: 'dueOn',
      message: `Slutdatumet ligger före startdatumet (${startsOn}). Välj ett slutdatum samma dag eller senare.`,
    });
  }
  if (!isStatus(status)) {
    issues.push({
      field: 'status',
      message: 'Välj en status: planerad, pågår, klar eller avbruten.',
    });
  }
  if (issues.length > 0 || !isStatus(status)) return { ok: false, issues };
  return {
    ok: true,
    fields: {
      title,
      description,
      owner,
      startsOn: startsOn === '' ? null : startsOn,
      dueOn: dueOn === '' ? null : dueOn,
      status,
    },
  };
}
