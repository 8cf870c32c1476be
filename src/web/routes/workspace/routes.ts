/**
 * The evaluators' workspace (`/arbetsyta`): evaluators and admins only (a municipality user gets
 * 403), and an evaluation's pages only for its team and admins (anyone else gets 404, so a
 * draft's existence stays private). Every handler is a short pipeline: load and authorize, parse
 * the form at the edge, call one use case, redirect (post/redirect/get) or re-render the form
 * with the errors next to the fields. A stale form (someone else saved first) gets 409 with the
 * other person's changes from the audit log and the user's input kept.
 *
 * Routes:
 *   GET  /arbetsyta                                     evaluations the viewer works on
 *   GET  /arbetsyta/ny, POST /arbetsyta/ny              create a draft with its team
 *   GET  /arbetsyta/:id                                 overview: totals, team, sources, interviews
 *   POST /arbetsyta/:id/dokument                        add a document (multipart, file ≤ 10 MB)
 *   POST /arbetsyta/:id/webbplats                       add website review notes
 *   POST /arbetsyta/:id/intervjuer                      add an interview (personal data)
 *   POST /arbetsyta/:id/team                            add a member to the team, or take one off
 *   POST /arbetsyta/:id/delning                         share the draft with the municipality or stop
 *   GET  /arbetsyta/:id/kallor/:sourceId/fil            download an uploaded file
 *   POST /arbetsyta/:id/kallor/:sourceId/ta-bort        remove a source (and its evidence links)
 *   POST /arbetsyta/:id/intervjuer/:interviewId/ta-bort remove an interview (erases name and notes)
 *   GET, POST /arbetsyta/:id/kallor/:sourceId/andra    edit a source (the file is kept unless replaced)
 *   GET, POST /arbetsyta/:id/intervjuer/:interviewId/andra  edit an interview
 *   POST /arbetsyta/:id/kommentarer                     reply to the municipality (also when published)
 *   GET  /arbetsyta/:id/omraden/:area                   score an area
 *   POST /arbetsyta/:id/omraden/:area/fragor/:question  score one question
 *   POST /arbetsyta/:id/omraden/:area/text              texts per heading and findings of an area
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { StorageError } from '../../../db/errors.ts';
import type { AuditRecord } from '../../../db/repositories/audit.ts';
import { listTeam } from '../../../db/repositories/assignments.ts';
import { getEdition, listEditions } from '../../../db/repositories/editions.ts';
import type { FindingKind } from '../../../db/repositories/evaluations.ts';
import { getMunicipality, listMunicipalities } from '../../../db/repositories/municipalities.ts';
import { listComments } from '../../../db/repositories/comments.ts';
import {
  getInterview,
  getSource,
  getSourceFile,
  listEvidence,
  listInterviews,
  listSources,
  type InterviewChanges,
  type SourceChanges,
  type SourceKind,
  type UploadedFile,
} from '../../../db/repositories/sources.ts';
import {
  getAreaWriteUp,
  getWorkspaceEvaluation,
  latestAuditId,
  listChangesSince,
  listQuestionScores,
  listWorkspaceEvaluations,
  type WorkspaceEvaluation,
} from '../../../db/repositories/workspace.ts';
import { users } from '../../../db/schema.ts';
import type { EvaluationResource } from '../../../domain/access/index.ts';
import { scoreEvaluation } from '../../../domain/scoring/index.ts';
import { isEditable } from '../../../domain/workflow/index.ts';
import { changeTeam } from '../../../use-cases/change-team.ts';
import { createWorkspaceEvaluation } from '../../../use-cases/create-evaluation.ts';
import { editInterview } from '../../../use-cases/edit-interview.ts';
import { editSource } from '../../../use-cases/edit-source.ts';
import { recordDocument } from '../../../use-cases/record-document.ts';
import { recordInterview } from '../../../use-cases/record-interview.ts';
import { removeInterview } from '../../../use-cases/remove-interview.ts';
import { removeSource } from '../../../use-cases/remove-source.ts';
import { saveAreaFindings, type AreaFindingInput } from '../../../use-cases/save-area-findings.ts';
import { scoreQuestion } from '../../../use-cases/score-question.ts';
import { shareEvaluation } from '../../../use-cases/share-evaluation.ts';
import { assertCan, can, csrfField, requireRole } from '../../auth/index.ts';
import { WebError, type FieldError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { parseInput } from '../../validation.ts';
import { postComment } from '../portal/post-comment.ts';
import {
  FROZEN_MESSAGE,
  EMPTY_SOURCE,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_LABEL,
  WORKSPACE_PATH,
  WORKSPACE_SCRIPT_PATH,
  pointsText,
  questionPrefix,
  interviewFormValues,
  renderAreaPage,
  renderInterviewEditPage,
  renderNewEvaluation,
  renderOverview,
  renderSourceEditPage,
  renderWorkspaceList,
  sourceFormValues,
  type AreaPageData,
  type AreaPageState,
  type FindingRow,
  type InterviewFormValues,
  type NewEvaluationValues,
  type OverviewForms,
  type EditState,
  type PageContext,
  type QuestionFormValues,
  type SourceFormValues,
  type WorkspaceHeader,
  type WriteUpValues,
} from './views.tsx';

type Body = Record<string, unknown>;

const scriptBody = readFileSync(new URL('../../static/workspace.js', import.meta.url), 'utf8');
/** The optional live-totals script, read once; its etag is a hash of its content. */
const workspaceScript = {
  body: scriptBody,
  etag: `"${createHash('sha256').update(scriptBody).digest('hex').slice(0, 12)}"`,
};

/** A form field as one string ('' when absent or repeated oddly). */
const field = (body: Body, name: string): string => {
  const value = body[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
};

/** A repeated form field (checkboxes) as a list of strings. */
const fields = (body: Body, name: string): string[] => {
  const value = body[name];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
};

const bodyOf = (request: FastifyRequest): Body =>
  request.body && typeof request.body === 'object' ? (request.body as Body) : {};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isIsoDate = (value: string) =>
  ISO_DATE.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime());

const optionalDate = (message: string) =>
  z
    .string()
    .trim()
    .refine((value) => value === '' || isIsoDate(value), { error: message })
    .transform((value) => (value === '' ? null : value));

const newEvaluationSchema = z.object({
  municipalityCode: z.string().trim().min(1, { error: 'Välj en kommun.' }),
  editionId: z.string().trim().min(1, { error: 'Välj en utgåva.' }),
  year: z
    .string()
    .trim()
    .regex(/^\d{4}$/, { error: 'Skriv året med fyra siffror, till exempel 2026.' })
    .transform(Number)
    .refine((year) => year >= 1990 && year <= 2100, {
      error: 'Året ska ligga mellan 1990 och 2100.',
    }),
  fieldworkStartsOn: optionalDate('Skriv datumet som ÅÅÅÅ-MM-DD.'),
  fieldworkEndsOn: optionalDate('Skriv datumet som ÅÅÅÅ-MM-DD.'),
});

const httpUrl = z
  .string()
  .trim()
  .refine((value) => value === '' || /^https?:\/\/[^\s]+$/.test(value), {
    error: 'Skriv en webbadress som börjar med https:// eller http://.',
  })
  .transform((value) => (value === '' ? null : value));

const documentSchema = z.object({
  title: z.string().trim().min(1, { error: 'Skriv dokumentets titel.' }),
  documentType: z.enum(['vardegrund', 'budget', 'arsredovisning', 'policy', 'annat'], {
    error: 'Välj vilken typ av dokument det är.',
  }),
  datedOn: optionalDate('Skriv datumet som ÅÅÅÅ-MM-DD.'),
  url: httpUrl,
  notes: z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : value)),
});

const websiteSchema = z.object({
  'web-title': z.string().trim().min(1, { error: 'Skriv vad som granskades.' }),
  'web-url': httpUrl,
  'web-notes': z.string().trim().min(1, { error: 'Skriv anteckningar från granskningen.' }),
});

const interviewSchema = z.object({
  heldOn: z.string().trim().refine(isIsoDate, { error: 'Skriv intervjuns datum som ÅÅÅÅ-MM-DD.' }),
  category: z.enum(['politiker', 'tjansteman', 'facklig', 'ovrig'], {
    error: 'Välj vilken kategori den intervjuade tillhör.',
  }),
  name: z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : value)),
  'interview-notes': z.string().trim(),
});

type Upload = UploadedFile | { tooLarge: true } | null | undefined;

/** A source form read at the edge: what to store, or the errors next to the fields. */
type SourceForm = { values: SourceFormValues; errors: FieldError[]; tooLarge: boolean } & (
  | {
      ok: true;
      changes: Omit<SourceChanges, 'file'>;
      /** A new file, when one was chosen. */
      file: UploadedFile | null;
    }
  | { ok: false }
);

/** The add and edit forms of a document or website review notes, parsed the same way. */
function readSourceForm(kind: SourceKind, body: Body): SourceForm {
  const values: SourceFormValues = {
    ...EMPTY_SOURCE,
    title: field(body, 'title'),
    url: field(body, 'url'),
    notes: field(body, 'notes'),
    ...(kind === 'document'
      ? { documentType: field(body, 'documentType'), datedOn: field(body, 'datedOn') }
      : {}),
  };
  const upload = kind === 'document' ? (body.file as Upload) : null;
  const tooLarge = Boolean(upload && 'tooLarge' in upload);
  const file =
    upload && !('tooLarge' in upload) ? { ...upload, name: upload.name.slice(0, 255) } : null;
  const errors: FieldError[] = [];
  let changes: Omit<SourceChanges, 'file'> | undefined;
  if (kind === 'document') {
    const parsed = parseInput(documentSchema, values);
    if (parsed.ok) changes = parsed.value;
    else errors.push(...parsed.errors);
  } else {
    const parsed = parseInput(websiteSchema, {
      'web-title': values.title,
      'web-url': values.url,
      'web-notes': values.notes,
    });
    if (parsed.ok) {
      changes = {
        title: parsed.value['web-title'],
        documentType: null,
        datedOn: null,
        url: parsed.value['web-url'],
        notes: parsed.value['web-notes'],
      };
    } else errors.push(...parsed.errors);
  }
  if (tooLarge) {
    errors.push({ field: 'file', message: `Filen är för stor (max ${MAX_UPLOAD_LABEL}).` });
  }
  return changes
    ? { ok: true, values, errors, tooLarge, changes, file }
    : { ok: false, values, errors, tooLarge };
}

/** The add and edit forms of an interview, parsed the same way. */
function readInterviewForm(
  body: Body,
):
  | { ok: true; values: InterviewFormValues; changes: InterviewChanges }
  | { ok: false; values: InterviewFormValues; errors: FieldError[] } {
  const values: InterviewFormValues = {
    heldOn: field(body, 'heldOn'),
    category: field(body, 'category'),
    name: field(body, 'name'),
    notes: field(body, 'notes'),
  };
  const parsed = parseInput(interviewSchema, {
    heldOn: values.heldOn,
    category: values.category,
    name: values.name,
    'interview-notes': values.notes,
  });
  if (!parsed.ok) return { ok: false, values, errors: parsed.errors };
  return {
    ok: true,
    values,
    changes: {
      heldOn: parsed.value.heldOn,
      category: parsed.value.category,
      name: parsed.value.name,
      notes: parsed.value['interview-notes'],
    },
  };
}

/** The signed-in user of a staff route (the preHandler guarantees one). */
function userOf(request: FastifyRequest) {
  const user = request.user;
  if (!user) throw new WebError('unauthenticated', 'no user on a staff route');
  return user;
}

/** "7,5" or "7.5" → 7.5; '' → null; anything else → undefined (not a number). */
export function parsePoints(text: string): number | null | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

const versionOf = (body: Body): number | undefined => {
  const value = Number(field(body, 'version'));
  return Number.isInteger(value) && value > 0 ? value : undefined;
};

const seenOf = (body: Body): number => {
  const value = Number(field(body, 'seen'));
  return Number.isInteger(value) && value >= 0 ? value : 0;
};

const resourceOf = (evaluation: WorkspaceEvaluation): EvaluationResource => ({
  id: evaluation.id,
  municipalityCode: evaluation.municipalityCode,
  status: evaluation.status,
  sharedWithMunicipality: evaluation.sharedWithMunicipality,
});

const isStale = (error: unknown) => error instanceof StorageError && error.code === 'stale-version';

export async function workspaceRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  // Multipart only for this plugin's routes; fields go to request.body (so the CSRF check sees
  // `_csrf`), the file as { name, type, data } or { tooLarge } when over the limit.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 50, parts: 60 },
    // Over the limit, busboy truncates the file; we refuse it in the route with a clear message.
    throwFileSizeLimit: false,
    onFile: async (part: MultipartFile & { value?: unknown }) => {
      const data = await part.toBuffer();
      if (part.file.truncated) {
        part.value = { tooLarge: true, name: part.filename };
        return;
      }
      part.value =
        part.filename === '' && data.byteLength === 0
          ? null
          : ({ name: part.filename, type: part.mimetype, data } satisfies UploadedFile);
    },
  });

  app.get(WORKSPACE_SCRIPT_PATH, async (request, reply) => {
    reply.header('cache-control', 'public, max-age=3600').header('etag', workspaceScript.etag);
    if (request.headers['if-none-match'] === workspaceScript.etag) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(workspaceScript.body);
  });

  const staff = { preHandler: requireRole('evaluator', 'admin') };

  const context = (request: FastifyRequest): PageContext => ({
    chrome: pageChrome(request),
    csrf: csrfField(request),
  });

  /** The evaluation, if the viewer may edit it: 404 when they may not even know it exists. */
  async function loadForEdit(
    request: FastifyRequest,
    id: string,
    options: { allowFrozen?: boolean } = {},
  ): Promise<WorkspaceEvaluation> {
    const evaluation = await getWorkspaceEvaluation(db, id);
    const resource = evaluation ? resourceOf(evaluation) : undefined;
    if (!evaluation || !resource || !can(request.viewer, 'evaluation.read', resource)) {
      throw new WebError('not-found', `no evaluation ${id} for this viewer`, {
        userMessage: 'Utvärderingen finns inte, eller så ingår du inte i dess team.',
      });
    }
    assertCan(request, 'evaluation.edit', resource);
    if (request.method === 'POST' && !options.allowFrozen && !isEditable(evaluation)) {
      throw new WebError('conflict', `evaluation ${id} is frozen (${evaluation.status})`, {
        userMessage: FROZEN_MESSAGE,
      });
    }
    return evaluation;
  }

  async function headerOf(evaluation: WorkspaceEvaluation) {
    const [municipality, edition, seen] = [
      await getMunicipality(db, evaluation.municipalityCode),
      await getEdition(db, evaluation.editionId),
      await latestAuditId(db, evaluation.id),
    ];
    if (!municipality || !edition) {
      throw new Error(`evaluation ${evaluation.id} refers to a missing municipality or edition`);
    }
    return {
      evaluation,
      municipality,
      edition: edition.definition,
      editionName: edition.name,
      seen,
    };
  }

  async function scoreOf(evaluation: WorkspaceEvaluation, edition: AreaPageData['edition']) {
    const stored = await listQuestionScores(db, evaluation.id);
    const result = scoreEvaluation(edition, {
      questions: Object.fromEntries(stored.map((s) => [s.questionId, s.points])),
    });
    if (!result.ok) {
      throw new Error(
        `stored scores of ${evaluation.id} do not score: ${result.issues.map((i) => i.message).join('; ')}`,
      );
    }
    return { score: result.score, stored };
  }

  async function renderOverviewFor(
    request: FastifyRequest,
    evaluation: WorkspaceEvaluation,
    forms: OverviewForms = {},
  ): Promise<string> {
    const header = await headerOf(evaluation);
    const { score } = await scoreOf(evaluation, header.edition);
    const resource = resourceOf(evaluation);
    return renderOverview(
      context(request),
      {
        ...header,
        score,
        team: await listTeam(db, evaluation.id),
        colleagues: (await newEvaluationOptions(request)).colleagues,
        sources: await listSources(db, evaluation.id),
        interviews: can(request.viewer, 'interview.read', resource)
          ? await listInterviews(db, evaluation.id)
          : null,
        comments: can(request.viewer, 'evaluation.comment', resource)
          ? await listComments(db, evaluation.id)
          : [],
      },
      forms,
    );
  }

  /** A stale overview form: 409, the overview as it is now and the changes since `seen`. */
  async function sendOverviewConflict(
    request: FastifyRequest,
    reply: FastifyReply,
    evaluation: WorkspaceEvaluation,
    body: Body,
  ) {
    const fresh = (await getWorkspaceEvaluation(db, evaluation.id)) ?? evaluation;
    return sendHtml(
      reply,
      await renderOverviewFor(request, fresh, {
        conflict: await listChangesSince(db, evaluation.id, seenOf(body)),
      }),
      409,
    );
  }

  /* -------------------------------------------------------------------------------------- */

  app.get(WORKSPACE_PATH, staff, async (request, reply) => {
    const viewer = request.viewer;
    const evaluationsList = await listWorkspaceEvaluations(
      db,
      viewer.kind === 'admin'
        ? { kind: 'all' }
        : {
            kind: 'ids',
            ids: viewer.kind === 'evaluator' ? [...viewer.assignedEvaluationIds] : [],
          },
    );
    const municipalities = new Map((await listMunicipalities(db)).map((m) => [m.code, m.name]));
    const editions = new Map((await listEditions(db)).map((e) => [e.id, e.name]));
    const items = evaluationsList.map((evaluation) => ({
      evaluation,
      municipalityName:
        municipalities.get(evaluation.municipalityCode) ?? evaluation.municipalityCode,
      editionName: editions.get(evaluation.editionId) ?? evaluation.editionId,
    }));
    return sendHtml(
      reply,
      renderWorkspaceList(context(request), items, can(viewer, 'evaluation.create')),
    );
  });

  async function newEvaluationOptions(request: FastifyRequest) {
    const colleagues = await db
      .select({ id: users.id, displayName: users.displayName, email: users.email })
      .from(users)
      .where(and(inArray(users.role, ['evaluator', 'admin']), eq(users.disabled, false)))
      .orderBy(asc(users.displayName));
    return {
      municipalities: await listMunicipalities(db),
      editions: (await listEditions(db))
        .filter(
          (e) =>
            e.kind === 'kommunkompassen' && e.definition.areas.some((a) => a.questions.length > 0),
        )
        .sort((a, b) => b.yearFrom - a.yearFrom),
      colleagues: colleagues.filter((user) => user.id !== request.user?.id),
    };
  }

  const EMPTY_NEW: NewEvaluationValues = {
    municipalityCode: '',
    editionId: '',
    year: String(new Date().getFullYear()),
    fieldworkStartsOn: '',
    fieldworkEndsOn: '',
    members: [],
  };

  app.get(`${WORKSPACE_PATH}/ny`, staff, async (request, reply) => {
    assertCan(request, 'evaluation.create');
    return sendHtml(
      reply,
      renderNewEvaluation(context(request), await newEvaluationOptions(request), EMPTY_NEW),
    );
  });

  app.post(`${WORKSPACE_PATH}/ny`, staff, async (request, reply) => {
    assertCan(request, 'evaluation.create');
    const body = bodyOf(request);
    const values: NewEvaluationValues = {
      municipalityCode: field(body, 'municipalityCode'),
      editionId: field(body, 'editionId'),
      year: field(body, 'year'),
      fieldworkStartsOn: field(body, 'fieldworkStartsOn'),
      fieldworkEndsOn: field(body, 'fieldworkEndsOn'),
      members: fields(body, 'members'),
    };
    const refuse = async (errors: FieldError[]) =>
      sendHtml(
        reply,
        renderNewEvaluation(context(request), await newEvaluationOptions(request), values, errors),
        400,
      );
    const parsed = parseInput(newEvaluationSchema, values);
    if (!parsed.ok) return refuse(parsed.errors);
    const user = request.user;
    if (!user) throw new WebError('unauthenticated', 'no user on a staff route');
    const result = await createWorkspaceEvaluation(db, {
      actorUserId: user.id,
      ...parsed.value,
      memberIds: values.members,
    });
    if (!result.ok) return refuse(result.issues);
    return reply.redirect(`${WORKSPACE_PATH}/${result.value.id}`, 303);
  });

  app.get<{ Params: { id: string } }>(`${WORKSPACE_PATH}/:id`, staff, async (request, reply) => {
    const evaluation = await loadForEdit(request, request.params.id);
    return sendHtml(reply, await renderOverviewFor(request, evaluation));
  });

  app.get<{ Params: { id: string; sourceId: string } }>(
    `${WORKSPACE_PATH}/:id/kallor/:sourceId/fil`,
    staff,
    async (request, reply) => {
      const evaluation = await loadForEdit(request, request.params.id);
      const file = await getSourceFile(db, evaluation.id, request.params.sourceId);
      if (!file) throw new WebError('not-found', `no file for source ${request.params.sourceId}`);
      return reply
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .type('application/octet-stream')
        .send(file.data);
    },
  );

  /** Adding a document or website review notes: one pipeline, the kind decides the form. */
  const addSource =
    (kind: SourceKind) =>
    async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const evaluation = await loadForEdit(request, request.params.id);
      const form = readSourceForm(kind, bodyOf(request));
      if (form.ok && kind === 'document' && !form.changes.url && !form.file) {
        form.errors.push({ field: 'url', message: 'Ange en länk eller välj en fil.' });
      }
      if (!form.ok || form.errors.length > 0) {
        return sendHtml(
          reply,
          await renderOverviewFor(request, evaluation, {
            [kind === 'document' ? 'document' : 'website']: {
              values: form.values,
              errors: form.errors,
            },
          }),
          form.tooLarge ? 413 : 400,
        );
      }
      await recordDocument(db, {
        actorUserId: userOf(request).id,
        evaluationId: evaluation.id,
        kind,
        ...form.changes,
        file: form.file,
      });
      return reply.redirect(`${WORKSPACE_PATH}/${evaluation.id}#kallor`, 303);
    };

  app.post<{ Params: { id: string } }>(
    `${WORKSPACE_PATH}/:id/dokument`,
    staff,
    addSource('document'),
  );
  app.post<{ Params: { id: string } }>(
    `${WORKSPACE_PATH}/:id/webbplats`,
    staff,
    addSource('website'),
  );

  app.post<{ Params: { id: string } }>(
    `${WORKSPACE_PATH}/:id/intervjuer`,
    staff,
    async (request, reply) => {
      const evaluation = await loadForEdit(request, request.params.id);
      assertCan(request, 'interview.read', resourceOf(evaluation));
      const form = readInterviewForm(bodyOf(request));
      if (!form.ok) {
        return sendHtml(
          reply,
          await renderOverviewFor(request, evaluation, {
            interview: { values: form.values, errors: form.errors },
          }),
          400,
        );
      }
      await recordInterview(db, {
        actorUserId: userOf(request).id,
        evaluationId: evaluation.id,
        ...form.changes,
      });
      return reply.redirect(`${WORKSPACE_PATH}/${evaluation.id}#intervjuer`, 303);
    },
  );

  /* Editing a source or an interview: a page with its form, version-checked like every edit. */

  type ItemParams = { Params: { id: string; itemId: string } };

  async function loadSource(request: FastifyRequest<ItemParams>) {
    const evaluation = await loadForEdit(request, request.params.id);
    const source = await getSource(db, evaluation.id, request.params.itemId);
    if (!source) throw new WebError('not-found', `no source ${request.params.itemId}`);
    return { evaluation, source };
  }

  async function loadInterview(request: FastifyRequest<ItemParams>) {
    const evaluation = await loadForEdit(request, request.params.id);
    assertCan(request, 'interview.read', resourceOf(evaluation));
    const interview = await getInterview(db, evaluation.id, request.params.itemId);
    if (!interview) throw new WebError('not-found', `no interview ${request.params.itemId}`);
    return { evaluation, interview };
  }

  /**
   * An edit page's form posted: its errors (400, or `status`), the use case's refusals (400) or a
   * stale version (409, with the changes since `seen`) re-render the page with the input kept;
   * saved, back to the overview.
   */
  async function saveEdit<Values>(
    reply: FastifyReply,
    edit: {
      evaluation: WorkspaceEvaluation;
      body: Body;
      page: (header: WorkspaceHeader, state: EditState<Values>) => string;
      values: Values;
      errors: readonly FieldError[];
      status?: number;
      anchor: string;
      /** Runs the use case; the field errors it refused with (none: saved). */
      save: () => Promise<readonly FieldError[]>;
    },
  ) {
    const { evaluation } = edit;
    const refuse = async (
      errors: readonly FieldError[],
      status: number,
      conflict?: AuditRecord[],
    ) => {
      const fresh = (await getWorkspaceEvaluation(db, evaluation.id)) ?? evaluation;
      const state: EditState<Values> = {
        values: edit.values,
        errors,
        ...(conflict ? { conflict } : {}),
      };
      return sendHtml(reply, edit.page(await headerOf(fresh), state), status);
    };
    if (edit.errors.length > 0) return refuse(edit.errors, edit.status ?? 400);
    try {
      const refused = await edit.save();
      if (refused.length > 0) return refuse(refused, 400);
    } catch (error) {
      if (!isStale(error)) throw error;
      return refuse([], 409, await listChangesSince(db, evaluation.id, seenOf(edit.body)));
    }
    return reply.redirect(`${WORKSPACE_PATH}/${evaluation.id}#${edit.anchor}`, 303);
  }

  app.get<ItemParams>(
    `${WORKSPACE_PATH}/:id/kallor/:itemId/andra`,
    staff,
    async (request, reply) => {
      const { evaluation, source } = await loadSource(request);
      return sendHtml(
        reply,
        renderSourceEditPage(context(request), await headerOf(evaluation), source, {
          values: sourceFormValues(source),
          errors: [],
        }),
      );
    },
  );

  app.post<ItemParams>(
    `${WORKSPACE_PATH}/:id/kallor/:itemId/andra`,
    staff,
    async (request, reply) => {
      const { evaluation, source } = await loadSource(request);
      const body = bodyOf(request);
      const form = readSourceForm(source.kind, body);
      return saveEdit(reply, {
        evaluation,
        body,
        page: (header, state) => renderSourceEditPage(context(request), header, source, state),
        values: form.values,
        errors: form.errors,
        status: form.tooLarge ? 413 : 400,
        anchor: 'kallor',
        save: async () => {
          if (!form.ok) return form.errors;
          const outcome = await editSource(db, {
            actorUserId: userOf(request).id,
            evaluationId: evaluation.id,
            expectedVersion: versionOf(body) ?? 0,
            sourceId: source.id,
            ...form.changes,
            ...(form.file ? { file: form.file } : {}),
          });
          return outcome.ok
            ? []
            : outcome.issues.map((issue) => ({
                field: source.kind === 'document' ? issue.field : `web-${issue.field}`,
                message: issue.message,
              }));
        },
      });
    },
  );

  app.get<ItemParams>(
    `${WORKSPACE_PATH}/:id/intervjuer/:itemId/andra`,
    staff,
    async (request, reply) => {
      const { evaluation, interview } = await loadInterview(request);
      return sendHtml(
        reply,
        renderInterviewEditPage(context(request), await headerOf(evaluation), interview, {
          values: interviewFormValues(interview),
          errors: [],
        }),
      );
    },
  );

  app.post<ItemParams>(
    `${WORKSPACE_PATH}/:id/intervjuer/:itemId/andra`,
    staff,
    async (request, reply) => {
      const { evaluation, interview } = await loadInterview(request);
      const body = bodyOf(request);
      const form = readInterviewForm(body);
      return saveEdit(reply, {
        evaluation,
        body,
        page: (header, state) =>
          renderInterviewEditPage(context(request), header, interview, state),
        values: form.values,
        errors: form.ok ? [] : form.errors,
        anchor: 'intervjuer',
        save: async () => {
          if (!form.ok) return form.errors;
          await editInterview(db, {
            actorUserId: userOf(request).id,
            evaluationId: evaluation.id,
            expectedVersion: versionOf(body) ?? 0,
            interviewId: interview.id,
            ...form.changes,
          });
          return [];
        },
      });
    },
  );

  /* Comments: the team reads the municipality's comments and replies, published or not. */

  app.post<{ Params: { id: string } }>(
    `${WORKSPACE_PATH}/:id/kommentarer`,
    staff,
    async (request, reply) => {
      const evaluation = await loadForEdit(request, request.params.id, { allowFrozen: true });
      assertCan(request, 'evaluation.comment', resourceOf(evaluation));
      const posted = await postComment(db, {
        actorUserId: userOf(request).id,
        evaluationId: evaluation.id,
        body: request.body,
      });
      if (!posted.ok) {
        return sendHtml(
          reply,
          await renderOverviewFor(request, evaluation, {
            comment: { values: posted.values, errors: posted.errors },
          }),
          400,
        );
      }
      return reply.redirect(`${WORKSPACE_PATH}/${evaluation.id}#kommentarer`, 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    `${WORKSPACE_PATH}/:id/delning`,
    staff,
    async (request, reply) => {
      const evaluation = await loadForEdit(request, request.params.id);
      assertCan(request, 'evaluation.manageTeam', resourceOf(evaluation));
      const body = bodyOf(request);
      const user = request.user;
      if (!user) throw new WebError('unauthenticated', 'no user on a staff route');
      try {
        await shareEvaluation(db, {
          actorUserId: user.id,
          evaluationId: evaluation.id,
          expectedVersion: versionOf(body) ?? 0,
          shared: field(body, 'shared') === 'ja',
        });
      } catch (error) {
        if (!isStale(error)) throw error;
        return sendOverviewConflict(request, reply, evaluation, body);
      }
      return reply.redirect(`${WORKSPACE_PATH}/${evaluation.id}`, 303);
    },
  );

  /** Removing a source or an interview: version-checked, 409 with the other changes when stale. */
  async function removeWith(
    request: FastifyRequest<{ Params: { id: string; itemId: string } }>,
    reply: FastifyReply,
    remove: (input: {
      actorUserId: string;
      evaluationId: string;
      expectedVersion: number;
      itemId: string;
    }) => Promise<unknown>,
    anchor: string,
  ) {
    const evaluation = await loadForEdit(request, request.params.id);
    assertCan(request, 'interview.read', resourceOf(evaluation));
    const body = bodyOf(request);
    const user = request.user;
    if (!user) throw new WebError('unauthenticated', 'no user on a staff route');
    try {
      await remove({
        actorUserId: user.id,
        evaluationId: evaluation.id,
        expectedVersion: versionOf(body) ?? 0,
        itemId: request.params.itemId,
      });
    } catch (error) {
      if (!isStale(error)) throw error;
      return sendOverviewConflict(request, reply, evaluation, body);
    }
    return reply.redirect(`${WORKSPACE_PATH}/${evaluation.id}#${anchor}`, 303);
  }

  app.post<{ Params: { id: string; itemId: string } }>(
    `${WORKSPACE_PATH}/:id/kallor/:itemId/ta-bort`,
    staff,
    (request, reply) =>
      removeWith(
        request,
        reply,
        (input) => removeSource(db, { ...input, sourceId: input.itemId }),
        'kallor',
      ),
  );

  app.post<{ Params: { id: string; itemId: string } }>(
    `${WORKSPACE_PATH}/:id/intervjuer/:itemId/ta-bort`,
    staff,
    (request, reply) =>
      removeWith(
        request,
        reply,
        (input) => removeInterview(db, { ...input, interviewId: input.itemId }),
        'intervjuer',
      ),
  );

  app.post<{ Params: { id: string } }>(
    `${WORKSPACE_PATH}/:id/team`,
    staff,
    async (request, reply) => {
      const evaluation = await loadForEdit(request, request.params.id);
      assertCan(request, 'evaluation.manageTeam', resourceOf(evaluation));
      const body = bodyOf(request);
      const user = request.user;
      if (!user) throw new WebError('unauthenticated', 'no user on a staff route');
      const remove = field(body, 'remove');
      try {
        const result = await changeTeam(db, {
          actorUserId: user.id,
          evaluationId: evaluation.id,
          expectedVersion: versionOf(body) ?? 0,
          change: remove === '' ? { add: field(body, 'member') } : { remove },
        });
        if (!result.ok) {
          return sendHtml(
            reply,
            await renderOverviewFor(request, evaluation, { team: { errors: result.issues } }),
            400,
          );
        }
      } catch (error) {
        if (!isStale(error)) throw error;
        return sendOverviewConflict(request, reply, evaluation, body);
      }
      return reply.redirect(`${WORKSPACE_PATH}/${evaluation.id}#team`, 303);
    },
  );

  /* -------------------------------------------------------------------------------------- */
  /* Scoring                                                                                 */
  /* -------------------------------------------------------------------------------------- */

  async function areaPageData(
    evaluation: WorkspaceEvaluation,
    areaParam: string,
  ): Promise<AreaPageData> {
    const header = await headerOf(evaluation);
    const area = header.edition.areas.find((a) => String(a.number) === areaParam);
    if (!area) throw new WebError('not-found', `no area ${areaParam} in ${evaluation.editionId}`);
    const { score, stored } = await scoreOf(evaluation, header.edition);
    const scoredArea = score.areas.find((a) => a.number === area.number);
    if (!scoredArea) throw new Error(`area ${String(area.number)} was not scored`);
    const evidence = await listEvidence(db, evaluation.id);
    const questions: Record<string, QuestionFormValues> = {};
    for (const question of area.questions) {
      const row = stored.find((s) => s.questionId === question.id);
      const links = evidence.get(question.id);
      questions[question.id] = {
        points: pointsText(row?.points),
        justification: row?.justification ?? '',
        sourceIds: links?.sourceIds ?? [],
        interviewIds: links?.interviewIds ?? [],
      };
    }
    const writeUp = await getAreaWriteUp(db, evaluation.id, area.number);
    const headings = area.headings.length > 0 ? area.headings : ['Beskrivning'];
    return {
      ...header,
      area,
      score,
      scoredArea,
      questions,
      sources: await listSources(db, evaluation.id),
      interviews: await listInterviews(db, evaluation.id),
      writeUp: {
        texts: headings.map(
          (heading, index) =>
            writeUp.texts.find((t) => t.heading === heading)?.body ??
            // Texts without one of the edition's headings land under the first.
            (index === 0
              ? (writeUp.texts.find((t) => !headings.includes(t.heading ?? ''))?.body ?? '')
              : ''),
        ),
        findings: writeUp.findings.map((f, index) => ({
          kind: f.kind,
          text: f.text,
          municipalityCode: f.referenceMunicipalityCode ?? '',
          order: String(index + 1),
        })),
      },
      municipalities: await listMunicipalities(db),
    };
  }

  async function sendAreaPage(
    request: FastifyRequest,
    reply: FastifyReply,
    evaluation: WorkspaceEvaluation,
    areaParam: string,
    state: AreaPageState,
    status: number,
  ) {
    const data = await areaPageData(evaluation, areaParam);
    return sendHtml(reply, renderAreaPage(context(request), data, state), status);
  }

  const SAVED_LABEL: Record<string, string> = { text: 'texter och fynd' };

  app.get<{ Params: { id: string; area: string }; Querystring: { sparat?: string } }>(
    `${WORKSPACE_PATH}/:id/omraden/:area`,
    staff,
    async (request, reply) => {
      const evaluation = await loadForEdit(request, request.params.id);
      assertCan(request, 'interview.read', resourceOf(evaluation));
      const saved = request.query.sparat;
      return sendAreaPage(
        request,
        reply,
        evaluation,
        request.params.area,
        saved ? { saved: SAVED_LABEL[saved] ?? `fråga ${saved.replace(/[^0-9.]/g, '')}` } : {},
        200,
      );
    },
  );

  app.post<{ Params: { id: string; area: string; question: string } }>(
    `${WORKSPACE_PATH}/:id/omraden/:area/fragor/:question`,
    staff,
    async (request, reply) => {
      const evaluation = await loadForEdit(request, request.params.id);
      const { area, question } = request.params;
      const body = bodyOf(request);
      const values: QuestionFormValues = {
        points: field(body, 'points'),
        justification: field(body, 'justification'),
        sourceIds: fields(body, 'sources'),
        interviewIds: fields(body, 'interviews'),
      };
      const prefix = questionPrefix(question);
      const refuse = (errors: FieldError[], status = 400, conflict?: AuditRecord[]) =>
        sendAreaPage(
          request,
          reply,
          evaluation,
          area,
          {
            question: { id: question, values, errors },
            ...(conflict ? { conflict } : {}),
          },
          status,
        );
      const points = parsePoints(values.points);
      if (points === undefined) {
        return refuse([
          {
            field: `${prefix}points`,
            message: `”${values.points}” är inte ett tal. Skriv poängen som till exempel 7,5.`,
          },
        ]);
      }
      const user = request.user;
      if (!user) throw new WebError('unauthenticated', 'no user on a staff route');
      const header = await getEdition(db, evaluation.editionId);
      const inArea = header?.definition.areas
        .find((a) => String(a.number) === area)
        ?.questions.some((q) => q.id === question);
      if (!inArea) throw new WebError('not-found', `no question ${question} in area ${area}`);
      try {
        const result = await scoreQuestion(db, {
          actorUserId: user.id,
          evaluationId: evaluation.id,
          expectedVersion: versionOf(body) ?? 0,
          questionId: question,
          points,
          justification: values.justification,
          sourceIds: values.sourceIds,
          interviewIds: values.interviewIds,
        });
        if (!result.ok) {
          return refuse(
            result.issues.map((issue) => ({
              field: `${prefix}${issue.field}`,
              message: issue.message,
            })),
          );
        }
      } catch (error) {
        if (!isStale(error)) throw error;
        const fresh = (await getWorkspaceEvaluation(db, evaluation.id)) ?? evaluation;
        const conflict = await listChangesSince(db, evaluation.id, seenOf(body));
        const data = await areaPageData(fresh, area);
        return sendHtml(
          reply,
          renderAreaPage(context(request), data, {
            question: { id: question, values, errors: [] },
            conflict,
          }),
          409,
        );
      }
      return reply.redirect(
        `${WORKSPACE_PATH}/${evaluation.id}/omraden/${area}?sparat=${encodeURIComponent(question)}#${prefix}rubrik`,
        303,
      );
    },
  );

  app.post<{ Params: { id: string; area: string } }>(
    `${WORKSPACE_PATH}/:id/omraden/:area/text`,
    staff,
    async (request, reply) => {
      const evaluation = await loadForEdit(request, request.params.id);
      const { area } = request.params;
      const edition = await getEdition(db, evaluation.editionId);
      const areaDef = edition?.definition.areas.find((a) => String(a.number) === area);
      if (!areaDef) throw new WebError('not-found', `no area ${area}`);
      const body = bodyOf(request);
      const headings = areaDef.headings.length > 0 ? areaDef.headings : ['Beskrivning'];
      const rowCount = Math.min(Number(field(body, 'rows')) || 0, 500);
      const rows: Array<FindingRow & { key: string; remove: boolean }> = [];
      for (let index = 0; index < rowCount; index++) {
        const key = `f${String(index)}`;
        rows.push({
          key,
          kind: field(body, `${key}-kind`) as FindingKind | '',
          text: field(body, `${key}-text`),
          municipalityCode: field(body, `${key}-kommun`),
          order: field(body, `${key}-order`),
          remove: field(body, `${key}-remove`) === 'ja',
        });
      }
      const texts = headings.map((_, index) => field(body, `text-${String(index)}`));
      const kept = rows.filter((row) => !row.remove && row.text.trim() !== '');
      const errors: FieldError[] = [];
      for (const row of kept) {
        if (!['strength', 'improvement', 'good-example'].includes(row.kind)) {
          errors.push({
            field: `${row.key}-kind`,
            message: 'Välj om raden är en styrka, ett förbättringsområde eller ett gott exempel.',
          });
        }
        if (row.order.trim() !== '' && !/^\d{1,4}$/.test(row.order.trim())) {
          errors.push({
            field: `${row.key}-order`,
            message: 'Skriv ordningen som ett heltal, till exempel 2.',
          });
        }
      }
      const values: WriteUpValues = {
        texts,
        findings: kept.map(({ kind, text, municipalityCode, order }) => ({
          kind,
          text,
          municipalityCode,
          order,
        })),
      };
      if (errors.length > 0) {
        // Re-render with every row as sent (keys stay aligned with the errors).
        return sendAreaPage(
          request,
          reply,
          evaluation,
          area,
          {
            writeUp: {
              values: { texts, findings: rows },
              errors,
            },
          },
          400,
        );
      }
      const ordered = kept
        .map((row, index) => ({
          row,
          index,
          order: row.order.trim() === '' ? Infinity : Number(row.order),
        }))
        .sort((a, b) => a.order - b.order || a.index - b.index)
        .map(({ row }) => row);
      const user = request.user;
      if (!user) throw new WebError('unauthenticated', 'no user on a staff route');
      try {
        const result = await saveAreaFindings(db, {
          actorUserId: user.id,
          evaluationId: evaluation.id,
          expectedVersion: versionOf(body) ?? 0,
          area: areaDef.number,
          texts: headings.map((heading, index) => ({ heading, body: texts[index] ?? '' })),
          findings: ordered.map((row): AreaFindingInput => ({
            key: row.key,
            kind: row.kind as FindingKind,
            text: row.text,
            referenceMunicipalityCode: row.municipalityCode === '' ? null : row.municipalityCode,
          })),
        });
        if (!result.ok) {
          return sendAreaPage(
            request,
            reply,
            evaluation,
            area,
            { writeUp: { values: { texts, findings: rows }, errors: result.issues } },
            400,
          );
        }
      } catch (error) {
        if (!isStale(error)) throw error;
        const fresh = (await getWorkspaceEvaluation(db, evaluation.id)) ?? evaluation;
        const data = await areaPageData(fresh, area);
        return sendHtml(
          reply,
          renderAreaPage(context(request), data, {
            writeUp: { values, errors: [] },
            conflict: await listChangesSince(db, evaluation.id, seenOf(body)),
          }),
          409,
        );
      }
      return reply.redirect(`${WORKSPACE_PATH}/${evaluation.id}/omraden/${area}?sparat=text`, 303);
    },
  );
}
