/**
 * The history page of an evaluation, `/utvarderingar/:id/historik`: its audit trail across all
 * revisions. For the team and admins (`evaluation.readHistory`): every old and new value is
 * there, including those of drafts. Anyone who may not read the evaluation gets 404 (a draft's
 * existence stays private); a signed-in reader of a published one without the right gets 403.
 */
import type { FastifyInstance } from 'fastify';
import { assertCan, can, requireUser } from '../../auth/index.ts';
import { sendHtml } from '../../html.ts';
import { chromeOf, loadReadableEvaluation } from '../workflow/load.ts';
import { loadHistory } from './load.ts';
import { renderHistoryPage } from './views.tsx';

export async function historyRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  app.get<{ Params: { id: string } }>(
    '/utvarderingar/:id/historik',
    { preHandler: requireUser },
    async (request, reply) => {
      const loaded = await loadReadableEvaluation(db, request, request.params.id);
      assertCan(request, 'evaluation.readHistory', loaded.resource);
      const entries = await loadHistory(db, loaded.record.id, {
        mayReadInterviews: can(request.viewer, 'interview.read', loaded.resource),
      });
      reply.header('cache-control', 'no-store');
      return sendHtml(
        reply,
        renderHistoryPage(
          loaded,
          entries,
          { mayUseWorkflow: can(request.viewer, 'evaluation.publish', loaded.resource) },
          chromeOf(request),
        ),
      );
    },
  );
}
