/**
 * The good-example search, `GET /sok`: a plain GET form (works without JavaScript) over the
 * search-findings use case. Only published, current evaluations are searched; bad input is
 * answered 400 with the form and a message on the field, never a 500.
 */
import type { FastifyInstance } from 'fastify';
import { listEditions } from '../../../db/repositories/editions.ts';
import { QueryError } from '../../../domain/comparison/index.ts';
import { searchFindings } from '../../../use-cases/search-findings.ts';
import type { FieldError } from '../../errors.ts';
import { pageChrome, sendHtml } from '../../html.ts';
import { listLanCached, listMunicipalitiesCached } from '../../queries/public.ts';
import { fieldErrorOf, many, queryOf, raw, single, year } from './params.ts';
import { renderSearchPage, type SearchForm } from './views.tsx';

/** Hits per page. */
export const PAGE_SIZE = 20;
/** The search answers up to offset 10,000. */
const MAX_PAGE = Math.floor(10_000 / PAGE_SIZE) + 1;

/** The use case's field names → the form's. */
const FIELDS: Record<string, string> = {
  q: 'q',
  area: 'omrade',
  from: 'fran',
  to: 'till',
  municipality: 'kommun',
  lan: 'lan',
  kind: 'typ',
  offset: 'sida',
};

const FORM_NAMES = ['q', 'omrade', 'fran', 'till', 'kommun', 'lan', 'typ'] as const;

export async function searchRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  app.get('/sok', async (request, reply) => {
    const query = queryOf(request.query);
    const form: SearchForm = {
      q: raw(query, 'q'),
      omrade: raw(query, 'omrade'),
      fran: raw(query, 'fran'),
      till: raw(query, 'till'),
      kommun: raw(query, 'kommun'),
      lan: raw(query, 'lan'),
      typ: many(query, 'typ'),
    };
    const [lans, municipalities, editions] = await Promise.all([
      listLanCached(db),
      listMunicipalitiesCached(db),
      listEditions(db),
    ]);
    const kk = editions.filter((edition) => edition.kind === 'kommunkompassen');
    const newest = [...kk].sort((a, b) => b.yearFrom - a.yearFrom)[0];
    const areaNames = new Map(newest?.definition.areas.map((area) => [area.number, area.name]));
    const areaNamesByEdition = new Map(
      kk.map((edition) => [
        edition.id,
        new Map(edition.definition.areas.map((area) => [area.number, area.name])),
      ]),
    );
    const render = (props: {
      errors: FieldError[];
      result?: Awaited<ReturnType<typeof searchFindings>>;
      page?: number;
      pageQuery?: string;
    }) =>
      renderSearchPage(
        {
          form,
          lans,
          municipalities,
          areaNames,
          areaNamesByEdition,
          page: props.page ?? 1,
          pageQuery: props.pageQuery ?? '',
          errors: props.errors,
          ...(props.result ? { result: props.result } : {}),
        },
        pageChrome(request),
      );

    // The empty form: nothing asked yet.
    if (query.q === undefined && FORM_NAMES.every((name) => query[name] === undefined)) {
      return sendHtml(reply, render({ errors: [] }));
    }

    const errors: FieldError[] = [];
    const omrade = single(query, 'omrade');
    if (omrade !== undefined && !/^[1-8]$/.test(omrade)) {
      errors.push({ field: 'omrade', message: 'Välj ett område i listan (1–8).' });
    }
    const yearFrom = year(query, 'fran', 'Från år', errors);
    const yearTo = year(query, 'till', 'Till år', errors);
    const kommun = single(query, 'kommun');
    if (kommun !== undefined && !municipalities.some((m) => m.code === kommun)) {
      errors.push({ field: 'kommun', message: 'Välj en kommun i listan.' });
    }
    const lan = single(query, 'lan');
    if (lan !== undefined && !lans.some((candidate) => candidate.code === lan)) {
      errors.push({ field: 'lan', message: 'Välj ett län i listan.' });
    }
    const sida = single(query, 'sida') ?? '1';
    const page = /^\d{1,4}$/.test(sida) ? Number(sida) : 0;
    if (page < 1 || page > MAX_PAGE) {
      errors.push({
        field: 'q',
        message: `Sidan ”${sida.slice(0, 10)}” finns inte. Sök igen från första sidan.`,
      });
    }
    if (errors.length > 0) return sendHtml(reply, render({ errors }), 400);

    try {
      const result = await searchFindings({
        db,
        query: single(query, 'q') ?? '',
        ...(omrade === undefined ? {} : { area: Number(omrade) }),
        ...(yearFrom === undefined ? {} : { yearFrom }),
        ...(yearTo === undefined ? {} : { yearTo }),
        ...(kommun === undefined ? {} : { municipalityCode: kommun }),
        ...(lan === undefined ? {} : { lanCode: lan }),
        ...(form.typ.length === 0 ? {} : { kinds: form.typ }),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      });
      const pageQuery = new URLSearchParams(
        FORM_NAMES.flatMap((name) =>
          name === 'typ'
            ? form.typ.map((kind) => [name, kind])
            : form[name].trim() === ''
              ? []
              : [[name, form[name].trim()]],
        ),
      ).toString();
      return sendHtml(reply, render({ errors: [], result, page, pageQuery }));
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      return sendHtml(reply, render({ errors: [fieldErrorOf(error, FIELDS, 'q')] }), 400);
    }
  });
}
