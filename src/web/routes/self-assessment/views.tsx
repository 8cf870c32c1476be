/**
 * The self-assessment pages: the list with the form to start one, the questionnaire (a form while
 * it is a draft, a read view once submitted, with the open answers of an imported application to
 * resolve), and the printable view. Server-rendered, in Swedish, working without JavaScript.
 */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { SelfAssessmentSummary } from '../../../db/repositories/self-assessments.ts';
import type { EvaluationStatus } from '../../../db/repositories/evaluations.ts';
import type { Edition } from '../../../domain/framework/index.ts';
import type { MissingAnswer, KeyFigureFormRow } from '../../../use-cases/self-assessment/rules.ts';
import { tickedOptions } from '../../../use-cases/self-assessment/rules.ts';
import type { SelfAssessmentView } from '../../../use-cases/self-assessment/show-self-assessment.ts';
import type { FieldError } from '../../errors.ts';
import { MISSING, formatCount, formatDate, formatNumber } from '../../format.ts';
import type { PageChrome } from '../../html.ts';
import { STYLESHEET_HREF } from '../../static.ts';
import {
  ErrorSummary,
  FieldErrorMessage,
  errorFor,
  fieldErrorId,
} from '../../views/components.tsx';
import { renderPage } from '../../views/layout.tsx';

export const SELF_ASSESSMENT_PATH = '/sjalvvardering';
export const PRINT_STYLESHEET_PATH = '/static/sjalvvardering.css';

export const selfAssessmentPath = (id: string) => `${SELF_ASSESSMENT_PATH}/${id}`;

/** The status as the municipality reads it: a draft, or submitted ("inskickad"). */
export const SELF_ASSESSMENT_STATUS_LABEL: Record<EvaluationStatus, string> = {
  draft: 'Utkast',
  review: 'Inskickad',
  published: 'Inskickad (importerad ansökan)',
};

/** What a finished step says at the top of the page (post/redirect/get). */
export const DONE_MESSAGE = {
  sparat: 'Utkastet är sparat. Du kan fortsätta nu eller senare.',
  inskickat: 'Självvärderingen är inskickad. Den kan inte längre ändras.',
  lost: 'Svaret är sparat, med din motivering i historiken.',
} as const;
export type Done = keyof typeof DONE_MESSAGE;

/* ------------------------------------------------------------------------------------------ */
/* The list and the start form                                                                 */
/* ------------------------------------------------------------------------------------------ */

export interface StartFormValues {
  municipalityCode: string;
  year: string;
}

export interface ListPageProps {
  items: readonly SelfAssessmentSummary[];
  /** What the viewer sees listed, in words ("Södertäljes självvärderingar"). */
  heading: string;
  /** The start form: absent for evaluators (they read submitted ones only). */
  start?: {
    /** A municipality user's own kommun (fixed), or the register for an admin to choose from. */
    municipality: { code: string; name: string } | ReadonlyArray<{ code: string; name: string }>;
    values: StartFormValues;
    errors: readonly FieldError[];
  };
  questionCount: number;
  csrf: ComponentChildren;
}

function inputProps(errors: readonly FieldError[], field: string, hint?: string) {
  const error = errorFor(errors, field);
  const ids = [hint, error ? fieldErrorId(field) : undefined].filter(Boolean).join(' ');
  return {
    id: field,
    name: field,
    'aria-describedby': ids === '' ? undefined : ids,
    'aria-invalid': error ? ('true' as const) : undefined,
  };
}

export function renderListPage(props: ListPageProps, chrome: PageChrome): string {
  const { items, start } = props;
  return renderPage({
    ...chrome,
    title: 'Självvärdering',
    children: (
      <>
        <h1>Självvärdering</h1>
        <p class="lead">
          Kommunens egen bedömning enligt Sveriges Kvalitetskommun: {props.questionCount} frågor i
          fyra teman, en beskrivning per tema och nyckeltal med mål och utfall. Spara som utkast,
          fortsätt senare och skicka in när alla frågor har ett svar. En ny omgång är en ny
          självvärdering.
        </p>
        {start ? <StartForm start={start} csrf={props.csrf} /> : null}
        <h2>{props.heading}</h2>
        {items.length === 0 ? (
          <p>Det finns ingen självvärdering här än.</p>
        ) : (
          <table class="data-table">
            <caption>{formatCount(items.length, 'självvärdering', 'självvärderingar')}</caption>
            <thead>
              <tr>
                <th scope="col">Självvärdering</th>
                <th scope="col">Status</th>
                <th scope="col" class="number">
                  Besvarade frågor
                </th>
                <th scope="col" class="number">
                  Svar att lösa
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <a href={selfAssessmentPath(item.id)}>
                      {item.municipalityName} {item.year}
                    </a>
                  </th>
                  <td>{SELF_ASSESSMENT_STATUS_LABEL[item.status]}</td>
                  <td class="number">
                    {formatNumber(item.answered)} av {formatNumber(props.questionCount)}
                  </td>
                  <td class="number">{formatNumber(item.flagged)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    ),
  });
}

function StartForm({
  start,
  csrf,
}: {
  start: NonNullable<ListPageProps['start']>;
  csrf: ComponentChildren;
}) {
  const { errors, values } = start;
  const fixed = !Array.isArray(start.municipality)
    ? (start.municipality as { code: string; name: string })
    : undefined;
  const choices = Array.isArray(start.municipality)
    ? (start.municipality as ReadonlyArray<{ code: string; name: string }>)
    : [];
  return (
    <section aria-labelledby="starta">
      <h2 id="starta">Starta en ny självvärdering</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${SELF_ASSESSMENT_PATH}/ny`} novalidate>
        {csrf}
        {fixed ? (
          <p>
            Kommun: <strong>{fixed.name}</strong>
          </p>
        ) : (
          <div class="field">
            <label for="municipalityCode">Kommun</label>
            <FieldErrorMessage error={errorFor(errors, 'municipalityCode')} />
            <select {...inputProps(errors, 'municipalityCode')}>
              <option value="">Välj kommun</option>
              {choices.map((municipality) => (
                <option
                  key={municipality.code}
                  value={municipality.code}
                  selected={municipality.code === values.municipalityCode}
                >
                  {municipality.name} ({municipality.code})
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="year">År</label>
          <p class="muted" id="year-hint">
            Året självvärderingen gäller, med fyra siffror.
          </p>
          <FieldErrorMessage error={errorFor(errors, 'year')} />
          <input
            {...inputProps(errors, 'year', 'year-hint')}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            size={6}
            value={values.year}
          />
        </div>
        <p>
          <button type="submit">Starta självvärdering</button>
        </p>
      </form>
    </section>
  );
}

/* ------------------------------------------------------------------------------------------ */
/* The questionnaire                                                                           */
/* ------------------------------------------------------------------------------------------ */

export interface DraftFormValues {
  answers: Readonly<Record<string, string>>;
  narratives: Readonly<Record<number, string>>;
  rows: readonly KeyFigureFormRow[];
}

/** A resolved answer as the audit trail has it: who chose what, when and why. */
export interface Resolution {
  questionId: string;
  answer: string;
  by: string;
  at: Date;
  reason: string;
}

export interface ResolveFormState {
  questionId: string;
  answer: string;
  reason: string;
  errors: readonly FieldError[];
}

export interface SelfAssessmentPageProps {
  view: SelfAssessmentView;
  edition: Edition;
  version: number;
  /** The form (a draft the viewer may fill in), or the read view. */
  mode: 'edit' | 'read';
  /** The viewer may resolve open answers (a submitted one of its own kommun, or an admin). */
  canResolve: boolean;
  /** SVG per key-figure series name. */
  charts: ReadonlyMap<string, string>;
  form?: DraftFormValues;
  errors?: readonly FieldError[];
  /** Questions without an answer when submitting was refused. */
  missing?: readonly MissingAnswer[];
  done?: Done;
  /** A message at the top (a stale form). */
  warning?: string;
  resolve?: ResolveFormState;
  /** Answers resolved after the import, oldest first. */
  resolutions?: readonly Resolution[];
  csrf: ComponentChildren;
}

const title = (view: SelfAssessmentView) =>
  `Självvärdering ${view.municipality.name} ${String(view.year)}`;

/** "two boxes ticked (I hög grad, Fullt ut)" and the like, in Swedish. */
export function describeFlags(flags: readonly string[]): string {
  const ticked = tickedOptions(flags);
  if (ticked.length > 0) return `flera rutor ikryssade (${ticked.join(', ')})`;
  if (flags.some((flag) => flag.startsWith('unanswered'))) return 'ingen ruta ikryssad';
  return 'oklart ifyllt i ansökan';
}

/** Paragraphs from a text: blank lines separate paragraphs, single line breaks stay. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((paragraph) => paragraph.trim() !== '')
        .map((paragraph, index) => (
          <p key={index}>
            {paragraph.split('\n').map((line, at) => (
              <>
                {at > 0 ? <br /> : null}
                {line}
              </>
            ))}
          </p>
        ))}
    </>
  );
}

export function renderSelfAssessmentPage(
  props: SelfAssessmentPageProps,
  chrome: PageChrome,
): string {
  const { view } = props;
  const errors = props.errors ?? [];
  const missingErrors: FieldError[] = (props.missing ?? []).map((item) => ({
    field: `q-${item.questionId}`,
    message: `Fråga ${item.questionId} (tema ${String(item.theme)}) saknar svar.`,
  }));
  return renderPage({
    ...chrome,
    title: title(view),
    children: (
      <>
        <p class="breadcrumb">
          <a href={SELF_ASSESSMENT_PATH}>Självvärdering</a> / {view.municipality.name}
        </p>
        <h1>{title(view)}</h1>
        <p>
          Status: <strong>{SELF_ASSESSMENT_STATUS_LABEL[view.status]}</strong>.{' '}
          {formatNumber(view.answers.filter((answer) => answer.answer !== null).length)} av{' '}
          {formatNumber(view.answers.length)} frågor besvarade.{' '}
          <a href={`${selfAssessmentPath(view.id)}/utskrift`}>Utskriftsvänlig version</a>
        </p>
        {props.done ? (
          <div class="notice" role="status">
            <p>{DONE_MESSAGE[props.done]}</p>
          </div>
        ) : null}
        {props.warning ? (
          <div class="error-summary" role="alert">
            <p>{props.warning}</p>
          </div>
        ) : null}
        {props.missing && props.missing.length > 0 ? (
          <div class="error-summary" role="alert" aria-labelledby="missing-title" tabIndex={-1}>
            <h2 id="missing-title">
              Självvärderingen kan inte skickas in än:{' '}
              {formatCount(props.missing.length, 'fråga saknar svar', 'frågor saknar svar')}
            </h2>
            <p>Utkastet är sparat. Besvara frågorna nedan och skicka in igen.</p>
            <ul>
              {missingErrors.map((error) => (
                <li key={error.field}>
                  <a href={`#${error.field}`}>{error.message}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <ErrorSummary errors={errors} />
        )}
        {props.mode === 'edit' && props.form ? (
          <DraftForm {...props} form={props.form} errors={[...errors, ...missingErrors]} />
        ) : (
          <ReadView {...props} />
        )}
      </>
    ),
  });
}

function QuestionGroup({
  id,
  text,
  scale,
  value,
  error,
}: {
  id: string;
  text: string;
  scale: readonly string[];
  value: string;
  error: FieldError | undefined;
}) {
  const field = `q-${id}`;
  return (
    <fieldset
      class={error ? 'question field--error' : 'question'}
      aria-describedby={error ? fieldErrorId(field) : undefined}
    >
      <legend>
        {id}. {text}
      </legend>
      <FieldErrorMessage error={error ? { ...error, field } : undefined} />
      {scale.map((option, index) => {
        const inputId = index === 0 ? field : `${field}-${String(index)}`;
        return (
          <span class="choice" key={option}>
            <input
              type="radio"
              id={inputId}
              name={field}
              value={option}
              checked={value === option}
            />{' '}
            <label for={inputId}>{option}</label>{' '}
          </span>
        );
      })}
    </fieldset>
  );
}

function DraftForm(
  props: SelfAssessmentPageProps & { form: DraftFormValues; errors: readonly FieldError[] },
) {
  const { edition, form, errors } = props;
  const scale = edition.scale ?? [];
  const themes = edition.areas;
  return (
    <form method="post" action={selfAssessmentPath(props.view.id)} novalidate>
      {props.csrf}
      <input type="hidden" name="version" value={String(props.version)} />
      <p>
        Välj ett svar per fråga. Allt du fyller i sparas när du trycker på en knapp; skicka in när
        alla frågor har ett svar.
      </p>
      <p>
        {/* The first button is the form's default (Enter in a field): it only saves. */}
        <button type="submit" name="action" value="save">
          Spara utkast
        </button>
      </p>
      {themes.map((theme) => (
        <section key={theme.number} aria-labelledby={`tema-${String(theme.number)}`}>
          <h2 id={`tema-${String(theme.number)}`}>
            Tema {theme.number}: {theme.name}
          </h2>
          {theme.description ? <p class="muted">{theme.description}</p> : null}
          {theme.questions.map((question) => (
            <QuestionGroup
              key={question.id}
              id={question.id}
              text={question.text}
              scale={scale}
              value={form.answers[question.id] ?? ''}
              error={errorFor(errors, `q-${question.id}`)}
            />
          ))}
          <div class="field">
            <label for={`theme-${String(theme.number)}`}>
              Beskrivning av arbetet i tema {theme.number}
            </label>
            <p class="muted" id={`theme-${String(theme.number)}-hint`}>
              Hur kommunen arbetar med temat, med exempel. Tom rad mellan styckena.
            </p>
            <FieldErrorMessage error={errorFor(errors, `theme-${String(theme.number)}`)} />
            <textarea
              {...inputProps(
                errors,
                `theme-${String(theme.number)}`,
                `theme-${String(theme.number)}-hint`,
              )}
              rows={8}
              cols={70}
            >
              {form.narratives[theme.number] ?? ''}
            </textarea>
          </div>
        </section>
      ))}
      <KeyFigureFields rows={form.rows} errors={errors} themes={themes} />
      <KeyFigureCharts {...props} />
      <h2>Spara eller skicka in</h2>
      <p>
        När du skickar in kontrolleras att alla {formatNumber(props.view.answers.length)} frågor har
        ett svar. En inskickad självvärdering kan inte ändras.
      </p>
      <p class="actions">
        <button type="submit" name="action" value="save">
          Spara utkast
        </button>{' '}
        <button type="submit" name="action" value="submit">
          Skicka in
        </button>
      </p>
    </form>
  );
}

const KEY_FIGURE_FIELDS: ReadonlyArray<[keyof KeyFigureFormRow, string, number]> = [
  ['name', 'Nyckeltal', 28],
  ['unit', 'Enhet', 6],
  ['year', 'År', 6],
  ['target', 'Mål', 8],
  ['result', 'Utfall', 8],
];

function KeyFigureFields({
  rows,
  errors,
  themes,
}: {
  rows: readonly KeyFigureFormRow[];
  errors: readonly FieldError[];
  themes: Edition['areas'];
}) {
  return (
    <section aria-labelledby="nyckeltal">
      <h2 id="nyckeltal">Nyckeltal</h2>
      <p id="nyckeltal-hint">
        En rad per nyckeltal och år: namn, enhet (till exempel % eller index), år, mål och utfall.
        Tal skrivs med decimalkomma. Tomma rader sparas inte.
      </p>
      <table class="data-table key-figure-form">
        <caption>Nyckeltal med mål och utfall per år</caption>
        <thead>
          <tr>
            {KEY_FIGURE_FIELDS.map(([key, label]) => (
              <th scope="col" key={key}>
                {label}
              </th>
            ))}
            <th scope="col">Tema</th>
            <th scope="col">
              <span class="visually-hidden">Ta bort</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const rowLabel = `rad ${String(index + 1)}`;
            const rowErrors = errors.filter((error) =>
              error.field.startsWith(`kf-${String(index)}-`),
            );
            return (
              <tr key={index}>
                {KEY_FIGURE_FIELDS.map(([key, label, size]) => {
                  const field = `kf-${String(index)}-${key}`;
                  return (
                    <td key={key}>
                      <label class="visually-hidden" for={field}>
                        {label}, {rowLabel}
                      </label>
                      <input
                        {...inputProps(errors, field)}
                        type="text"
                        size={size}
                        value={row[key]}
                        inputMode={
                          key === 'year'
                            ? 'numeric'
                            : key === 'name' || key === 'unit'
                              ? undefined
                              : 'decimal'
                        }
                      />
                      {rowErrors
                        .filter((error) => error.field === field)
                        .map((error) => (
                          <FieldErrorMessage key={field} error={error} />
                        ))}
                    </td>
                  );
                })}
                <td>
                  <label class="visually-hidden" for={`kf-${String(index)}-theme`}>
                    Tema, {rowLabel}
                  </label>
                  <select {...inputProps(errors, `kf-${String(index)}-theme`)}>
                    <option value="">{MISSING}</option>
                    {themes.map((theme) => (
                      <option
                        key={theme.number}
                        value={String(theme.number)}
                        selected={row.theme === String(theme.number)}
                      >
                        {theme.number}. {theme.name}
                      </option>
                    ))}
                  </select>
                  <FieldErrorMessage error={errorFor(errors, `kf-${String(index)}-theme`)} />
                </td>
                <td>
                  <button type="submit" name="action" value={`remove-row-${String(index)}`}>
                    Ta bort {rowLabel}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>
        <button type="submit" name="action" value="add-row">
          Lägg till rad
        </button>
      </p>
    </section>
  );
}

function KeyFigureCharts(props: SelfAssessmentPageProps) {
  const series = props.view.keyFigures;
  if (series.length === 0) return null;
  return (
    <section aria-labelledby="diagram">
      <h2 id="diagram">Nyckeltal i diagram</h2>
      {props.mode === 'edit' ? <p>Diagrammen visar de sparade värdena.</p> : null}
      {series.map((item) => (
        <figure class="key-figure" key={item.name}>
          <figcaption>
            <strong>
              {item.name}
              {item.unit ? ` (${item.unit})` : ''}
            </strong>
            {item.theme === null ? null : `, tema ${String(item.theme)}`}
          </figcaption>
          <div
            class="chart"
            // The SVG is rendered on the server from stored numbers and escaped text.
            dangerouslySetInnerHTML={{ __html: props.charts.get(item.name) ?? '' }}
          />
          <table class="data-table">
            <caption>
              {item.name}: mål och utfall per år{item.unit ? ` (${item.unit})` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">År</th>
                <th scope="col" class="number">
                  Mål
                </th>
                <th scope="col" class="number">
                  Utfall
                </th>
              </tr>
            </thead>
            <tbody>
              {item.points.map((point) => (
                <tr key={point.year}>
                  <th scope="row">{point.year}</th>
                  <td class="number">{formatNumber(point.target)}</td>
                  <td class="number">{formatNumber(point.result)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      ))}
    </section>
  );
}

function AnswersTable({ view, theme }: { view: SelfAssessmentView; theme: number }) {
  return (
    <table class="data-table">
      <caption>Svar i tema {theme}</caption>
      <thead>
        <tr>
          <th scope="col">Nr</th>
          <th scope="col">Fråga</th>
          <th scope="col">Svar</th>
        </tr>
      </thead>
      <tbody>
        {view.answers
          .filter((answer) => answer.theme === theme)
          .map((answer) => (
            <tr key={answer.question}>
              <th scope="row">{answer.question}</th>
              <td>{answer.text}</td>
              <td>
                {answer.answer ?? (answer.needsResolution ? 'Behöver lösas' : 'Ej besvarad')}
                {answer.needsResolution ? (
                  <>
                    {': '}
                    {describeFlags(answer.flags)}
                  </>
                ) : null}
                {answer.answer !== null && answer.flags.some((f) => f.startsWith('resolved-'))
                  ? ' (löst efter import)'
                  : null}
              </td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

function ResolveForms(props: SelfAssessmentPageProps) {
  const open = props.view.answers.filter((answer) => answer.needsResolution);
  if (open.length === 0) return null;
  const scale = props.edition.scale ?? [];
  return (
    <section aria-labelledby="att-losa">
      <h2 id="att-losa">Svar som behöver lösas</h2>
      <p>
        I den importerade ansökan har {formatCount(open.length, 'fråga', 'frågor')} inget entydigt
        svar.{' '}
        {props.canResolve
          ? 'Välj det rätta svaret och skriv varför. Beslutet sparas i historiken med ditt namn.'
          : 'Kommunens användare kan välja det rätta svaret.'}
      </p>
      {props.canResolve
        ? open.map((answer) => {
            const state = props.resolve?.questionId === answer.question ? props.resolve : undefined;
            const errors = (state?.errors ?? []).map((error) => ({
              ...error,
              field: `${error.field}-${answer.question}`,
            }));
            const answerField = `answer-${answer.question}`;
            const reasonField = `reason-${answer.question}`;
            const answerError = errorFor(errors, answerField);
            return (
              <form
                method="post"
                action={`${selfAssessmentPath(props.view.id)}/fragor/${answer.question}`}
                key={answer.question}
                novalidate
              >
                {props.csrf}
                <input type="hidden" name="version" value={String(props.version)} />
                <fieldset
                  class={answerError ? 'question field--error' : 'question'}
                  aria-describedby={answerError ? fieldErrorId(answerField) : undefined}
                >
                  <legend>
                    Fråga {answer.question}: {answer.text} ({describeFlags(answer.flags)})
                  </legend>
                  <FieldErrorMessage error={answerError} />
                  {scale.map((option, index) => {
                    const id = index === 0 ? answerField : `${answerField}-${String(index)}`;
                    return (
                      <span class="choice" key={option}>
                        <input
                          type="radio"
                          id={id}
                          name="answer"
                          value={option}
                          checked={state?.answer === option}
                        />{' '}
                        <label for={id}>{option}</label>{' '}
                      </span>
                    );
                  })}
                </fieldset>
                <div class="field">
                  <label for={reasonField}>Motivering för fråga {answer.question}</label>
                  <FieldErrorMessage error={errorFor(errors, reasonField)} />
                  <textarea
                    id={reasonField}
                    name="reason"
                    rows={3}
                    cols={60}
                    aria-describedby={
                      errorFor(errors, reasonField) ? fieldErrorId(reasonField) : undefined
                    }
                    aria-invalid={errorFor(errors, reasonField) ? 'true' : undefined}
                  >
                    {state?.reason ?? ''}
                  </textarea>
                </div>
                <p>
                  <button type="submit">Spara svaret på fråga {answer.question}</button>
                </p>
              </form>
            );
          })
        : null}
    </section>
  );
}

function Resolutions({ resolutions }: { resolutions: readonly Resolution[] }) {
  if (resolutions.length === 0) return null;
  return (
    <section aria-labelledby="losta">
      <h2 id="losta">Lösta svar</h2>
      <table class="data-table">
        <caption>Svar som valts efter importen, med vem, när och varför</caption>
        <thead>
          <tr>
            <th scope="col">Fråga</th>
            <th scope="col">Svar</th>
            <th scope="col">Av</th>
            <th scope="col">När</th>
            <th scope="col">Motivering</th>
          </tr>
        </thead>
        <tbody>
          {resolutions.map((item) => (
            <tr key={`${item.questionId}-${item.at.toISOString()}`}>
              <th scope="row">{item.questionId}</th>
              <td>{item.answer}</td>
              <td>{item.by}</td>
              <td>{formatDate(item.at)}</td>
              <td>{item.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Narratives({ view, edition }: { view: SelfAssessmentView; edition: Edition }) {
  return (
    <>
      {edition.areas.map((theme) => {
        const texts = view.narratives.filter((text) => text.theme === theme.number);
        return (
          <section key={theme.number} aria-labelledby={`beskrivning-${String(theme.number)}`}>
            <h3 id={`beskrivning-${String(theme.number)}`}>
              Tema {theme.number}: {theme.name}
            </h3>
            {texts.length === 0 ? <p class="muted">Ingen beskrivning.</p> : null}
            {texts.map((text, index) => (
              <div key={index}>
                {text.heading ? <h4>{text.heading}</h4> : null}
                <Paragraphs text={text.text} />
              </div>
            ))}
          </section>
        );
      })}
    </>
  );
}

function ReadView(props: SelfAssessmentPageProps) {
  const { view, edition } = props;
  return (
    <>
      <ResolveForms {...props} />
      <Resolutions resolutions={props.resolutions ?? []} />
      <h2>Svar per tema</h2>
      {edition.areas.map((theme) => (
        <section key={theme.number} aria-labelledby={`svar-${String(theme.number)}`}>
          <h3 id={`svar-${String(theme.number)}`}>
            Tema {theme.number}: {theme.name}
          </h3>
          <AnswersTable view={view} theme={theme.number} />
        </section>
      ))}
      <h2>Beskrivningar</h2>
      <Narratives view={view} edition={edition} />
      <KeyFigureCharts {...props} />
    </>
  );
}

/* ------------------------------------------------------------------------------------------ */
/* The printable view                                                                          */
/* ------------------------------------------------------------------------------------------ */

/** A document of its own with the print stylesheet: no navigation, the whole self-assessment. */
export function renderPrintPage(props: SelfAssessmentPageProps): string {
  const { view, edition } = props;
  const html = renderToString(
    <html lang="sv">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title(view)} – utskrift – Kompass`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={STYLESHEET_HREF} />
        <link rel="stylesheet" href={PRINT_STYLESHEET_PATH} />
      </head>
      <body class="print-view">
        <main id="main">
          <p class="screen-only">
            <a href={selfAssessmentPath(view.id)}>Tillbaka till självvärderingen</a>
          </p>
          <h1>{title(view)}</h1>
          <p>
            {SELF_ASSESSMENT_STATUS_LABEL[view.status]}. Enkät: {edition.name}.{' '}
            {formatNumber(view.answers.filter((answer) => answer.answer !== null).length)} av{' '}
            {formatNumber(view.answers.length)} frågor besvarade.
          </p>
          <h2>Svar per tema</h2>
          {edition.areas.map((theme) => (
            <section key={theme.number} aria-labelledby={`svar-${String(theme.number)}`}>
              <h3 id={`svar-${String(theme.number)}`}>
                Tema {theme.number}: {theme.name}
              </h3>
              <AnswersTable view={view} theme={theme.number} />
            </section>
          ))}
          <h2>Beskrivningar</h2>
          <Narratives view={view} edition={edition} />
          <KeyFigureCharts {...props} mode="read" />
        </main>
      </body>
    </html>,
  );
  return `<!doctype html>${html}`;
}
