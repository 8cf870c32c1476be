/**
 * The action plan as CSV for the council: Swedish headers, semicolons between fields and a
 * byte-order mark (what Excel in Swedish expects), dates as sv-SE writes them (2026-03-01),
 * one row per action with its latest progress note. Text that a spreadsheet would run as a
 * formula is defused with a leading apostrophe.
 */
import { ACTION_STATUS_LABEL } from './action-input.ts';
import type { Plan } from './load-plan.ts';

export const PLAN_CSV_HEADER = [
  'Område',
  'Områdesnamn',
  'Förbättringsområde',
  'Åtgärd',
  'Beskrivning',
  'Ansvarig',
  'Startdatum',
  'Slutdatum',
  'Status',
  'Senaste anteckning',
  'Anteckningens datum',
] as const;

function field(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";,\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function planCsv(plan: Plan): string {
  const lines = [PLAN_CSV_HEADER.join(';')];
  for (const area of plan.areas) {
    const actions = [
      ...area.improvements.flatMap((improvement) => improvement.actions),
      ...area.otherActions,
    ];
    for (const action of actions) {
      const last = action.notes.at(-1);
      lines.push(
        [
          area.number,
          area.name,
          action.improvementText,
          action.title,
          action.description,
          action.owner,
          action.startsOn,
          action.dueOn,
          ACTION_STATUS_LABEL[action.status],
          last?.body ?? null,
          last?.notedOn ?? null,
        ]
          .map(field)
          .join(';'),
      );
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
