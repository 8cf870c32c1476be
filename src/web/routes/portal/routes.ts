/**
 * "Min kommun" (`/min-kommun`): the pages of a municipality user, bound to one kommun.
 *
 *   GET  /min-kommun                                   the kommun's published and shared evaluations
 *   GET  /min-kommun/utvarderingar/:id                 one of them, read-only, with its comments
 *   POST /min-kommun/utvarderingar/:id/kommentarer     comment on it (whole, one area or question)
 *
 * Municipality users only (`requireRole`; others get 403). An evaluation of another kommun, an
 * unshared draft or an unknown id all answer 404, so a draft's existence stays private. The pages
 * are private (`no-store`) and never show interviews.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/client.ts';
import { listComments } from '../../../db/repositories/comments.ts';
import { getEdition, listEditions } from '../../../db/repositories/editions.ts';
import { getEvaluation, listEvaluations } from '../../../db/repositories/evaluations.ts';
import { getMunicipality } from '../../../db/repositories/municipalities.ts';
import { scoreEvaluation } from '../../../domain/scoring/index.ts';
import { assertCan, can, csrfField, requireRole } from '../../auth/index.ts';
import { WebError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { evaluationResource } from '../workflow/load.ts';
import { EMPTY_COMMENT, parseCommentTarget } from './comments.tsx';
import { postComment } from './post-comment.ts';
import {
  PORTAL_PATH,
  portalEvaluationPath,
  renderPortalEvaluation,
  renderPortalList,
  type PortalArea,
  type PortalEvaluationData,
  type PortalEvaluationState,
  type PortalListItem,
} from './views.tsx';

type IdParams = { Params: { id: string } };

/** The viewer's kommun; the role check has run, so a municipality viewer is certain. */
function kommunOf(request: FastifyRequest): string {
  const viewer = request.viewer;
  if (viewer.kind !== 'municipality') {
    throw new WebError('forbidden', `viewer ${viewer.kind} on a municipality page`);
  }
  return viewer.municipalityCode;
}

/** The evaluation if it is of the viewer's kommun and readable by it; 404 otherwise. */
async function loadOwn(db: Db, request: FastifyRequest, id: string) {
  const evaluation = await getEvaluation(db, id);
  const resource = evaluation ? await evaluationResource(db, evaluation) : undefined;
  if (
    !evaluation ||
    !resource ||
    evaluation.municipalityCode !== kommunOf(request) ||
    !can(request.viewer, 'evaluation.read', resource)
  ) {
    throw new WebError('not-found', `evaluation ${id} is not one of this kommun's readable ones`, {
      userMessage:
        'Utvärderingen finns inte, eller så är den inte publicerad eller delad med din kommun.',
    });
  }
  return { evaluation, resource };
}

async function viewData(
  db: Db,
  evaluation: NonNullable<Awaited<ReturnType<typeof getEvaluation>>>,
): Promise<PortalEvaluationData> {
  const [municipality, stored] = [
    await getMunicipality(db, evaluation.municipalityCode),
    await getEdition(db, evaluation.editionId),
  ];
  if (!municipality || !stored) {
    throw new Error(`evaluation ${evaluation.id} names a missing municipality or edition`);
  }
  const edition = stored.definition;
  const questionPoints = Object.fromEntries(
    evaluation.questions
      .filter((question) => question.points !== null)
      .map((question) => [question.id, question.points]),
  );
  const scored =
    Object.keys(questionPoints).length > 0
      ? scoreEvaluation(edition, { questions: questionPoints })
      : undefined;
  const score = scored?.ok ? scored.score : undefined;
  const printedAreas = new Map(evaluation.areas.map((area) => [area.number, area]));
  const areas: PortalArea[] = edition.areas.map((area) => {
    const fromQuestions = score?.areas.find((a) => a.number === area.number);
    const printed = printedAreas.get(area.number);
    return {
      number: area.number,
      name: area.name,
      max: fromQuestions?.max ?? 100,
      points:
        fromQuestions && fromQuestions.unscored.length < area.questions.length
          ? fromQuestions.scoredPoints
          : printed
            ? (printed.printed ?? printed.score)
            : null,
      questions: area.questions.map((question) => {
        const row = evaluation.questions.find((q) => q.id === question.id);
        return {
          id: question.id,
          text: question.text,
          // Imported reports may hold only the printed figures of a question.
          points: row?.points ?? row?.achievedPrinted ?? null,
          max: question.max ?? row?.maxPrinted ?? null,
          justification: row?.justification ?? null,
        };
      }),
    };
  });
  return {
    evaluation,
    municipality,
    edition,
    editionName: stored.name,
    areas,
    comments: await listComments(db, evaluation.id),
  };
}

export async function portalRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;
  const municipalityOnly = { preHandler: requireRole('municipality') };

  app.get(PORTAL_PATH, municipalityOnly, async (request, reply) => {
    const code = kommunOf(request);
    const municipality = await getMunicipality(db, code);
    if (!municipality) throw new Error(`the account's kommun ${code} is not in the register`);
    const published = await listEvaluations(db, { municipalityCode: code, status: 'published' });
    const unpublished = (await listEvaluations(db, { municipalityCode: code })).filter(
      (evaluation) => evaluation.status !== 'published',
    );
    const shared = [];
    for (const evaluation of unpublished) {
      if (can(request.viewer, 'evaluation.read', await evaluationResource(db, evaluation))) {
        shared.push(evaluation);
      }
    }
    const editions = new Map((await listEditions(db)).map((edition) => [edition.id, edition.name]));
    const items: PortalListItem[] = [...shared, ...published]
      .sort((a, b) => b.year - a.year)
      .map((evaluation) => ({
        evaluation,
        editionName: editions.get(evaluation.editionId) ?? evaluation.editionId,
      }));
    reply.header('cache-control', 'private, no-store');
    return sendHtml(reply, renderPortalList(pageChrome(request), municipality, items));
  });

  const sendEvaluation = async (
    request: FastifyRequest,
    data: PortalEvaluationData,
    state: PortalEvaluationState,
  ) => renderPortalEvaluation(pageChrome(request), csrfField(request), data, state);

  app.get<IdParams & { Querystring: { kommenterat?: string; galler?: string } }>(
    `${PORTAL_PATH}/utvarderingar/:id`,
    municipalityOnly,
    async (request, reply) => {
      const { evaluation } = await loadOwn(db, request, request.params.id);
      reply.header('cache-control', 'private, no-store');
      return sendHtml(
        reply,
        await sendEvaluation(request, await viewData(db, evaluation), {
          // "Kommentera område 3" links here with the area chosen in the form.
          comment: {
            ...EMPTY_COMMENT,
            target: parseCommentTarget(request.query.galler ?? '')
              ? (request.query.galler ?? '')
              : '',
          },
          errors: [],
          commented: request.query.kommenterat !== undefined,
        }),
      );
    },
  );

  app.post<IdParams>(
    `${PORTAL_PATH}/utvarderingar/:id/kommentarer`,
    municipalityOnly,
    async (request, reply) => {
      const { evaluation, resource } = await loadOwn(db, request, request.params.id);
      assertCan(request, 'evaluation.comment', resource);
      const user = request.user;
      if (!user) throw new WebError('unauthenticated', 'no user on a municipality route');
      const posted = await postComment(db, {
        actorUserId: user.id,
        evaluationId: evaluation.id,
        body: request.body,
      });
      if (!posted.ok) {
        reply.header('cache-control', 'private, no-store');
        return sendHtml(
          reply,
          await sendEvaluation(request, await viewData(db, evaluation), {
            comment: posted.values,
            errors: posted.errors,
          }),
          400,
        );
      }
      return reply.redirect(`${portalEvaluationPath(evaluation.id)}?kommenterat#kommentarer`, 303);
    },
  );
}
