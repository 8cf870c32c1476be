/**
 * "Min kommun": the pages of a municipality user. The list of the kommun's evaluations (published
 * ones and unpublished ones the team shared with the kommun) and a read-only view of one: totals,
 * per area the question scores with their justifications, the area texts and the findings, and
 * the comments with a form to add one. No interviews, no edit controls. An unpublished evaluation
 * is marked as a draft shared with the kommun, not published.
 */
import type { ComponentChildren } from 'preact';
import type { Comment } from '../../../db/repositories/comments.ts';
import type { EvaluationRecord, EvaluationSummary } from '../../../db/repositories/evaluations.ts';
import type { Municipality } from '../../../db/repositories/municipalities.ts';
import type { Edition } from '../../../domain/framework/index.ts';
import type { FieldError } from '../../errors.ts';
import { formatDate, formatIsoDate, formatNumber, formatPercent } from '../../format.ts';
import { percentOf, sumPoints } from '../../../domain/scoring/index.ts';
import type { PageChrome } from '../../html.ts';
import { Facts } from '../../views/components.tsx';
import { EVALUATION_STATUS_LABEL, FINDING_KIND_HEADING } from '../../views/labels.ts';
import { renderPage } from '../../views/layout.tsx';
import { CommentForm, CommentList, type CommentFormValues } from './comments.tsx';

export const PORTAL_PATH = '/min-kommun';
export const portalEvaluationPath = (id: string) => `${PORTAL_PATH}/utvarderingar/${id}`;

export interface PortalListItem {
  evaluation: EvaluationSummary;
  editionName: string;
}

const isDraft = (evaluation: Pick<EvaluationSummary, 'status'>) =>
  evaluation.status !== 'published';

export function renderPortalList(
  chrome: PageChrome,
  municipality: Municipality,
  items: readonly PortalListItem[],
): string {
  return renderPage({
    ...chrome,
    title: `Min kommun: ${municipality.name}`,
    children: (
      <>
        <h1>Min kommun: {municipality.name}</h1>
        <p class="lead">
          Kommunens utvärderingar: de publicerade och de utkast som utvärderarna har delat med
          kommunen. Du kan läsa dem och lämna kommentarer till utvärderarna.
        </p>
        {items.length === 0 ? (
          <p>Kommunen har inga publicerade eller delade utvärderingar ännu.</p>
        ) : (
          <table class="data-table">
            <caption class="visually-hidden">Kommunens utvärderingar</caption>
            <thead>
              <tr>
                <th scope="col">År</th>
                <th scope="col">Utgåva</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ evaluation, editionName }) => (
                <tr key={evaluation.id}>
                  <td>
                    <a href={portalEvaluationPath(evaluation.id)}>
                      {municipality.name} {evaluation.year}
                    </a>
                  </td>
                  <td>{editionName}</td>
                  <td>
                    {isDraft(evaluation)
                      ? `${EVALUATION_STATUS_LABEL[evaluation.status]}, delat med kommunen`
                      : EVALUATION_STATUS_LABEL.published}
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

/** An area's points as the view shows them, with its questions when scored per question. */
export interface PortalArea {
  number: number;
  name: string;
  points: number | null;
  max: number;
  questions: ReadonlyArray<{
    id: string;
    text: string;
    points: number | null;
    max: number | null;
    justification: string | null;
  }>;
}

export interface PortalEvaluationData {
  evaluation: EvaluationRecord;
  municipality: Municipality;
  edition: Edition;
  editionName: string;
  areas: readonly PortalArea[];
  comments: readonly Comment[];
}

export interface PortalEvaluationState {
  comment: CommentFormValues;
  errors: readonly FieldError[];
  /** Just commented: the confirmation. */
  commented?: boolean;
}

/** The exact percent (the domain's `percentOf`), or null when nothing is scored. */
const percentOrNull = (points: number | null, max: number | null) =>
  points === null || max === null || max <= 0 ? null : percentOf(points, max);

function Totals({ data }: { data: PortalEvaluationData }) {
  const scored = data.areas.filter((area) => area.points !== null);
  const total = sumPoints(scored.map((area) => area.points ?? 0));
  const max = sumPoints(data.areas.map((area) => area.max));
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
        </tr>
      </thead>
      <tbody>
        {data.areas.map((area) => (
          <tr key={area.number}>
            <th scope="row">
              <a href={`#omrade-${String(area.number)}`}>
                {area.number}. {area.name}
              </a>
            </th>
            <td class="number">{formatNumber(area.points)}</td>
            <td class="number">{formatNumber(area.max)}</td>
            <td class="number">{formatPercent(percentOrNull(area.points, area.max), 1)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Totalt</th>
          <td class="number">{scored.length === 0 ? formatNumber(null) : formatNumber(total)}</td>
          <td class="number">{formatNumber(max)}</td>
          <td class="number">
            {formatPercent(scored.length === 0 ? null : percentOrNull(total, max), 1)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((paragraph) => paragraph.trim() !== '')
        .map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
    </>
  );
}

function AreaSection({ data, area }: { data: PortalEvaluationData; area: PortalArea }) {
  const headingId = `omrade-${String(area.number)}`;
  const texts = data.evaluation.texts.filter((text) => text.area === area.number);
  const found = data.evaluation.findings.filter((finding) => finding.area === area.number);
  return (
    <section class="area" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {area.number}. {area.name}: {formatNumber(area.points)} av {formatNumber(area.max)} poäng (
        {formatPercent(percentOrNull(area.points, area.max), 1)})
      </h2>
      {area.questions.length === 0 ? null : (
        <table class="data-table">
          <caption>Frågor i område {area.number}</caption>
          <thead>
            <tr>
              <th scope="col">Fråga</th>
              <th scope="col" class="number">
                Poäng
              </th>
              <th scope="col" class="number">
                Max
              </th>
              <th scope="col" class="number">
                Procent
              </th>
              <th scope="col">Motivering</th>
            </tr>
          </thead>
          <tbody>
            {area.questions.map((question) => (
              <tr key={question.id} id={`fraga-${question.id.replace(/\./g, '-')}`}>
                <th scope="row">
                  {question.id} {question.text}
                </th>
                <td class="number">
                  {question.points === null ? 'Ej poängsatt' : formatNumber(question.points)}
                </td>
                <td class="number">{formatNumber(question.max)}</td>
                <td class="number">
                  {formatPercent(percentOrNull(question.points, question.max), 1)}
                </td>
                <td>{question.justification ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {texts.map((text) => (
        <div key={text.position}>
          {text.heading ? <h3>{text.heading}</h3> : null}
          <Paragraphs text={text.body} />
        </div>
      ))}
      {(['strength', 'improvement', 'good-example'] as const).map((kind) => {
        const ofKind = found.filter((finding) => finding.kind === kind);
        return ofKind.length === 0 ? null : (
          <div key={kind} class={`findings findings--${kind}`}>
            <h3>{FINDING_KIND_HEADING[kind]}</h3>
            <ul>
              {ofKind.map((finding) => (
                <li key={finding.id}>{finding.text}</li>
              ))}
            </ul>
          </div>
        );
      })}
      {texts.length === 0 && found.length === 0 && area.questions.length === 0 ? (
        <p class="muted">Området har inga texter ännu.</p>
      ) : null}
      <p>
        <a
          href={`${portalEvaluationPath(data.evaluation.id)}?galler=omrade-${String(area.number)}#kommentarer`}
        >
          Kommentera område {area.number}
        </a>
      </p>
    </section>
  );
}

export function renderPortalEvaluation(
  chrome: PageChrome,
  csrf: ComponentChildren,
  data: PortalEvaluationData,
  state: PortalEvaluationState,
): string {
  const { evaluation, municipality } = data;
  const draft = isDraft(evaluation);
  const name = `${municipality.name} ${String(evaluation.year)}`;
  const title = `${state.errors.length > 0 ? 'Fel: ' : ''}${draft ? 'Utkast: ' : ''}${name}`;
  return renderPage({
    ...chrome,
    title,
    children: (
      <>
        <p class="breadcrumb">
          <a href={PORTAL_PATH}>Min kommun</a>
        </p>
        <h1>
          {draft ? 'Utkast: ' : ''}
          {name}
        </h1>
        {draft ? (
          <p class="notice" id="utkast">
            <strong>Utkast delat med kommunen, inte publicerat.</strong> Utvärderarna kan ändra
            poäng och texter innan utvärderingen publiceras. Sidan syns bara för utvärderarna och
            kommunens användare.
          </p>
        ) : null}
        <Facts
          items={[
            ['Utgåva', data.editionName],
            ['Status', EVALUATION_STATUS_LABEL[evaluation.status]],
            [
              'Publicerad',
              evaluation.publishedAt ? (
                <time datetime={formatIsoDate(evaluation.publishedAt)}>
                  {formatDate(evaluation.publishedAt)}
                </time>
              ) : (
                'Inte publicerad'
              ),
            ],
          ]}
        />
        <p>
          <a href="#kommentarer">Till kommentarerna</a>
        </p>
        <Totals data={data} />
        {data.areas.map((area) => (
          <AreaSection key={area.number} data={data} area={area} />
        ))}
        <section aria-labelledby="kommentarer">
          <h2 id="kommentarer" tabIndex={-1}>
            Kommentarer
          </h2>
          {state.commented ? (
            <p class="notice" role="status">
              Tack! Din kommentar är sparad och syns för utvärderarna.
            </p>
          ) : null}
          <CommentList comments={data.comments} edition={data.edition} />
          <CommentForm
            action={`${portalEvaluationPath(evaluation.id)}/kommentarer`}
            csrf={csrf}
            edition={data.edition}
            values={state.comment}
            errors={state.errors}
            legend="Skriv en kommentar till utvärderarna"
            submitLabel="Skicka kommentaren"
          />
        </section>
      </>
    ),
  });
}
