/**
 * The admin page for the gap mappings: the stored mappings with their versions (and their JSON
 * to copy), and a form to replace one with a new mapping file's text. The same use case as
 * `kompass gap-mapping set`: validated, version bumped, audited; a refused file changes nothing.
 */
import type { ComponentChildren } from 'preact';
import type { StoredGapMapping } from '../../../db/repositories/gap-mappings.ts';
import type { FieldError } from '../../errors.ts';
import { formatIsoDate } from '../../format.ts';
import type { PageChrome } from '../../html.ts';
import { ErrorSummary } from '../../views/components.tsx';
import { renderPage } from '../../views/layout.tsx';
import { Field } from '../plans/form.tsx';

export const GAP_ADMIN_PATH = '/admin/gapmappningar';

export function renderGapMappingAdmin(
  context: { chrome: PageChrome; csrf: ComponentChildren },
  data: {
    mappings: readonly StoredGapMapping[];
    form: { mapping: string; reason: string };
    errors: readonly FieldError[];
    saved: string | null;
  },
): string {
  const { form, errors } = data;
  return renderPage({
    ...context.chrome,
    title: 'Kopplingar för gapanalysen',
    children: (
      <>
        <h1>Kopplingar för gapanalysen</h1>
        <p class="lead">
          Vilka självvärderingsfrågor som hör till vilket område i Kommunkompassen. Beskrivningen av
          filformatet finns i docs/gap-analysis.md.
        </p>
        {data.saved ? (
          <p class="notice" role="status">
            {data.saved}
          </p>
        ) : null}
        <table class="data-table">
          <caption>Lagrade kopplingar</caption>
          <thead>
            <tr>
              <th scope="col">Självvärdering</th>
              <th scope="col">Utgåva</th>
              <th scope="col" class="number">
                Version
              </th>
              <th scope="col">Ändrad</th>
            </tr>
          </thead>
          <tbody>
            {data.mappings.map((m) => (
              <tr key={`${m.selfAssessmentEditionId}/${m.editionId}`}>
                <td>{m.selfAssessmentEditionId}</td>
                <td>{m.editionId}</td>
                <td class="number">{m.version}</td>
                <td>
                  {formatIsoDate(m.updatedAt)}
                  {m.updatedBy ? `, ${m.updatedBy.displayName}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.mappings.map((m) => (
          <details key={`json-${m.selfAssessmentEditionId}/${m.editionId}`}>
            <summary>
              Visa kopplingen {m.selfAssessmentEditionId} → {m.editionId} som JSON
            </summary>
            <pre>{JSON.stringify(m.mapping, null, 2)}</pre>
          </details>
        ))}
        <section aria-labelledby="ersatt">
          <h2 id="ersatt">Ersätt en koppling</h2>
          <ErrorSummary errors={errors} />
          <form method="post" action={GAP_ADMIN_PATH} novalidate>
            {context.csrf}
            <Field
              name="mapping"
              label="Kopplingsfil (JSON)"
              hint="Hela filen. Filen anger själv vilka två utgåvor den kopplar."
              errors={errors}
            >
              {(attrs) => (
                <textarea {...attrs} rows={12} required>
                  {form.mapping}
                </textarea>
              )}
            </Field>
            <Field name="reason" label="Varför kopplingen ändras" errors={errors}>
              {(attrs) => <input {...attrs} type="text" value={form.reason} required />}
            </Field>
            <button type="submit">Spara kopplingen</button>
          </form>
        </section>
      </>
    ),
  });
}
