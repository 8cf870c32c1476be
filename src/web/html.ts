import type { FastifyReply, FastifyRequest } from 'fastify';
import { accountSlot } from './auth/index.ts';
import type { LayoutProps } from './views/layout.tsx';

/** What every page's frame takes from the request: the path (for the menu) and the account corner. */
export type PageChrome = Pick<LayoutProps, 'path' | 'account'>;

export function pageChrome(request: FastifyRequest): PageChrome {
  return { path: request.url.split('?')[0] ?? '/', account: accountSlot(request) };
}

/**
 * Sends a rendered page. Pages show live data, so browsers revalidate before reusing one (unless
 * the route set its own cache-control, as error pages do with no-store).
 */
export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
