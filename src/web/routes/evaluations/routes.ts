/** The public summary of one published evaluation. Anything not published is "not found". */
import type { FastifyInstance } from 'fastify';
import { WebError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { listRevisions } from '../../../db/repositories/evaluations.ts';
import { findPublishedEvaluation } from '../../queries/public.ts';
import { listCorrections } from '../history/load.ts';
import { renderEvaluationPage } from './views.tsx';

export async function evaluationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  app.get<{ Params: { id: string } }>('/utvarderingar/:id', async (request, reply) => {
    const view = await findPublishedEvaluation(db, request.params.id);
    // A draft answers exactly like an unknown id: 404, never 403, so its existence stays private.
    if (!view) {
      throw new WebError('not-found', `no published evaluation ${request.params.id}`, {
        userMessage:
          'Utvärderingen finns inte eller är inte publicerad. Sök kommunen för att se dess publicerade utvärderingar.',
      });
    }
    // Only corrections that were published: one still in draft or review stays private.
    const [corrections, revisions] = await Promise.all([
      listCorrections(db, view.evaluation.id),
      listRevisions(db, view.evaluation.id),
    ]);
    const publishedRevisions = new Set(
      revisions
        .filter((revision) => revision.status === 'published')
        .map((revision) => revision.revision),
    );
    const shown = corrections.filter((correction) => publishedRevisions.has(correction.toRevision));
    return sendHtml(reply, renderEvaluationPage(view, pageChrome(request), shown));
  });
}
