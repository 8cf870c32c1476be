/**
 * Peer comparison, `GET /jamfor?utvardering=<id>&utvardering=<id>…` (up to eight): a plain GET
 * form adds one evaluation at a time (municipality and year; the chosen ones travel as hidden
 * fields) and redirects to the comparison's own address, so it works without JavaScript and
 * every comparison can be linked. `fragor=1` demands the question table: refused with a clear
 * message (400) when the editions differ.
 */
import type { FastifyInstance } from 'fastify';
import {
  findLatestPublished,
  getPublishedScores,
  listPublished,
} from '../../../db/repositories/comparison.ts';
import { MAX_COMPARED, QueryError } from '../../../domain/comparison/index.ts';
import { compareEvaluations } from '../../../use-cases/compare-evaluations.ts';
import { ERROR_STATUS, type FieldError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { countPublishedByMunicipality, listMunicipalitiesCached } from '../../queries/public.ts';
import { fieldErrorOf, many, queryOf, raw, single, year } from '../search/params.ts';
import { compareHref, renderComparePage, type ComparePageProps } from './views.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function compareRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  app.get('/jamfor', async (request, reply) => {
    const query = queryOf(request.query);
    const ids = many(query, 'utvardering');
    const questions = single(query, 'fragor') === '1';
    const [all, counts] = await Promise.all([
      listMunicipalitiesCached(db),
      countPublishedByMunicipality(db),
    ]);
    const municipalities = all.filter((municipality) => counts.has(municipality.code));
    const form = { kommun: raw(query, 'kommun'), ar: raw(query, 'ar') };
    const render = (props: Pick<ComparePageProps, 'chosen' | 'errors' | 'comparison'>) =>
      renderComparePage({ ...props, municipalities, form }, pageChrome(request));

    // Adding one: municipality (+ year) → its evaluation, then the comparison's own address.
    if (query.kommun !== undefined || query.ar !== undefined) {
      const errors: FieldError[] = [];
      const kommun = single(query, 'kommun');
      const ar = year(query, 'ar', 'År', errors);
      const municipality = municipalities.find((candidate) => candidate.code === kommun);
      if (kommun === undefined) {
        errors.push({ field: 'kommun', message: 'Välj en kommun i listan.' });
      } else if (!municipality) {
        errors.push({
          field: 'kommun',
          message: `Det finns ingen kommun med publicerade utvärderingar och kommunkod ”${kommun.slice(0, 10)}”. Välj en kommun i listan.`,
        });
      }
      if (ids.length >= MAX_COMPARED) {
        errors.push({
          field: 'kommun',
          message: `Högst ${MAX_COMPARED} utvärderingar kan jämföras åt gången. Ta bort en först.`,
        });
      }
      let found: string | undefined;
      if (errors.length === 0 && municipality) {
        found =
          ar === undefined
            ? (await findLatestPublished(db, [municipality.code]))[0]?.id
            : (
                await listPublished(db, {
                  municipalityCode: municipality.code,
                  yearFrom: ar,
                  yearTo: ar,
                })
              ).items.find((item) => item.kind !== 'self-assessment')?.id;
        if (found === undefined) {
          errors.push({
            field: ar === undefined ? 'kommun' : 'ar',
            message:
              ar === undefined
                ? `${municipality.name} har ingen publicerad utvärdering med poäng att jämföra.`
                : `${municipality.name} har ingen publicerad utvärdering med poäng från ${ar}. Lämna året tomt för den senaste.`,
          });
        } else if (ids.includes(found)) {
          errors.push({
            field: 'kommun',
            message: `Utvärderingen av ${municipality.name}${ar === undefined ? '' : ` ${ar}`} är redan vald.`,
          });
        }
      }
      if (errors.length > 0 || found === undefined) {
        const chosen = (
          await getPublishedScores(
            db,
            ids.filter((id) => UUID.test(id)),
          )
        ).map((row) => row.id);
        return sendHtml(reply, render({ chosen, errors }), 400);
      }
      return reply.redirect(compareHref([...ids, found], questions ? 'fragor=1' : ''), 303);
    }

    if (ids.length === 0) return sendHtml(reply, render({ chosen: [], errors: [] }));
    try {
      const comparison = await compareEvaluations({
        db,
        evaluationIds: ids,
        ...(questions ? { questions: true } : {}),
      });
      return sendHtml(reply, render({ chosen: ids, errors: [], comparison }));
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      if (error.field === 'questions') {
        // Across editions: the areas are still compared; the question table is refused.
        const comparison = await compareEvaluations({ db, evaluationIds: ids, questions: false });
        const refused = { ...comparison, questionsNote: error.userMessage };
        return sendHtml(
          reply,
          render({
            chosen: ids,
            errors: [{ field: 'per-fraga', message: error.userMessage }],
            comparison: refused,
          }),
          ERROR_STATUS[error.code],
        );
      }
      const published = new Set(
        (
          await getPublishedScores(
            db,
            ids.filter((id) => UUID.test(id)),
          )
        ).map((row) => row.id),
      );
      const chosen = [...new Set(ids.filter((id) => published.has(id)))].slice(0, MAX_COMPARED);
      return sendHtml(
        reply,
        render({ chosen, errors: [fieldErrorOf(error, {}, 'kommun')] }),
        ERROR_STATUS[error.code],
      );
    }
  });
}
