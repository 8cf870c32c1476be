/** The workflow page: where an evaluation stands, what publishing lacks, and the next steps. */
import type { FieldError } from '../../errors.ts';
import { formatDate } from '../../format.ts';

import {
  ErrorSummary,
  FieldErrorMessage,
  errorFor,
  fieldErrorId,
} from '../../views/components.tsx';
import { renderPage } from '../../views/layout.tsx';
import {
  STATUS_LABEL,
  canStartCorrection,
  describeMissing,
  type MissingItem,
} from '../../../domain/workflow/index.ts';
import { evaluationName, type Chrome, type LoadedEvaluation } from './load.ts';
import { REASON_MAX } from './schema.ts';
import type { JSX } from 'preact';

/** The workflow page of evaluation `id`. */
export const workflowPath = (id: string) => `/utvarderingar/${id}/arbetsflode`;
export const statusPath = (id: string) => `/utvarderingar/${id}/status`;
export const correctionPath = (id: string) => `/utvarderingar/${id}/rattelse`;
export const historyPath = (id: string) => `/utvarderingar/${id}/historik`;

/**
 * Where in the workspace a missing item is fixed: the area's page, at the question's heading
 * (the workspace's `q<id>-rubrik` anchors) or at the top for the area's findings and score.
 */
export function missingItemHref(evaluationId: string, item: MissingItem): string {
  const area = `/arbetsyta/${evaluationId}/omraden/${String(item.area)}`;
  return item.kind === 'question-unscored'
    ? `${area}#q${item.questionId.replace(/\./g, '-')}-rubrik`
    : area;
}

/** What happened, shown after a successful step (`?klart=…`). */
export const DONE_MESSAGE = {
  submit: 'Utvärderingen är lämnad till granskning.',
  publish: 'Utvärderingen är publicerad.',
  return: 'Utvärderingen är tillbaka som utkast.',
  correct: 'En rättelse är påbörjad: den är ett nytt utkast som publiceras på vanligt sätt.',
} as const;
export type Done = keyof typeof DONE_MESSAGE;

export interface WorkflowPageProps {
  loaded: LoadedEvaluation;
  missing: readonly MissingItem[];
  csrf: JSX.Element;
  done?: Done | undefined;
  /** A refusal to show at the top (e.g. publishing with something missing). */
  refusal?: { message: string; missing: readonly MissingItem[] } | undefined;
  /** Problems with the form fields. */
  errors?: readonly FieldError[];
  /** The reason typed, when the form comes back with an error. */
  reason?: string;
}

function MissingList({ id, items }: { id: string; items: readonly MissingItem[] }) {
  return (
    <ul class="missing-list">
      {items.map((item) => (
        <li
          key={`${item.kind}-${item.area}-${item.kind === 'question-unscored' ? item.questionId : ''}`}
        >
          <a href={missingItemHref(id, item)}>{describeMissing(item)}</a>
        </li>
      ))}
    </ul>
  );
}

function ReasonField({
  name,
  label,
  hint,
  required,
  errors,
  value,
}: {
  name: string;
  label: string;
  hint: string;
  required: boolean;
  errors: readonly FieldError[];
  value: string;
}) {
  const error = errorFor(errors, name);
  const hintId = `${name}-hint`;
  return (
    <div class="field">
      <label for={name}>{label}</label>
      <p class="hint" id={hintId}>
        {hint}
      </p>
      <FieldErrorMessage error={error} />
      <textarea
        id={name}
        name="reason"
        rows={3}
        maxLength={REASON_MAX}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${hintId} ${fieldErrorId(name)}` : hintId}
      >
        {value}
      </textarea>
    </div>
  );
}

export function renderWorkflowPage(props: WorkflowPageProps, chrome: Chrome): string {
  const { loaded, missing, csrf, done, refusal, errors = [], reason = '' } = props;
  const { record } = loaded;
  const id = record.id;
  const name = evaluationName(loaded);
  const title = `Arbetsflöde: ${name}`;
  const version = <input type="hidden" name="version" value={String(record.version)} />;
  return renderPage({
    ...chrome,
    title,
    children: (
      <>
        <h1>{title}</h1>
        {done ? (
          <div class="notice" role="status">
            <p>{DONE_MESSAGE[done]}</p>
          </div>
        ) : null}
        {refusal ? (
          <div class="error-summary" role="alert" aria-labelledby="refusal-title" tabIndex={-1}>
            <h2 id="refusal-title">{refusal.message}</h2>
            {refusal.missing.length > 0 ? <MissingList id={id} items={refusal.missing} /> : null}
          </div>
        ) : null}
        <ErrorSummary errors={errors} />
        <dl class="facts">
          <div>
            <dt>Status</dt>
            <dd>{STATUS_LABEL[record.status]}</dd>
          </div>
          <div>
            <dt>Utgåva</dt>
            <dd>{loaded.edition.name}</dd>
          </div>
          <div>
            <dt>Revision</dt>
            <dd>
              {record.revision}
              {record.current ? '' : ' (ersatt av en nyare revision)'}
            </dd>
          </div>
          {record.publishedAt ? (
            <div>
              <dt>Publicerad</dt>
              <dd>
                <time dateTime={record.publishedAt.toISOString()}>
                  {formatDate(record.publishedAt)}
                </time>
              </dd>
            </div>
          ) : null}
        </dl>
        <p>
          <a href={historyPath(id)}>Historik</a>
          {record.status === 'published' ? (
            <>
              {' · '}
              <a href={`/utvarderingar/${id}`}>Den publicerade sidan</a>
            </>
          ) : (
            <>
              {' · '}
              <a href={`/arbetsyta/${id}`}>Arbetsytan</a>
            </>
          )}
        </p>

        {record.status !== 'published' && record.current ? (
          <section aria-labelledby="checklist-title">
            <h2 id="checklist-title">Inför publicering</h2>
            {missing.length === 0 ? (
              <p>
                Allt som krävs för att publicera finns: varje fråga har poäng och varje område har
                minst en styrka och ett förbättringsområde.
              </p>
            ) : (
              <>
                <p>Detta saknas innan utvärderingen kan publiceras:</p>
                <MissingList id={id} items={missing} />
              </>
            )}
          </section>
        ) : null}

        {record.current && record.status === 'draft' ? (
          <form method="post" action={statusPath(id)}>
            {csrf}
            {version}
            <input type="hidden" name="transition" value="submit" />
            <button type="submit">Lämna till granskning</button>
          </form>
        ) : null}

        {record.current && record.status === 'review' ? (
          <>
            <form method="post" action={statusPath(id)}>
              {csrf}
              {version}
              <input type="hidden" name="transition" value="publish" />
              <button type="submit">Publicera</button>
            </form>
            <form method="post" action={statusPath(id)}>
              <h2>Skicka tillbaka till utkast</h2>
              {csrf}
              {version}
              <input type="hidden" name="transition" value="return" />
              <ReasonField
                name="return-reason"
                label="Anledning (valfritt)"
                hint="Syns i historiken för teamet."
                required={false}
                errors={errors}
                value={reason}
              />
              <button type="submit">Skicka tillbaka till utkast</button>
            </form>
          </>
        ) : null}

        {canStartCorrection(record) ? (
          <form method="post" action={correctionPath(id)}>
            <h2>Rätta den publicerade utvärderingen</h2>
            <p>
              En publicerad utvärdering ändras inte. En rättelse blir en ny revision som börjar som
              ett utkast; den publicerade versionen finns kvar tills rättelsen publiceras, och
              rättelsen syns för läsarna.
            </p>
            {csrf}
            {version}
            <ReasonField
              name="correction-reason"
              label="Varför rättas utvärderingen?"
              hint="Syns i historiken och för läsarna."
              required={true}
              errors={errors}
              value={reason}
            />
            <button type="submit">Påbörja rättelse</button>
          </form>
        ) : null}
      </>
    ),
  });
}
