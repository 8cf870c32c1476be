import type { Municipality } from '../../../db/repositories/municipalities.ts';
import type { Comparison } from '../../../domain/comparison/index.ts';
import { MAX_COMPARED } from '../../../domain/comparison/index.ts';
import { renderRadarSvg } from '../../../report/chart.ts';
import type { RadarModel, RadarSeries } from '../../../report/model.ts';
import type { FieldError } from '../../errors.ts';
import { formatNumber, formatPercent } from '../../format.ts';
import type { PageChrome } from '../../html.ts';
import {
  ErrorSummary,
  FieldErrorMessage,
  errorFor,
  fieldErrorId,
} from '../../views/components.tsx';
import { renderPage } from '../../views/layout.tsx';

export interface ComparePageProps {
  /** The evaluation ids chosen so far (valid ones), in order. */
  chosen: readonly string[];
  /** Municipalities with at least one published evaluation, for the picker. */
  municipalities: readonly Municipality[];
  form: { kommun: string; ar: string };
  errors: readonly FieldError[];
  comparison?: Comparison;
}

/** The comparison page's address for these evaluations. */
export const compareHref = (ids: readonly string[], extra = '') =>
  `/jamfor${ids.length === 0 && extra === '' ? '' : '?'}${ids
    .map((id) => `utvardering=${encodeURIComponent(id)}`)
    .join('&')}${ids.length > 0 && extra !== '' ? '&' : ''}${extra}`;

/** Radar series kinds in order: seven looks that differ (the eighth repeats the fourth). */
const KINDS: ReadonlyArray<RadarSeries['kind']> = ['current', 'previous', 'average', 'picked'];

const label = (evaluation: Comparison['evaluations'][number]) =>
  `${evaluation.municipalityName} ${evaluation.year}`;

export function radarOf(comparison: Comparison): RadarModel {
  const names = comparison.evaluations.map(label);
  return {
    title: `Jämförelse per område: ${names.join(', ')}`,
    description:
      `Spindeldiagram med ett streck per utvärdering (${names.join(', ')}), 0 till 100 poäng ` +
      'på varje områdes axel. Samma siffror står i tabellen Poäng per område.',
    axes: comparison.areas.map((area) => ({
      number: area.number,
      name: area.names[0] ?? `Område ${area.number}`,
    })),
    series: comparison.evaluations.map((evaluation, index) => ({
      key: evaluation.id,
      name: label(evaluation),
      kind: KINDS[Math.min(index, KINDS.length - 1)] ?? 'picked',
      values: comparison.areas.map(
        (area) => area.cells.find((cell) => cell.evaluationId === evaluation.id)?.score ?? null,
      ),
    })),
  };
}

function Picker(props: ComparePageProps) {
  const { form, errors } = props;
  const kommunError = errorFor(errors, 'kommun');
  const arError = errorFor(errors, 'ar');
  const full = props.chosen.length >= MAX_COMPARED;
  return (
    <form method="get" action="/jamfor" class="search-form" aria-labelledby="valj">
      <h2 id="valj">Lägg till en utvärdering</h2>
      {props.chosen.map((id) => (
        <input type="hidden" name="utvardering" value={id} key={id} />
      ))}
      {full ? (
        <p>
          Du har valt {MAX_COMPARED} utvärderingar, det högsta antalet. Ta bort en för att byta.
        </p>
      ) : (
        <>
          <div class={kommunError ? 'field field--error' : 'field'}>
            <label for="kommun">Kommun</label>
            <FieldErrorMessage error={kommunError} />
            <select
              id="kommun"
              name="kommun"
              aria-invalid={kommunError ? 'true' : undefined}
              aria-describedby={kommunError ? fieldErrorId('kommun') : undefined}
            >
              <option value="">Välj kommun</option>
              {props.municipalities.map((municipality) => (
                <option
                  key={municipality.code}
                  value={municipality.code}
                  selected={form.kommun === municipality.code}
                >
                  {municipality.name}
                </option>
              ))}
            </select>
          </div>
          <div class={arError ? 'field field--error' : 'field'}>
            <label for="ar">År (tomt: den senaste)</label>
            <FieldErrorMessage error={arError} />
            <input
              type="text"
              inputMode="numeric"
              id="ar"
              name="ar"
              value={form.ar}
              size={6}
              aria-invalid={arError ? 'true' : undefined}
              aria-describedby={arError ? fieldErrorId('ar') : undefined}
            />
          </div>
          <div class="field field--actions">
            <button type="submit">Lägg till</button>
          </div>
        </>
      )}
    </form>
  );
}

function Chosen({ comparison }: { comparison: Comparison }) {
  const ids = comparison.evaluations.map((evaluation) => evaluation.id);
  return (
    <section aria-labelledby="valda">
      <h2 id="valda">Valda utvärderingar</h2>
      <ul>
        {comparison.evaluations.map((evaluation) => (
          <li key={evaluation.id}>
            <a href={`/utvarderingar/${evaluation.id}`}>{label(evaluation)}</a> (
            {evaluation.editionName}, totalt {formatNumber(evaluation.total)} poäng) ·{' '}
            <a
              href={compareHref(ids.filter((id) => id !== evaluation.id))}
              aria-label={`Ta bort ${label(evaluation)} ur jämförelsen`}
            >
              Ta bort
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AreaTable({ comparison }: { comparison: Comparison }) {
  return (
    <table class="data-table score-table">
      <caption>
        Poäng per område (högst 100), med plats och percentil bland alla publicerade utvärderingar
        med samma utgåva
      </caption>
      <thead>
        <tr>
          <th scope="col">Område</th>
          {comparison.evaluations.map((evaluation) => (
            <th scope="col" class="number" key={evaluation.id}>
              {label(evaluation)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {comparison.areas.map((area) => (
          <tr key={area.number}>
            <th scope="row">
              {area.number}. {area.names.join(' / ')}
            </th>
            {area.cells.map((cell) => (
              <td class="number" key={cell.evaluationId}>
                {formatNumber(cell.score)}
                {cell.rank === null ? null : (
                  <>
                    <br />
                    <span class="muted">
                      plats {formatNumber(cell.rank)} av {formatNumber(cell.of)}, percentil{' '}
                      {formatNumber(cell.percentile)}
                    </span>
                  </>
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Totalt</th>
          {comparison.evaluations.map((evaluation) => (
            <td class="number" key={evaluation.id}>
              {formatNumber(evaluation.total)}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

function QuestionTable({ comparison }: { comparison: Comparison }) {
  const questions = comparison.questions;
  if (!questions) return <p class="notice">{comparison.questionsNote}</p>;
  return (
    <table class="data-table score-table">
      <caption>Poäng per fråga (andel av frågans maxpoäng inom parentes)</caption>
      <thead>
        <tr>
          <th scope="col">Fråga</th>
          <th scope="col" class="number">
            Max
          </th>
          {comparison.evaluations.map((evaluation) => (
            <th scope="col" class="number" key={evaluation.id}>
              {label(evaluation)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {questions.map((question) => (
          <tr key={question.id}>
            <th scope="row">
              {question.id} {question.text}
            </th>
            <td class="number">{formatNumber(question.max)}</td>
            {question.cells.map((cell) => (
              <td class="number" key={cell.evaluationId}>
                {formatNumber(cell.points)}
                {cell.percent === null ? null : ` (${formatPercent(cell.percent)})`}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Result({ comparison }: { comparison: Comparison }) {
  const svg = renderRadarSvg(radarOf(comparison), undefined, 'jamforelse');
  return (
    <>
      <Chosen comparison={comparison} />
      {comparison.editionNote ? (
        <p class="notice" id="olika-utgavor">
          <strong>Olika utgåvor.</strong> {comparison.editionNote}
        </p>
      ) : null}
      <section aria-labelledby="per-omrade">
        <h2 id="per-omrade">Poäng per område</h2>
        <figure class="chart" aria-labelledby="jamforelse-bildtext">
          <div dangerouslySetInnerHTML={{ __html: svg }} />
          <figcaption id="jamforelse-bildtext">
            Diagram: poäng per område för de valda utvärderingarna. Siffrorna står i tabellen nedan.
          </figcaption>
        </figure>
        <AreaTable comparison={comparison} />
        <p class="muted">
          Plats 1 är den högsta poängen bland alla publicerade utvärderingar med samma utgåva;
          percentilen är andelen av de andra som fick lägre poäng.
        </p>
      </section>
      <section aria-labelledby="per-fraga">
        <h2 id="per-fraga">Poäng per fråga</h2>
        <QuestionTable comparison={comparison} />
      </section>
    </>
  );
}

export function renderComparePage(props: ComparePageProps, chrome: PageChrome = {}): string {
  return renderPage({
    ...chrome,
    title: 'Jämför utvärderingar',
    children: (
      <>
        <h1>Jämför utvärderingar</h1>
        <p>
          Välj upp till {MAX_COMPARED} publicerade utvärderingar, av vilka kommuner och år du vill,
          och se dem sida vid sida: per område med plats bland alla utvärderingar med samma utgåva,
          och per fråga när de är gjorda med samma utgåva.
        </p>
        <ErrorSummary errors={props.errors} />
        {props.comparison ? <Result comparison={props.comparison} /> : null}
        <Picker {...props} />
      </>
    ),
  });
}
