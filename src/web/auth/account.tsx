import type { FastifyRequest } from 'fastify';
import { csrfToken, currentUserOf } from './request.tsx';
import { AccountNav } from './views.tsx';

/**
 * The header's account corner for this request, for the layout's `account` slot: "Logga in" for
 * the public, the user's name, "Byt lösenord" and a sign-out button when signed in.
 *
 * @example
 * renderPage({ title, path: request.url, account: accountSlot(request), children });
 */
export function accountSlot(request: FastifyRequest) {
  const user = currentUserOf(request);
  const path = request.url;
  return <AccountNav user={user} csrfToken={user ? csrfToken(request) : null} path={path} />;
}
