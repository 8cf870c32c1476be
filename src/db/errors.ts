/**
 * Errors the storage layer raises on purpose. Each has a code from a closed union, so callers
 * (web, CLI) can map every code to a status or exit code and a missed code is a type error.
 */
export type StorageErrorCode =
  | 'database-in-use'
  | 'unavailable'
  | 'not-found'
  | 'conflict'
  | 'stale-version'
  | 'invalid-reference'
  | 'invalid-value';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/** Another process holds the embedded database; PGlite would silently lose one side's writes. */
export class DatabaseInUseError extends StorageError {
  constructor(
    message: string,
    readonly lockFile: string,
    readonly holderPid: number,
  ) {
    super('database-in-use', message);
    this.name = 'DatabaseInUseError';
  }
}

/** What PostgreSQL (and PGlite) report, found on the error or on a wrapped `cause`. */
interface PgErrorFields {
  code: string;
  constraint?: string;
  detail?: string;
  message: string;
}

export function pgErrorOf(error: unknown): PgErrorFields | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== 'object') return undefined;
    const candidate = current as Partial<PgErrorFields> & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return candidate as PgErrorFields;
    }
    current = candidate.cause;
  }
  return undefined;
}

/**
 * Turns a constraint violation into a StorageError that names what was wrong; anything else is
 * returned unchanged. `what` says what was being written, e.g. "evaluation of 0486 in 2016".
 */
export function translateWriteError(error: unknown, what: string): unknown {
  if (error instanceof StorageError) return error;
  const pg = pgErrorOf(error);
  if (!pg) return error;
  const where = pg.constraint ? ` (constraint ${pg.constraint})` : '';
  const detail = pg.detail ? `: ${pg.detail}` : '';
  switch (pg.code) {
    case '23505':
      return new StorageError('conflict', `${what} already exists${where}${detail}`, {
        cause: error,
      });
    case '23503':
      return new StorageError(
        'invalid-reference',
        `${what} refers to something that does not exist${where}${detail}`,
        { cause: error },
      );
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
      return new StorageError(
        'invalid-value',
        `${what} has an invalid value${where}: ${pg.message}`,
        {
          cause: error,
        },
      );
    default:
      return error;
  }
}
