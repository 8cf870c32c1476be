/**
 * The action plan pages: the plan of a published evaluation (improvement areas with their
 * actions, and the form for a new action), one action (its fields, status and progress notes),
 * the overdue list and the follow-up of an evaluation. Plain forms that work without JavaScript.
 */
import type { ComponentChildren } from 'preact';
import type { ActionStatus } from '../../../db/repositories/actions.ts';
import { ACTION_STATUSES } from '../../../db/schema.ts';
import { ACTION_STATUS_LABEL } from '../../../use-cases/plans/action-input.ts';
import type { OverdueAction } from '../../../use-cases/plans/list-overdue-actions.ts';
import type { FollowUp } from '../../../use-cases/plans/load-follow-up.ts';
import type { Plan, PlannedAction } from '../../../use-cases/plans/load-plan.ts';
import type { FieldError } from '../../errors.ts';
import { formatMonthYear, formatNumber } from '../../format.ts';
import type { PageChrome } from '../../html.ts';
import { ErrorSummary } from '../../views/components.tsx';
import { renderPage } from '../../views/layout.tsx';
import { Field } from './form.tsx';

export const planPath = (evaluationId: string) => `/utvarderingar/${evaluationId}/atgardsplan`;
export const actionPath = (actionId: string) => `/atgarder/${actionId}`;
export const followUpPath = (evaluationId: string) => `/utvarderingar/${evaluationId}/uppfoljning`;
export const OVERDUE_PATH = '/atgarder/forsenade';

export interface PageContext {
  chrome: PageChrome;
  csrf: ComponentChildren;
}

export interface ActionFormValues {
  findingId: string;
  title: string;
  description: string;
  owner: string;
  startsOn: string;
  dueOn: string;
  status: string;
}

export const EMPTY_ACTION: ActionFormValues = {
  findingId: '',
  title: '',
  description: '',
  owner: '',
  startsOn: '',
  dueOn: '',
  status: 'planned',
};

const dateText = (iso: string | null) => (iso ? <time datetime={iso}>{iso}</time> : '–');

function StatusText({ status }: { status: ActionStatus }) {
  return <span class={`status status--${status}`}>{ACTION_STATUS_LABEL[status]}</span>;
}

function ActionTable({ actions, caption }: { actions: readonly PlannedAction[]; caption: string }) {
  return (
    <table class="data-table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Åtgärd</th>
          <th scope="col">Ansvarig</th>
          <th scope="col">Start</th>
          <th scope="col">Klar senast</th>
          <th scope="col">Status</th>
          <th scope="col">Senaste anteckning</th>
        </tr>
      </thead>
      <tbody>
        {actions.map((action) => {
          const last = action.notes.at(-1);
          return (
            <tr key={action.id}>
              <td>
                <a href={actionPath(action.id)}>{action.title}</a>
              </td>
              <td>{action.owner}</td>
              <td>{dateText(action.startsOn)}</td>
              <td>{dateText(action.dueOn)}</td>
              <td>
                <StatusText status={action.status} />
              </td>
              <td>{last ? `${last.notedOn}: ${last.body}` : '–'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The fields of an action (new or existing). */
function ActionFields({
  values,
  errors,
}: {
  values: ActionFormValues;
  errors: readonly FieldError[];
}) {
  return (
    <>
      <Field name="title" label="Åtgärd (vad ska göras)" errors={errors}>
        {(attrs) => <input {...attrs} type="text" value={values.title} maxLength={300} required />}
      </Field>
      <Field name="description" label="Beskrivning (frivillig)" errors={errors}>
        {(attrs) => (
          <textarea {...attrs} rows={3}>
            {values.description}
          </textarea>
        )}
      </Field>
      <Field
        name="owner"
        label="Ansvarig"
        hint="En person eller en enhet, till exempel Kommunledningskontoret."
        errors={errors}
      >
        {(attrs) => <input {...attrs} type="text" value={values.owner} maxLength={200} required />}
      </Field>
      <Field name="startsOn" label="Startdatum" hint="ÅÅÅÅ-MM-DD" errors={errors}>
        {(attrs) => <input {...attrs} type="date" value={values.startsOn} />}
      </Field>
      <Field name="dueOn" label="Klart senast" hint="ÅÅÅÅ-MM-DD" errors={errors}>
        {(attrs) => <input {...attrs} type="date" value={values.dueOn} />}
      </Field>
      <Field name="status" label="Status" errors={errors}>
        {(attrs) => (
          <select {...attrs}>
            {ACTION_STATUSES.map((status) => (
              <option value={status} selected={values.status === status} key={status}>
                {ACTION_STATUS_LABEL[status]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

export function renderPlanPage(
  context: PageContext,
  plan: Plan,
  options: {
    mayEdit: boolean;
    form: { values: ActionFormValues; errors: readonly FieldError[] };
  },
): string {
  const { evaluation, municipality } = plan;
  const title = `Åtgärdsplan: ${municipality.name} ${formatMonthYear(evaluation.year, evaluation.month)}`;
  const improvements = plan.areas.flatMap((area) =>
    area.improvements.map((item) => ({ area, finding: item.finding })),
  );
  const { values, errors } = options.form;
  return renderPage({
    ...context.chrome,
    title,
    children: (
      <>
        <p class="breadcrumb">
          <a href={`/kommuner/${municipality.code}`}>{municipality.name}</a> /{' '}
          <a href={`/utvarderingar/${evaluation.id}`}>Utvärderingen {evaluation.year}</a>
        </p>
        <h1>{title}</h1>
        <p class="lead">
          Kommunens åtgärder för utvärderingens förbättringsområden ({plan.editionName}). Planen är
          inte offentlig: den visas för kommunens användare, utvärderare och administratörer.
        </p>
        <p>
          <a href={`${planPath(evaluation.id)}.csv`}>
            Ladda ner planen som CSV (för nämnd och fullmäktige)
          </a>{' '}
          · <a href={OVERDUE_PATH}>Försenade åtgärder</a> ·{' '}
          <a href={followUpPath(evaluation.id)}>Uppföljning</a>
        </p>
        <p>
          {formatNumber(plan.actionCount)} {plan.actionCount === 1 ? 'åtgärd' : 'åtgärder'} för{' '}
          {formatNumber(improvements.length)} förbättringsområden.
        </p>
        {plan.areas.map((area) => {
          const headingId = `omrade-${String(area.number)}`;
          if (area.improvements.length === 0 && area.otherActions.length === 0) return null;
          return (
            <section aria-labelledby={headingId} key={area.number}>
              <h2 id={headingId}>
                {area.number}. {area.name}
              </h2>
              {area.improvements.map(({ finding, actions }) => (
                <div class="improvement" key={finding.id}>
                  <h3>{finding.text}</h3>
                  {actions.length === 0 ? (
                    <p class="muted">Inga åtgärder ännu.</p>
                  ) : (
                    <ActionTable actions={actions} caption={`Åtgärder för: ${finding.text}`} />
                  )}
                  {options.mayEdit ? (
                    <p>
                      <a href={`${planPath(evaluation.id)}?forbattring=${finding.id}#ny-atgard`}>
                        Lägg till en åtgärd för det här förbättringsområdet
                      </a>
                    </p>
                  ) : null}
                </div>
              ))}
              {area.otherActions.length > 0 ? (
                <>
                  <h3>Åtgärder från en tidigare version av utvärderingen</h3>
                  <ActionTable actions={area.otherActions} caption="Tidigare åtgärder" />
                </>
              ) : null}
            </section>
          );
        })}
        {options.mayEdit && improvements.length > 0 ? (
          <section aria-labelledby="ny-atgard-rubrik" id="ny-atgard">
            <h2 id="ny-atgard-rubrik">Ny åtgärd</h2>
            <ErrorSummary errors={errors} />
            <form method="post" action={planPath(evaluation.id)} novalidate>
              {context.csrf}
              <Field name="findingId" label="Förbättringsområde" errors={errors}>
                {(attrs) => (
                  <select {...attrs} required>
                    <option value="">Välj förbättringsområde</option>
                    {improvements.map(({ area, finding }) => (
                      <option
                        value={finding.id}
                        selected={values.findingId === finding.id}
                        key={finding.id}
                      >
                        {`${String(area.number)}. ${finding.text}`}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <ActionFields values={values} errors={errors} />
              <button type="submit">Lägg till åtgärden</button>
            </form>
          </section>
        ) : null}
      </>
    ),
  });
}

export interface NoteFormValues {
  notedOn: string;
  body: string;
}

export function renderActionPage(
  context: PageContext,
  data: {
    action: PlannedAction;
    municipalityName: string;
    evaluationYear: number;
    areaName: string;
    mayEdit: boolean;
  },
  forms: {
    edit: { values: ActionFormValues; errors: readonly FieldError[]; stale?: boolean };
    note: { values: NoteFormValues; errors: readonly FieldError[] };
  },
): string {
  const { action } = data;
  const errors = [...forms.edit.errors, ...forms.note.errors];
  return renderPage({
    ...context.chrome,
    title: `Åtgärd: ${action.title}`,
    children: (
      <>
        <p class="breadcrumb">
          <a href={`/kommuner/${action.municipalityCode}`}>{data.municipalityName}</a> /{' '}
          <a href={planPath(action.evaluationId)}>Åtgärdsplan {data.evaluationYear}</a>
        </p>
        <h1>Åtgärd: {action.title}</h1>
        <ErrorSummary errors={errors} />
        {forms.edit.stale ? (
          <p class="notice" role="status">
            Någon annan har ändrat åtgärden sedan du öppnade sidan. Formuläret visar dina ändringar;
            kontrollera dem mot uppgifterna nedan och spara igen.
          </p>
        ) : null}
        <dl class="facts">
          <div>
            <dt>Förbättringsområde</dt>
            <dd>
              {data.areaName}: {action.improvementText}
            </dd>
          </div>
          <div>
            <dt>Ansvarig</dt>
            <dd>{action.owner}</dd>
          </div>
          <div>
            <dt>Period</dt>
            <dd>
              {dateText(action.startsOn)} – {dateText(action.dueOn)}
            </dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              <StatusText status={action.status} />
            </dd>
          </div>
          {action.description ? (
            <div>
              <dt>Beskrivning</dt>
              <dd>{action.description}</dd>
            </div>
          ) : null}
        </dl>
        <section aria-labelledby="anteckningar">
          <h2 id="anteckningar">Hur det går</h2>
          {action.notes.length === 0 ? (
            <p class="muted">Inga anteckningar ännu.</p>
          ) : (
            <ol class="notes">
              {action.notes.map((note) => (
                <li key={note.id}>
                  <time datetime={note.notedOn}>{note.notedOn}</time>
                  {note.author ? ` (${note.author})` : ''}: {note.body}
                </li>
              ))}
            </ol>
          )}
          {data.mayEdit ? (
            <form method="post" action={`${actionPath(action.id)}/anteckningar`} novalidate>
              {context.csrf}
              <Field name="notedOn" label="Datum" hint="ÅÅÅÅ-MM-DD" errors={forms.note.errors}>
                {(attrs) => (
                  <input {...attrs} type="date" value={forms.note.values.notedOn} required />
                )}
              </Field>
              <Field name="body" label="Anteckning" errors={forms.note.errors}>
                {(attrs) => (
                  <textarea {...attrs} rows={3} required>
                    {forms.note.values.body}
                  </textarea>
                )}
              </Field>
              <button type="submit">Spara anteckningen</button>
            </form>
          ) : null}
        </section>
        {data.mayEdit ? (
          <section aria-labelledby="andra">
            <h2 id="andra">Ändra åtgärden</h2>
            <form method="post" action={actionPath(action.id)} novalidate>
              {context.csrf}
              <input type="hidden" name="version" value={String(action.version)} />
              <ActionFields values={forms.edit.values} errors={forms.edit.errors} />
              <button type="submit">Spara ändringarna</button>
            </form>
          </section>
        ) : null}
      </>
    ),
  });
}

export function renderOverduePage(
  context: PageContext,
  data: { today: string; actions: readonly OverdueAction[]; scope: string },
): string {
  return renderPage({
    ...context.chrome,
    title: 'Försenade åtgärder',
    children: (
      <>
        <h1>Försenade åtgärder</h1>
        <p class="lead">
          Åtgärder {data.scope} vars slutdatum har passerat ({data.today}) och som fortfarande är
          planerade eller pågår.
        </p>
        {data.actions.length === 0 ? (
          <p>Inga åtgärder är försenade.</p>
        ) : (
          <table class="data-table">
            <caption class="visually-hidden">Försenade åtgärder</caption>
            <thead>
              <tr>
                <th scope="col">Kommun</th>
                <th scope="col">Åtgärd</th>
                <th scope="col">Ansvarig</th>
                <th scope="col">Klar senast</th>
                <th scope="col" class="number">
                  Dagar sen
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {data.actions.map((action) => (
                <tr key={action.id}>
                  <td>{action.municipalityName}</td>
                  <td>
                    <a href={actionPath(action.id)}>{action.title}</a>
                  </td>
                  <td>{action.owner}</td>
                  <td>{dateText(action.dueOn)}</td>
                  <td class="number">{formatNumber(action.daysOverdue)}</td>
                  <td>
                    <StatusText status={action.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    ),
  });
}

const signed = (value: number | null) =>
  value === null
    ? '–'
    : `${value > 0 ? '+' : value < 0 ? '−' : '±'}${formatNumber(Math.abs(value))}`;

export function renderFollowUpPage(
  context: PageContext,
  followUp: FollowUp,
  options: { showsActions: boolean; planLink: boolean },
): string {
  const { evaluation, municipality, previous } = followUp;
  const title = `Uppföljning: ${municipality.name} ${formatMonthYear(evaluation.year, evaluation.month)}`;
  return renderPage({
    ...context.chrome,
    title,
    children: (
      <>
        <p class="breadcrumb">
          <a href={`/kommuner/${municipality.code}`}>{municipality.name}</a> /{' '}
          <a href={`/utvarderingar/${evaluation.id}`}>Utvärderingen {evaluation.year}</a>
        </p>
        <h1>{title}</h1>
        {previous ? (
          <p class="lead">
            Förändringen per område sedan utvärderingen {previous.year} ({previous.editionName}).
            {previous.editionId !== evaluation.editionId
              ? ' Utgåvorna skiljer sig åt, så frågorna bakom ett område kan ha ändrats.'
              : ''}
          </p>
        ) : (
          <p class="lead">
            Det här är kommunens första publicerade utvärdering, så det finns ingen tidigare att
            jämföra med.
          </p>
        )}
        <table class="data-table">
          <caption>Poäng per område</caption>
          <thead>
            <tr>
              <th scope="col">Område</th>
              <th scope="col" class="number">
                {previous ? `Poäng ${String(previous.year)}` : 'Tidigare'}
              </th>
              <th scope="col" class="number">
                Poäng {evaluation.year}
              </th>
              <th scope="col" class="number">
                Förändring
              </th>
              {options.showsActions ? (
                <th scope="col">Åtgärder efter förra utvärderingen</th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {followUp.areas.map((area) => (
              <tr key={area.number}>
                <th scope="row">
                  {area.number}. {area.name}
                  {area.previousName ? (
                    <span class="muted"> (tidigare: {area.previousName})</span>
                  ) : null}
                </th>
                <td class="number">{formatNumber(area.previousScore)}</td>
                <td class="number">{formatNumber(area.score)}</td>
                <td class="number">{signed(area.change)}</td>
                {options.showsActions ? (
                  <td>
                    {area.actions.length === 0 ? (
                      '–'
                    ) : (
                      <ul class="plain-list">
                        {area.actions.map((action) => (
                          <li key={action.id}>
                            <a href={actionPath(action.id)}>{action.title}</a>:{' '}
                            <StatusText status={action.status} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {options.planLink ? (
          <p>
            <a href={planPath(evaluation.id)}>Åtgärdsplan för den här utvärderingen</a>
          </p>
        ) : null}
      </>
    ),
  });
}
