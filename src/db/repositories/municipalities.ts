/**
 * The municipality register: seeded from `reference/municipalities.csv` on migrate, read by the
 * public pages (list, search by name or code, filter by län).
 */
import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Municipality } from '../../reference/municipalities.ts';
import type { Db } from '../client.ts';
import { municipalities } from '../schema.ts';

export type { Municipality };

/** How a sync went: rows added, rows whose values changed, rows already as given. */
export interface SyncCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface Lan {
  code: string;
  name: string;
  municipalityCount: number;
}

const swedish = new Intl.Collator('sv');
const byName = (a: Municipality, b: Municipality) =>
  swedish.compare(a.name, b.name) || a.code.localeCompare(b.code);

const columns = {
  code: municipalities.code,
  name: municipalities.name,
  lanCode: municipalities.lanCode,
  lanName: municipalities.lanName,
};

/**
 * Makes the table hold exactly these values for these codes (insert new, update changed),
 * in one transaction. Municipalities missing from `register` are kept: evaluations refer to them.
 */
export async function syncMunicipalities(
  db: Db,
  register: readonly Municipality[],
): Promise<SyncCounts> {
  return db.transaction(async (tx) => {
    const existing = new Map(
      (await tx.select(columns).from(municipalities)).map((row) => [row.code, row]),
    );
    const added: Municipality[] = [];
    const changed: Municipality[] = [];
    for (const municipality of register) {
      const current = existing.get(municipality.code);
      if (!current) added.push(municipality);
      else if (
        current.name !== municipality.name ||
        current.lanCode !== municipality.lanCode ||
        current.lanName !== municipality.lanName
      ) {
        changed.push(municipality);
      }
    }
    if (added.length > 0) await tx.insert(municipalities).values(added.map((m) => ({ ...m })));
    for (const municipality of changed) {
      await tx
        .update(municipalities)
        .set({
          name: municipality.name,
          lanCode: municipality.lanCode,
          lanName: municipality.lanName,
        })
        .where(eq(municipalities.code, municipality.code));
    }
    return {
      added: added.length,
      updated: changed.length,
      unchanged: register.length - added.length - changed.length,
    };
  });
}

/** All municipalities, or those of one län, in Swedish alphabetical order. */
export async function listMunicipalities(
  db: Db,
  filter: { lanCode?: string } = {},
): Promise<Municipality[]> {
  const rows = await db
    .select(columns)
    .from(municipalities)
    .where(filter.lanCode ? eq(municipalities.lanCode, filter.lanCode) : undefined);
  return rows.sort(byName);
}

export async function getMunicipality(db: Db, code: string): Promise<Municipality | undefined> {
  const [row] = await db.select(columns).from(municipalities).where(eq(municipalities.code, code));
  return row;
}

/** The municipalities with these codes (unknown codes are left out), in Swedish order. */
export async function getMunicipalities(db: Db, codes: readonly string[]): Promise<Municipality[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .select(columns)
    .from(municipalities)
    .where(inArray(municipalities.code, [...codes]));
  return rows.sort(byName);
}

/**
 * Finds municipalities by kommunkod (digits: code prefix) or by name, ignoring case and accents
 * ("orebro" finds Örebro). Names that start with the query come first, then Swedish order.
 */
export async function searchMunicipalities(
  db: Db,
  query: string,
  options: { limit?: number } = {},
): Promise<Municipality[]> {
  const needle = query.trim();
  if (needle === '') return [];
  const limit = options.limit ?? 50;
  if (/^\d{1,4}$/.test(needle)) {
    const rows = await db
      .select(columns)
      .from(municipalities)
      .where(sql`${municipalities.code} like ${`${needle}%`}`)
      .orderBy(asc(municipalities.code))
      .limit(limit);
    return rows;
  }
  // lower() after unaccent(): in the C locale lower() folds ASCII letters only.
  const position = sql<number>`strpos(lower(unaccent(${municipalities.name})), lower(unaccent(${needle}::text)))`;
  const rows = await db
    .select({ ...columns, position })
    .from(municipalities)
    .where(sql`${position} > 0`);
  return rows
    .sort((a, b) => Number(a.position !== 1) - Number(b.position !== 1) || byName(a, b))
    .slice(0, limit)
    .map(({ position: _position, ...municipality }) => municipality);
}

/** The län with how many municipalities each has, ordered by länskod. */
export async function listLan(db: Db): Promise<Lan[]> {
  return db
    .select({
      code: municipalities.lanCode,
      name: municipalities.lanName,
      municipalityCount: count(),
    })
    .from(municipalities)
    .groupBy(municipalities.lanCode, municipalities.lanName)
    .orderBy(asc(municipalities.lanCode));
}

export async function countMunicipalities(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(municipalities);
  return row?.n ?? 0;
}
