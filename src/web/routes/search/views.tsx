import type { ComponentChildren } from 'preact';
import type { Lan, Municipality } from '../../../db/repositories/municipalities.ts';
import { MAX_QUERY_LENGTH } from '../../../domain/comparison/index.ts';
import {
  SEARCH_KINDS,
  SEARCH_KIND_LABEL,
  type SearchResult,
} from '../../../use-cases/search-findings.ts';
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

/** What the form shows back: the values as typed. */
export interface SearchForm {
  q: string;
  omrade: string;
  fran: string;
  till: string;
  kommun: string;
  lan: string;
  typ: readonly string[];
}

export interface SearchPageProps {
  form: SearchForm;
  errors: readonly FieldError[];
  lans: readonly Lan[];
  municipalities: readonly Municipality[];
  /** Area number → name (of the newest edition), for the area filter and the hits. */
  areaNames: ReadonlyMap<number, string>;
  /** Area names per edition, for naming a hit's area as its report does. */
  areaNamesByEdition: ReadonlyMap<string, ReadonlyMap<number, string>>;
  result?: SearchResult;
  /** The current page, from 1. */
  page: number;
  /** The query string of this search without the page, for the page links. */
  pageQuery: string;
}

function Field({
  id,
  label,
  errors,
  children,
}: {
  id: string;
  label: string;
  errors: readonly FieldError[];
  children: (props: {
    id: string;
    name: string;
    'aria-invalid'?: 'true';
    'aria-describedby'?: string;
  }) => ComponentChildren;
}) {
  const error = errorFor(errors, id);
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>{label}</label>
      <FieldErrorMessage error={error} />
      {children({
        id,
        name: id,
        ...(error ? { 'aria-invalid': 'true', 'aria-describedby': fieldErrorId(id) } : {}),
      })}
    </div>
  );
}

function SearchFormView(props: SearchPageProps) {
  const { form, errors } = props;
  const kindError = errorFor(errors, 'typ');
  return (
    <form
      method="get"
      action="/sok"
      class="search-form"
      role="search"
      aria-label="Sök goda exempel"
    >
      <Field id="q" label="Sökord" errors={errors}>
        {(attributes) => (
          <input
            type="search"
            {...attributes}
            value={form.q}
            maxLength={MAX_QUERY_LENGTH}
            autocomplete="off"
          />
        )}
      </Field>
      <Field id="omrade" label="Område" errors={errors}>
        {(attributes) => (
          <select {...attributes}>
            <option value="">Alla områden</option>
            {[...props.areaNames].map(([number, name]) => (
              <option key={number} value={String(number)} selected={form.omrade === String(number)}>
                {number}. {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="fran" label="Från år" errors={errors}>
        {(attributes) => (
          <input type="text" inputMode="numeric" {...attributes} value={form.fran} size={6} />
        )}
      </Field>
      <Field id="till" label="Till år" errors={errors}>
        {(attributes) => (
          <input type="text" inputMode="numeric" {...attributes} value={form.till} size={6} />
        )}
      </Field>
      <Field id="kommun" label="Kommun" errors={errors}>
        {(attributes) => (
          <select {...attributes}>
            <option value="">Alla kommuner</option>
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
        )}
      </Field>
      <Field id="lan" label="Län" errors={errors}>
        {(attributes) => (
          <select {...attributes}>
            <option value="">Alla län</option>
            {props.lans.map((lan) => (
              <option key={lan.code} value={lan.code} selected={form.lan === lan.code}>
                {lan.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset
        class={kindError ? 'field field--error' : 'field'}
        id="typ"
        aria-describedby={kindError ? fieldErrorId('typ') : undefined}
      >
        <legend>Typ av text (ingen vald: alla)</legend>
        <FieldErrorMessage error={kindError} />
        {SEARCH_KINDS.map((kind) => (
          <label key={kind} class="checkbox">
            <input type="checkbox" name="typ" value={kind} checked={form.typ.includes(kind)} />{' '}
            {SEARCH_KIND_LABEL[kind]}
          </label>
        ))}
      </fieldset>
      <div class="field field--actions">
        <button type="submit">Sök</button>
      </div>
    </form>
  );
}

/** A hit's link: the area's section in the published report. */
export const reportHref = (evaluationId: string, area: number) =>
  `/utvarderingar/${evaluationId}/rapport#omrade-${area}`;

function Results(props: SearchPageProps & { result: SearchResult }) {
  const { result, page } = props;
  const first = result.offset + 1;
  const last = result.offset + result.hits.length;
  const pages = Math.ceil(result.total / result.limit);
  return (
    <section aria-labelledby="traffar">
      <h2 id="traffar">Träffar</h2>
      <p class="result-summary" role="status">
        {result.total === 0
          ? `Inga publicerade texter matchar ”${result.query}”. Pröva ett annat ord eller färre filter.`
          : (result.capped
              ? `Fler än ${formatNumber(result.total)} texter matchar ”${result.query}”, så ` +
                `de ${formatNumber(result.total)} först funna rangordnas. Lägg till ett ord ` +
                'eller ett filter för en smalare sökning'
              : `${formatCount(result.total, 'text', 'texter')} matchar ”${result.query}”`) +
            (result.hits.length === 0
              ? '. Sidan finns inte: gå tillbaka till första sidan.'
              : `; visar ${formatNumber(first)}–${formatNumber(last)}, bäst matchning först.`)}
      </p>
      {result.hits.length === 0 ? null : (
        <ol class="search-hits" start={first}>
          {result.hits.map((hit) => {
            const areaName =
              props.areaNamesByEdition.get(hit.editionId)?.get(hit.area) ?? `Område ${hit.area}`;
            return (
              <li key={hit.id} class="search-hit">
                <h3>
                  <a href={reportHref(hit.evaluationId, hit.area)}>
                    {hit.municipalityName} {hit.year}: {hit.area}. {areaName}
                  </a>
                </h3>
                <p class="muted">
                  {hit.kindLabel}
                  {hit.headingHtml === null ? null : (
                    <>
                      {' · '}
                      <span dangerouslySetInnerHTML={{ __html: hit.headingHtml }} />
                    </>
                  )}
                </p>
                <p dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
              </li>
            );
          })}
        </ol>
      )}
      {pages > 1 ? (
        <nav aria-label="Sidor med träffar" class="pagination">
          <p>
            Sida {formatNumber(page)} av {formatNumber(pages)}.{' '}
            {page > 1 ? (
              <a href={`/sok?${props.pageQuery}&sida=${page - 1}`} rel="prev">
                Föregående sida
              </a>
            ) : null}
            {page > 1 && page < pages ? ' · ' : null}
            {page < pages ? (
              <a href={`/sok?${props.pageQuery}&sida=${page + 1}`} rel="next">
                Nästa sida
              </a>
            ) : null}
          </p>
        </nav>
      ) : null}
    </section>
  );
}

export function renderSearchPage(props: SearchPageProps, chrome: PageChrome = {}): string {
  const title = props.result ? `Sök: ${props.result.query}` : 'Sök goda exempel';
  return renderPage({
    ...chrome,
    title,
    children: (
      <>
        <h1>Sök goda exempel</h1>
        <p>
          Sök i alla publicerade utvärderingars styrkor, förbättringsområden, goda exempel och
          texter. Sökningen känner igen böjningar: ”medborgardialogen” hittar även
          ”medborgardialog”. Skriv ord inom citattecken för en exakt fras och minus framför ett ord
          som inte ska finnas med.
        </p>
        <ErrorSummary errors={props.errors} />
        <SearchFormView {...props} />
        {props.result ? <Results {...props} result={props.result} /> : null}
      </>
    ),
  });
}
