/**
 * Swedish full-text search over the published texts: findings (strengths, improvement areas,
 * good examples) and the area texts under their headings. Uses the generated `search_vector`
 * columns (PostgreSQL's `swedish` configuration, GIN-indexed; migration 0003), so it works the
 * same on PGlite and PostgreSQL. Only current, published evaluations are searched: a draft, an
 * evaluation under review or a superseded revision never appears. (Interview notes are not
 * stored in these tables and are never searchable.)
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { FindingKind } from './evaluations.ts';

/** What a hit is: a finding of one of the three kinds, or an area's text under a heading. */
export type SearchKind = FindingKind | 'text';
export const SEARCH_KINDS: readonly SearchKind[] = [
  'strength',
  'improvement',
  'good-example',
  'text',
];

export interface SearchFilter {
  /** Free text as a person types it (websearch syntax: "exact phrase", or, -without). */
  query: string;
  area?: number;
  yearFrom?: number;
  yearTo?: number;
  municipalityCode?: string;
  lanCode?: string;
  /** Default: every kind. */
  kinds?: readonly SearchKind[];
  /** Default 20. */
  limit?: number;
  offset?: number;
}

/** Marks around a matched word in `SearchHit.headline` (control characters: never in texts). */
export const HIGHLIGHT_START = '\u0001';
export const HIGHLIGHT_STOP = '\u0002';

export interface SearchHit {
  /** The finding's id, or "<evaluation id>:<position>" for an area text. */
  id: string;
  evaluationId: string;
  municipalityCode: string;
  municipalityName: string;
  lanCode: string;
  year: number;
  editionId: string;
  area: number;
  kind: SearchKind;
  heading: string | null;
  /** Position of the finding or text in its evaluation (the report's order). */
  position: number;
  rank: number;
  /** Fragments of the text with HIGHLIGHT_START/STOP around the matched words. */
  headline: string;
  /** The heading with the same marks; null without a heading. */
  headingHeadline: string | null;
}

export interface SearchPage {
  /** How many texts match in all (not only this page). */
  total: number;
  hits: SearchHit[];
}

interface HitRow {
  id: string;
  evaluation_id: string;
  municipality_code: string;
  municipality_name: string;
  lan_code: string;
  year: number;
  edition_id: string;
  area: number;
  kind: SearchKind;
  heading: string | null;
  position: number;
  rank: number;
  headline: string;
  heading_headline: string | null;
  total: number;
}

const HEADLINE_OPTIONS =
  `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=30, MinWords=12, ` +
  'ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';
const HEADING_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;

/**
 * The published texts matching `query` under the Swedish configuration (stemmed: a search for
 * "medborgardialogen" finds "medborgardialog"), best first (`ts_rank`, headings weigh more than
 * text; ties: latest year, then municipality and position), one page at a time with the total.
 * A query of stop words only ("och") matches nothing. Validate the input first (see the
 * search-findings use case): this function trusts it.
 */
export async function searchPublishedTexts(db: Db, filter: SearchFilter): Promise<SearchPage> {
  const statement = buildSearchQuery(filter);
  if (!statement) return { total: 0, hits: [] };
  const result = await db.execute(statement);
  const rows = (result as unknown as { rows: HitRow[] }).rows;
  const total = rows[0]?.total ?? (filter.offset ? await countOnly(db, filter) : 0);
  return {
    total,
    hits: rows.map((row) => ({
      id: row.id,
      evaluationId: row.evaluation_id,
      municipalityCode: row.municipality_code,
      municipalityName: row.municipality_name,
      lanCode: row.lan_code,
      year: Number(row.year),
      editionId: row.edition_id,
      area: Number(row.area),
      kind: row.kind,
      heading: row.heading,
      position: Number(row.position),
      rank: Number(row.rank),
      headline: row.headline,
      headingHeadline: row.heading_headline,
    })),
  };
}

/**
 * The SQL `searchPublishedTexts` runs (exported for the benchmark's bare-SQL figure); undefined
 * when the filter leaves nothing to search (no kind).
 */
export function buildSearchQuery(filter: SearchFilter): SQL | undefined {
  const kinds = filter.kinds ?? SEARCH_KINDS;
  const findingKinds = kinds.filter((kind): kind is FindingKind => kind !== 'text');
  const withTexts = kinds.includes('text');
  const query = sql`websearch_to_tsquery('swedish', ${filter.query})`;
  const area = (column: SQL) =>
    filter.area === undefined ? sql`` : sql` and ${column} = ${filter.area}`;

  // Matches carry keys and rank only: the texts are fetched for the page's rows alone.
  const parts: SQL[] = [];
  if (findingKinds.length > 0) {
    parts.push(sql`
      select 'f' as source, f.id, f.evaluation_id, f.area_number as area, f.kind, f.position,
        ts_rank(f.search_vector, q.query) as rank
      from findings f, q
      where f.search_vector @@ q.query
        and f.kind in (${sql.join(
          findingKinds.map((kind) => sql`${kind}`),
          sql`, `,
        )})${area(sql`f.area_number`)}`);
  }
  if (withTexts) {
    parts.push(sql`
      select 't' as source, null::uuid as id, t.evaluation_id, t.area_number as area,
        'text' as kind, t.position, ts_rank(t.search_vector, q.query) as rank
      from area_texts t, q
      where t.search_vector @@ q.query${area(sql`t.area_number`)}`);
  }
  if (parts.length === 0) return undefined;

  const conditions: SQL[] = [sql`e.status = 'published'`, sql`e.current`];
  if (filter.yearFrom !== undefined) conditions.push(sql`e.year >= ${filter.yearFrom}`);
  if (filter.yearTo !== undefined) conditions.push(sql`e.year <= ${filter.yearTo}`);
  if (filter.municipalityCode !== undefined) {
    conditions.push(sql`e.municipality_code = ${filter.municipalityCode}`);
  }
  if (filter.lanCode !== undefined) {
    conditions.push(sql`left(e.municipality_code, 2) = ${filter.lanCode}`);
  }

  return sql`
    with q as (select ${query} as query),
    matches as (${sql.join(parts, sql` union all `)}),
    page as (
      select matches.*, e.municipality_code, e.year, e.edition_id, count(*) over () as total
      from matches
      join evaluations e on e.id = matches.evaluation_id
      where ${sql.join(conditions, sql` and `)}
      order by matches.rank desc, e.year desc, e.municipality_code, matches.evaluation_id,
        matches.position
      limit ${filter.limit ?? 20} offset ${filter.offset ?? 0}
    )
    select
      case when page.source = 'f' then page.id::text
        else page.evaluation_id::text || ':' || page.position::text end as id,
      page.evaluation_id, page.municipality_code, m.name as municipality_name, m.lan_code,
      page.year::int as year, page.edition_id, page.area::int as area, page.kind,
      coalesce(f.heading, t.heading) as heading, page.position::int as position,
      page.rank::float8 as rank, page.total::int as total,
      ts_headline('swedish', coalesce(f.text, t.body), q.query, ${HEADLINE_OPTIONS}) as headline,
      case when coalesce(f.heading, t.heading) is null then null
        else ts_headline('swedish', coalesce(f.heading, t.heading), q.query, ${HEADING_OPTIONS})
        end as heading_headline
    from page
    cross join q
    join municipalities m on m.code = page.municipality_code
    left join findings f on page.source = 'f' and f.id = page.id
    left join area_texts t on page.source = 't' and t.evaluation_id = page.evaluation_id
      and t.position = page.position
    order by page.rank desc, page.year desc, page.municipality_code, page.evaluation_id,
      page.position`;
}

/** The total when the page asked for lies beyond the last hit. */
async function countOnly(db: Db, filter: SearchFilter): Promise<number> {
  const page = await searchPublishedTexts(db, { ...filter, offset: 0, limit: 1 });
  return page.total;
}
