/** Validation at the web's edge: zod schemas in, field errors the forms can show out. */
import type { z } from 'zod';
import type { FieldError } from './errors.ts';

/** Zod's issues as field errors, one per field (the first problem found for it). */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  const byField = new Map<string, string>();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!byField.has(field)) byField.set(field, issue.message);
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

/** Parses `input` with `schema`: the value, or the field errors to show. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
): { ok: true; value: z.output<T> } | { ok: false; errors: FieldError[] } {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, errors: fieldErrorsOf(result.error) };
}
