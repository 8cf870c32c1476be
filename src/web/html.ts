import type { FastifyReply } from 'fastify';

/** Sends a rendered page. Pages show live data, so browsers revalidate before reusing one. */
export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(html);
}
