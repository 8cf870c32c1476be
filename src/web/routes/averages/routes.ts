/**
 * National and län averages, `GET /medelvarden?utgava=<id>&fran=<yyyy>&till=<yyyy>&lan=<kod>`:
 * a plain GET form over the compute-average use case, with n; when no evaluation on the basis
 * is stored, the average a report printed is shown as such, with its source.
 */
import type { FastifyInstance } from 'fastify';
import { listEditions } from '../../../db/repositories/editions.ts';
import { QueryError } from '../../../domain/comparison/index.ts';
import { computeAverage } from '../../../use-cases/compute-average.ts';
import { ERROR_STATUS, type FieldError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { listLanCached } from '../../queries/public.ts';
import { fieldErrorOf, queryOf, raw, single, year } from '../search/params.ts';
import { renderAveragesPage, type AveragesPageProps } from './views.tsx';

const FIELDS: Record<string, string> = { edition: 'utgava', from: 'fran', to: 'till', lan: 'lan' };

export async function averageRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  app.get('/medelvarden', async (request, reply) => {
    const query = queryOf(request.query);
    const [all, lans] = await Promise.all([listEditions(db), listLanCached(db)]);
    const editions = all
      .filter((edition) => edition.kind === 'kommunkompassen')
      .sort((a, b) => b.yearFrom - a.yearFrom);
    const form = {
      utgava: raw(query, 'utgava') || (editions[0]?.id ?? ''),
      fran: raw(query, 'fran'),
      till: raw(query, 'till'),
      lan: raw(query, 'lan'),
    };
    const render = (props: Pick<AveragesPageProps, 'errors' | 'result'>) =>
      renderAveragesPage({ ...props, form, editions, lans }, pageChrome(request));

    if (['utgava', 'fran', 'till', 'lan'].every((name) => query[name] === undefined)) {
      return sendHtml(reply, render({ errors: [] }));
    }
    const errors: FieldError[] = [];
    const editionId = single(query, 'utgava');
    if (editionId === undefined || !editions.some((edition) => edition.id === editionId)) {
      errors.push({ field: 'utgava', message: 'Välj en utgåva av Kommunkompassen i listan.' });
    }
    const yearFrom = year(query, 'fran', 'Från år', errors);
    const yearTo = year(query, 'till', 'Till år', errors);
    const lan = single(query, 'lan');
    if (lan !== undefined && !lans.some((candidate) => candidate.code === lan)) {
      errors.push({ field: 'lan', message: 'Välj ett län i listan.' });
    }
    if (errors.length > 0 || editionId === undefined) {
      return sendHtml(reply, render({ errors }), 400);
    }
    try {
      const result = await computeAverage({
        db,
        editionId,
        ...(yearFrom === undefined ? {} : { yearFrom }),
        ...(yearTo === undefined ? {} : { yearTo }),
        ...(lan === undefined ? {} : { lanCode: lan }),
      });
      return sendHtml(reply, render({ errors: [], result }));
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      return sendHtml(
        reply,
        render({ errors: [fieldErrorOf(error, FIELDS, 'utgava')] }),
        ERROR_STATUS[error.code],
      );
    }
  });
}
