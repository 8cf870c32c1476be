/**
 * The värdegrund: the public section on the municipality page (values and principles, what each
 * means, what it means for an office, the document and the year adopted) and the edit page for
 * the kommun's users and admins (one form: add a value, or change the one chosen).
 */
import type { ComponentChildren } from 'preact';
import type { MunicipalityValue } from '../../../db/repositories/values.ts';
import type { FieldError } from '../../errors.ts';
import type { PageChrome } from '../../html.ts';
import { ErrorSummary } from '../../views/components.tsx';
import { renderPage } from '../../views/layout.tsx';
import { Field } from '../plans/form.tsx';

export const valuesPath = (code: string) => `/kommuner/${code}/vardegrund`;

/** The public section on `/kommuner/:code`; nothing when the kommun has no värdegrund. */
export function ValuesSection({
  values,
  links = [],
}: {
  values: readonly MunicipalityValue[];
  /** Links for signed-in readers (edit the värdegrund, the gap analysis, overdue actions). */
  links?: ReadonlyArray<{ href: string; label: string }>;
}) {
  const adopted = values.find((v) => v.adoptedYear !== null)?.adoptedYear ?? null;
  const document = values.find((v) => v.documentUrl !== null)?.documentUrl ?? null;
  if (values.length === 0 && links.length === 0) return null;
  return (
    <section aria-labelledby="vardegrund">
      <h2 id="vardegrund">Värdegrund</h2>
      {values.length === 0 ? (
        <p class="muted">Kommunen har ingen värdegrund registrerad.</p>
      ) : (
        <>
          {adopted !== null || document !== null ? (
            <p>
              {adopted !== null ? `Antagen ${String(adopted)}.` : ''}{' '}
              {document !== null ? <a href={document}>Läs dokumentet</a> : null}
            </p>
          ) : null}
          <dl class="values">
            {values.map((value) => (
              <div key={value.id}>
                <dt>{value.name}</dt>
                <dd>
                  {value.meaning ? <p>{value.meaning}</p> : null}
                  {value.office && value.officeMeaning ? (
                    <p>
                      <strong>För {value.office}:</strong> {value.officeMeaning}
                    </p>
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {links.length > 0 ? (
        <ul class="plain-list">
          {links.map((link) => (
            <li key={link.href}>
              <a href={link.href}>{link.label}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export interface ValueFormValues {
  name: string;
  meaning: string;
  office: string;
  officeMeaning: string;
  documentUrl: string;
  adoptedYear: string;
}

export const EMPTY_VALUE: ValueFormValues = {
  name: '',
  meaning: '',
  office: '',
  officeMeaning: '',
  documentUrl: '',
  adoptedYear: '',
};

export const valueFormOf = (value: MunicipalityValue): ValueFormValues => ({
  name: value.name,
  meaning: value.meaning,
  office: value.office ?? '',
  officeMeaning: value.officeMeaning ?? '',
  documentUrl: value.documentUrl ?? '',
  adoptedYear: value.adoptedYear === null ? '' : String(value.adoptedYear),
});

export function renderValuesEditPage(
  context: { chrome: PageChrome; csrf: ComponentChildren },
  data: {
    municipality: { code: string; name: string };
    values: readonly MunicipalityValue[];
    /** The value being changed, or null to add one. */
    editing: MunicipalityValue | null;
    form: ValueFormValues;
    errors: readonly FieldError[];
  },
): string {
  const { municipality, values, editing, form, errors } = data;
  const base = valuesPath(municipality.code);
  return renderPage({
    ...context.chrome,
    title: `Värdegrund: ${municipality.name}`,
    children: (
      <>
        <p class="breadcrumb">
          <a href={`/kommuner/${municipality.code}`}>{municipality.name}</a>
        </p>
        <h1>Värdegrund: {municipality.name}</h1>
        <p class="lead">
          Kommunens värderingar och principer, som de visas på kommunens sida och kan användas som
          källa i en utvärdering.
        </p>
        {values.length === 0 ? (
          <p>Ingen värdegrund är registrerad ännu.</p>
        ) : (
          <table class="data-table">
            <caption>Registrerade värderingar och principer</caption>
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">Förvaltning</th>
                <th scope="col">Antagen</th>
                <th scope="col">Ändra</th>
                <th scope="col">Ta bort</th>
              </tr>
            </thead>
            <tbody>
              {values.map((value) => (
                <tr key={value.id}>
                  <td>{value.name}</td>
                  <td>{value.office ?? '–'}</td>
                  <td>{value.adoptedYear ?? '–'}</td>
                  <td>
                    <a href={`${base}?varde=${value.id}#formular`}>
                      Ändra<span class="visually-hidden"> {value.name}</span>
                    </a>
                  </td>
                  <td>
                    <form method="post" action={`${base}/${value.id}/ta-bort`}>
                      {context.csrf}
                      <button type="submit" class="secondary">
                        Ta bort<span class="visually-hidden"> {value.name}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <section aria-labelledby="formular">
          <h2 id="formular">
            {editing ? `Ändra ${editing.name}` : 'Lägg till en värdering eller princip'}
          </h2>
          <ErrorSummary errors={errors} />
          <form method="post" action={editing ? `${base}/${editing.id}` : base} novalidate>
            {context.csrf}
            <Field name="name" label="Namn" errors={errors}>
              {(attrs) => (
                <input {...attrs} type="text" value={form.name} maxLength={200} required />
              )}
            </Field>
            <Field name="meaning" label="Vad den betyder" errors={errors}>
              {(attrs) => (
                <textarea {...attrs} rows={3}>
                  {form.meaning}
                </textarea>
              )}
            </Field>
            <Field
              name="office"
              label="Förvaltning eller kontor (frivilligt)"
              hint="Till exempel Utbildningskontoret."
              errors={errors}
            >
              {(attrs) => <input {...attrs} type="text" value={form.office} />}
            </Field>
            <Field name="officeMeaning" label="Vad den betyder för förvaltningen" errors={errors}>
              {(attrs) => (
                <textarea {...attrs} rows={3}>
                  {form.officeMeaning}
                </textarea>
              )}
            </Field>
            <Field
              name="documentUrl"
              label="Länk till dokumentet (frivilligt)"
              hint="Börjar med https://"
              errors={errors}
            >
              {(attrs) => <input {...attrs} type="url" value={form.documentUrl} />}
            </Field>
            <Field
              name="adoptedYear"
              label="Antagen år (frivilligt)"
              hint="Fyra siffror"
              errors={errors}
            >
              {(attrs) => (
                <input
                  {...attrs}
                  type="text"
                  inputMode="numeric"
                  value={form.adoptedYear}
                  maxLength={4}
                />
              )}
            </Field>
            <button type="submit">{editing ? 'Spara ändringen' : 'Lägg till'}</button>
          </form>
          {editing ? (
            <p>
              <a href={base}>Avbryt och lägg till en ny i stället</a>
            </p>
          ) : null}
        </section>
      </>
    ),
  });
}
