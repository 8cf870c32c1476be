import type { FastifyReply } from 'fastify';

/**
 * Sends a rendered page. Pages show live data, so browsers revalidate before reusing one (unless
 * the route set its own cache-control, as error pages do with no-store).
 */
export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
