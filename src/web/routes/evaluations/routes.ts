/** The public summary of one published evaluation. Anything not published is "not found". */
import type { FastifyInstance } from 'fastify';
import { WebError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { listRevisions, type EvaluationRecord } from '../../../db/repositories/evaluations.ts';
import { findPublishedEvaluation } from '../../queries/public.ts';
import { listCorrections } from '../history/load.ts';
import { renderEvaluationPage } from './views.tsx';
import type { Db } from '../../../db/client.ts';
import { QueryError } from '../../../domain/comparison/index.ts';
import { findRoleModels, type RoleModelsResult } from '../../../use-cases/find-role-models.ts';

/**
 * The role models of a published, scored evaluation; none for a self-assessment or a revision a
 * published correction replaced (the use case refuses both: the page is shown without them).
 */
async function roleModelsOf(
  db: Db,
  evaluation: EvaluationRecord,
): Promise<RoleModelsResult | undefined> {
  if (evaluation.kind === 'self-assessment') return undefined;
  try {
    return await findRoleModels({ db, evaluationId: evaluation.id, record: evaluation });
  } catch (error) {
    if (error instanceof QueryError) return undefined;
    throw error;
  }
}

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
    const [corrections, revisions, roleModels] = await Promise.all([
      listCorrections(db, view.evaluation.id),
      listRevisions(db, view.evaluation.id),
      roleModelsOf(db, view.evaluation),
    ]);
    const publishedRevisions = new Set(
      revisions
        .filter((revision) => revision.status === 'published')
        .map((revision) => revision.revision),
    );
    const shown = corrections.filter((correction) => publishedRevisions.has(correction.toRevision));
    return sendHtml(reply, renderEvaluationPage(view, pageChrome(request), shown, roleModels));
  });
}
