/**
 * The admin's privacy page: the retention period of interview data, erasure (what has expired,
 * or one evaluation on request), and an export of everything about one person. Shows counts and
 * dates only, never an interviewee's name or notes.
 */
import type { JSX } from 'preact';
import { STATUS_LABEL } from '../../../domain/workflow/index.ts';
import type { InterviewDataOverview } from '../../../use-cases/privacy/list-interview-data.ts';
import type { FieldError } from '../../errors.ts';
import { formatCount, formatDate, formatIsoDate } from '../../format.ts';
import type { PageChrome } from '../../html.ts';
import {
  ErrorSummary,
  FieldErrorMessage,
  errorFor,
  fieldErrorId,
} from '../../views/components.tsx';
import { renderPage } from '../../views/layout.tsx';

export const PRIVACY_PATH = '/admin/personuppgifter';
export const RETENTION_PATH = `${PRIVACY_PATH}/lagringstid`;
export const ERASE_EXPIRED_PATH = `${PRIVACY_PATH}/radera-utgangna`;
export const ERASE_ONE_PATH = `${PRIVACY_PATH}/radera`;
export const PERSON_EXPORT_PATH = `${PRIVACY_PATH}/registerutdrag`;

export type Done = 'lagringstid' | 'utgangna' | 'radera';

export interface PrivacyPageProps {
  overview: InterviewDataOverview;
  csrf: JSX.Element;
  done?: { what: Done; count: number } | undefined;
  errors?: readonly FieldError[];
  /** What was typed, when a form comes back with an error. */
  values?: Partial<Record<'months' | 'email' | 'name' | 'evaluation', string>>;
}

function doneMessage(done: { what: Done; count: number }): string {
  switch (done.what) {
    case 'lagringstid':
      return 'Lagringstiden är sparad.';
    case 'utgangna':
      return done.count === 0
        ? 'Det fanns inga utgångna intervjuuppgifter att radera.'
        : `Intervjuuppgifterna i ${formatCount(done.count, 'utvärdering', 'utvärderingar')} är raderade.`;
    case 'radera':
      return `Namn och anteckningar i ${formatCount(done.count, 'intervju', 'intervjuer')} är raderade. Poäng och iakttagelser finns kvar.`;
  }
}

/** A text or number field with its label, hint and error, described for screen readers. */
function Field(props: {
  id: string;
  label: string;
  hint?: string;
  type: 'text' | 'email';
  value: string;
  errors: readonly FieldError[];
  extra?: Record<string, string | number>;
}) {
  const error = errorFor(props.errors, props.id);
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const described = [hintId, error ? fieldErrorId(props.id) : undefined].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <FieldErrorMessage error={error} />
      <input
        type={props.type}
        id={props.id}
        name={props.id}
        value={props.value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
        {...props.extra}
      />
    </div>
  );
}

function Confirm({ id, errors }: { id: string; errors: readonly FieldError[] }) {
  const error = errorFor(errors, id);
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <FieldErrorMessage error={error} />
      <div>
        <input
          type="checkbox"
          id={id}
          name={id}
          value="ja"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? fieldErrorId(id) : undefined}
        />{' '}
        <label for={id}>
          Jag förstår att namn och anteckningar raderas för gott och inte kan återställas.
        </label>
      </div>
    </div>
  );
}

export function renderPrivacyPage(props: PrivacyPageProps, chrome: PageChrome): string {
  const { overview, csrf, done, errors = [], values = {} } = props;
  const title = 'Personuppgifter i intervjuer';
  const expired = overview.items.filter((item) => item.expired);
  const erasable = overview.items.filter((item) => item.withPersonalData > 0);
  return renderPage({
    ...chrome,
    title,
    children: (
      <>
        <h1>{title}</h1>
        <p>
          Namn på intervjuade och anteckningar från intervjuer är personuppgifter. Här bestämmer du
          hur länge de sparas och raderar dem. Poäng, motiveringar och iakttagelser finns kvar;
          historiken visar att uppgifterna raderades, men inte vad de var.
        </p>
        {done ? (
          <div class="notice" role="status">
            <p>{doneMessage(done)}</p>
          </div>
        ) : null}
        <ErrorSummary errors={errors} />

        <section aria-labelledby="retention-title">
          <h2 id="retention-title">Lagringstid</h2>
          <p>
            {overview.retentionMonths === null
              ? 'Ingen lagringstid är satt: intervjuuppgifter raderas bara när någon begär det.'
              : `Intervjuuppgifter sparas ${formatCount(overview.retentionMonths, 'månad', 'månader')} efter att utvärderingen publicerades.`}
          </p>
          <form method="post" action={RETENTION_PATH}>
            {csrf}
            <Field
              id="months"
              label="Lagringstid i månader efter publicering"
              hint="Ett helt antal månader, 1–600. Lämna tomt för att inte radera automatiskt."
              type="text"
              value={values.months ?? overview.retentionMonths?.toString() ?? ''}
              errors={errors}
              extra={{ inputmode: 'numeric', autocomplete: 'off', size: 6 }}
            />
            <p>
              <button type="submit">Spara lagringstid</button>
            </p>
          </form>
          {overview.cutoff ? (
            <>
              <p>
                {expired.length === 0
                  ? `Inga utvärderingar publicerade före ${formatDate(overview.cutoff)} har kvar namn eller anteckningar.`
                  : `${formatCount(expired.length, 'utvärdering', 'utvärderingar')} publicerade före ${formatDate(overview.cutoff)} har kvar namn eller anteckningar.`}
              </p>
              {expired.length > 0 ? (
                <form method="post" action={ERASE_EXPIRED_PATH}>
                  {csrf}
                  <Confirm id="confirm-expired" errors={errors} />
                  <p>
                    <button type="submit">Radera utgångna intervjuuppgifter</button>
                  </p>
                </form>
              ) : null}
            </>
          ) : null}
        </section>

        <section aria-labelledby="evaluations-title">
          <h2 id="evaluations-title">Utvärderingar med intervjuer</h2>
          {overview.items.length === 0 ? (
            <p>Inga utvärderingar har intervjuer.</p>
          ) : (
            <table class="data-table">
              <caption>Intervjuer per utvärdering (antal, inga namn)</caption>
              <thead>
                <tr>
                  <th scope="col">Utvärdering</th>
                  <th scope="col">Status</th>
                  <th scope="col">Publicerad</th>
                  <th scope="col" class="number">
                    Intervjuer
                  </th>
                  <th scope="col" class="number">
                    Med namn eller anteckningar
                  </th>
                  <th scope="col">Raderade</th>
                </tr>
              </thead>
              <tbody>
                {overview.items.map((item) => (
                  <tr key={item.evaluationId}>
                    <th scope="row">
                      {item.municipalityName} {item.year}
                      {item.current ? '' : ' (ersatt revision)'}
                    </th>
                    <td>{STATUS_LABEL[item.status]}</td>
                    <td>{item.publishedAt ? formatIsoDate(item.publishedAt) : '–'}</td>
                    <td class="number">{item.interviews}</td>
                    <td class="number">
                      {item.withPersonalData}
                      {item.expired ? ' (utgången)' : ''}
                    </td>
                    <td>{item.erasedAt ? formatIsoDate(item.erasedAt) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {erasable.length > 0 ? (
            <form method="post" action={ERASE_ONE_PATH}>
              <h3>Radera för en utvärdering</h3>
              <p>Till exempel när en intervjuad person begär det.</p>
              {csrf}
              <div class={errorFor(errors, 'evaluation') ? 'field field--error' : 'field'}>
                <label for="evaluation">Utvärdering</label>
                <FieldErrorMessage error={errorFor(errors, 'evaluation')} />
                <select
                  id="evaluation"
                  name="evaluation"
                  aria-invalid={errorFor(errors, 'evaluation') ? 'true' : undefined}
                  aria-describedby={
                    errorFor(errors, 'evaluation') ? fieldErrorId('evaluation') : undefined
                  }
                >
                  {erasable.map((item) => (
                    <option
                      key={item.evaluationId}
                      value={item.evaluationId}
                      selected={values.evaluation === item.evaluationId}
                    >
                      {`${item.municipalityName} ${String(item.year)} (${STATUS_LABEL[item.status].toLowerCase()}, ${formatCount(item.withPersonalData, 'intervju', 'intervjuer')})`}
                    </option>
                  ))}
                </select>
              </div>
              <Confirm id="confirm-one" errors={errors} />
              <p>
                <button type="submit">Radera namn och anteckningar</button>
              </p>
            </form>
          ) : null}
        </section>

        <section aria-labelledby="export-title">
          <h2 id="export-title">Registerutdrag</h2>
          <p>
            Allt Kompass har om en person som JSON: kontot (utan lösenord), inloggningar, ändringar
            personen gjort, intervjuer som nämner personen, kommentarer och åtgärder. Utdraget
            loggas i historiken, utan personens namn.
          </p>
          <form method="post" action={PERSON_EXPORT_PATH}>
            {csrf}
            <Field
              id="email"
              label="E-postadress"
              hint="Personens konto hittas på e-postadressen."
              type="email"
              value={values.email ?? ''}
              errors={errors}
              extra={{ autocomplete: 'off' }}
            />
            <Field
              id="name"
              label="Eller namn"
              hint="Exakt namn, stora eller små bokstäver spelar ingen roll."
              type="text"
              value={values.name ?? ''}
              errors={errors}
              extra={{ autocomplete: 'off' }}
            />
            <p>
              <button type="submit">Hämta registerutdrag (JSON)</button>
            </p>
          </form>
        </section>
      </>
    ),
  });
}
