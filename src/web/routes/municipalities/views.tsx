import type { Lan, Municipality } from '../../../db/repositories/municipalities.ts';
import type { FieldError } from '../../errors.ts';
import type { PageChrome } from '../../html.ts';
import { formatCount, formatMonthYear, formatNumber } from '../../format.ts';
import type { PublishedEvaluationItem } from '../../queries/public.ts';
import {
  ErrorSummary,
  FieldErrorMessage,
  errorFor,
  fieldErrorId,
} from '../../views/components.tsx';
import { renderPage } from '../../views/layout.tsx';
import type { MunicipalityValue } from '../../../db/repositories/values.ts';
import { ValuesSection } from '../values/views.tsx';
import { EVALUATION_KIND_LABEL } from '../../views/labels.ts';
import { listSwedish } from '../../../domain/comparison/index.ts';
import { renderLineSvg } from './chart.ts';
import { AREA_MAX, type MunicipalityHistory } from './history.ts';
import { QUERY_MAX_LENGTH, type MunicipalityListForm } from './schema.ts';

export interface MunicipalityListProps {
  form: MunicipalityListForm;
  lans: readonly Lan[];
  errors: readonly FieldError[];
  /** The municipalities to list; undefined when the input was refused. */
  rows?: ReadonlyArray<Municipality & { published: number }>;
  /** The search was narrowed (by name/code or län). */
  filtered: boolean;
}

/** The search form: a plain GET form, so it works without JavaScript. */
export function MunicipalitySearchForm({
  form,
  lans,
  errors,
}: Pick<MunicipalityListProps, 'form' | 'lans' | 'errors'>) {
  const qError = errorFor(errors, 'q');
  const lanError = errorFor(errors, 'lan');
  return (
    <form method="get" action="/kommuner" class="search-form" role="search" aria-label="Sök kommun">
      <div class={qError ? 'field field--error' : 'field'}>
        <label for="q">Kommunens namn eller kommunkod</label>
        <FieldErrorMessage error={qError} />
        <input
          type="search"
          id="q"
          name="q"
          value={form.q}
          maxLength={QUERY_MAX_LENGTH * 2}
          autocomplete="off"
          aria-invalid={qError ? 'true' : undefined}
          aria-describedby={qError ? fieldErrorId('q') : undefined}
        />
      </div>
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
          {lans.map((lan) => (
            <option key={lan.code} value={lan.code} selected={lan.code === form.lan}>
              {lan.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field field--actions">
        <button type="submit">Sök</button>
      </div>
    </form>
  );
}

function resultSummary(props: MunicipalityListProps, count: number): string {
  if (!props.filtered) return `Alla ${formatNumber(count)} kommuner i Sverige.`;
  const lan = props.lans.find((candidate) => candidate.code === props.form.lan);
  const parts = [
    props.form.q.trim() === '' ? undefined : `som matchar ”${props.form.q.trim()}”`,
    lan ? `i ${lan.name}` : undefined,
  ].filter((part) => part !== undefined);
  if (count === 0) return `Inga kommuner ${parts.join(' ')}.`;
  return `${formatCount(count, 'kommun', 'kommuner')} ${parts.join(' ')}.`;
}

export function renderMunicipalityList(
  props: MunicipalityListProps,
  chrome: PageChrome = {},
): string {
  const { rows } = props;
  return renderPage({
    ...chrome,
    title: 'Kommuner',
    children: (
      <>
        <h1>Kommuner</h1>
        <p>
          Sök bland Sveriges 290 kommuner på namn eller kommunkod, eller välj ett län. Siffran i
          tabellen visar hur många publicerade utvärderingar kommunen har.
        </p>
        <ErrorSummary errors={props.errors} />
        <MunicipalitySearchForm form={props.form} lans={props.lans} errors={props.errors} />
        {rows === undefined ? null : (
          <>
            <p class="result-summary" id="resultat">
              {resultSummary(props, rows.length)}
              {props.filtered ? (
                <>
                  {' '}
                  <a href="/kommuner">Visa alla kommuner</a>
                </>
              ) : null}
            </p>
            {rows.length === 0 ? null : (
              <table class="data-table">
                <caption>
                  {props.filtered ? 'Sökresultat' : 'Alla kommuner'} ({formatNumber(rows.length)})
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Kommun</th>
                    <th scope="col">Kommunkod</th>
                    <th scope="col">Län</th>
                    <th scope="col" class="number">
                      Publicerade utvärderingar
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((municipality) => (
                    <tr key={municipality.code}>
                      <th scope="row">
                        <a href={`/kommuner/${municipality.code}`}>{municipality.name}</a>
                      </th>
                      <td>{municipality.code}</td>
                      <td>{municipality.lanName}</td>
                      <td class="number">{formatNumber(municipality.published)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </>
    ),
  });
}

export interface MunicipalityPageProps {
  municipality: Municipality;
  evaluations: readonly PublishedEvaluationItem[];
  /** The scored evaluations over the years (see `buildHistory`). */
  history: MunicipalityHistory;
  /** The kommun's värdegrund and the viewer's links beside it (src/web/routes/values). */
  values?: readonly MunicipalityValue[];
  valueLinks?: ReadonlyArray<{ href: string; label: string }>;
}

/** The title an evaluation is listed and linked under: "Kommunkompassen oktober 2016". */
export function evaluationTitle(item: {
  year: number;
  month: number | null;
  kind: string;
}): string {
  const what = item.kind === 'self-assessment' ? 'Självvärdering' : 'Kommunkompassen';
  return `${what} ${formatMonthYear(item.year, item.month)}`;
}

/** At most this many evaluations go to the comparison page at once. */
const COMPARE_MAX = 8;

function EvaluationList({ municipality, evaluations }: MunicipalityPageProps) {
  const scored = evaluations.filter((item) => item.kind !== 'self-assessment');
  const compareHref =
    scored.length > 1
      ? `/jamfor?${scored
          .slice(0, COMPARE_MAX)
          .map((item) => `utvardering=${item.id}`)
          .join('&')}`
      : undefined;
  return (
    <section aria-labelledby="utvarderingar">
      <h2 id="utvarderingar">Publicerade utvärderingar</h2>
      {evaluations.length === 0 ? (
        <p>Det finns ännu ingen publicerad utvärdering av {municipality.name}.</p>
      ) : (
        <>
          <table class="data-table">
            <caption>
              {formatCount(
                evaluations.length,
                'publicerad utvärdering',
                'publicerade utvärderingar',
              )}{' '}
              av {municipality.name}
            </caption>
            <thead>
              <tr>
                <th scope="col">Utvärdering</th>
                <th scope="col">År</th>
                <th scope="col">Utgåva</th>
                <th scope="col">Omfattning</th>
                <th scope="col" class="number">
                  Totalt (av 800)
                </th>
              </tr>
            </thead>
            <tbody>
              {evaluations.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <a href={`/utvarderingar/${item.id}`}>{evaluationTitle(item)}</a>
                  </th>
                  <td>{item.year}</td>
                  <td>{item.editionName}</td>
                  <td>{EVALUATION_KIND_LABEL[item.kind]}</td>
                  <td class="number">{formatNumber(item.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {compareHref ? (
            <p>
              <a href={compareHref}>
                Jämför utvärderingarna av {municipality.name} sida vid sida, och lägg till andra
                kommuner
              </a>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** The scores over the years: a table per area with the total, and two charts of the same. */
function HistorySection({ municipality, history }: MunicipalityPageProps) {
  const { columns, areas, editionNote } = history;
  if (columns.length === 0) return null;
  const categories = columns.map((column) => column.label);
  const areaChart = renderLineSvg(
    {
      title: `${municipality.name}: poäng per område över tid`,
      description:
        `Linjediagram med ett streck per område, 0 till ${AREA_MAX} poäng, för ` +
        `${listSwedish(categories)}. Samma siffror står i tabellen ovanför diagrammen.`,
      categories,
      max: AREA_MAX,
      series: areas.map((area) => ({
        name: `${area.number}. ${area.name}`,
        values: columns.map((column) => column.scores.get(area.number) ?? null),
      })),
    },
    'historik-omraden',
  );
  const totalMax = areas.length * AREA_MAX;
  const totalChart = renderLineSvg(
    {
      title: `${municipality.name}: total poäng över tid`,
      description:
        `Linjediagram över totalpoängen, 0 till ${totalMax}, för ${listSwedish(categories)}. ` +
        'Samma siffror står på raden Totalt i tabellen.',
      categories,
      max: totalMax,
      series: [{ name: 'Totalt', values: columns.map((column) => column.total) }],
    },
    'historik-totalt',
    { width: 640, height: 300 },
  );
  return (
    <section aria-labelledby="over-tid">
      <h2 id="over-tid">Resultat över tid</h2>
      {editionNote ? (
        <p class="notice" id="olika-utgavor">
          <strong>Olika utgåvor.</strong> {editionNote}
        </p>
      ) : null}
      <table class="data-table score-table">
        <caption>
          Poäng per område för {municipality.name} i varje publicerad utvärdering (högst {AREA_MAX}{' '}
          per område)
        </caption>
        <thead>
          <tr>
            <th scope="col">Område</th>
            {columns.map((column) => (
              <th scope="col" class="number" key={column.id}>
                <a href={`/utvarderingar/${column.id}`}>{column.label}</a>
                <br />
                <span class="muted">{column.editionName}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {areas.map((area) => (
            <tr key={area.number}>
              <th scope="row">
                {area.number}. {area.name}
                {area.otherNames.length > 0 ? (
                  <span class="muted"> (även: {area.otherNames.join(', ')})</span>
                ) : null}
              </th>
              {columns.map((column) => (
                <td class="number" key={column.id}>
                  {formatNumber(column.scores.get(area.number) ?? null)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Totalt (av {formatNumber(totalMax)})</th>
            {columns.map((column) => (
              <td class="number" key={column.id}>
                {formatNumber(column.total)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      <figure class="chart" aria-labelledby="historik-omraden-bildtext">
        <div dangerouslySetInnerHTML={{ __html: areaChart }} />
        <figcaption id="historik-omraden-bildtext">
          Diagram: poäng per område över tid. Siffrorna står i tabellen ovan.
        </figcaption>
      </figure>
      <figure class="chart" aria-labelledby="historik-totalt-bildtext">
        <div dangerouslySetInnerHTML={{ __html: totalChart }} />
        <figcaption id="historik-totalt-bildtext">
          Diagram: total poäng över tid. Siffrorna står på raden Totalt i tabellen ovan.
        </figcaption>
      </figure>
    </section>
  );
}

/**
 * One municipality: its published evaluations, and their results over the years per area and in
 * total. Each part is its own `<section>`: a new part goes in between as one more component.
 */
export function renderMunicipalityPage(
  props: MunicipalityPageProps,
  chrome: PageChrome = {},
): string {
  const { municipality } = props;
  return renderPage({
    ...chrome,
    title: municipality.name,
    children: (
      <>
        <p class="breadcrumb">
          <a href="/kommuner">Kommuner</a> / {municipality.lanName}
        </p>
        <h1>{municipality.name}</h1>
        <p>
          Kommunkod {municipality.code} i{' '}
          <a href={`/kommuner?lan=${municipality.lanCode}`}>{municipality.lanName}</a>.
        </p>
        <EvaluationList {...props} />
        <HistorySection {...props} />
        <ValuesSection values={props.values ?? []} links={props.valueLinks ?? []} />
      </>
    ),
  });
}
