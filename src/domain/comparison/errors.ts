/**
 * Why a comparison, an average or a search was refused. `code` is a closed union the web maps to
 * an HTTP status and the CLI to an exit; `message` is for logs and the command line (English),
 * `userMessage` is what a person reads in the app or the API (Swedish).
 */
export type QueryErrorCode = 'invalid-input' | 'not-found';

export class QueryError extends Error {
  constructor(
    readonly code: QueryErrorCode,
    message: string,
    readonly userMessage: string,
    /** The input field the refusal is about, e.g. "q" or "edition". */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}
