/**
 * The good-example search: Swedish full-text search over all published findings and area texts,
 * with filters, ranked, with highlighted snippets and a link to the place in the report.
 */
import type { Db } from '../db/client.ts';
import { getMunicipality, listLan } from '../db/repositories/municipalities.ts';
import {
  HIGHLIGHT_START,
  HIGHLIGHT_STOP,
  SEARCH_KINDS,
  searchPublishedTexts,
  type SearchKind,
} from '../db/repositories/search.ts';
import {
  QueryError,
  checkArea,
  checkLanCode,
  checkMunicipalityCode,
  checkSearchQuery,
  checkYearRange,
} from '../domain/comparison/index.ts';

export type { SearchKind };
export { SEARCH_KINDS };

/** At most this many hits per page. */
export const MAX_SEARCH_LIMIT = 100;

export interface SearchFindingsOptions {
  db: Db;
  query: string | undefined;
  area?: number;
  yearFrom?: number;
  yearTo?: number;
  municipalityCode?: string;
  lanCode?: string;
  kinds?: readonly string[];
  /** Default 20, at most MAX_SEARCH_LIMIT. */
  limit?: number;
  offset?: number;
}

/** The Swedish name of each kind of hit. */
export const SEARCH_KIND_LABEL: Record<SearchKind, string> = {
  strength: 'Styrka',
  improvement: 'Förbättringsområde',
  'good-example': 'Gott exempel',
  text: 'Text',
};

export interface SearchResultHit {
  id: string;
  kind: SearchKind;
  kindLabel: string;
  evaluationId: string;
  municipalityCode: string;
  municipalityName: string;
  lanCode: string;
  year: number;
  editionId: string;
  area: number;
  heading: string | null;
  /** The heading, HTML-escaped, with `<mark>` around the matched words; null without one. */
  headingHtml: string | null;
  rank: number;
  /** The matching fragments as plain text. */
  snippet: string;
  /** The same, HTML-escaped, with `<mark>` around the matched words. */
  snippetHtml: string;
  /** Where it stands in the published report: the evaluation page at the area. */
  link: { evaluationId: string; area: number; href: string };
}

export interface SearchResult {
  query: string;
  /** How many texts match; when `capped`, how many were ranked (a lower bound). */
  total: number;
  /** More texts match than are ranked (CANDIDATE_CAP per source): the query is too broad. */
  capped: boolean;
  limit: number;
  offset: number;
  hits: SearchResultHit[];
}

const escapeHtml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/** ts_headline's marked fragments as plain text and as safe HTML with <mark>. */
export function renderHeadline(headline: string): { snippet: string; snippetHtml: string } {
  const markers = new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_STOP}]`, 'g');
  return {
    snippet: headline.replace(markers, ''),
    snippetHtml: escapeHtml(headline)
      .replaceAll(HIGHLIGHT_START, '<mark>')
      .replaceAll(HIGHLIGHT_STOP, '</mark>'),
  };
}

/**
 * Validates the input and searches.
 *
 * @throws QueryError("invalid-input") for an empty or too long query, a bad area, year, kind,
 * limit or code, or an unknown kommunkod or länskod in a filter
 * @example
 * const result = await searchFindings({ db, query: 'medborgardialogen', area: 1 });
 * result.hits[0]?.snippetHtml; // "Principer … för <mark>medborgardialog</mark>"
 */
export async function searchFindings(options: SearchFindingsOptions): Promise<SearchResult> {
  const { db } = options;
  const query = checkSearchQuery(options.query);
  const area = checkArea(options.area);
  const years = checkYearRange(options.yearFrom, options.yearTo);
  const limit = options.limit ?? 20;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new QueryError(
      'invalid-input',
      `limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}, got ${String(limit)}`,
      `Antalet träffar per sida ska vara mellan 1 och ${MAX_SEARCH_LIMIT}.`,
      'limit',
    );
  }
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) {
    throw new QueryError(
      'invalid-input',
      `offset must be a whole number from 0 to 10000, got ${String(offset)}`,
      'Sidan finns inte: börja från första sidan.',
      'offset',
    );
  }
  const kinds = options.kinds?.map((kind) => {
    if (!(SEARCH_KINDS as readonly string[]).includes(kind)) {
      throw new QueryError(
        'invalid-input',
        `kind must be one of ${SEARCH_KINDS.join(', ')}, got "${kind}"`,
        `Typen ska vara en av ${SEARCH_KINDS.join(', ')}.`,
        'kind',
      );
    }
    return kind as SearchKind;
  });
  let municipalityCode: string | undefined;
  if (options.municipalityCode !== undefined) {
    municipalityCode = checkMunicipalityCode(options.municipalityCode);
    if (!(await getMunicipality(db, municipalityCode))) {
      throw new QueryError(
        'invalid-input',
        `no municipality has the kommunkod ${municipalityCode}`,
        `Det finns ingen kommun med kommunkoden ${municipalityCode}.`,
        'municipality',
      );
    }
  }
  let lanCode: string | undefined;
  if (options.lanCode !== undefined) {
    lanCode = checkLanCode(options.lanCode);
    if (!(await listLan(db)).some((lan) => lan.code === lanCode)) {
      throw new QueryError(
        'invalid-input',
        `no län has the code ${lanCode}`,
        `Det finns inget län med koden ${lanCode}.`,
        'lan',
      );
    }
  }

  const page = await searchPublishedTexts(db, {
    query,
    ...(area === undefined ? {} : { area }),
    ...years,
    ...(municipalityCode === undefined ? {} : { municipalityCode }),
    ...(lanCode === undefined ? {} : { lanCode }),
    ...(kinds === undefined ? {} : { kinds }),
    limit,
    offset,
  });
  return {
    query,
    total: page.total,
    capped: page.capped,
    limit,
    offset,
    hits: page.hits.map(({ headline, headingHeadline, ...hit }) => ({
      ...hit,
      kindLabel: SEARCH_KIND_LABEL[hit.kind],
      headingHtml: headingHeadline === null ? null : renderHeadline(headingHeadline).snippetHtml,
      ...renderHeadline(headline),
      link: {
        evaluationId: hit.evaluationId,
        area: hit.area,
        href: `/utvarderingar/${hit.evaluationId}#omrade-${hit.area}`,
      },
    })),
  };
}
