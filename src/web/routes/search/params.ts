/**
 * Reading the query strings of the public GET forms (search, averages, comparison): one value or
 * several per name, whole numbers and years with a Swedish field error, and the use cases'
 * refusals (QueryError) turned into field errors for the form field they concern.
 */
import type { QueryError } from '../../../domain/comparison/index.ts';
import type { FieldError } from '../../errors.ts';

export type QueryParams = Record<string, string | string[] | undefined>;

/** The request's query as plain strings (fastify gives an array for a repeated name). */
export const queryOf = (query: unknown): QueryParams =>
  typeof query === 'object' && query !== null ? (query as QueryParams) : {};

/** The last value given for `name`, trimmed; undefined when absent or empty. */
export function single(query: QueryParams, name: string): string | undefined {
  const value = query[name];
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  const trimmed = last?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Every non-empty value given for `name`, in order. */
export function many(query: QueryParams, name: string): string[] {
  const value = query[name];
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values.map((item) => item.trim()).filter((item) => item !== '');
}

/** The raw value as typed, for showing it back in the form field. */
export const raw = (query: QueryParams, name: string): string => {
  const value = query[name];
  return (Array.isArray(value) ? value[value.length - 1] : value) ?? '';
};

/**
 * A year (four digits) from the query; a field error is added when it is not one.
 * @example year({ fran: '2010' }, 'fran', 'Från år', errors) // 2010
 */
export function year(
  query: QueryParams,
  name: string,
  label: string,
  errors: FieldError[],
): number | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) {
    errors.push({
      field: name,
      message: `${label}: ”${value.slice(0, 20)}” är inget årtal. Skriv fyra siffror, till exempel 2010.`,
    });
    return undefined;
  }
  return Number(value);
}

/**
 * The use case's refusal as an error on the form field it concerns. `fields` maps the use
 * case's field names ("area", "from") to the form's ("omrade", "fran"); unmapped refusals go to
 * `fallback`.
 */
export function fieldErrorOf(
  error: QueryError,
  fields: Readonly<Record<string, string>>,
  fallback: string,
): FieldError {
  return {
    field: (error.field === undefined ? undefined : fields[error.field]) ?? fallback,
    message: error.userMessage,
  };
}
