import { ERROR_TITLE, type WebError } from '../errors.ts';
import type { PageChrome } from '../html.ts';
import { ErrorSummary } from './components.tsx';
import { renderPage } from './layout.tsx';

/**
 * The Swedish error page: the code's title, the user's message, the field errors when there are
 * any, and a way on. Never the cause or a stack trace: those go to the log.
 */
export function renderErrorPage(error: WebError, chrome: PageChrome = {}): string {
  const title = ERROR_TITLE[error.code];
  return renderPage({
    ...chrome,
    title,
    children: (
      <>
        <h1>{title}</h1>
        <p>{error.userMessage}</p>
        <ErrorSummary errors={error.fieldErrors} linked={false} />
        <p>
          <a href="/">Till startsidan</a> · <a href="/kommuner">Alla kommuner</a>
        </p>
        <p class="muted">Felkod: {error.status}</p>
      </>
    ),
  });
}
