/**
 * Self-assessment on the web (`/sjalvvardering`): a municipality's users (and admins) start one,
 * fill in the questionnaire as a draft, resume it and submit it; evaluators read submitted ones;
 * the public gets nothing here (sign in first). A self-assessment the viewer may not read answers
 * like an unknown one (404). Each handler: load and authorize, read the form at the edge, call one
 * use case, then redirect (post/redirect/get) or re-render the form with the errors.
 *
 * Routes:
 *   GET  /sjalvvardering                          the viewer's self-assessments, start form
 *   POST /sjalvvardering/ny                       start one (a municipality and a year)
 *   GET  /sjalvvardering/:id                      the questionnaire (form or read view)
 *   POST /sjalvvardering/:id                      save the draft, add or remove a key-figure
 *                                                 row, or submit
 *   POST /sjalvvardering/:id/fragor/:question     resolve an imported answer (answer + reason)
 *   GET  /sjalvvardering/:id/utskrift             the printable view
 *   GET  /static/sjalvvardering.css               its print stylesheet
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/client.ts';
import { StorageError } from '../../../db/errors.ts';
import { listAudit } from '../../../db/repositories/audit.ts';
import { getEdition } from '../../../db/repositories/editions.ts';
import { getMunicipality, listMunicipalities } from '../../../db/repositories/municipalities.ts';
import {
  getSelfAssessment,
  isSubmitted,
  listSelfAssessments,
  type SelfAssessmentRecord,
} from '../../../db/repositories/self-assessments.ts';
import type { SelfAssessmentResource } from '../../../domain/access/index.ts';
import type { Edition } from '../../../domain/framework/index.ts';
import { resolveAnswer } from '../../../use-cases/self-assessment/resolve-answer.ts';
import {
  EMPTY_KEY_FIGURE_ROW,
  isBlankRow,
  selfAssessmentEditionFor,
  type KeyFigureFormRow,
} from '../../../use-cases/self-assessment/rules.ts';
import { saveSelfAssessmentDraft } from '../../../use-cases/self-assessment/save-self-assessment.ts';
import {
  viewOf,
  type SelfAssessmentView,
} from '../../../use-cases/self-assessment/show-self-assessment.ts';
import { startSelfAssessment } from '../../../use-cases/self-assessment/start-self-assessment.ts';
import { submitSelfAssessment } from '../../../use-cases/self-assessment/submit-self-assessment.ts';
import { listEditions } from '../../../db/repositories/editions.ts';
import { assertCan, can, csrfField, requireUser } from '../../auth/index.ts';
import { WebError, type FieldError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import {
  DONE_MESSAGE,
  PRINT_STYLESHEET_PATH,
  SELF_ASSESSMENT_PATH,
  renderListPage,
  renderPrintPage,
  renderSelfAssessmentPage,
  selfAssessmentPath,
  type DraftFormValues,
  type Done,
  type Resolution,
  type SelfAssessmentPageProps,
  type StartFormValues,
} from './views.tsx';

type Body = Record<string, unknown>;
type IdParams = { Params: { id: string } };

const printCss = readFileSync(new URL('./print.css', import.meta.url), 'utf8');

/** ECharts is large: loaded on the first page with a key-figure chart. */
const loadChart = () => import('./chart.ts');

/** Most blank key-figure rows a form shows (each "Lägg till rad" adds one). */
const MAX_BLANK_ROWS = 20;

/** A form field as one string ('' when absent). */
const field = (body: Body, name: string): string => {
  const value = body[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
};

const versionOf = (body: Body): number => {
  const value = Number(field(body, 'version'));
  if (!Number.isInteger(value) || value < 1) {
    throw new WebError('invalid-input', 'the form has no version', {
      userMessage: 'Formuläret saknar version. Ladda om sidan och försök igen.',
    });
  }
  return value;
};

const resourceOf = (record: SelfAssessmentRecord): SelfAssessmentResource => ({
  id: record.id,
  municipalityCode: record.municipalityCode,
  status: record.status,
});

interface Loaded {
  record: SelfAssessmentRecord;
  view: SelfAssessmentView;
  edition: Edition;
  resource: SelfAssessmentResource;
}

/** The self-assessment `id` if the viewer may read it; 404 otherwise (as for an unknown id). */
async function loadReadable(db: Db, request: FastifyRequest, id: string): Promise<Loaded> {
  const record = await getSelfAssessment(db, id);
  if (!record || !can(request.viewer, 'selfAssessment.read', resourceOf(record))) {
    throw new WebError('not-found', `self-assessment ${id} is unknown or not readable`);
  }
  const edition = await getEdition(db, record.editionId);
  if (!edition) throw new Error(`self-assessment ${id} lost its edition`);
  const view = viewOf(record, edition.definition);
  return { record, view, edition: edition.definition, resource: resourceOf(record) };
}

/** The values the draft form shows: what is stored, with `blankRows` empty key-figure rows. */
function storedFormValues(loaded: Loaded, blankRows: number): DraftFormValues {
  const answers: Record<string, string> = {};
  for (const answer of loaded.view.answers) {
    if (answer.answer !== null) answers[answer.question] = answer.answer;
  }
  const narratives: Record<number, string> = {};
  for (const text of loaded.view.narratives) {
    narratives[text.theme] =
      narratives[text.theme] === undefined
        ? text.text
        : `${narratives[text.theme]}\n\n${text.text}`;
  }
  const number = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));
  const rows: KeyFigureFormRow[] = loaded.record.keyFigures.map((row) => ({
    name: row.seriesName,
    unit: row.unit ?? '',
    year: String(row.year),
    target: number(row.target),
    result: number(row.result),
    theme: row.theme === null ? '' : String(row.theme),
  }));
  for (let i = 0; i < blankRows; i += 1) rows.push({ ...EMPTY_KEY_FIGURE_ROW });
  return { answers, narratives, rows };
}

/** The draft form as posted: answers, narratives and key-figure rows (in index order). */
function postedFormValues(body: Body, edition: Edition): DraftFormValues {
  const answers: Record<string, string> = {};
  const narratives: Record<number, string> = {};
  for (const theme of edition.areas) {
    for (const question of theme.questions) {
      // Exactly one answer: two values for one question (not possible with radio buttons) are
      // passed on joined, and refused as an answer off the scale.
      const raw = body[`q-${question.id}`];
      const value = Array.isArray(raw)
        ? [...new Set(raw.filter((item): item is string => typeof item === 'string'))].join(', ')
        : field(body, `q-${question.id}`);
      if (value !== '') answers[question.id] = value;
    }
    narratives[theme.number] = field(body, `theme-${String(theme.number)}`);
  }
  const indexes = new Set<number>();
  for (const key of Object.keys(body)) {
    const match = /^kf-(\d{1,3})-(name|unit|year|target|result|theme)$/.exec(key);
    if (match) indexes.add(Number(match[1]));
  }
  const rows = [...indexes]
    .sort((a, b) => a - b)
    .map((index) => ({
      name: field(body, `kf-${String(index)}-name`),
      unit: field(body, `kf-${String(index)}-unit`),
      year: field(body, `kf-${String(index)}-year`),
      target: field(body, `kf-${String(index)}-target`),
      result: field(body, `kf-${String(index)}-result`),
      theme: field(body, `kf-${String(index)}-theme`),
    }));
  return { answers, narratives, rows };
}

/** The answers resolved after an import, from the audit trail (who, when, why). */
async function resolutionsOf(db: Db, evaluationId: string): Promise<Resolution[]> {
  const entries = await listAudit(db, { evaluationId, entityType: 'question_score' });
  return entries
    .filter((entry) => entry.action === 'self-assessment.resolve' && entry.field === 'answer')
    .map((entry) => ({
      questionId: entry.entityId.split('/').pop() ?? '',
      answer: typeof entry.newValue === 'string' ? entry.newValue : '',
      by: entry.actor?.displayName ?? 'systemet',
      at: entry.at,
      reason: entry.reason ?? '',
    }));
}

async function chartsOf(view: SelfAssessmentView): Promise<Map<string, string>> {
  if (view.keyFigures.length === 0) return new Map();
  const { renderKeyFigureCharts } = await loadChart();
  return renderKeyFigureCharts(view.keyFigures);
}

const isDone = (value: unknown): value is Done =>
  typeof value === 'string' && Object.hasOwn(DONE_MESSAGE, value);

export async function selfAssessmentRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  app.get(PRINT_STYLESHEET_PATH, async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=3600')
      .type('text/css; charset=utf-8')
      .send(printCss),
  );

  /** The page of one self-assessment, as the viewer may see it. */
  async function sendPage(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    extra: Partial<SelfAssessmentPageProps> = {},
    status = 200,
  ): Promise<FastifyReply> {
    const mayEdit = can(request.viewer, 'selfAssessment.edit', loaded.resource);
    const mode = mayEdit && !isSubmitted(loaded.record.status) ? 'edit' : 'read';
    const props: SelfAssessmentPageProps = {
      resolutions: await resolutionsOf(db, loaded.record.id),
      view: loaded.view,
      edition: loaded.edition,
      version: loaded.record.version,
      mode,
      canResolve: mayEdit && isSubmitted(loaded.record.status) && loaded.record.current,
      charts: await chartsOf(loaded.view),
      csrf: csrfField(request),
      ...(mode === 'edit' ? { form: storedFormValues(loaded, 1) } : {}),
      ...extra,
    };
    reply.header('cache-control', 'no-store');
    return sendHtml(reply, renderSelfAssessmentPage(props, pageChrome(request)), status);
  }

  async function sendList(
    request: FastifyRequest,
    reply: FastifyReply,
    start: { values: StartFormValues; errors: FieldError[] } | undefined,
    status = 200,
  ): Promise<FastifyReply> {
    const viewer = request.viewer;
    const own = viewer.kind === 'municipality' ? viewer.municipalityCode : undefined;
    const items =
      viewer.kind === 'admin'
        ? await listSelfAssessments(db)
        : viewer.kind === 'evaluator'
          ? await listSelfAssessments(db, { submittedOnly: true })
          : own
            ? await listSelfAssessments(db, { municipalityCode: own })
            : [];
    const municipality = own ? await getMunicipality(db, own) : undefined;
    const editions = (await listEditions(db)).map((stored) => stored.definition);
    const year = new Date().getFullYear();
    const questionCount =
      selfAssessmentEditionFor(editions, year)?.areas.reduce(
        (sum, area) => sum + area.questions.length,
        0,
      ) ?? 0;
    const canStart = viewer.kind === 'admin' || municipality !== undefined;
    const props = {
      items,
      heading:
        viewer.kind === 'evaluator'
          ? 'Inskickade självvärderingar'
          : municipality
            ? `Självvärderingar för ${municipality.name}`
            : 'Alla självvärderingar',
      questionCount,
      csrf: csrfField(request),
      ...(canStart
        ? {
            start: {
              municipality: municipality
                ? { code: municipality.code, name: municipality.name }
                : (await listMunicipalities(db)).map((m) => ({ code: m.code, name: m.name })),
              values: start?.values ?? { municipalityCode: '', year: String(year) },
              errors: start?.errors ?? [],
            },
          }
        : {}),
    };
    reply.header('cache-control', 'no-store');
    return sendHtml(reply, renderListPage(props, pageChrome(request)), status);
  }

  app.get(SELF_ASSESSMENT_PATH, { preHandler: requireUser }, async (request, reply) =>
    sendList(request, reply, undefined),
  );

  app.post<{ Body: Body }>(
    `${SELF_ASSESSMENT_PATH}/ny`,
    { preHandler: requireUser },
    async (request, reply) => {
      const viewer = request.viewer;
      const body = request.body ?? {};
      const municipalityCode =
        viewer.kind === 'municipality'
          ? viewer.municipalityCode
          : field(body, 'municipalityCode').trim();
      assertCan(request, 'selfAssessment.create', { municipalityCode });
      const yearText = field(body, 'year').trim();
      const values = { municipalityCode, year: yearText };
      const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
      const outcome = await startSelfAssessment(db, {
        actorUserId: request.user?.id ?? null,
        municipalityCode,
        year,
      });
      if (!outcome.ok) return sendList(request, reply, { values, errors: outcome.issues }, 400);
      return reply.redirect(selfAssessmentPath(outcome.value.id), 303);
    },
  );

  app.get<IdParams & { Querystring: { klart?: string; rader?: string } }>(
    `${SELF_ASSESSMENT_PATH}/:id`,
    { preHandler: requireUser },
    async (request, reply) => {
      const loaded = await loadReadable(db, request, request.params.id);
      const blank = Math.min(MAX_BLANK_ROWS, Math.max(1, Number(request.query.rader) || 1));
      const done = request.query.klart;
      return sendPage(request, reply, loaded, {
        ...(isDone(done) ? { done } : {}),
        ...(can(request.viewer, 'selfAssessment.edit', loaded.resource) &&
        !isSubmitted(loaded.record.status)
          ? { form: storedFormValues(loaded, blank) }
          : {}),
      });
    },
  );

  app.post<IdParams & { Body: Body }>(
    `${SELF_ASSESSMENT_PATH}/:id`,
    { preHandler: requireUser },
    async (request, reply) => {
      const loaded = await loadReadable(db, request, request.params.id);
      assertCan(request, 'selfAssessment.edit', loaded.resource);
      const body = request.body ?? {};
      const expectedVersion = versionOf(body);
      const action = field(body, 'action') || 'save';
      const posted = postedFormValues(body, loaded.edition);
      const remove = /^remove-row-(\d+)$/.exec(action);
      const rows = remove ? posted.rows.filter((_row, i) => i !== Number(remove[1])) : posted.rows;
      const form = { ...posted, rows };
      const actorUserId = request.user?.id ?? null;
      const again = (extra: Partial<SelfAssessmentPageProps>, status: number) =>
        sendPage(request, reply, loaded, { form: withBlankRow(form), ...extra }, status);

      let version: number;
      try {
        const saved = await saveSelfAssessmentDraft(db, {
          actorUserId,
          evaluationId: loaded.record.id,
          expectedVersion,
          answers: form.answers,
          narratives: new Map(
            Object.entries(form.narratives).map(([theme, text]) => [Number(theme), text]),
          ),
          keyFigures: rows,
        });
        if (!saved.ok) return await again({ errors: saved.issues }, 400);
        version = saved.value.version;
      } catch (error) {
        if (error instanceof StorageError && error.code === 'stale-version') {
          // Keep the person's input; the form now carries the current version, so saving again
          // is a conscious choice.
          return again(
            {
              warning:
                'Någon annan har sparat självvärderingen sedan du öppnade den. Det du fyllde i visas nedan men är inte sparat. Kontrollera svaren och spara igen.',
            },
            409,
          );
        }
        throw error;
      }
      const path = selfAssessmentPath(loaded.record.id);
      if (action === 'add-row') {
        const blank = rows.filter(isBlankRow).length + 1;
        return reply.redirect(`${path}?klart=sparat&rader=${String(blank)}#nyckeltal`, 303);
      }
      if (action !== 'submit') return reply.redirect(`${path}?klart=sparat`, 303);
      const submitted = await submitSelfAssessment(db, {
        actorUserId,
        evaluationId: loaded.record.id,
        expectedVersion: version,
      });
      if (submitted.ok) return reply.redirect(`${path}?klart=inskickat`, 303);
      const reloaded = await loadReadable(db, request, loaded.record.id);
      return sendPage(
        request,
        reply,
        reloaded,
        { missing: submitted.missing, form: storedFormValues(reloaded, 1) },
        400,
      );
    },
  );

  app.post<{ Params: { id: string; question: string }; Body: Body }>(
    `${SELF_ASSESSMENT_PATH}/:id/fragor/:question`,
    { preHandler: requireUser },
    async (request, reply) => {
      const loaded = await loadReadable(db, request, request.params.id);
      assertCan(request, 'selfAssessment.edit', loaded.resource);
      const body = request.body ?? {};
      const questionId = request.params.question;
      const answer = loaded.view.answers.find((item) => item.question === questionId);
      if (!answer) {
        throw new WebError('not-found', `question ${questionId} is not in the questionnaire`);
      }
      const input = { answer: field(body, 'answer'), reason: field(body, 'reason') };
      const outcome = await resolveAnswer(db, {
        actorUserId: request.user?.id ?? null,
        evaluationId: loaded.record.id,
        expectedVersion: versionOf(body),
        questionId,
        ...input,
      });
      if (!outcome.ok) {
        const errors = outcome.issues.map((issue) => ({
          ...issue,
          field: `${issue.field}-${questionId}`,
        }));
        return sendPage(
          request,
          reply,
          loaded,
          { resolve: { questionId, ...input, errors: outcome.issues }, errors },
          400,
        );
      }
      return reply.redirect(`${selfAssessmentPath(loaded.record.id)}?klart=lost`, 303);
    },
  );

  app.get<IdParams>(
    `${SELF_ASSESSMENT_PATH}/:id/utskrift`,
    { preHandler: requireUser },
    async (request, reply) => {
      const loaded = await loadReadable(db, request, request.params.id);
      reply.header('cache-control', 'no-store');
      return sendHtml(
        reply,
        renderPrintPage({
          view: loaded.view,
          edition: loaded.edition,
          version: loaded.record.version,
          mode: 'read',
          canResolve: false,
          charts: await chartsOf(loaded.view),
          csrf: null,
        }),
      );
    },
  );
}

/**
 * The posted rows (in their posted order, so messages about "kf-2-year" find their field) with a
 * blank row at the end when there is none.
 */
function withBlankRow(form: DraftFormValues): DraftFormValues {
  const last = form.rows[form.rows.length - 1];
  if (last !== undefined && isBlankRow(last)) return form;
  return { ...form, rows: [...form.rows, { ...EMPTY_KEY_FIGURE_ROW }] };
}
