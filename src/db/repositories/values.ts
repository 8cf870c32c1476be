/**
 * A municipality's värdegrund: its values and principles in order, each with what it means and
 * what it means for a given office, the document it is written in and the year it was adopted.
 * Writers take the caller's transaction (the use case audits); readers take `db`.
 */
import { and, asc, eq, max } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { StorageError, translateWriteError } from '../errors.ts';
import { municipalityValues } from '../schema.ts';
import { isUuid } from './workspace.ts';

export interface ValueFields {
  name: string;
  meaning: string;
  office: string | null;
  officeMeaning: string | null;
  documentUrl: string | null;
  adoptedYear: number | null;
}

export interface MunicipalityValue extends ValueFields {
  id: string;
  municipalityCode: string;
  position: number;
  updatedAt: Date;
}

const columns = {
  id: municipalityValues.id,
  municipalityCode: municipalityValues.municipalityCode,
  position: municipalityValues.position,
  name: municipalityValues.name,
  meaning: municipalityValues.meaning,
  office: municipalityValues.office,
  officeMeaning: municipalityValues.officeMeaning,
  documentUrl: municipalityValues.documentUrl,
  adoptedYear: municipalityValues.adoptedYear,
  updatedAt: municipalityValues.updatedAt,
};

/** The municipality's values in order. */
export async function listValues(db: Db, municipalityCode: string): Promise<MunicipalityValue[]> {
  return db
    .select(columns)
    .from(municipalityValues)
    .where(eq(municipalityValues.municipalityCode, municipalityCode))
    .orderBy(asc(municipalityValues.position));
}

/** One value of the municipality, locked for the rest of the transaction. */
export async function lockValue(
  tx: Db,
  municipalityCode: string,
  id: string,
): Promise<MunicipalityValue> {
  const [row] = isUuid(id)
    ? await tx
        .select(columns)
        .from(municipalityValues)
        .where(
          and(
            eq(municipalityValues.id, id),
            eq(municipalityValues.municipalityCode, municipalityCode),
          ),
        )
        .for('update')
    : [];
  if (!row)
    throw new StorageError('not-found', `value ${id} of ${municipalityCode} does not exist`);
  return row;
}

/** Appends a value after the municipality's last one. */
export async function insertValue(
  tx: Db,
  municipalityCode: string,
  fields: ValueFields,
): Promise<MunicipalityValue> {
  const [last] = await tx
    .select({ position: max(municipalityValues.position) })
    .from(municipalityValues)
    .where(eq(municipalityValues.municipalityCode, municipalityCode));
  try {
    const [row] = await tx
      .insert(municipalityValues)
      .values({ municipalityCode, position: (last?.position ?? 0) + 1, ...fields })
      .returning(columns);
    if (!row) throw new Error('inserting a value returned no row');
    return row;
  } catch (error) {
    throw translateWriteError(error, `value "${fields.name}" of ${municipalityCode}`);
  }
}

export async function writeValue(tx: Db, id: string, fields: ValueFields): Promise<void> {
  try {
    await tx
      .update(municipalityValues)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(municipalityValues.id, id));
  } catch (error) {
    throw translateWriteError(error, `value ${id}`);
  }
}

export async function deleteValue(tx: Db, id: string): Promise<void> {
  await tx.delete(municipalityValues).where(eq(municipalityValues.id, id));
}
