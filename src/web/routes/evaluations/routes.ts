/** The public summary of one published evaluation. Anything not published is "not found". */
import type { FastifyInstance } from 'fastify';
import { WebError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { findPublishedEvaluation } from '../../queries/public.ts';
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
    return sendHtml(reply, renderEvaluationPage(view, pageChrome(request)));
  });
}
