/**
 * Framework editions in the database: the built-in catalogue (synced on every migrate) and the
 * editions an admin adds. The whole validated edition is stored as `definition`; validate before
 * writing (the repositories trust their input's shape, the database checks its keys).
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Edition } from '../../domain/framework/index.ts';
import type { Db } from '../client.ts';
import { StorageError, translateWriteError } from '../errors.ts';
import { editions } from '../schema.ts';
import type { SyncCounts } from './municipalities.ts';

export type { Edition };

export interface StoredEdition {
  id: string;
  name: string;
  kind: Edition['kind'];
  yearFrom: number;
  yearTo: number | null;
  builtIn: boolean;
  definition: Edition;
  createdAt: Date;
  updatedAt: Date;
}

const columns = {
  id: editions.id,
  name: editions.name,
  kind: editions.kind,
  yearFrom: editions.yearFrom,
  yearTo: editions.yearTo,
  builtIn: editions.builtIn,
  definition: editions.definition,
  createdAt: editions.createdAt,
  updatedAt: editions.updatedAt,
};

type Row = Omit<StoredEdition, 'definition'> & { definition: unknown };
const toStored = (row: Row): StoredEdition => ({ ...row, definition: row.definition as Edition });

const rowValues = (edition: Edition, builtIn: boolean) => ({
  id: edition.id,
  name: edition.name,
  kind: edition.kind,
  yearFrom: edition.years.from,
  yearTo: edition.years.to,
  definition: edition,
  builtIn,
});

/** Key order differs after a jsonb round-trip; compare canonical forms. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : inner,
  );
}

/**
 * Upserts the built-in catalogue in one transaction. Refuses (and writes nothing) when an
 * admin-added edition already uses one of the ids. Editions no longer in the catalogue stay:
 * evaluations refer to them.
 */
export async function syncBuiltInEditions(
  db: Db,
  catalogue: readonly Edition[],
): Promise<SyncCounts> {
  if (catalogue.length === 0) return { added: 0, updated: 0, unchanged: 0 };
  return db.transaction(async (tx) => {
    const existing = new Map(
      (
        await tx
          .select(columns)
          .from(editions)
          .where(
            inArray(
              editions.id,
              catalogue.map((edition) => edition.id),
            ),
          )
      ).map((row) => [row.id, row]),
    );
    const counts: SyncCounts = { added: 0, updated: 0, unchanged: 0 };
    for (const edition of catalogue) {
      const current = existing.get(edition.id);
      if (!current) {
        await tx.insert(editions).values(rowValues(edition, true));
        counts.added += 1;
      } else if (!current.builtIn) {
        throw new StorageError(
          'conflict',
          `built-in edition "${edition.id}" clashes with an edition an admin added under the ` +
            'same id; rename that edition (it is not built in) before migrating',
        );
      } else if (canonical(current.definition) !== canonical(edition)) {
        await tx
          .update(editions)
          .set({ ...rowValues(edition, true), updatedAt: new Date() })
          .where(eq(editions.id, edition.id));
        counts.updated += 1;
      } else {
        counts.unchanged += 1;
      }
    }
    return counts;
  });
}

/** Adds an edition an admin wrote (already validated). Refuses an id that exists. */
export async function addCustomEdition(db: Db, edition: Edition): Promise<StoredEdition> {
  try {
    const [row] = await db.insert(editions).values(rowValues(edition, false)).returning(columns);
    if (!row) throw new Error(`inserting edition "${edition.id}" returned no row`);
    return toStored(row);
  } catch (error) {
    const translated = translateWriteError(error, `edition "${edition.id}"`);
    if (translated instanceof StorageError && translated.code === 'conflict') {
      throw new StorageError(
        'conflict',
        `edition "${edition.id}" already exists; choose another id (ids never change, ` +
          'evaluations refer to them)',
        { cause: error },
      );
    }
    throw translated;
  }
}

/** All editions, oldest first (by first year, then id). */
export async function listEditions(db: Db): Promise<StoredEdition[]> {
  const rows = await db
    .select(columns)
    .from(editions)
    .orderBy(asc(editions.yearFrom), asc(editions.id));
  return rows.map(toStored);
}

export async function getEdition(db: Db, id: string): Promise<StoredEdition | undefined> {
  const [row] = await db.select(columns).from(editions).where(eq(editions.id, id));
  return row ? toStored(row) : undefined;
}
