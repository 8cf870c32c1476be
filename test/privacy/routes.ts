/**
 * Every route the app registers, read from fastify's own route tree (`printRoutes`), so a route
 * added later is walked by the privacy matrix without anyone remembering to list it.
 */
import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  /** The path as registered, e.g. "/utvarderingar/:id/historik". */
  url: string;
}

const LINE = /^(?<indent>[\s│]*)[├└]── (?<segment>\S+)(?: \((?<methods>[A-Z, ]+)\))?$/u;

/**
 * Parses `app.printRoutes({ commonPrefix: false })`: one node per line, four characters of
 * indentation per level, a node's segment appended to its parent's path. HEAD is left out: fastify
 * adds it to every GET route and answers it the same way.
 */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: RegisteredRoute[] = [];
  for (const line of tree.split('\n')) {
    const match = LINE.exec(line.trimEnd());
    if (!match?.groups) continue;
    const depth = (match.groups.indent ?? '').length / 4;
    const parent = depth === 0 ? '' : (stack[depth - 1] ?? '');
    // Routes sharing a node with different parameter names print as ":sourceId|:itemId": the
    // first name stands for all (they match the same URLs).
    const segment = (match.groups.segment ?? '').replace(/(:[A-Za-z]+)(?:\|:[A-Za-z]+)+/g, '$1');
    const path =
      parent.endsWith('/') && segment.startsWith('/')
        ? parent + segment.slice(1)
        : parent + segment;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match.groups.methods ?? '').split(',').map((m) => m.trim())) {
      if (method !== '' && method !== 'HEAD') routes.push({ method, url: path });
    }
  }
  return routes.sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));
}
