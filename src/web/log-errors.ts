/**
 * How errors are written to the log: type, code, message, stack and causes, without the values
 * a failed query was given. Drizzle's `DrizzleQueryError` carries them in its message ("params:
 * …") and in a `params` property, and they can be a password hash, a session token or a person's
 * name from an interview, which the log must never hold (ASVS V7.1.1). The SQL text stays: it
 * holds placeholders, not values.
 */

/** The params part of a Drizzle query error's message, up to the stack or the end. */
const QUERY_PARAMS = /\nparams: [\s\S]*?(?=\n {4}at |$)/;

/** `text` with a failed query's parameter values replaced by "[not logged]". */
export function withoutQueryValues(text: string): string {
  return text.replace(QUERY_PARAMS, '\nparams: [not logged]');
}

export interface LoggedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
  code?: string;
  cause?: LoggedError;
}

/** The error as the log may show it (fastify's `err` serializer). */
export function serializeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: withoutQueryValues(String(error)), stack: '' };
  }
  const logged: LoggedError = {
    type: error.name,
    message: withoutQueryValues(error.message),
    stack: withoutQueryValues(error.stack ?? ''),
  };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') logged.code = String(code);
  if (error.cause !== undefined && depth < 4) logged.cause = serializeError(error.cause, depth + 1);
  return logged;
}
