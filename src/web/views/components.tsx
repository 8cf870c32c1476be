import type { ComponentChildren } from 'preact';
import type { FieldError } from '../errors.ts';

/**
 * The error summary at the top of a form: a focusable alert whose entries link to the fields
 * (the pattern public-sector forms use so screen-reader and keyboard users find each problem).
 */
export function ErrorSummary({
  errors,
  linked = true,
}: {
  errors: readonly FieldError[];
  /** Link each entry to its field (false on a page without the form). */
  linked?: boolean;
}) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">
        Det finns {errors.length === 1 ? 'ett fel' : 'fel'} att rätta
      </h2>
      <ul>
        {errors.map((error) => (
          <li key={error.field}>
            {linked ? <a href={`#${error.field}`}>{error.message}</a> : error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The id of the message shown next to a field; the field points at it with `aria-describedby`. */
export const fieldErrorId = (field: string) => `${field}-fel`;

/** The error for `field` among `errors`, if any. */
export function errorFor(errors: readonly FieldError[], field: string): FieldError | undefined {
  return errors.find((error) => error.field === field);
}

/** The message next to a field, prefixed so it is read as an error. */
export function FieldErrorMessage({ error }: { error: FieldError | undefined }) {
  if (!error) return null;
  return (
    <p class="field-error" id={fieldErrorId(error.field)}>
      <span class="visually-hidden">Fel: </span>
      {error.message}
    </p>
  );
}

/** A definition list of label–value pairs; empty values are left out. */
export function Facts({ items }: { items: ReadonlyArray<[string, ComponentChildren]> }) {
  const shown = items.filter(([, value]) => value !== undefined && value !== null && value !== '');
  if (shown.length === 0) return null;
  return (
    <dl class="facts">
      {shown.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
