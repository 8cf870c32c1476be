import type { FastifyReply, FastifyRequest } from 'fastify';
import { accountSlot, currentUserOf } from './auth/index.ts';
import type { LayoutProps, NavLink } from './views/layout.tsx';

/**
 * What every page's frame takes from the request: the path (for the menu), the menu links for
 * the signed-in account, and the account corner.
 */
export type PageChrome = Pick<LayoutProps, 'path' | 'account' | 'nav'>;

/** The menu link to the workspace, for evaluators and admins. */
export const WORKSPACE_LINK: NavLink = { href: '/arbetsyta', label: 'Arbetsyta' };

/** The menu link to "Min kommun", for municipality users. */
export const MUNICIPALITY_LINK: NavLink = { href: '/min-kommun', label: 'Min kommun' };

/** The menu link to the self-assessments, for every signed-in account. */
export const SELF_ASSESSMENT_LINK: NavLink = { href: '/sjalvvardering', label: 'Självvärdering' };

/** The menu link to the privacy page (interview retention, erasure, person exports), for admins. */
export const PRIVACY_ADMIN_LINK: NavLink = {
  href: '/admin/personuppgifter',
  label: 'Personuppgifter',
};

export function pageChrome(request: FastifyRequest): PageChrome {
  const user = currentUserOf(request);
  const works =
    user !== null &&
    !user.mustChangePassword &&
    (user.role === 'evaluator' || user.role === 'admin');
  return {
    path: request.url.split('?')[0] ?? '/',
    account: accountSlot(request),
    ...(works
      ? {
          nav: [
            WORKSPACE_LINK,
            SELF_ASSESSMENT_LINK,
            ...(user.role === 'admin' ? [PRIVACY_ADMIN_LINK] : []),
          ],
        }
      : {}),
    ...(user !== null && !user.mustChangePassword && user.role === 'municipality'
      ? { nav: [MUNICIPALITY_LINK, SELF_ASSESSMENT_LINK] }
      : {}),
  };
}

/**
 * Sends a rendered page. Pages show live data, so browsers revalidate before reusing one (unless
 * the route set its own cache-control, as error pages do with no-store). A page shown to a
 * signed-in user may hold what only they may read (drafts, interviews): it is `private, no-store`,
 * kept by neither the browser nor a proxy (ASVS 8.2.1).
 */
export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  if (!reply.hasHeader('cache-control')) {
    const signedIn = currentUserOf(reply.request) !== null;
    reply.header('cache-control', signedIn ? 'private, no-store' : 'no-cache');
  }
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
