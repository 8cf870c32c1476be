/**
 * The värdegrund on a municipality's profile, and adding it as a source to an evaluation.
 *
 * Routes:
 *   GET  /kommuner/:code/vardegrund                    edit page (values.edit)
 *   POST /kommuner/:code/vardegrund                    add a value or principle
 *   POST /kommuner/:code/vardegrund/:valueId           change one
 *   POST /kommuner/:code/vardegrund/:valueId/ta-bort   remove one
 *   POST /arbetsyta/:id/vardegrund                     add the kommun's värdegrund to an
 *                                                      evaluation as a "vardegrund" source
 *
 * Editing is for the kommun's own users and admins (`values.edit`): the public is sent to sign
 * in, anyone else gets 403. The public reads the värdegrund on `/kommuner/:code`. Adding it as a
 * source is a workspace write: evaluators and admins, the evaluation's team only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getMunicipality } from '../../../db/repositories/municipalities.ts';
import { listValues } from '../../../db/repositories/values.ts';
import { getWorkspaceEvaluation } from '../../../db/repositories/workspace.ts';
import { isEditable } from '../../../domain/workflow/index.ts';
import { addValuesSource } from '../../../use-cases/values/add-values-source.ts';
import { removeValue, saveValue } from '../../../use-cases/values/save-value.ts';
import { assertCan, can, csrfField, requireRole, requireUser } from '../../auth/index.ts';
import { WebError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { bodyOf, fieldOf } from '../plans/form.tsx';
import {
  EMPTY_VALUE,
  renderValuesEditPage,
  valueFormOf,
  valuesPath,
  type ValueFormValues,
} from './views.tsx';

export async function valuesRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;
  const signedIn = { preHandler: requireUser };

  async function municipalityFor(request: FastifyRequest, code: string) {
    const municipality = /^\d{4}$/.test(code) ? await getMunicipality(db, code) : undefined;
    if (!municipality) {
      throw new WebError('not-found', `no municipality ${JSON.stringify(code)}`, {
        userMessage: `Det finns ingen kommun med kommunkod ”${code}”.`,
      });
    }
    assertCan(request, 'values.edit', { municipalityCode: municipality.code });
    return municipality;
  }

  const context = (request: FastifyRequest) => ({
    chrome: pageChrome(request),
    csrf: csrfField(request),
  });

  const formOf = (request: FastifyRequest): ValueFormValues => {
    const body = bodyOf(request);
    return {
      name: fieldOf(body, 'name'),
      meaning: fieldOf(body, 'meaning'),
      office: fieldOf(body, 'office'),
      officeMeaning: fieldOf(body, 'officeMeaning'),
      documentUrl: fieldOf(body, 'documentUrl'),
      adoptedYear: fieldOf(body, 'adoptedYear'),
    };
  };

  const actorOf = (request: FastifyRequest) => {
    if (!request.user) throw new WebError('unauthenticated', 'no user on a signed-in route');
    return request.user.id;
  };

  app.get<{ Params: { code: string }; Querystring: { varde?: string } }>(
    '/kommuner/:code/vardegrund',
    signedIn,
    async (request, reply) => {
      const municipality = await municipalityFor(request, request.params.code);
      const values = await listValues(db, municipality.code);
      const editing = values.find((v) => v.id === request.query.varde) ?? null;
      reply.header('cache-control', 'private, no-store');
      return sendHtml(
        reply,
        renderValuesEditPage(context(request), {
          municipality,
          values,
          editing,
          form: editing ? valueFormOf(editing) : EMPTY_VALUE,
          errors: [],
        }),
      );
    },
  );

  async function save(request: FastifyRequest, code: string, valueId: string | undefined) {
    const municipality = await municipalityFor(request, code);
    const values = await listValues(db, municipality.code);
    const editing = valueId === undefined ? null : (values.find((v) => v.id === valueId) ?? null);
    if (valueId !== undefined && !editing) {
      throw new WebError('not-found', `no value ${valueId} of ${municipality.code}`, {
        userMessage: 'Värderingen finns inte längre. Ladda om sidan.',
      });
    }
    const form = formOf(request);
    const result = await saveValue(db, {
      ...form,
      actorUserId: actorOf(request),
      municipalityCode: municipality.code,
      thisYear: new Date().getFullYear(),
      ...(editing ? { valueId: editing.id } : {}),
    });
    return { municipality, values, editing, form, result };
  }

  app.post<{ Params: { code: string } }>(
    '/kommuner/:code/vardegrund',
    signedIn,
    async (request, reply) => {
      const saved = await save(request, request.params.code, undefined);
      if (!saved.result.ok) {
        return sendHtml(
          reply,
          renderValuesEditPage(context(request), { ...saved, errors: saved.result.issues }),
          400,
        );
      }
      return reply.redirect(valuesPath(saved.municipality.code), 303);
    },
  );

  app.post<{ Params: { code: string; valueId: string } }>(
    '/kommuner/:code/vardegrund/:valueId',
    signedIn,
    async (request, reply) => {
      const saved = await save(request, request.params.code, request.params.valueId);
      if (!saved.result.ok) {
        return sendHtml(
          reply,
          renderValuesEditPage(context(request), { ...saved, errors: saved.result.issues }),
          400,
        );
      }
      return reply.redirect(valuesPath(saved.municipality.code), 303);
    },
  );

  app.post<{ Params: { code: string; valueId: string } }>(
    '/kommuner/:code/vardegrund/:valueId/ta-bort',
    signedIn,
    async (request, reply) => {
      const municipality = await municipalityFor(request, request.params.code);
      await removeValue(db, {
        actorUserId: actorOf(request),
        municipalityCode: municipality.code,
        valueId: request.params.valueId,
      });
      return reply.redirect(valuesPath(municipality.code), 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/arbetsyta/:id/vardegrund',
    { preHandler: requireRole('evaluator', 'admin') },
    async (request, reply) => {
      const evaluation = await getWorkspaceEvaluation(db, request.params.id);
      const resource = evaluation && {
        id: evaluation.id,
        municipalityCode: evaluation.municipalityCode,
        status: evaluation.status,
        sharedWithMunicipality: evaluation.sharedWithMunicipality,
      };
      if (!evaluation || !resource || !can(request.viewer, 'evaluation.read', resource)) {
        throw new WebError('not-found', `no evaluation ${request.params.id} for this viewer`, {
          userMessage: 'Utvärderingen finns inte, eller så ingår du inte i dess team.',
        });
      }
      assertCan(request, 'evaluation.edit', resource);
      if (!isEditable(evaluation)) {
        throw new WebError('conflict', `evaluation ${evaluation.id} is frozen`, {
          userMessage:
            'Utvärderingen är publicerad och därför låst. En rättelse görs som en ny revision.',
        });
      }
      const result = await addValuesSource(db, {
        actorUserId: actorOf(request),
        evaluationId: evaluation.id,
      });
      if (!result.ok) {
        throw new WebError('invalid-input', 'the municipality has no värdegrund', {
          userMessage: result.issues[0]?.message ?? 'Kommunen har ingen värdegrund registrerad.',
          fieldErrors: result.issues,
        });
      }
      return reply.redirect(`/arbetsyta/${evaluation.id}#kallor`, 303);
    },
  );
}
