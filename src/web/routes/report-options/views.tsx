/**
 * The report options page: which average the published report's summary shows and which
 * municipalities its radar chart compares with. A plain form (radio buttons and selects), so it
 * works without JavaScript; each problem is shown next to its field and in the error summary.
 */
import type { JSX } from 'preact';
import type { Lan } from '../../../db/repositories/municipalities.ts';
import type { AverageInput } from '../../../report/model.ts';
import type { FieldError } from '../../errors.ts';
import { formatNumber, genitive } from '../../format.ts';
import {
  ErrorSummary,
  FieldErrorMessage,
  errorFor,
  fieldErrorId,
} from '../../views/components.tsx';
import { renderPage } from '../../views/layout.tsx';
import { evaluationName, type Chrome, type LoadedEvaluation } from '../workflow/load.ts';
import { COMPARE_FIELDS, type ReportOptionsFormValues } from './schema.ts';

/** The report options page of evaluation `id` (GET shows it, POST saves it). */
export const reportOptionsPath = (id: string) => `/utvarderingar/${id}/rapportval`;
/** The report as it will look, for the team: also for a draft. */
export const reportPreviewPath = (id: string) => `/utvarderingar/${id}/rapportval/forhandsvisning`;

/** A published evaluation to pick for the comparison. */
export interface ComparisonChoice {
  /** "1384:2011". */
  value: string;
  /** "Kungsbacka 2011". */
  label: string;
}

/** An average series the evaluation's own report printed. */
export interface PublishedSeries {
  label: string;
  basis: string | null;
  total: number | null;
  source: string;
}

export interface ReportOptionsPageProps {
  loaded: LoadedEvaluation;
  csrf: JSX.Element;
  values: ReportOptionsFormValues;
  /** The version the form is based on. */
  version: number;
  published: readonly PublishedSeries[];
  /** The computed average for the basis shown in the form, or null when none is on it. */
  computed: AverageInput | null;
  /** The form's computed basis could not be evaluated (a bad year): n is not shown. */
  computedUnknown?: boolean;
  lans: readonly Lan[];
  choices: readonly ComparisonChoice[];
  errors?: readonly FieldError[];
  /** Shown at the top: saved, or someone else saved first. */
  notice?: string | undefined;
  /** Where the preview link goes (the public report once published). */
  previewHref: string;
  /** The stored options could not be read and the defaults are shown. */
  storedInvalid?: boolean;
}

const describedBy = (...ids: Array<string | false | undefined>) =>
  ids.filter((id): id is string => typeof id === 'string' && id !== '').join(' ') || undefined;

function YearField(props: {
  name: 'fran' | 'till';
  label: string;
  value: string;
  errors: readonly FieldError[];
}) {
  const error = errorFor(props.errors, props.name);
  const hintId = `${props.name}-hint`;
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={props.name}>{props.label}</label>
      <p class="hint muted" id={hintId}>
        Fyra siffror, till exempel 2010. Tomt betyder alla år.
      </p>
      <FieldErrorMessage error={error} />
      <input
        type="text"
        inputMode="numeric"
        id={props.name}
        name={props.name}
        value={props.value}
        maxLength={4}
        autocomplete="off"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(hintId, error && fieldErrorId(props.name))}
      />
    </div>
  );
}

function describeComputed(props: ReportOptionsPageProps): string {
  if (props.computedUnknown) return 'Rätta åren nedan för att se hur många utvärderingar det blir.';
  const computed = props.computed;
  if (!computed || computed.count === null) {
    return (
      'Med det underlag som står nedan finns inga publicerade utvärderingar enligt samma version ' +
      'av Kommunkompassen (n = 0): rapporten visar då inget medelvärde.'
    );
  }
  const n = computed.count;
  const which = computed.evaluations?.length ? ` (${computed.evaluations.join(', ')})` : '';
  const total = computed.total === null ? '' : `, totalt ${formatNumber(computed.total, 0)} poäng`;
  return (
    `Med det underlag som står nedan${computed.basis ? `, ${computed.basis}` : ''}: n = ` +
    `${formatNumber(n)} ${n === 1 ? 'utvärdering' : 'utvärderingar'}${which}${total}.`
  );
}

export function renderReportOptionsPage(props: ReportOptionsPageProps, chrome: Chrome): string {
  const { loaded, csrf, values, errors = [] } = props;
  const id = loaded.record.id;
  const name = evaluationName(loaded);
  const title = `Rapportval: ${name}`;
  const averageError = errorFor(errors, 'medelvarde');
  const lanError = errorFor(errors, 'lan');
  const formError = errorFor(errors, 'form');
  const series = props.published[0];
  const isPublished = loaded.record.status === 'published';
  return renderPage({
    ...chrome,
    title,
    children: (
      <>
        <h1>{title}</h1>
        {props.notice ? (
          <div class="notice" role="status">
            <p>{props.notice}</p>
          </div>
        ) : null}
        <ErrorSummary errors={errors.filter((error) => error.field !== 'form')} />
        {formError ? (
          <div class="error-summary" role="alert">
            <p>{formError.message}</p>
          </div>
        ) : null}
        <p>
          Här väljer ni hur {isPublished ? 'den publicerade rapporten' : 'rapporten'} jämför{' '}
          {loaded.municipality.name}: vilket medelvärde sammanfattningen visar och vilka andra
          kommuner som ritas in i diagrammet. Valen ändrar inte poäng eller texter.{' '}
          {isPublished
            ? 'Rapporten är publicerad: ändringen syns direkt för alla som läser den och sparas i historiken.'
            : 'De gäller också när utvärderingen publiceras.'}
        </p>
        {props.storedInvalid ? (
          <p class="notice">
            De sparade rapportvalen gick inte att läsa, så standardvalen visas. Spara för att
            ersätta dem.
          </p>
        ) : null}
        <p>
          <a href={props.previewHref}>
            {isPublished ? 'Visa den publicerade rapporten' : 'Förhandsgranska rapporten'}
          </a>
          {' · '}
          <a href={`/utvarderingar/${id}/arbetsflode`}>Arbetsflödet</a>
        </p>

        <form method="post" action={reportOptionsPath(id)} noValidate>
          {csrf}
          <input type="hidden" name="version" value={String(props.version)} />
          <fieldset
            class={averageError ? 'field--error' : undefined}
            aria-describedby={averageError ? fieldErrorId('medelvarde') : undefined}
          >
            <legend>
              <h2>Medelvärde i sammanfattningen</h2>
            </legend>
            <FieldErrorMessage error={averageError} />
            <div class="radio">
              <input
                type="radio"
                id="medelvarde"
                name="medelvarde"
                value="publicerat"
                checked={values.medelvarde === 'publicerat'}
                aria-describedby="medelvarde-publicerat-hint"
              />{' '}
              <label for="medelvarde">Det medelvärde som kommunens rapport publicerade</label>
              <p class="hint muted" id="medelvarde-publicerat-hint">
                {series
                  ? `${series.label}${series.basis ? ` ${series.basis}` : ''}` +
                    (series.total === null
                      ? ''
                      : `, totalt ${formatNumber(series.total, 0)} poäng`) +
                    ` (ur ${series.source}). Rapporten anger inte hur många utvärderingar det bygger på.`
                  : 'Rapporten publicerade inget medelvärde. Då visas ett beräknat medelvärde över ' +
                    'alla år, om det bygger på minst 5 utvärderingar.'}
              </p>
            </div>
            <div class="radio">
              <input
                type="radio"
                id="medelvarde-beraknat"
                name="medelvarde"
                value="beraknat"
                checked={values.medelvarde === 'beraknat'}
                aria-describedby="medelvarde-beraknat-hint"
              />{' '}
              <label for="medelvarde-beraknat">
                Ett medelvärde som Kompass beräknar ur publicerade utvärderingar
              </label>
              <p class="hint muted" id="medelvarde-beraknat-hint">
                Samma version av Kommunkompassen ({loaded.edition.definition.name}), den senaste
                publicerade revisionen av varje utvärdering. {describeComputed(props)}
              </p>
            </div>
            {/* The basis fields in a row that wraps (the stylesheet's flex row with gaps). */}
            <div class="search-form">
              <YearField name="fran" label="Från och med år" value={values.fran} errors={errors} />
              <YearField name="till" label="Till och med år" value={values.till} errors={errors} />
              <div class={lanError ? 'field field--error' : 'field'}>
                <label for="lan">Län</label>
                <FieldErrorMessage error={lanError} />
                <select
                  id="lan"
                  name="lan"
                  aria-invalid={lanError ? 'true' : undefined}
                  aria-describedby={lanError ? fieldErrorId('lan') : undefined}
                >
                  <option value="">Alla län</option>
                  {props.lans.map((lan) => (
                    <option key={lan.code} value={lan.code} selected={lan.code === values.lan}>
                      {lan.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div class="radio">
              <input
                type="radio"
                id="medelvarde-inget"
                name="medelvarde"
                value="inget"
                checked={values.medelvarde === 'inget'}
              />{' '}
              <label for="medelvarde-inget">Inget medelvärde</label>
            </div>
          </fieldset>

          <fieldset aria-describedby="jamfor-hint">
            <legend>
              <h2>Kommuner att jämföra med i diagrammet</h2>
            </legend>
            <p class="hint muted" id="jamfor-hint">
              Diagrammet och tabellen visar alltid {genitive(loaded.municipality.name)} föregående
              utvärdering och medelvärdet. Välj upp till {COMPARE_FIELDS.length} publicerade
              utvärderingar till, till exempel årets Kvalitetskommun.
            </p>
            <div class="search-form">
              {COMPARE_FIELDS.map((field, index) => {
                const error = errorFor(errors, field);
                const value = values.jamfor[index] ?? '';
                const known = props.choices.some((choice) => choice.value === value);
                return (
                  <div class={error ? 'field field--error' : 'field'} key={field}>
                    <label for={field}>Jämförelse {index + 1}</label>
                    <FieldErrorMessage error={error} />
                    <select
                      id={field}
                      name={field}
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? fieldErrorId(field) : undefined}
                    >
                      <option value="">Ingen jämförelse</option>
                      {value !== '' && !known ? (
                        <option value={value} selected>
                          {value} (inte längre publicerad)
                        </option>
                      ) : null}
                      {props.choices.map((choice) => (
                        <option
                          key={choice.value}
                          value={choice.value}
                          selected={choice.value === value}
                        >
                          {choice.label}
                        </option>
                      ))}
                    </select>
                  </div>
                );
              })}
            </div>
          </fieldset>
          <p>
            <button type="submit">Spara rapportvalen</button>
          </p>
        </form>
      </>
    ),
  });
}
