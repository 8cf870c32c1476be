/** The history page: who changed what and when, old → new value, and why. */
import { formatDateTime, formatNumber } from '../../format.ts';

import { renderPage } from '../../views/layout.tsx';
import { STATUS_LABEL } from '../../../domain/workflow/index.ts';
import { evaluationName, type Chrome, type LoadedEvaluation } from '../workflow/load.ts';
import { workflowPath } from '../workflow/views.tsx';
import type { HistoryEntry } from './load.ts';

/** What each recorded action means, in Swedish; unknown actions show as recorded. */
const ACTION_LABEL: Readonly<Record<string, string>> = {
  'evaluation.create': 'Utvärderingen skapades',
  'evaluation.submit': 'Lämnades till granskning',
  'evaluation.publish': 'Publicerades',
  'evaluation.return': 'Skickades tillbaka till utkast',
  'evaluation.correct': 'Rättelse påbörjades',
  'evaluation.create-revision': 'Ny revision (rättelse)',
  'team.add': 'Lades till i teamet',
  'team.remove': 'Togs bort ur teamet',
  'team.role-change': 'Fick en ny roll i teamet',
  'interview.add': 'Intervju lades till',
  'interview.update': 'Intervju ändrades',
  'interview.remove': 'Intervju togs bort',
  'evaluation.share': 'Delningen med kommunen ändrades',
  'score.update': 'Poängsättningen ändrades',
  'evidence.update': 'Underlaget ändrades',
  'text.update': 'En text ändrades',
  'findings.update': 'Styrkor och förbättringsområden ändrades',
  'source.add': 'Ett dokument lades till',
  'website-review.add': 'En webbplatsgranskning lades till',
  'source.update': 'Ett dokument ändrades',
  'source.remove': 'En källa togs bort',
  'website-review.update': 'En webbplatsgranskning ändrades',
  'interview.erase': 'Intervjuernas personuppgifter raderades',
  'comment.add': 'En kommentar skrevs',
  'report.options': 'Rapportens inställningar ändrades',
  'action.create': 'En åtgärd lades till i handlingsplanen',
  'action.update': 'En åtgärd ändrades',
  'action.status': 'En åtgärds status ändrades',
  'action.note': 'En anteckning om framsteg skrevs',
  'self-assessment.create': 'Självvärderingen påbörjades',
  'self-assessment.answer': 'Ett svar ändrades',
  'self-assessment.narrative': 'En temabeskrivning ändrades',
  'self-assessment.key-figures': 'Nyckeltalen ändrades',
  'self-assessment.resolve': 'Ett dubbelkryss löstes',
  'self-assessment.submit': 'Självvärderingen skickades in',
};

/** What part of the evaluation an entry is about: "fråga 2.4", "område 3", or nothing. */
export function subjectOf(entry: Pick<HistoryEntry, 'entityType' | 'entityId'>): string | null {
  const part = entry.entityId.split('/')[1];
  if (part === undefined) return null;
  if (entry.entityType === 'question_score') return `fråga ${part}`;
  if (entry.entityType === 'area') return `område ${part}`;
  return null;
}

const FINDING_LABEL: Readonly<Record<string, string>> = {
  strength: 'Styrka',
  improvement: 'Förbättringsområde',
  'good-example': 'Gott exempel',
};

const FIELD_LABEL: Readonly<Record<string, string>> = {
  status: 'status',
  revision: 'revision',
  supersedes: 'ersätter',
  role: 'roll i teamet',
  points: 'poäng',
  justification: 'motivering',
  evidence: 'underlag',
  findings: 'fynd',
  sharedWithMunicipality: 'delad med kommunen',
};

/** "texts.Rubrik" is the text under a heading. */
function fieldLabel(field: string): string {
  if (field.startsWith('texts.')) return `text: ${field.slice('texts.'.length) || 'utan rubrik'}`;
  return FIELD_LABEL[field] ?? field;
}

const TEAM_ROLE_LABEL: Readonly<Record<string, string>> = { lead: 'ansvarig', member: 'medlem' };

/** A recorded value as text: statuses and team roles in Swedish, numbers with a decimal comma. */
export function formatValue(value: unknown, field: string | null): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'string') {
    if (field === 'status' && value in STATUS_LABEL) {
      return STATUS_LABEL[value as keyof typeof STATUS_LABEL];
    }
    if (field === 'role' && value in TEAM_ROLE_LABEL) return TEAM_ROLE_LABEL[value] ?? value;
    return value;
  }
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'ja' : 'nej';
  if (Array.isArray(value)) {
    if (value.length === 0) return '–';
    return value
      .map((item: unknown) => {
        if (item && typeof item === 'object' && 'text' in item) {
          const { kind, text } = item as { kind?: unknown; text?: unknown };
          const label = typeof kind === 'string' ? (FINDING_LABEL[kind] ?? kind) : '';
          return label ? `${label}: ${String(text)}` : String(text);
        }
        return formatValue(item, null);
      })
      .join('; ');
  }
  return JSON.stringify(value);
}

export function renderHistoryPage(
  loaded: LoadedEvaluation,
  entries: readonly HistoryEntry[],
  options: { mayUseWorkflow: boolean },
  chrome: Chrome,
): string {
  const title = `Historik: ${evaluationName(loaded)}`;
  const revisions = new Set(entries.map((entry) => entry.revision));
  return renderPage({
    ...chrome,
    title,
    children: (
      <>
        <h1>{title}</h1>
        <p>
          Varje ändring av status, poäng, texter och team, med vem som gjorde den och när.
          {revisions.size > 1 ? ' Historiken omfattar alla revisioner.' : ''}
        </p>
        {options.mayUseWorkflow ? (
          <p>
            <a href={workflowPath(loaded.record.id)}>Till arbetsflödet</a>
          </p>
        ) : null}
        {entries.length === 0 ? (
          <p>Inga ändringar är registrerade.</p>
        ) : (
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="history-caption">
            <table>
              <caption id="history-caption">Ändringar, äldst först</caption>
              <thead>
                <tr>
                  <th scope="col">När</th>
                  <th scope="col">Vem</th>
                  <th scope="col">Vad</th>
                  <th scope="col">Fält</th>
                  <th scope="col">Före</th>
                  <th scope="col">Efter</th>
                  <th scope="col">Anledning</th>
                  <th scope="col">Revision</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time>
                    </td>
                    <td>{entry.actor?.displayName ?? 'Systemet'}</td>
                    <td>
                      {ACTION_LABEL[entry.action] ?? entry.action}
                      {subjectOf(entry) ? `, ${subjectOf(entry) ?? ''}` : ''}
                    </td>
                    <td>{entry.field ? fieldLabel(entry.field) : '–'}</td>
                    {entry.withheld ? (
                      <td colSpan={2}>Visas bara för teamet och administratörer</td>
                    ) : (
                      <>
                        <td>{formatValue(entry.oldValue, entry.field)}</td>
                        <td>{formatValue(entry.newValue, entry.field)}</td>
                      </>
                    )}
                    <td>{entry.reason ?? '–'}</td>
                    <td>{entry.revision}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    ),
  });
}
