/**
 * Errors the web layer shows to people. Each has a code from a closed union, mapped to an HTTP
 * status and a Swedish title by `Record<ErrorCode, …>`, so a new code nobody mapped is a type
 * error. The user's message is kept apart from the cause, which only the log sees.
 */
import type { FastifyError } from 'fastify';
import { StorageError, isUnavailableError, type StorageErrorCode } from '../db/errors.ts';

export type ErrorCode =
  | 'invalid-input'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf-failed'
  | 'not-found'
  | 'conflict'
  | 'stale-version'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'internal'
  | 'unavailable';

export const ERROR_STATUS: Record<ErrorCode, number> = {
  'invalid-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  'csrf-failed': 403,
  'not-found': 404,
  conflict: 409,
  'stale-version': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
};

/** The heading of the error page (and the JSON error's `title`). */
export const ERROR_TITLE: Record<ErrorCode, string> = {
  'invalid-input': 'Uppgifterna behöver rättas',
  unauthenticated: 'Du behöver logga in',
  forbidden: 'Du har inte behörighet',
  'csrf-failed': 'Formuläret kunde inte skickas',
  'not-found': 'Sidan finns inte',
  conflict: 'Ändringen krockar med befintliga uppgifter',
  'stale-version': 'Någon annan har ändrat samtidigt',
  'payload-too-large': 'Det du skickade är för stort',
  'unsupported-media-type': 'Formatet stöds inte',
  'rate-limited': 'För många försök',
  internal: 'Något gick fel',
  unavailable: 'Tjänsten är inte tillgänglig just nu',
};

/** What the page says when the code's own message is all there is to say. */
export const ERROR_MESSAGE: Record<ErrorCode, string> = {
  'invalid-input': 'Rätta uppgifterna som anges nedan och försök igen.',
  unauthenticated: 'Logga in och försök igen.',
  forbidden: 'Ditt konto får inte göra detta. Kontakta en administratör om du behöver det.',
  'csrf-failed':
    'Formuläret var för gammalt eller kom från en annan sida. Ladda om sidan och försök igen.',
  'not-found': 'Kontrollera adressen, eller börja om från startsidan.',
  conflict: 'Uppgifterna finns redan eller hänger ihop med något annat.',
  'stale-version': 'Ladda om sidan för att se den senaste versionen och gör din ändring igen.',
  'payload-too-large': 'Försök med en mindre fil eller mindre text.',
  'unsupported-media-type': 'Skicka uppgifterna som ett vanligt formulär.',
  'rate-limited': 'Vänta en stund och försök igen.',
  internal: 'Felet är loggat. Försök igen om en stund.',
  unavailable: 'Databasen svarar inte. Försök igen om en stund.',
};

/** A problem with one form field: `field` is the input's `id`/`name`, `message` says why. */
export interface FieldError {
  field: string;
  message: string;
}

export interface WebErrorOptions {
  /** Shown to the user in Swedish; defaults to the code's standard message. */
  userMessage?: string;
  fieldErrors?: readonly FieldError[];
  cause?: unknown;
}

/**
 * An error meant for the person using the app. `message` is for the log (English, may name
 * internals); `userMessage` is what the page shows.
 *
 * @example
 * throw new WebError('not-found', 'evaluation 123 is a draft');
 */
export class WebError extends Error {
  readonly userMessage: string;
  readonly fieldErrors: readonly FieldError[];

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: WebErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WebError';
    this.userMessage = options.userMessage ?? ERROR_MESSAGE[code];
    this.fieldErrors = options.fieldErrors ?? [];
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** How a storage failure shows on the web. */
export const STORAGE_ERROR_CODE: Record<StorageErrorCode, ErrorCode> = {
  'database-in-use': 'unavailable',
  unavailable: 'unavailable',
  'not-found': 'not-found',
  conflict: 'conflict',
  'stale-version': 'stale-version',
  'invalid-reference': 'invalid-input',
  'invalid-value': 'invalid-input',
};

/** Fastify's and its plugins' client errors, by status. */
const CLIENT_STATUS_CODE: Readonly<Record<number, ErrorCode>> = {
  400: 'invalid-input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
};

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as Partial<FastifyError>).statusCode === 'number';
}

/**
 * Any thrown value as a WebError: WebErrors as they are, storage errors by their code, Fastify's
 * client errors (bad body, too large, rate limit, CSRF) by status; everything else is "internal",
 * so an unexpected failure is never reported as "not found".
 */
export function toWebError(error: unknown): WebError {
  if (error instanceof WebError) return error;
  if (error instanceof StorageError) {
    return new WebError(STORAGE_ERROR_CODE[error.code], error.message, { cause: error });
  }
  if (isUnavailableError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new WebError('unavailable', `database unavailable: ${message}`, { cause: error });
  }
  if (isFastifyError(error)) {
    const status = error.statusCode ?? 500;
    const code =
      typeof error.code === 'string' && error.code.startsWith('FST_CSRF')
        ? 'csrf-failed'
        : CLIENT_STATUS_CODE[status];
    if (code) return new WebError(code, error.message, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new WebError('internal', message, { cause: error });
}
