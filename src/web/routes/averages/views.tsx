import type { StoredEdition } from '../../../db/repositories/editions.ts';
import type { Lan } from '../../../db/repositories/municipalities.ts';
import type { AverageResult, PublishedAverage } from '../../../use-cases/compute-average.ts';
import type { FieldError } from '../../errors.ts';
import { formatCount, formatNumber } from '../../format.ts';
import type { PageChrome } from '../../html.ts';
import {
  ErrorSummary,
  FieldErrorMessage,
  errorFor,
  fieldErrorId,
} from '../../views/components.tsx';
import { renderPage } from '../../views/layout.tsx';

export interface AveragesForm {
  utgava: string;
  fran: string;
  till: string;
  lan: string;
}

export interface AveragesPageProps {
  form: AveragesForm;
  errors: readonly FieldError[];
  /** The Kommunkompassen editions, newest first. */
  editions: readonly StoredEdition[];
  lans: readonly Lan[];
  result?: AverageResult;
}

function fieldAttributes(errors: readonly FieldError[], id: string) {
  const error = errorFor(errors, id);
  return {
    error,
    className: error ? 'field field--error' : 'field',
    attributes: {
      id,
      name: id,
      'aria-invalid': error ? ('true' as const) : undefined,
      'aria-describedby': error ? fieldErrorId(id) : undefined,
    },
  };
}

function AveragesFormView({ form, errors, editions, lans }: AveragesPageProps) {
  const edition = fieldAttributes(errors, 'utgava');
  const from = fieldAttributes(errors, 'fran');
  const to = fieldAttributes(errors, 'till');
  const lan = fieldAttributes(errors, 'lan');
  return (
    <form method="get" action="/medelvarden" class="search-form" aria-label="Välj underlag">
      <div class={edition.className}>
        <label for="utgava">Utgåva av Kommunkompassen</label>
        <FieldErrorMessage error={edition.error} />
        <select {...edition.attributes}>
          {editions.map((item) => (
            <option key={item.id} value={item.id} selected={form.utgava === item.id}>
              {item.name}
            </option>
          ))}
        </select>
      </div>
      <div class={from.className}>
        <label for="fran">Från år (tomt: alla)</label>
        <FieldErrorMessage error={from.error} />
        <input type="text" inputMode="numeric" size={6} value={form.fran} {...from.attributes} />
      </div>
      <div class={to.className}>
        <label for="till">Till år (tomt: alla)</label>
        <FieldErrorMessage error={to.error} />
        <input type="text" inputMode="numeric" size={6} value={form.till} {...to.attributes} />
      </div>
      <div class={lan.className}>
        <label for="lan">Län</label>
        <FieldErrorMessage error={lan.error} />
        <select {...lan.attributes}>
          <option value="">Hela landet</option>
          {lans.map((item) => (
            <option key={item.code} value={item.code} selected={form.lan === item.code}>
              {item.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field field--actions">
        <button type="submit">Visa medelvärde</button>
      </div>
    </form>
  );
}

const seriesName = (series: PublishedAverage) =>
  series.basis ? `${series.label} (${series.basis})` : series.label;

function SourceLink({ series }: { series: PublishedAverage }) {
  return series.sourceEvaluationId ? (
    <a href={`/utvarderingar/${series.sourceEvaluationId}`}>{series.source}</a>
  ) : (
    <>{series.source}</>
  );
}

function Result({ result }: { result: AverageResult }) {
  const shown = result.source === 'published' ? result.published[0] : undefined;
  const others = result.source === 'published' ? result.published.slice(1) : result.published;
  return (
    <section aria-labelledby="resultat">
      <h2 id="resultat">
        {result.edition.name}, {result.basis.description}
      </h2>
      {result.source === 'computed' ? (
        <p class="result-summary">
          Medelvärdet är beräknat från{' '}
          {formatCount(result.n ?? 0, 'publicerad utvärdering', 'publicerade utvärderingar')} (n ={' '}
          {formatNumber(result.n)}).
        </p>
      ) : shown ? (
        <p class="notice">
          Det finns inga publicerade utvärderingar för det här urvalet i Kompass. Siffrorna nedan är
          medelvärdet som trycktes i en rapport, ”{seriesName(shown)}”, källa:{' '}
          <SourceLink series={shown} />. Hur många utvärderingar det bygger på är inte känt.
        </p>
      ) : null}
      <table class="data-table score-table">
        <caption>
          {result.source === 'computed' ? 'Medelvärde' : 'Publicerat medelvärde'} per område (högst
          100 poäng per område)
        </caption>
        <thead>
          <tr>
            <th scope="col">Område</th>
            <th scope="col" class="number">
              Medelvärde
            </th>
            <th scope="col" class="number">
              n
            </th>
          </tr>
        </thead>
        <tbody>
          {result.areas.map((area) => (
            <tr key={area.number}>
              <th scope="row">
                {area.number}. {area.name}
              </th>
              <td class="number">{formatNumber(area.mean, 1)}</td>
              <td class="number">{formatNumber(area.n)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Totalt (av {formatNumber(result.areas.length * 100)})</th>
            <td class="number">{formatNumber(result.total, 1)}</td>
            <td class="number">{formatNumber(result.n)}</td>
          </tr>
        </tfoot>
      </table>
      {others.length === 0 ? null : (
        <>
          <h3>Medelvärden som publicerats i rapporter</h3>
          <p>
            Rapporterna med {result.edition.name} tryckte de här medelvärdena. De visas som de
            trycktes, för jämförelse.
          </p>
          <table class="data-table">
            <caption>Publicerade medelvärden för {result.edition.name}</caption>
            <thead>
              <tr>
                <th scope="col">Medelvärde</th>
                <th scope="col" class="number">
                  Totalt
                </th>
                <th scope="col">Källa</th>
              </tr>
            </thead>
            <tbody>
              {others.map((series, index) => (
                <tr key={`${series.source}-${index}`}>
                  <th scope="row">{seriesName(series)}</th>
                  <td class="number">{formatNumber(series.total)}</td>
                  <td>
                    <SourceLink series={series} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

export function renderAveragesPage(props: AveragesPageProps, chrome: PageChrome = {}): string {
  return renderPage({
    ...chrome,
    title: 'Medelvärden',
    children: (
      <>
        <h1>Medelvärden</h1>
        <p>
          Medelvärdet per område och totalt för de publicerade utvärderingarna med en utgåva av
          Kommunkompassen, för valfria år (till exempel från 2010 och framåt) och för hela landet
          eller ett län. Antalet utvärderingar (n) står vid varje siffra.
        </p>
        <ErrorSummary errors={props.errors} />
        <AveragesFormView {...props} />
        {props.result ? <Result result={props.result} /> : null}
      </>
    ),
  });
}
