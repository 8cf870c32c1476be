/**
 * The workflow of an evaluation on the web: its page (status, publish checklist, next steps),
 * status changes (submit for review, publish, return to draft) and corrections of a published
 * evaluation. Team members (lead or member) and admins only: `evaluation.publish` in the policy.
 * Anyone else who may not read the evaluation gets 404, as for an unknown id.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { correctEvaluation } from '../../../use-cases/correct-evaluation.ts';
import {
  missingForPublishing,
  publishEvaluation,
  type WorkflowCommand,
  type WorkflowOutcome,
} from '../../../use-cases/publish-evaluation.ts';
import { returnToDraft } from '../../../use-cases/return-to-draft.ts';
import { submitForReview } from '../../../use-cases/submit-for-review.ts';
import { assertCan, csrfField, requireUser } from '../../auth/index.ts';
import type { FieldError } from '../../errors.ts';
import { sendHtml } from '../../html.ts';
import { parseInput } from '../../validation.ts';
import { chromeOf, loadReadableEvaluation, type LoadedEvaluation } from './load.ts';
import { correctionSchema, statusChangeSchema, type StatusChangeInput } from './schema.ts';
import {
  DONE_MESSAGE,
  renderWorkflowPage,
  workflowPath,
  type Done,
  type WorkflowPageProps,
} from './views.tsx';

type IdParams = { Params: { id: string } };

const STEPS: Record<
  StatusChangeInput['transition'],
  (db: Db, command: WorkflowCommand) => Promise<WorkflowOutcome>
> = {
  submit: submitForReview,
  publish: publishEvaluation,
  return: returnToDraft,
};

/** Loads the evaluation and checks that the viewer works on it (404 / 403 otherwise). */
async function loadForTeam(db: Db, request: FastifyRequest<IdParams>): Promise<LoadedEvaluation> {
  const loaded = await loadReadableEvaluation(db, request, request.params.id);
  assertCan(request, 'evaluation.publish', loaded.resource);
  return loaded;
}

async function sendPage(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  loaded: LoadedEvaluation,
  extra: Partial<WorkflowPageProps> = {},
  status = 200,
): Promise<FastifyReply> {
  const missing =
    loaded.record.status === 'published' ? [] : await missingForPublishing(db, loaded.record.id);
  reply.header('cache-control', 'no-store');
  return sendHtml(
    reply,
    renderWorkflowPage({ loaded, missing, csrf: csrfField(request), ...extra }, chromeOf(request)),
    status,
  );
}

/** Where a successful step leads, or why it was refused (with what blocks publishing). */
type StepResult =
  | { ok: true; location: string }
  | { ok: false; message: string; missing: WorkflowRefusal['missing'] };

type WorkflowRefusal = Extract<WorkflowOutcome, { ok: false }>;

/** Field errors of the reason, pointed at the form's own textarea. */
const reasonErrors = (errors: FieldError[], field: string) =>
  errors.map((error) => (error.field === 'reason' ? { ...error, field } : error));

export async function workflowRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  app.get<IdParams & { Querystring: { klart?: string } }>(
    '/utvarderingar/:id/arbetsflode',
    { preHandler: requireUser },
    async (request, reply) => {
      const loaded = await loadForTeam(db, request);
      const done = request.query.klart;
      return sendPage(db, request, reply, loaded, {
        done: done !== undefined && done in DONE_MESSAGE ? (done as Done) : undefined,
      });
    },
  );

  /**
   * A workflow form posted: load for the team, parse the form (errors next to its reason field,
   * 400), run the step (a refusal on the page, 409), then redirect to where the step leads.
   */
  async function postStep<S extends z.ZodType>(
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    form: { schema: S; reasonField: string },
    step: (loaded: LoadedEvaluation, input: z.output<S>) => Promise<StepResult>,
  ): Promise<FastifyReply> {
    const loaded = await loadForTeam(db, request);
    const input = parseInput(form.schema, request.body);
    if (!input.ok) {
      return sendPage(
        db,
        request,
        reply,
        loaded,
        { errors: reasonErrors(input.errors, form.reasonField) },
        400,
      );
    }
    const result = await step(loaded, input.value);
    if (!result.ok) {
      return sendPage(
        db,
        request,
        reply,
        loaded,
        { refusal: { message: result.message, missing: result.missing } },
        409,
      );
    }
    return reply.redirect(result.location, 303);
  }

  app.post<IdParams>('/utvarderingar/:id/status', { preHandler: requireUser }, (request, reply) =>
    postStep(
      request,
      reply,
      { schema: statusChangeSchema, reasonField: 'return-reason' },
      async (loaded, { transition, version, reason }) => {
        const outcome = await STEPS[transition](db, {
          evaluationId: loaded.record.id,
          expectedVersion: version,
          actorUserId: request.user?.id ?? null,
          reason: reason ?? null,
        });
        return outcome.ok
          ? { ok: true, location: `${workflowPath(loaded.record.id)}?klart=${transition}` }
          : outcome;
      },
    ),
  );

  app.post<IdParams>('/utvarderingar/:id/rattelse', { preHandler: requireUser }, (request, reply) =>
    postStep(
      request,
      reply,
      { schema: correctionSchema, reasonField: 'correction-reason' },
      async (loaded, { version, reason }) => {
        const outcome = await correctEvaluation(db, {
          evaluationId: loaded.record.id,
          expectedVersion: version,
          actorUserId: request.user?.id ?? null,
          reason,
        });
        return outcome.ok
          ? { ok: true, location: `${workflowPath(outcome.evaluation.id)}?klart=correct` }
          : { ok: false, message: outcome.message, missing: [] };
      },
    ),
  );
}
