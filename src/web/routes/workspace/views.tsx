/**
 * The evaluators' workspace pages: the list, the new-evaluation form, an evaluation's overview
 * (totals, team, sharing, sources, interviews) and the scoring page of one area (a form per
 * question, a form for the area's texts and findings). Plain forms that work without JavaScript;
 * every edit form carries the version it was based on (`version`) and the newest audit entry the
 * page showed (`seen`), so a stale form can be refused with the other person's changes.
 */
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../errors.ts';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../format.ts';
import type { PageChrome } from '../../html.ts';
import {
  ErrorSummary,
  FieldErrorMessage,
  errorFor,
  fieldErrorId,
} from '../../views/components.tsx';
import { renderPage } from '../../views/layout.tsx';
import { workflowPath } from '../workflow/views.tsx';
import { CommentForm, CommentList, type CommentFormValues } from '../portal/comments.tsx';
import type { Area, Edition } from '../../../domain/framework/index.ts';
import type { EvaluationScore, ScoredArea } from '../../../domain/scoring/index.ts';
import type { AuditRecord } from '../../../db/repositories/audit.ts';
import type { TeamMember } from '../../../db/repositories/assignments.ts';
import type { Comment } from '../../../db/repositories/comments.ts';
import type { FindingKind } from '../../../db/repositories/evaluations.ts';
import type {
  DocumentType,
  Evidence,
  Interview,
  InterviewCategory,
  Source,
  SourceKind,
} from '../../../db/repositories/sources.ts';
import type { WorkspaceEvaluation } from '../../../db/repositories/workspace.ts';
import type { Municipality } from '../../../reference/municipalities.ts';

export const WORKSPACE_PATH = '/arbetsyta';
/** Optional live totals (src/web/static/workspace.js). */
export const WORKSPACE_SCRIPT_PATH = '/static/workspace.js';
export const WORKSPACE_NAV = [{ href: WORKSPACE_PATH, label: 'Arbetsyta' }] as const;
/** Largest upload, in bytes (and as the refusal says it). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_UPLOAD_LABEL = '10 MB';

export const DOCUMENT_TYPE_LABEL: Record<DocumentType, string> = {
  vardegrund: 'Värdegrund',
  budget: 'Budget',
  arsredovisning: 'Årsredovisning',
  policy: 'Policy',
  annat: 'Annat',
};

export const INTERVIEW_CATEGORY_LABEL: Record<InterviewCategory, string> = {
  politiker: 'Politiker',
  tjansteman: 'Ledande tjänsteman',
  facklig: 'Facklig representant',
  ovrig: 'Övrig',
};

export const FINDING_KIND_LABEL: Record<FindingKind, string> = {
  strength: 'Styrka',
  improvement: 'Förbättringsområde',
  'good-example': 'Gott exempel',
};

const STATUS_LABEL = { draft: 'Utkast', review: 'Granskning', published: 'Publicerad' } as const;

/** Why a published (or superseded) evaluation's forms are refused. */
export const FROZEN_MESSAGE =
  'Utvärderingen är publicerad och därför låst. En rättelse görs som en ny revision.';

function FrozenNotice({ evaluation }: { evaluation: WorkspaceEvaluation }) {
  if (evaluation.current && evaluation.status !== 'published') return null;
  return (
    <p class="notice" role="status">
      {FROZEN_MESSAGE}
    </p>
  );
}

/** Common context of a page in the workspace. */
export interface PageContext {
  chrome: PageChrome;
  csrf: ComponentChildren;
}

function page(context: PageContext, title: string, children: ComponentChildren): string {
  return renderPage({ title, ...context.chrome, nav: WORKSPACE_NAV, children });
}

const decimal = (value: number | null | undefined) => formatNumber(value, 2);

/** Points as a form shows them: 7,5. */
export const pointsText = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value).replace('.', ',');

function describedBy(id: string, errors: readonly FieldError[], hintId?: string) {
  const error = errorFor(errors, id);
  const ids = [hintId ?? '', error ? fieldErrorId(id) : ''].filter(Boolean).join(' ');
  return {
    error,
    attrs: {
      'aria-describedby': ids === '' ? undefined : ids,
      'aria-invalid': error ? ('true' as const) : undefined,
    },
  };
}

function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors: readonly FieldError[];
  children: (attrs: ReturnType<typeof describedBy>['attrs']) => ComponentChildren;
}) {
  const hintId = hint ? `${id}-tips` : undefined;
  const { error, attrs } = describedBy(id, errors, hintId);
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint muted" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldErrorMessage error={error} />
      {children(attrs)}
    </div>
  );
}

function VersionFields({ version, seen }: { version: number; seen: number }) {
  return (
    <>
      <input type="hidden" name="version" value={String(version)} />
      <input type="hidden" name="seen" value={String(seen)} />
    </>
  );
}

/* ------------------------------------------------------------------------------------------ */
/* List                                                                                         */
/* ------------------------------------------------------------------------------------------ */

export interface ListItem {
  evaluation: WorkspaceEvaluation;
  municipalityName: string;
  editionName: string;
}

export function renderWorkspaceList(
  context: PageContext,
  items: readonly ListItem[],
  mayCreate: boolean,
): string {
  return page(
    context,
    'Arbetsyta',
    <>
      <h1>Arbetsyta</h1>
      <p class="lead">Utvärderingar som du arbetar med.</p>
      {mayCreate ? (
        <p>
          <a href={`${WORKSPACE_PATH}/ny`}>Starta en ny utvärdering</a>
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>Du har inga utvärderingar att arbeta med ännu.</p>
      ) : (
        <table class="data-table">
          <caption class="visually-hidden">Utvärderingar</caption>
          <thead>
            <tr>
              <th scope="col">Kommun</th>
              <th scope="col">År</th>
              <th scope="col">Utgåva</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.evaluation.id}>
                <td>
                  <a href={`${WORKSPACE_PATH}/${item.evaluation.id}`}>{item.municipalityName}</a>
                </td>
                <td>{item.evaluation.year}</td>
                <td>{item.editionName}</td>
                <td>{STATUS_LABEL[item.evaluation.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>,
  );
}

/* ------------------------------------------------------------------------------------------ */
/* New evaluation                                                                               */
/* ------------------------------------------------------------------------------------------ */

export interface NewEvaluationValues {
  municipalityCode: string;
  editionId: string;
  year: string;
  fieldworkStartsOn: string;
  fieldworkEndsOn: string;
  members: readonly string[];
}

export interface NewEvaluationOptions {
  municipalities: readonly Municipality[];
  editions: ReadonlyArray<{ id: string; name: string }>;
  /** Evaluators and admins who may join the team (not the creator). */
  colleagues: ReadonlyArray<{ id: string; displayName: string; email: string }>;
}

export function renderNewEvaluation(
  context: PageContext,
  options: NewEvaluationOptions,
  values: NewEvaluationValues,
  errors: readonly FieldError[] = [],
): string {
  return page(
    context,
    errors.length > 0 ? 'Fel: Ny utvärdering' : 'Ny utvärdering',
    <>
      <p class="breadcrumb">
        <a href={WORKSPACE_PATH}>Arbetsyta</a>
      </p>
      <h1>Ny utvärdering</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${WORKSPACE_PATH}/ny`} novalidate>
        {context.csrf}
        <Field id="municipalityCode" label="Kommun" errors={errors}>
          {(attrs) => (
            <select id="municipalityCode" name="municipalityCode" required {...attrs}>
              <option value="">Välj kommun</option>
              {options.municipalities.map((m) => (
                <option key={m.code} value={m.code} selected={m.code === values.municipalityCode}>
                  {m.name} ({m.code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="editionId" label="Utgåva av Kommunkompassen" errors={errors}>
          {(attrs) => (
            <select id="editionId" name="editionId" required {...attrs}>
              <option value="">Välj utgåva</option>
              {options.editions.map((e) => (
                <option key={e.id} value={e.id} selected={e.id === values.editionId}>
                  {e.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="year"
          label="År"
          hint="Året då utvärderingen görs, till exempel 2026."
          errors={errors}
        >
          {(attrs) => (
            <input
              type="text"
              inputmode="numeric"
              id="year"
              name="year"
              value={values.year}
              required
              size={4}
              {...attrs}
            />
          )}
        </Field>
        <fieldset>
          <legend>Fältarbete</legend>
          <Field id="fieldworkStartsOn" label="Från och med" errors={errors}>
            {(attrs) => (
              <input
                type="date"
                id="fieldworkStartsOn"
                name="fieldworkStartsOn"
                value={values.fieldworkStartsOn}
                {...attrs}
              />
            )}
          </Field>
          <Field id="fieldworkEndsOn" label="Till och med" errors={errors}>
            {(attrs) => (
              <input
                type="date"
                id="fieldworkEndsOn"
                name="fieldworkEndsOn"
                value={values.fieldworkEndsOn}
                {...attrs}
              />
            )}
          </Field>
        </fieldset>
        <fieldset
          id="members"
          tabIndex={-1}
          aria-describedby={errorFor(errors, 'members') ? fieldErrorId('members') : undefined}
        >
          <legend>Team</legend>
          <p class="hint muted">
            Du blir själv ansvarig utvärderare. Välj kollegor som ska vara med.
          </p>
          <FieldErrorMessage error={errorFor(errors, 'members')} />
          {options.colleagues.length === 0 ? <p>Det finns inga andra utvärderare.</p> : null}
          {options.colleagues.map((user) => (
            <div class="field" key={user.id}>
              <input
                type="checkbox"
                id={`member-${user.id}`}
                name="members"
                value={user.id}
                checked={values.members.includes(user.id)}
              />{' '}
              <label for={`member-${user.id}`}>
                {user.displayName} ({user.email})
              </label>
            </div>
          ))}
        </fieldset>
        <div class="field field--actions">
          <button type="submit">Skapa utkast</button>
        </div>
      </form>
    </>,
  );
}

/* ------------------------------------------------------------------------------------------ */
/* Overview                                                                                     */
/* ------------------------------------------------------------------------------------------ */

export interface WorkspaceHeader {
  evaluation: WorkspaceEvaluation;
  municipality: Municipality;
  edition: Edition;
  editionName: string;
  /** Newest audit id of the evaluation when the page was read. */
  seen: number;
}

export interface OverviewData extends WorkspaceHeader {
  score: EvaluationScore;
  team: readonly TeamMember[];
  /** Evaluators and admins who could join the team. */
  colleagues: ReadonlyArray<{ id: string; displayName: string; email: string }>;
  sources: readonly Source[];
  /** Null when the viewer may not read interviews (never the case for the team and admins). */
  interviews: readonly Interview[] | null;
  /** Comments from the municipality and the team's replies, oldest first. */
  comments: readonly Comment[];
}

export interface SourceFormValues {
  title: string;
  documentType: string;
  datedOn: string;
  url: string;
  notes: string;
}

export const EMPTY_SOURCE: SourceFormValues = {
  title: '',
  documentType: '',
  datedOn: '',
  url: '',
  notes: '',
};

export interface InterviewFormValues {
  heldOn: string;
  category: string;
  name: string;
  notes: string;
}

export const EMPTY_INTERVIEW: InterviewFormValues = {
  heldOn: '',
  category: '',
  name: '',
  notes: '',
};

export interface OverviewForms {
  document?: { values: SourceFormValues; errors: readonly FieldError[] };
  website?: { values: SourceFormValues; errors: readonly FieldError[] };
  interview?: { values: InterviewFormValues; errors: readonly FieldError[] };
  team?: { errors: readonly FieldError[] };
  comment?: { values: CommentFormValues; errors: readonly FieldError[] };
  /** The share toggle was refused: someone changed the evaluation meanwhile. */
  conflict?: readonly AuditRecord[];
}

const base = (evaluation: WorkspaceEvaluation) => `${WORKSPACE_PATH}/${evaluation.id}`;

function isoToSwedish(iso: string | null): string {
  if (!iso) return '–';
  const date = new Date(`${iso}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : formatDate(date);
}

function TotalsTable({ header, score }: { header: WorkspaceHeader; score: EvaluationScore }) {
  return (
    <table class="data-table" id="summa">
      <caption>Poäng per område</caption>
      <thead>
        <tr>
          <th scope="col">Område</th>
          <th scope="col" class="number">
            Poäng
          </th>
          <th scope="col" class="number">
            Max
          </th>
          <th scope="col" class="number">
            Procent
          </th>
          <th scope="col" class="number">
            Ej poängsatta
          </th>
        </tr>
      </thead>
      <tbody>
        {score.areas.map((area) => (
          <tr key={area.number}>
            <th scope="row">
              <a href={`${base(header.evaluation)}/omraden/${String(area.number)}`}>
                {area.number}. {area.name}
              </a>
            </th>
            <td class="number" data-area-points={String(area.number)}>
              {decimal(area.scoredPoints)}
            </td>
            <td class="number">{decimal(area.max)}</td>
            <td class="number">{formatPercent((area.scoredPoints / area.max) * 100, 1)}</td>
            <td class="number">{formatNumber(area.unscored.length)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Totalt</th>
          <td class="number" data-total-points>
            {decimal(score.total.scoredPoints)}
          </td>
          <td class="number">{decimal(score.total.max)}</td>
          <td class="number">
            {formatPercent((score.total.scoredPoints / score.total.max) * 100, 1)}
          </td>
          <td class="number">
            {formatNumber(score.areas.reduce((n, area) => n + area.unscored.length, 0))}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** What changed since the form was read: who, when, which field, their value. */
export function ConflictNotice({
  changes,
  edition,
}: {
  changes: readonly AuditRecord[];
  edition: Edition;
}) {
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="konflikt-rubrik"
      tabIndex={-1}
      id="konflikt"
    >
      <h2 id="konflikt-rubrik">Någon annan har ändrat utvärderingen samtidigt</h2>
      <p>
        Din ändring är inte sparad, men det du skrev finns kvar i formuläret nedan. Läs vad som
        ändrats, justera om det behövs och spara igen.
      </p>
      {changes.length === 0 ? (
        <p>Ändringen syns inte i historiken. Ladda om sidan för att se den senaste versionen.</p>
      ) : (
        <table class="data-table">
          <caption>Ändringar sedan du öppnade sidan</caption>
          <thead>
            <tr>
              <th scope="col">Vem</th>
              <th scope="col">När</th>
              <th scope="col">Vad</th>
              <th scope="col">Deras värde</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.id}>
                <td>{change.actor?.displayName ?? 'Systemet'}</td>
                <td>
                  <time datetime={change.at.toISOString()}>{formatDateTime(change.at)}</time>
                </td>
                <td>{describeChange(change, edition)}</td>
                <td>{describeValue(change.newValue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** "Fråga 2.4: poäng" — the field an audit entry names, in Swedish. */
export function describeChange(change: AuditRecord, edition: Edition): string {
  const after = change.entityId.split('/')[1] ?? '';
  switch (change.action) {
    case 'score.update':
      return `Fråga ${after}: ${change.field === 'points' ? 'poäng' : 'motivering'}`;
    case 'evidence.update':
      return `Fråga ${after}: underlag`;
    case 'text.update': {
      const area = edition.areas.find((a) => String(a.number) === after);
      const heading = (change.field ?? '').replace(/^texts\./, '');
      return `Område ${after}${area ? ` (${area.name})` : ''}: text under ”${heading}”`;
    }
    case 'findings.update':
      return `Område ${after}: styrkor, förbättringsområden och goda exempel`;
    case 'evaluation.share':
      return 'Delning med kommunen';
    case 'source.add':
      return 'Nytt dokument';
    case 'website-review.add':
      return 'Ny webbplatsgranskning';
    case 'interview.add':
      return 'Ny intervju';
    case 'source.remove':
      return 'Borttagen källa';
    case 'interview.remove':
      return 'Borttagen intervju';
    case 'source.update':
      return 'Ändrat dokument';
    case 'website-review.update':
      return 'Ändrad webbplatsgranskning';
    case 'interview.update':
      return 'Ändrad intervju';
    case 'comment.add':
      return 'Ny kommentar';
    default:
      return change.action;
  }
}

function describeValue(value: unknown): ComponentChildren {
  if (value === null || value === undefined) return '(tomt)';
  if (typeof value === 'number') return pointsText(value);
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nej';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return (
      <ul>
        {value.map((item: unknown, index) => (
          <li key={index}>
            {typeof item === 'object' && item !== null && 'text' in item
              ? `${FINDING_KIND_LABEL[(item as unknown as { kind: FindingKind }).kind]}: ${String((item as { text: unknown }).text)}`
              : JSON.stringify(item)}
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object' && 'body' in value)
    return String((value as { body: unknown }).body);
  if (typeof value === 'object' && 'sourceIds' in value) {
    const evidence = value as Evidence;
    return `${String(evidence.sourceIds.length)} källor, ${String(evidence.interviewIds.length)} intervjuer`;
  }
  return JSON.stringify(value);
}

/** Where the add and edit forms of sources and interviews send the evaluation's version. */
type FormVersion = { version: number; seen: number } | undefined;

/**
 * The form of a source: a document (title, type, date, link, notes, file) or website review
 * notes (what was reviewed, address, notes), to add one or to edit one (`version` given). Field
 * ids of website forms start with `web-`, so both add forms fit on one page.
 */
function SourceForm({
  context,
  kind,
  action,
  values,
  errors,
  legend,
  submitLabel,
  version,
  currentFile,
}: {
  context: PageContext;
  kind: SourceKind;
  action: string;
  values: SourceFormValues;
  errors: readonly FieldError[];
  legend: string;
  submitLabel: string;
  version?: FormVersion;
  /** The stored file's name, when editing a document that has one. */
  currentFile?: string | null;
}) {
  const isDocument = kind === 'document';
  const id = (name: string) => (isDocument ? name : `web-${name}`);
  return (
    <form
      method="post"
      action={action}
      enctype={isDocument ? 'multipart/form-data' : undefined}
      novalidate
    >
      {context.csrf}
      {version ? <VersionFields version={version.version} seen={version.seen} /> : null}
      <fieldset>
        <legend>{legend}</legend>
        <ErrorSummary errors={errors} />
        <Field id={id('title')} label={isDocument ? 'Titel' : 'Vad som granskades'} errors={errors}>
          {(attrs) => (
            <input
              type="text"
              id={id('title')}
              name="title"
              value={values.title}
              required
              {...attrs}
            />
          )}
        </Field>
        {isDocument ? (
          <>
            <Field id="documentType" label="Typ" errors={errors}>
              {(attrs) => (
                <select id="documentType" name="documentType" required {...attrs}>
                  <option value="">Välj typ</option>
                  {(Object.keys(DOCUMENT_TYPE_LABEL) as DocumentType[]).map((type) => (
                    <option key={type} value={type} selected={values.documentType === type}>
                      {DOCUMENT_TYPE_LABEL[type]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="datedOn" label="Datum (valfritt)" errors={errors}>
              {(attrs) => (
                <input type="date" id="datedOn" name="datedOn" value={values.datedOn} {...attrs} />
              )}
            </Field>
          </>
        ) : null}
        <Field
          id={id('url')}
          label={isDocument ? 'Länk' : 'Adress (valfri)'}
          hint={
            isDocument
              ? 'En webbadress som börjar med https://. Ange en länk, en fil eller båda.'
              : undefined
          }
          errors={errors}
        >
          {(attrs) => <input type="url" id={id('url')} name="url" value={values.url} {...attrs} />}
        </Field>
        <Field
          id={id('notes')}
          label={isDocument ? 'Anteckningar (valfritt)' : 'Anteckningar'}
          errors={errors}
        >
          {(attrs) => (
            <textarea
              id={id('notes')}
              name="notes"
              rows={isDocument ? 3 : 5}
              required={!isDocument}
              {...attrs}
            >
              {values.notes}
            </textarea>
          )}
        </Field>
        {isDocument ? (
          <Field
            id="file"
            label={`${currentFile ? 'Ersätt filen' : 'Fil'} (högst ${MAX_UPLOAD_LABEL})`}
            hint={currentFile ? `Nu: ${currentFile}. Lämna tomt för att behålla den.` : undefined}
            errors={errors}
          >
            {(attrs) => <input type="file" id="file" name="file" {...attrs} />}
          </Field>
        ) : null}
        <div class="field field--actions">
          <button type="submit">{submitLabel}</button>
        </div>
      </fieldset>
    </form>
  );
}

/** The form of an interview (date, category, optional name, notes), to add or edit one. */
function InterviewForm({
  context,
  action,
  values,
  errors,
  legend,
  submitLabel,
  version,
}: {
  context: PageContext;
  action: string;
  values: InterviewFormValues;
  errors: readonly FieldError[];
  legend: string;
  submitLabel: string;
  version?: FormVersion;
}) {
  return (
    <form method="post" action={action} novalidate>
      {context.csrf}
      {version ? <VersionFields version={version.version} seen={version.seen} /> : null}
      <fieldset>
        <legend>{legend}</legend>
        <ErrorSummary errors={errors} />
        <Field id="heldOn" label="Datum" errors={errors}>
          {(attrs) => (
            <input
              type="date"
              id="heldOn"
              name="heldOn"
              value={values.heldOn}
              required
              {...attrs}
            />
          )}
        </Field>
        <Field id="category" label="Kategori" errors={errors}>
          {(attrs) => (
            <select id="category" name="category" required {...attrs}>
              <option value="">Välj kategori</option>
              {(Object.keys(INTERVIEW_CATEGORY_LABEL) as InterviewCategory[]).map((category) => (
                <option key={category} value={category} selected={values.category === category}>
                  {INTERVIEW_CATEGORY_LABEL[category]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="name"
          label="Namn (valfritt)"
          hint="Personuppgift: syns bara för teamet och administratörer."
          errors={errors}
        >
          {(attrs) => (
            <input
              type="text"
              id="name"
              name="name"
              value={values.name}
              autocomplete="off"
              {...attrs}
            />
          )}
        </Field>
        <Field id="interview-notes" label="Anteckningar" errors={errors}>
          {(attrs) => (
            <textarea id="interview-notes" name="notes" rows={6} {...attrs}>
              {values.notes}
            </textarea>
          )}
        </Field>
        <div class="field field--actions">
          <button type="submit">{submitLabel}</button>
        </div>
      </fieldset>
    </form>
  );
}

function RemoveButton({
  context,
  action,
  label,
  data,
}: {
  context: PageContext;
  action: string;
  label: string;
  data: WorkspaceHeader;
}) {
  return (
    <form method="post" action={action}>
      {context.csrf}
      <VersionFields version={data.evaluation.version} seen={data.seen} />
      <button type="submit">{label}</button>
    </form>
  );
}

export function renderOverview(
  context: PageContext,
  data: OverviewData,
  forms: OverviewForms = {},
): string {
  const { evaluation, municipality } = data;
  const title = `${municipality.name} ${String(evaluation.year)}`;
  const hasErrors =
    (forms.document?.errors.length ?? 0) +
      (forms.team?.errors.length ?? 0) +
      (forms.website?.errors.length ?? 0) +
      (forms.interview?.errors.length ?? 0) +
      (forms.comment?.errors.length ?? 0) >
    0;
  return page(
    context,
    `${hasErrors ? 'Fel: ' : ''}${title} – arbetsyta`,
    <>
      <p class="breadcrumb">
        <a href={WORKSPACE_PATH}>Arbetsyta</a>
      </p>
      <h1>{title}</h1>
      <FrozenNotice evaluation={evaluation} />
      {forms.conflict ? <ConflictNotice changes={forms.conflict} edition={data.edition} /> : null}
      <dl class="facts">
        <div>
          <dt>Utgåva</dt>
          <dd>{data.editionName}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{STATUS_LABEL[evaluation.status]}</dd>
        </div>
        <div>
          <dt>Fältarbete</dt>
          <dd>
            {isoToSwedish(evaluation.fieldworkStartsOn)} –{' '}
            {isoToSwedish(evaluation.fieldworkEndsOn)}
          </dd>
        </div>
        <div>
          <dt>Delad med kommunen</dt>
          <dd>{evaluation.sharedWithMunicipality ? 'Ja' : 'Nej'}</dd>
        </div>
      </dl>
      <p>
        <a href={workflowPath(evaluation.id)}>Granskning och publicering</a>
        {' · '}
        <a href={`/utvarderingar/${evaluation.id}/rapportval`}>Rapportval</a>
      </p>
      <h2>Poäng</h2>
      <TotalsTable header={data} score={data.score} />

      <h2 id="team">Team</h2>
      <ErrorSummary errors={forms.team?.errors ?? []} />
      <ul>
        {data.team.map((member) => (
          <li key={member.userId}>
            {member.displayName} ({member.teamRole === 'lead' ? 'ansvarig' : 'utvärderare'})
            {member.teamRole === 'lead' ? null : (
              <form method="post" action={`${base(evaluation)}/team`}>
                {context.csrf}
                <VersionFields version={evaluation.version} seen={data.seen} />
                <input type="hidden" name="remove" value={member.userId} />
                <button type="submit">Ta bort {member.displayName} ur teamet</button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {(() => {
        const others = data.colleagues.filter(
          (user) => !data.team.some((member) => member.userId === user.id),
        );
        return others.length === 0 ? null : (
          <form method="post" action={`${base(evaluation)}/team`}>
            {context.csrf}
            <VersionFields version={evaluation.version} seen={data.seen} />
            <Field id="member" label="Lägg till i teamet" errors={forms.team?.errors ?? []}>
              {(attrs) => (
                <select id="member" name="member" {...attrs}>
                  {others.map((user) => (
                    <option key={user.id} value={user.id}>
                      {user.displayName} ({user.email})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit">Lägg till</button>
          </form>
        );
      })()}

      <h2>Delning</h2>
      <form method="post" action={`${base(evaluation)}/delning`}>
        {context.csrf}
        <VersionFields version={evaluation.version} seen={data.seen} />
        <input
          type="hidden"
          name="shared"
          value={evaluation.sharedWithMunicipality ? 'nej' : 'ja'}
        />
        <p>
          {evaluation.sharedWithMunicipality
            ? 'Kommunens användare kan läsa utkastet.'
            : 'Utkastet syns bara för teamet och administratörer.'}
        </p>
        <button type="submit">
          {evaluation.sharedWithMunicipality
            ? 'Sluta dela med kommunen'
            : 'Dela utkastet med kommunen'}
        </button>
      </form>

      <h2 id="kommentarer" tabIndex={-1}>
        Kommentarer
      </h2>
      <p class="muted">
        Från kommunens användare (när utkastet är delat eller utvärderingen publicerad) och teamets
        svar. Syns aldrig för allmänheten.
      </p>
      <CommentList comments={data.comments} edition={data.edition} />
      <CommentForm
        action={`${base(evaluation)}/kommentarer`}
        csrf={context.csrf}
        edition={data.edition}
        values={forms.comment?.values ?? { target: '', body: '' }}
        errors={forms.comment?.errors ?? []}
        legend="Svara eller kommentera"
        submitLabel="Skicka svaret"
      />

      <h2>Källor</h2>
      {data.sources.length === 0 ? (
        <p>Inga dokument eller webbplatsgranskningar ännu.</p>
      ) : (
        <ul id="kallor">
          {data.sources.map((source) => (
            <li key={source.id}>
              {source.kind === 'document'
                ? `${source.documentType ? DOCUMENT_TYPE_LABEL[source.documentType] : 'Dokument'}: `
                : 'Webbplatsgranskning: '}
              <strong>{source.title}</strong>
              {source.datedOn ? ` (${isoToSwedish(source.datedOn)})` : null}
              {source.url ? (
                <>
                  {' '}
                  <a href={source.url} rel="noopener noreferrer">
                    länk
                  </a>
                </>
              ) : null}
              {source.fileName ? (
                <>
                  {' '}
                  <a href={`${base(evaluation)}/kallor/${source.id}/fil`}>
                    {source.fileName} ({formatNumber((source.fileSize ?? 0) / 1024, 0)} kB)
                  </a>
                </>
              ) : null}
              {source.notes ? <p>{source.notes}</p> : null}
              <p>
                <a href={`${base(evaluation)}/kallor/${source.id}/andra`}>Ändra {source.title}</a>
              </p>
              <RemoveButton
                context={context}
                action={`${base(evaluation)}/kallor/${source.id}/ta-bort`}
                label={`Ta bort ${source.title}`}
                data={data}
              />
            </li>
          ))}
        </ul>
      )}
      <SourceForm
        context={context}
        kind="document"
        action={`${base(evaluation)}/dokument`}
        values={forms.document?.values ?? EMPTY_SOURCE}
        errors={forms.document?.errors ?? []}
        legend="Lägg till dokument"
        submitLabel="Lägg till dokument"
      />
      <SourceForm
        context={context}
        kind="website"
        action={`${base(evaluation)}/webbplats`}
        values={forms.website?.values ?? EMPTY_SOURCE}
        errors={forms.website?.errors ?? []}
        legend="Lägg till webbplatsgranskning"
        submitLabel="Lägg till granskning"
      />
      {/* The kommun's värdegrund as a source (src/web/routes/values, POST …/vardegrund). */}
      <form method="post" action={`${base(evaluation)}/vardegrund`}>
        {context.csrf}
        <p>
          <button type="submit" class="secondary">
            Lägg till kommunens värdegrund som källa
          </button>
        </p>
      </form>

      {data.interviews === null ? null : (
        <>
          <h2>Intervjuer</h2>
          <p class="muted">Personuppgifter: syns bara för teamet och administratörer.</p>
          {data.interviews.length === 0 ? (
            <p>Inga intervjuer ännu.</p>
          ) : (
            <ul id="intervjuer">
              {data.interviews.map((interview) => (
                <li key={interview.id}>
                  {isoToSwedish(interview.heldOn)}, {INTERVIEW_CATEGORY_LABEL[interview.category]}
                  {interview.name ? `: ${interview.name}` : null}
                  {interview.notes ? <p>{interview.notes}</p> : null}
                  <p>
                    <a href={`${base(evaluation)}/intervjuer/${interview.id}/andra`}>
                      Ändra intervjun {isoToSwedish(interview.heldOn)}
                    </a>
                  </p>
                  <RemoveButton
                    context={context}
                    action={`${base(evaluation)}/intervjuer/${interview.id}/ta-bort`}
                    label={`Ta bort intervjun ${isoToSwedish(interview.heldOn)}`}
                    data={data}
                  />
                </li>
              ))}
            </ul>
          )}
          <InterviewForm
            context={context}
            action={`${base(evaluation)}/intervjuer`}
            values={forms.interview?.values ?? EMPTY_INTERVIEW}
            errors={forms.interview?.errors ?? []}
            legend="Lägg till intervju"
            submitLabel="Lägg till intervju"
          />
        </>
      )}
    </>,
  );
}

/* ------------------------------------------------------------------------------------------ */
/* Editing a source or an interview                                                            */
/* ------------------------------------------------------------------------------------------ */

export interface EditState<Values> {
  values: Values;
  errors: readonly FieldError[];
  /** Someone else changed the evaluation since the form was read. */
  conflict?: readonly AuditRecord[];
}

function editPage(
  context: PageContext,
  header: WorkspaceHeader,
  heading: string,
  state: EditState<unknown>,
  children: ComponentChildren,
): string {
  const { evaluation, municipality } = header;
  const failed = state.errors.length > 0 || state.conflict !== undefined;
  return page(
    context,
    `${failed ? 'Fel: ' : ''}${heading} – ${municipality.name} ${String(evaluation.year)}`,
    <>
      <p class="breadcrumb">
        <a href={WORKSPACE_PATH}>Arbetsyta</a> ›{' '}
        <a href={base(evaluation)}>
          {municipality.name} {evaluation.year}
        </a>
      </p>
      <h1>{heading}</h1>
      <FrozenNotice evaluation={evaluation} />
      {state.conflict ? <ConflictNotice changes={state.conflict} edition={header.edition} /> : null}
      {children}
      <p>
        <a href={base(evaluation)}>Tillbaka utan att spara</a>
      </p>
    </>,
  );
}

/** The values of a stored source, as its edit form shows them. */
export const sourceFormValues = (source: Source): SourceFormValues => ({
  title: source.title,
  documentType: source.documentType ?? '',
  datedOn: source.datedOn ?? '',
  url: source.url ?? '',
  notes: source.notes ?? '',
});

export function renderSourceEditPage(
  context: PageContext,
  header: WorkspaceHeader,
  source: Source,
  state: EditState<SourceFormValues>,
): string {
  const heading =
    source.kind === 'document'
      ? `Ändra dokumentet ${source.title}`
      : `Ändra granskningen ${source.title}`;
  return editPage(
    context,
    header,
    heading,
    state,
    <SourceForm
      context={context}
      kind={source.kind}
      action={`${base(header.evaluation)}/kallor/${source.id}/andra`}
      values={state.values}
      errors={state.errors}
      legend={source.kind === 'document' ? 'Dokumentet' : 'Webbplatsgranskningen'}
      submitLabel="Spara ändringarna"
      version={{ version: header.evaluation.version, seen: header.seen }}
      currentFile={source.fileName}
    />,
  );
}

/** The values of a stored interview, as its edit form shows them. */
export const interviewFormValues = (interview: Interview): InterviewFormValues => ({
  heldOn: interview.heldOn,
  category: interview.category,
  name: interview.name ?? '',
  notes: interview.notes,
});

export function renderInterviewEditPage(
  context: PageContext,
  header: WorkspaceHeader,
  interview: Interview,
  state: EditState<InterviewFormValues>,
): string {
  return editPage(
    context,
    header,
    `Ändra intervjun ${isoToSwedish(interview.heldOn)}`,
    state,
    <InterviewForm
      context={context}
      action={`${base(header.evaluation)}/intervjuer/${interview.id}/andra`}
      values={state.values}
      errors={state.errors}
      legend="Intervjun"
      submitLabel="Spara ändringarna"
      version={{ version: header.evaluation.version, seen: header.seen }}
    />,
  );
}

/* ------------------------------------------------------------------------------------------ */
/* Scoring one area                                                                            */
/* ------------------------------------------------------------------------------------------ */

export interface QuestionFormValues {
  points: string;
  justification: string;
  sourceIds: readonly string[];
  interviewIds: readonly string[];
}

export interface FindingRow {
  kind: FindingKind | '';
  text: string;
  municipalityCode: string;
  order: string;
}

export interface WriteUpValues {
  /** Body per heading index. */
  texts: readonly string[];
  findings: readonly FindingRow[];
}

export interface AreaPageData extends WorkspaceHeader {
  area: Area;
  score: EvaluationScore;
  scoredArea: ScoredArea;
  questions: Readonly<Record<string, QuestionFormValues>>;
  sources: readonly Source[];
  interviews: readonly Interview[];
  writeUp: WriteUpValues;
  municipalities: readonly Municipality[];
}

export interface AreaPageState {
  /** A question form sent back: its values and errors. */
  question?: { id: string; values: QuestionFormValues; errors: readonly FieldError[] };
  writeUp?: { values: WriteUpValues; errors: readonly FieldError[] };
  conflict?: readonly AuditRecord[];
  /** Which form was just saved, for the confirmation. */
  saved?: string;
}

/** The field id prefix of a question's form: "q2-4-" for question 2.4. */
export const questionPrefix = (questionId: string) => `q${questionId.replace(/\./g, '-')}-`;

/** Blank rows offered for new findings. */
export const NEW_FINDING_ROWS = 3;

function QuestionForm({
  context,
  data,
  question,
  values,
  errors,
  scored,
}: {
  context: PageContext;
  data: AreaPageData;
  question: Area['questions'][number];
  values: QuestionFormValues;
  errors: readonly FieldError[];
  scored: { points: number | null; percent: number | null } | undefined;
}) {
  const prefix = questionPrefix(question.id);
  const max = question.max ?? 100;
  const evidenceError = errorFor(errors, `${prefix}evidence`);
  return (
    <section aria-labelledby={`${prefix}rubrik`} class="question">
      <h3 id={`${prefix}rubrik`}>
        {question.id} {question.text}
      </h3>
      <p class="muted">
        Max {decimal(max)} poäng. Nu:{' '}
        {scored?.points === null || !scored
          ? 'ej poängsatt'
          : `${decimal(scored.points)} poäng (${formatPercent(scored.percent, 1)})`}
      </p>
      <form
        method="post"
        action={`${base(data.evaluation)}/omraden/${String(data.area.number)}/fragor/${question.id}`}
        novalidate
      >
        {context.csrf}
        <VersionFields version={data.evaluation.version} seen={data.seen} />
        <ErrorSummary errors={errors} />
        <Field
          id={`${prefix}points`}
          label={`Poäng för fråga ${question.id}`}
          hint={`0–${decimal(max)} i steg om 0,5, till exempel 7,5. Lämna tomt för ej poängsatt.`}
          errors={errors}
        >
          {(attrs) => (
            <input
              type="text"
              inputmode="decimal"
              id={`${prefix}points`}
              name="points"
              value={values.points}
              size={5}
              data-max={String(max)}
              {...attrs}
            />
          )}
        </Field>
        <Field
          id={`${prefix}justification`}
          label="Motivering"
          hint="Krävs när frågan får poäng."
          errors={errors}
        >
          {(attrs) => (
            <textarea id={`${prefix}justification`} name="justification" rows={4} {...attrs}>
              {values.justification}
            </textarea>
          )}
        </Field>
        <fieldset
          id={`${prefix}evidence`}
          tabIndex={-1}
          aria-describedby={evidenceError ? fieldErrorId(`${prefix}evidence`) : undefined}
        >
          <legend>Underlag för fråga {question.id}</legend>
          <FieldErrorMessage error={evidenceError} />
          {data.sources.length + data.interviews.length === 0 ? (
            <p class="muted">Lägg till källor och intervjuer på utvärderingens översikt.</p>
          ) : null}
          {data.sources.map((source) => (
            <div class="field" key={source.id}>
              <input
                type="checkbox"
                id={`${prefix}s-${source.id}`}
                name="sources"
                value={source.id}
                checked={values.sourceIds.includes(source.id)}
              />{' '}
              <label for={`${prefix}s-${source.id}`}>{source.title}</label>
            </div>
          ))}
          {data.interviews.map((interview) => (
            <div class="field" key={interview.id}>
              <input
                type="checkbox"
                id={`${prefix}i-${interview.id}`}
                name="interviews"
                value={interview.id}
                checked={values.interviewIds.includes(interview.id)}
              />{' '}
              <label for={`${prefix}i-${interview.id}`}>
                Intervju {isoToSwedish(interview.heldOn)},{' '}
                {INTERVIEW_CATEGORY_LABEL[interview.category]}
                {interview.name ? ` (${interview.name})` : ''}
              </label>
            </div>
          ))}
        </fieldset>
        <div class="field field--actions">
          <button type="submit">Spara fråga {question.id}</button>
        </div>
      </form>
    </section>
  );
}

function WriteUpForm({
  context,
  data,
  values,
  errors,
}: {
  context: PageContext;
  data: AreaPageData;
  values: WriteUpValues;
  errors: readonly FieldError[];
}) {
  const headings = data.area.headings.length > 0 ? data.area.headings : ['Beskrivning'];
  const rows: FindingRow[] = [
    ...values.findings,
    ...Array.from({ length: NEW_FINDING_ROWS }, () => ({
      kind: '' as const,
      text: '',
      municipalityCode: '',
      order: '',
    })),
  ];
  return (
    <form
      method="post"
      action={`${base(data.evaluation)}/omraden/${String(data.area.number)}/text`}
      novalidate
    >
      {context.csrf}
      <VersionFields version={data.evaluation.version} seen={data.seen} />
      <ErrorSummary errors={errors} />
      <fieldset>
        <legend>Text per rubrik</legend>
        {headings.map((heading, index) => (
          <Field id={`text-${String(index)}`} label={heading} errors={errors} key={heading}>
            {(attrs) => (
              <textarea
                id={`text-${String(index)}`}
                name={`text-${String(index)}`}
                rows={6}
                {...attrs}
              >
                {values.texts[index] ?? ''}
              </textarea>
            )}
          </Field>
        ))}
      </fieldset>
      <fieldset>
        <legend>Styrkor, förbättringsområden och goda exempel</legend>
        <p class="hint muted">
          Ordningen bestämmer hur de listas. Lämna texten tom eller kryssa i ”Ta bort” för att ta
          bort en rad. De tomma raderna längst ned är för nya.
        </p>
        {rows.map((row, index) => {
          const key = `f${String(index)}`;
          const isNew = index >= values.findings.length;
          return (
            <fieldset key={key}>
              <legend>
                {isNew
                  ? `Ny rad ${String(index - values.findings.length + 1)}`
                  : `Rad ${String(index + 1)}`}
              </legend>
              <Field id={`${key}-kind`} label="Slag" errors={errors}>
                {(attrs) => (
                  <select id={`${key}-kind`} name={`${key}-kind`} {...attrs}>
                    <option value="">Välj slag</option>
                    {(Object.keys(FINDING_KIND_LABEL) as FindingKind[]).map((kind) => (
                      <option key={kind} value={kind} selected={row.kind === kind}>
                        {FINDING_KIND_LABEL[kind]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={`${key}-text`} label="Text" errors={errors}>
                {(attrs) => (
                  <textarea id={`${key}-text`} name={`${key}-text`} rows={3} {...attrs}>
                    {row.text}
                  </textarea>
                )}
              </Field>
              <Field id={`${key}-kommun`} label="Kommun att lära av (valfri)" errors={errors}>
                {(attrs) => (
                  <select id={`${key}-kommun`} name={`${key}-kommun`} {...attrs}>
                    <option value="">Ingen</option>
                    {data.municipalities.map((m) => (
                      <option
                        key={m.code}
                        value={m.code}
                        selected={m.code === row.municipalityCode}
                      >
                        {m.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={`${key}-order`} label="Ordning" errors={errors}>
                {(attrs) => (
                  <input
                    type="text"
                    inputmode="numeric"
                    id={`${key}-order`}
                    name={`${key}-order`}
                    value={row.order === '' && !isNew ? String(index + 1) : row.order}
                    size={3}
                    {...attrs}
                  />
                )}
              </Field>
              {isNew ? null : (
                <div class="field">
                  <input type="checkbox" id={`${key}-remove`} name={`${key}-remove`} value="ja" />{' '}
                  <label for={`${key}-remove`}>Ta bort</label>
                </div>
              )}
            </fieldset>
          );
        })}
        <input type="hidden" name="rows" value={String(rows.length)} />
      </fieldset>
      <div class="field field--actions">
        <button type="submit">Spara texter och fynd för område {data.area.number}</button>
      </div>
    </form>
  );
}

export function renderAreaPage(
  context: PageContext,
  data: AreaPageData,
  state: AreaPageState = {},
): string {
  const { evaluation, municipality, area } = data;
  const title = `Område ${String(area.number)}: ${area.name}`;
  const hasErrors =
    (state.question?.errors.length ?? 0) + (state.writeUp?.errors.length ?? 0) > 0 ||
    state.conflict !== undefined;
  return page(
    context,
    `${hasErrors ? 'Fel: ' : ''}${title} – ${municipality.name} ${String(evaluation.year)}`,
    <>
      <p class="breadcrumb">
        <a href={WORKSPACE_PATH}>Arbetsyta</a> ›{' '}
        <a href={base(evaluation)}>
          {municipality.name} {evaluation.year}
        </a>
      </p>
      <h1>{title}</h1>
      <FrozenNotice evaluation={evaluation} />
      {state.conflict ? <ConflictNotice changes={state.conflict} edition={data.edition} /> : null}
      {state.saved ? (
        <p class="notice" role="status">
          Sparat: {state.saved}.
        </p>
      ) : null}
      <p
        id="omradessumma"
        data-area-max={String(data.scoredArea.max)}
        data-total-max={String(data.score.total.max)}
        data-total={String(data.score.total.scoredPoints)}
      >
        Området:{' '}
        <strong data-area-points={String(area.number)}>
          {decimal(data.scoredArea.scoredPoints)}
        </strong>{' '}
        av {decimal(data.scoredArea.max)} poäng (
        <span data-area-percent>
          {formatPercent((data.scoredArea.scoredPoints / data.scoredArea.max) * 100, 1)}
        </span>
        ). Totalt: <strong data-total-points>{decimal(data.score.total.scoredPoints)}</strong> av{' '}
        {decimal(data.score.total.max)} poäng (
        <span data-total-percent>
          {formatPercent((data.score.total.scoredPoints / data.score.total.max) * 100, 1)}
        </span>
        ).{' '}
        <span data-unsaved hidden>
          (Inte sparat ännu.)
        </span>
      </p>
      <nav aria-label="Områden">
        <ul>
          {data.edition.areas.map((other) => (
            <li key={other.number}>
              <a
                href={`${base(evaluation)}/omraden/${String(other.number)}`}
                aria-current={other.number === area.number ? 'page' : undefined}
              >
                {other.number}. {other.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>Frågor</h2>
      {area.questions.map((question) => {
        const sent = state.question?.id === question.id ? state.question : undefined;
        return (
          <QuestionForm
            key={question.id}
            context={context}
            data={data}
            question={question}
            values={sent?.values ?? data.questions[question.id] ?? EMPTY_QUESTION}
            errors={sent?.errors ?? []}
            scored={data.scoredArea.questions.find((q) => q.id === question.id)}
          />
        );
      })}
      <h2>Texter och fynd</h2>
      <WriteUpForm
        context={context}
        data={data}
        values={state.writeUp?.values ?? data.writeUp}
        errors={state.writeUp?.errors ?? []}
      />
      <script src={WORKSPACE_SCRIPT_PATH} defer />
    </>,
  );
}

export const EMPTY_QUESTION: QuestionFormValues = {
  points: '',
  justification: '',
  sourceIds: [],
  interviewIds: [],
};
