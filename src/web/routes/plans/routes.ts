/**
 * Action plans and follow-up. Each handler: load and authorize, read the form at the edge, call
 * one use case, redirect (post/redirect/get) or re-render the form with the errors next to the
 * fields (400; a stale form 409 with the user's input kept).
 *
 * Routes:
 *   GET  /utvarderingar/:id/atgardsplan      the plan of a published evaluation (plan.read)
 *   POST /utvarderingar/:id/atgardsplan      create an action on an improvement area (plan.edit)
 *   GET  /utvarderingar/:id/atgardsplan.csv  the plan as CSV for the council (plan.read)
 *   GET  /atgarder/forsenade                 overdue actions: a kommun's own; evaluators, admins all
 *   GET  /atgarder/:actionId                 one action with its notes (plan.read; else 404)
 *   POST /atgarder/:actionId                 change it, version-checked (plan.edit)
 *   POST /atgarder/:actionId/anteckningar    add a dated progress note (plan.edit)
 *   GET  /utvarderingar/:id/uppfoljning      change per area since the previous evaluation
 *                                            (public); the actions only with plan.read
 *
 * Plans are never public: the public is sent to sign in; a signed-in user of another kommun gets
 * 403 on a plan (the evaluation is public, its plan is not) and 404 on an action.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StorageError } from '../../../db/errors.ts';
import { getAction } from '../../../db/repositories/actions.ts';
import { getEdition } from '../../../db/repositories/editions.ts';
import { getEvaluation } from '../../../db/repositories/evaluations.ts';
import { getMunicipality } from '../../../db/repositories/municipalities.ts';
import { addActionNote } from '../../../use-cases/plans/add-action-note.ts';
import { createAction } from '../../../use-cases/plans/create-action.ts';
import { listOverdueActions } from '../../../use-cases/plans/list-overdue-actions.ts';
import { loadFollowUp } from '../../../use-cases/plans/load-follow-up.ts';
import { listPlannedActions, loadPlan, type Plan } from '../../../use-cases/plans/load-plan.ts';
import { planCsv } from '../../../use-cases/plans/plan-csv.ts';
import { updateAction } from '../../../use-cases/plans/update-action.ts';
import { assertCan, can, csrfField, requireUser } from '../../auth/index.ts';
import { WebError, type FieldError } from '../../errors.ts';
import { formatIsoDate } from '../../format.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { bodyOf, fieldOf, versionOf } from './form.tsx';
import {
  EMPTY_ACTION,
  OVERDUE_PATH,
  actionPath,
  renderActionPage,
  renderFollowUpPage,
  renderOverduePage,
  renderPlanPage,
  type ActionFormValues,
  type NoteFormValues,
  type PageContext,
} from './views.tsx';

const NO_EVALUATION =
  'Utvärderingen finns inte eller är inte publicerad. Åtgärdsplaner finns bara för publicerade utvärderingar.';

const actionValues = (body: Record<string, unknown>): ActionFormValues => ({
  findingId: fieldOf(body, 'findingId'),
  title: fieldOf(body, 'title'),
  description: fieldOf(body, 'description'),
  owner: fieldOf(body, 'owner'),
  startsOn: fieldOf(body, 'startsOn'),
  dueOn: fieldOf(body, 'dueOn'),
  status: fieldOf(body, 'status'),
});

export async function planRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;
  const signedIn = { preHandler: requireUser };
  const today = () => formatIsoDate(new Date());

  const context = (request: FastifyRequest): PageContext => ({
    chrome: pageChrome(request),
    csrf: csrfField(request),
  });

  async function planFor(request: FastifyRequest, id: string): Promise<Plan> {
    const plan = await loadPlan(db, id);
    if (!plan)
      throw new WebError('not-found', `no published evaluation ${id}`, {
        userMessage: NO_EVALUATION,
      });
    assertCan(request, 'plan.read', { municipalityCode: plan.municipality.code });
    return plan;
  }

  const actorOf = (request: FastifyRequest) => {
    if (!request.user) throw new WebError('unauthenticated', 'no user on a signed-in route');
    return request.user.id;
  };

  app.get<{ Params: { id: string }; Querystring: { forbattring?: string } }>(
    '/utvarderingar/:id/atgardsplan',
    signedIn,
    async (request, reply) => {
      const plan = await planFor(request, request.params.id);
      const mayEdit = can(request.viewer, 'plan.edit', {
        municipalityCode: plan.municipality.code,
      });
      const findingId =
        typeof request.query.forbattring === 'string' ? request.query.forbattring : '';
      reply.header('cache-control', 'private, no-store');
      return sendHtml(
        reply,
        renderPlanPage(context(request), plan, {
          mayEdit,
          form: { values: { ...EMPTY_ACTION, findingId }, errors: [] },
        }),
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/utvarderingar/:id/atgardsplan.csv',
    signedIn,
    async (request, reply) => {
      const plan = await planFor(request, request.params.id);
      const name = `atgardsplan-${plan.municipality.code}-${String(plan.evaluation.year)}.csv`;
      return reply
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${name}"`)
        .type('text/csv; charset=utf-8')
        .send(planCsv(plan));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/utvarderingar/:id/atgardsplan',
    signedIn,
    async (request, reply) => {
      const plan = await planFor(request, request.params.id);
      assertCan(request, 'plan.edit', { municipalityCode: plan.municipality.code });
      const values = actionValues(bodyOf(request));
      const result = await createAction(db, {
        ...values,
        actorUserId: actorOf(request),
        evaluationId: plan.evaluation.id,
      });
      if (!result.ok) {
        return sendHtml(
          reply,
          renderPlanPage(context(request), plan, {
            mayEdit: true,
            form: { values, errors: result.issues },
          }),
          400,
        );
      }
      return reply.redirect(actionPath(result.value.id), 303);
    },
  );

  app.get(OVERDUE_PATH, signedIn, async (request, reply) => {
    const viewer = request.viewer;
    const own = viewer.kind === 'municipality' ? viewer.municipalityCode : undefined;
    if (viewer.kind === 'anonymous') throw new WebError('forbidden', 'no viewer');
    const actions = await listOverdueActions(db, {
      today: today(),
      ...(own ? { municipalityCode: own } : {}),
    });
    const scope = own ? `i ${(await getMunicipality(db, own))?.name ?? own}` : 'i alla kommuner';
    reply.header('cache-control', 'private, no-store');
    return sendHtml(reply, renderOverduePage(context(request), { today: today(), actions, scope }));
  });

  /** The action with its notes, if the viewer may read the plan; 404 otherwise. */
  async function loadAction(request: FastifyRequest, id: string) {
    const action = await getAction(db, id);
    if (
      !action ||
      !can(request.viewer, 'plan.read', { municipalityCode: action.municipalityCode })
    ) {
      throw new WebError('not-found', `no action ${id} for this viewer`, {
        userMessage: 'Åtgärden finns inte, eller så får du inte se den.',
      });
    }
    const planned = (await listPlannedActions(db, action.evaluationId)).find(
      (a) => a.id === action.id,
    );
    const [evaluation, municipality] = [
      await getEvaluation(db, action.evaluationId),
      await getMunicipality(db, action.municipalityCode),
    ];
    const edition = evaluation ? await getEdition(db, evaluation.editionId) : undefined;
    const area = edition?.definition.areas.find((a) => a.number === action.areaNumber);
    return {
      action: planned ?? { ...action, notes: [] },
      municipalityName: municipality?.name ?? action.municipalityCode,
      evaluationYear: evaluation?.year ?? 0,
      areaName: area
        ? `${String(area.number)}. ${area.name}`
        : `Område ${String(action.areaNumber)}`,
      mayEdit: can(request.viewer, 'plan.edit', { municipalityCode: action.municipalityCode }),
    };
  }

  const formValuesOf = (action: {
    title: string;
    description: string;
    owner: string;
    startsOn: string | null;
    dueOn: string | null;
    status: string;
  }): ActionFormValues => ({
    findingId: '',
    title: action.title,
    description: action.description,
    owner: action.owner,
    startsOn: action.startsOn ?? '',
    dueOn: action.dueOn ?? '',
    status: action.status,
  });

  const emptyNote = (): NoteFormValues => ({ notedOn: today(), body: '' });

  app.get<{ Params: { actionId: string } }>(
    '/atgarder/:actionId',
    signedIn,
    async (request, reply) => {
      const data = await loadAction(request, request.params.actionId);
      reply.header('cache-control', 'private, no-store');
      return sendHtml(
        reply,
        renderActionPage(context(request), data, {
          edit: { values: formValuesOf(data.action), errors: [] },
          note: { values: emptyNote(), errors: [] },
        }),
      );
    },
  );

  app.post<{ Params: { actionId: string } }>(
    '/atgarder/:actionId',
    signedIn,
    async (request, reply) => {
      const data = await loadAction(request, request.params.actionId);
      assertCan(request, 'plan.edit', { municipalityCode: data.action.municipalityCode });
      const body = bodyOf(request);
      const values = actionValues(body);
      const version = versionOf(body);
      const refuse = async (errors: FieldError[], status: number, stale = false) =>
        sendHtml(
          reply,
          renderActionPage(
            context(request),
            stale ? await loadAction(request, data.action.id) : data,
            {
              edit: { values, errors, stale },
              note: { values: emptyNote(), errors: [] },
            },
          ),
          status,
        );
      if (version === undefined) {
        return refuse(
          [
            {
              field: 'title',
              message: 'Formuläret saknar version. Ladda om sidan och försök igen.',
            },
          ],
          400,
        );
      }
      try {
        const result = await updateAction(db, {
          ...values,
          actorUserId: actorOf(request),
          actionId: data.action.id,
          expectedVersion: version,
        });
        if (!result.ok) return await refuse(result.issues, 400);
      } catch (error) {
        if (error instanceof StorageError && error.code === 'stale-version')
          return refuse([], 409, true);
        throw error;
      }
      return reply.redirect(actionPath(data.action.id), 303);
    },
  );

  app.post<{ Params: { actionId: string } }>(
    '/atgarder/:actionId/anteckningar',
    signedIn,
    async (request, reply) => {
      const data = await loadAction(request, request.params.actionId);
      assertCan(request, 'plan.edit', { municipalityCode: data.action.municipalityCode });
      const body = bodyOf(request);
      const values: NoteFormValues = {
        notedOn: fieldOf(body, 'notedOn'),
        body: fieldOf(body, 'body'),
      };
      const result = await addActionNote(db, {
        ...values,
        actorUserId: actorOf(request),
        actionId: data.action.id,
      });
      if (!result.ok) {
        return sendHtml(
          reply,
          renderActionPage(context(request), data, {
            edit: { values: formValuesOf(data.action), errors: [] },
            note: { values, errors: result.issues },
          }),
          400,
        );
      }
      return reply.redirect(`${actionPath(data.action.id)}#anteckningar`, 303);
    },
  );

  app.get<{ Params: { id: string } }>('/utvarderingar/:id/uppfoljning', async (request, reply) => {
    const evaluation = await getEvaluation(db, request.params.id);
    const mayReadPlan =
      evaluation !== undefined &&
      can(request.viewer, 'plan.read', { municipalityCode: evaluation.municipalityCode });
    const followUp = evaluation
      ? await loadFollowUp(db, evaluation.id, { withActions: mayReadPlan })
      : undefined;
    if (!followUp) {
      throw new WebError('not-found', `no published evaluation ${request.params.id}`, {
        userMessage: NO_EVALUATION,
      });
    }
    if (mayReadPlan) reply.header('cache-control', 'private, no-store');
    return sendHtml(
      reply,
      renderFollowUpPage({ chrome: pageChrome(request), csrf: null }, followUp, {
        showsActions: mayReadPlan && followUp.previous !== null,
        planLink: mayReadPlan,
      }),
    );
  });
}
