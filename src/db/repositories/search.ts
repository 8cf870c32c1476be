/**
 * Swedish full-text search over the published texts: findings (strengths, improvement areas,
 * good examples) and the area texts under their headings. Uses the generated `search_vector`
 * columns (PostgreSQL's `swedish` configuration, GIN-indexed; migration 0003), so it works the
 * same on PGlite and PostgreSQL. Only the newest published revision of each evaluation is
 * searched: a draft, an evaluation under review or a superseded revision never appears (while a
 * correction is still a draft, the published revision it corrects stays searchable). (Interview notes are not
 * stored in these tables and are never searchable.)
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { evaluations } from '../schema.ts';
import { newestPublished, type FindingKind } from './evaluations.ts';

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
  /** Candidates ranked per source; default CANDIDATE_CAP (tests set a small one). */
  candidateCap?: number;
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
  /** How many texts match in all (not only this page); at most CANDIDATE_CAP when `capped`. */
  total: number;
  /** More texts match than were ranked (see CANDIDATE_CAP): `total` is a lower bound. */
  capped: boolean;
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
  capped: boolean;
}

const HEADLINE_OPTIONS =
  `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=30, MinWords=12, ` +
  'ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';
const HEADING_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;

/**
 * At most this many matching texts of each source (findings, area texts) are taken from the
 * GIN index and ranked. A query with more matches (a word in almost every text, "kommunen") is
 * ranked among the first CANDIDATE_CAP of each source and reported as `capped`, so its cost stays
 * bounded whatever the size of the data: ranking and counting every match of a common word in
 * 250,000 texts took seconds. The cost of a broad query grows with the cap (at 1,500 evaluations
 * on PGlite: ~90 ms with 1,000, ~35 ms with 500); 500 per source is still 50 pages of hits.
 */
export const CANDIDATE_CAP = 500;

/**
 * Run before the search, in its transaction. With the LIMIT on the candidates the planner
 * estimates that a sequential scan finds them sooner than the GIN index, but it does not count
 * detoasting and matching every tsvector: on `area_texts` that scan read the whole table (77 ms
 * at 1,500 evaluations for 184 matches, where the index takes a few ms). So the candidates
 * always come from the GIN index.
 */
export const SEARCH_PLAN_SETTING = 'set local enable_seqscan = off';

/**
 * The published texts matching `query` under the Swedish configuration (stemmed: a search for
 * "medborgardialogen" finds "medborgardialog"), best first (`ts_rank`, headings weigh more than
 * text; ties: latest year, then municipality and position), one page at a time with the total.
 * A query of stop words only ("och") matches nothing. Validate the input first (see the
 * search-findings use case): this function trusts it.
 *
 * How it stays fast: the published evaluations passing the filters are selected first (a few
 * thousand rows at most); the matches come from the GIN index, restricted to those evaluations,
 * at most CANDIDATE_CAP per source; only those are ranked, and `ts_headline` (the expensive part)
 * runs for the returned page alone.
 */
export async function searchPublishedTexts(db: Db, filter: SearchFilter): Promise<SearchPage> {
  const statement = buildSearchQuery(filter);
  if (!statement) return { total: 0, capped: false, hits: [] };
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql.raw(SEARCH_PLAN_SETTING));
    return tx.execute(statement);
  });
  const rows = (result as unknown as { rows: HitRow[] }).rows;
  const first = rows[0];
  const counted = first
    ? { total: Number(first.total), capped: Boolean(first.capped) }
    : filter.offset
      ? await countOnly(db, filter)
      : { total: 0, capped: false };
  return {
    ...counted,
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
  // A constant the planner folds once, so the GIN index is used directly.
  const query = sql`websearch_to_tsquery('swedish', ${filter.query})`;
  const area = (column: SQL) =>
    filter.area === undefined ? sql`` : sql` and ${column} = ${filter.area}`;
  const cap = filter.candidateCap ?? CANDIDATE_CAP;

  // The published evaluations the filters allow: the newest published revision of each chain
  // (a correction still in draft hides nothing; a draft never appears).
  const conditions: SQL[] = [newestPublished];
  if (filter.yearFrom !== undefined)
    conditions.push(sql`${evaluations.year} >= ${filter.yearFrom}`);
  if (filter.yearTo !== undefined) conditions.push(sql`${evaluations.year} <= ${filter.yearTo}`);
  if (filter.municipalityCode !== undefined) {
    conditions.push(sql`${evaluations.municipalityCode} = ${filter.municipalityCode}`);
  }
  if (filter.lanCode !== undefined) {
    // A range over the four-digit codes, not left(code, 2): the planner estimates a range from
    // its statistics, but guessed a dozen rows for left() and probed the GIN index per row.
    conditions.push(
      sql`${evaluations.municipalityCode} between ${`${filter.lanCode}00`} and ${`${filter.lanCode}99`}`,
    );
  }
  const where = sql.join(conditions, sql` and `);
  // Area texts test membership against the table itself, not the `ev` CTE: the planner has
  // no statistics for a CTE and guesses 200 rows, so it probed area_texts once per published
  // evaluation (~70 ms at 5,000 evaluations on PostgreSQL) instead of using the GIN index
  // (~5 ms). Findings keep the CTE: their plan (GIN, then a hash of `ev`) was right already,
  // and the filter is not evaluated a third time.
  const allowed = sql`select ${evaluations.id} from ${evaluations} where ${where}`;

  // Candidates: keys and rank only, at most `cap` (+1, to tell that there were more) per source.
  const parts: SQL[] = [];
  if (findingKinds.length > 0) {
    parts.push(sql`(
      select 'f' as source, f.id, f.evaluation_id, f.area_number as area, f.kind, f.position,
        ts_rank(f.search_vector, ${query}) as rank
      from findings f
      where f.search_vector @@ ${query}
        and f.kind in (${sql.join(
          findingKinds.map((kind) => sql`${kind}`),
          sql`, `,
        )})${area(sql`f.area_number`)}
        and f.evaluation_id in (select id from ev)
      limit ${cap + 1})`);
  }
  if (withTexts) {
    parts.push(sql`(
      select 't' as source, null::uuid as id, t.evaluation_id, t.area_number as area,
        'text' as kind, t.position, ts_rank(t.search_vector, ${query}) as rank
      from area_texts t
      where t.search_vector @@ ${query}${area(sql`t.area_number`)}
        and t.evaluation_id in (${allowed})
      limit ${cap + 1})`);
  }
  if (parts.length === 0) return undefined;

  return sql`
    with ev as materialized (
      select ${evaluations.id} as id, ${evaluations.municipalityCode} as municipality_code,
        ${evaluations.year} as year, ${evaluations.editionId} as edition_id
      from ${evaluations}
      where ${where}
    ),
    candidates as materialized (${sql.join(parts, sql` union all `)}),
    counted as (
      select least(count(*) filter (where source = 'f'), ${cap})
          + least(count(*) filter (where source = 't'), ${cap}) as n,
        count(*) filter (where source = 'f') > ${cap}
          or count(*) filter (where source = 't') > ${cap} as capped
      from candidates
    ),
    page as (
      select candidates.*, ev.municipality_code, ev.year, ev.edition_id
      from candidates
      join ev on ev.id = candidates.evaluation_id
      order by candidates.rank desc, ev.year desc, ev.municipality_code, candidates.evaluation_id,
        candidates.position
      limit ${filter.limit ?? 20} offset ${filter.offset ?? 0}
    )
    select
      case when page.source = 'f' then page.id::text
        else page.evaluation_id::text || ':' || page.position::text end as id,
      page.evaluation_id, page.municipality_code, m.name as municipality_name, m.lan_code,
      page.year::int as year, page.edition_id, page.area::int as area, page.kind,
      coalesce(f.heading, t.heading) as heading, page.position::int as position,
      page.rank::float8 as rank,
      counted.n::int as total, counted.capped,
      ts_headline('swedish', coalesce(f.text, t.body), ${query}, ${HEADLINE_OPTIONS}) as headline,
      case when coalesce(f.heading, t.heading) is null then null
        else ts_headline('swedish', coalesce(f.heading, t.heading), ${query}, ${HEADING_OPTIONS})
        end as heading_headline
    from page
    cross join counted
    join municipalities m on m.code = page.municipality_code
    left join findings f on page.source = 'f' and f.id = page.id
    left join area_texts t on page.source = 't' and t.evaluation_id = page.evaluation_id
      and t.position = page.position
    order by page.rank desc, page.year desc, page.municipality_code, page.evaluation_id,
      page.position`;
}

/** The total when the page asked for lies beyond the last hit. */
async function countOnly(
  db: Db,
  filter: SearchFilter,
): Promise<{ total: number; capped: boolean }> {
  const page = await searchPublishedTexts(db, { ...filter, offset: 0, limit: 1 });
  return { total: page.total, capped: page.capped };
}
