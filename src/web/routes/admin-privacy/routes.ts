/**
 * The admin's privacy page (/admin/personuppgifter): the retention period of interview names and
 * notes, their erasure (what has expired, or one evaluation), and a GDPR export of everything
 * about one person, downloaded as JSON. Admins only (`requireRole('admin')`); every form carries
 * the CSRF token and every change is audited by its use case.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/client.ts';
import { StorageError } from '../../../db/errors.ts';
import {
  eraseExpiredInterviewData,
  eraseInterviewData,
} from '../../../use-cases/privacy/erase-interviews.ts';
import { exportPersonData } from '../../../use-cases/privacy/export-person.ts';
import { listInterviewData } from '../../../use-cases/privacy/list-interview-data.ts';
import { setRetentionMonths } from '../../../use-cases/privacy/retention.ts';
import { csrfField, requireRole } from '../../auth/index.ts';
import type { FieldError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { parseInput } from '../../validation.ts';
import { eraseExpiredSchema, eraseOneSchema, personSchema, retentionSchema } from './schema.ts';
import {
  ERASE_EXPIRED_PATH,
  ERASE_ONE_PATH,
  PERSON_EXPORT_PATH,
  PRIVACY_PATH,
  RETENTION_PATH,
  renderPrivacyPage,
  type Done,
  type PrivacyPageProps,
} from './views.tsx';

const DONE: readonly Done[] = ['lagringstid', 'utgangna', 'radera'];

const asText = (value: unknown) => (typeof value === 'string' ? value.slice(0, 400) : '');

/** The form's fields as typed, to show again next to its errors. */
function typed(body: unknown): PrivacyPageProps['values'] {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  return {
    months: asText(fields.months),
    email: asText(fields.email),
    name: asText(fields.name),
    evaluation: asText(fields.evaluation),
  };
}

async function sendPage(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: Partial<PrivacyPageProps> = {},
  status = 200,
): Promise<FastifyReply> {
  const overview = await listInterviewData(db);
  reply.header('cache-control', 'no-store');
  return sendHtml(
    reply,
    renderPrivacyPage({ overview, csrf: csrfField(request), ...extra }, pageChrome(request)),
    status,
  );
}

const refuse = (db: Db, request: FastifyRequest, reply: FastifyReply, errors: FieldError[]) =>
  sendPage(db, request, reply, { errors, values: typed(request.body) }, 400);

const done = (reply: FastifyReply, what: Done, count: number) =>
  reply.redirect(`${PRIVACY_PATH}?klart=${what}&antal=${String(count)}`, 303);

export async function adminPrivacyRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;
  const admin = { preHandler: requireRole('admin') };

  app.get<{ Querystring: { klart?: string; antal?: string } }>(
    PRIVACY_PATH,
    admin,
    async (request, reply) => {
      const what = DONE.find((item) => item === request.query.klart);
      const count = Number.parseInt(request.query.antal ?? '0', 10);
      return sendPage(db, request, reply, {
        done: what ? { what, count: Number.isFinite(count) && count >= 0 ? count : 0 } : undefined,
      });
    },
  );

  app.post(RETENTION_PATH, admin, async (request, reply) => {
    const input = parseInput(retentionSchema, request.body ?? {});
    if (!input.ok) return refuse(db, request, reply, input.errors);
    const result = await setRetentionMonths(db, {
      months: input.value.months,
      actorUserId: request.user?.id ?? null,
    });
    if (!result.ok) return refuse(db, request, reply, result.issues);
    return done(reply, 'lagringstid', 0);
  });

  app.post(ERASE_EXPIRED_PATH, admin, async (request, reply) => {
    const input = parseInput(eraseExpiredSchema, request.body ?? {});
    if (!input.ok) return refuse(db, request, reply, input.errors);
    const result = await eraseExpiredInterviewData(db, { actorUserId: request.user?.id ?? null });
    if (!result.ok) {
      return refuse(db, request, reply, [
        { field: 'months', message: 'Sätt en lagringstid först; utan den har inget gått ut.' },
      ]);
    }
    return done(reply, 'utgangna', result.erased.length);
  });

  app.post(ERASE_ONE_PATH, admin, async (request, reply) => {
    const input = parseInput(eraseOneSchema, request.body ?? {});
    if (!input.ok) return refuse(db, request, reply, input.errors);
    try {
      const erasure = await eraseInterviewData(db, {
        evaluationId: input.value.evaluation,
        actorUserId: request.user?.id ?? null,
        reason: 'request',
      });
      return done(reply, 'radera', erasure.interviewsErased);
    } catch (error) {
      if (error instanceof StorageError && error.code === 'not-found') {
        return refuse(db, request, reply, [
          { field: 'evaluation', message: 'Utvärderingen finns inte. Välj en i listan.' },
        ]);
      }
      throw error;
    }
  });

  app.post(PERSON_EXPORT_PATH, admin, async (request, reply) => {
    const input = parseInput(personSchema, request.body ?? {});
    if (!input.ok) return refuse(db, request, reply, input.errors);
    const { email, name } = input.value;
    const result = await exportPersonData(db, {
      query: email !== '' ? { email } : { name },
      actorUserId: request.user?.id ?? null,
    });
    if (!result.ok) return refuse(db, request, reply, result.issues);
    const day = result.value.createdAt.slice(0, 10);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="registerutdrag-${day}.json"`)
      .type('application/json; charset=utf-8')
      .send(`${JSON.stringify(result.value, null, 2)}\n`);
  });
}
