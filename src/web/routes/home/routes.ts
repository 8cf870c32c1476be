/** The start page: what Kompass is, a municipality search and the latest published evaluations. */
import type { FastifyInstance } from 'fastify';
import { pageChrome, sendHtml } from '../../html.ts';
import { countPublished, listLanCached, listPublishedEvaluations } from '../../queries/public.ts';
import { renderHomePage } from './views.tsx';

const LATEST = 5;

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;
  app.get('/', async (request, reply) => {
    const [lans, latest, counts] = await Promise.all([
      listLanCached(db),
      listPublishedEvaluations(db, { limit: LATEST }),
      countPublished(db),
    ]);
    return sendHtml(reply, renderHomePage({ lans, latest, counts }, pageChrome(request)));
  });
}
