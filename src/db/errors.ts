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

/** What pg-pool throws when no connection came free within `connectionTimeoutMillis`. */
const POOL_TIMEOUT = /timeout exceeded when trying to connect/i;
/** Network errors from the driver's socket. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/**
 * Whether the database could not serve the query for now (rather than refusing it): no pooled
 * connection came free in time, the connection failed, the server is out of connections or
 * shutting down, or a statement was cancelled. Retrying later may succeed.
 */
export function isUnavailableError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== 'object') break;
    const candidate = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof candidate.message === 'string' && POOL_TIMEOUT.test(candidate.message)) return true;
    if (typeof candidate.code === 'string' && NETWORK_CODES.has(candidate.code)) return true;
    current = candidate.cause;
  }
  const code = pgErrorOf(error)?.code;
  return (
    code !== undefined &&
    (code.startsWith('08') || // connection exception
      code === '53300' || // too many connections
      code === '57014' || // query cancelled (statement timeout)
      code.startsWith('57P')) // admin or crash shutdown, cannot connect now
  );
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
