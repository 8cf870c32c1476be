/**
 * Adds, changes or removes a value (or principle) of a municipality's värdegrund, from the form's
 * strings: validated with Swedish messages per field, audited (old and new) in the same
 * transaction. Who may do it is the caller's check (`values.edit`).
 */
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import {
  deleteValue,
  insertValue,
  lockValue,
  writeValue,
  type MunicipalityValue,
  type ValueFields,
} from '../../db/repositories/values.ts';
import { refused, type FieldIssue, type Outcome } from '../workspace-outcome.ts';

export interface ValueFieldsInput {
  name: string;
  meaning: string;
  office: string;
  officeMeaning: string;
  documentUrl: string;
  adoptedYear: string;
}

export function validateValueFields(
  input: ValueFieldsInput,
  thisYear: number,
): { ok: true; fields: ValueFields } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const name = input.name.trim();
  const meaning = input.meaning.trim();
  const office = input.office.trim();
  const officeMeaning = input.officeMeaning.trim();
  const documentUrl = input.documentUrl.trim();
  const year = input.adoptedYear.trim();
  if (name === '') {
    issues.push({ field: 'name', message: 'Skriv värdets namn, till exempel Medborgaren först.' });
  } else if (name.length > 200) {
    issues.push({ field: 'name', message: 'Namnet får vara högst 200 tecken.' });
  }
  if (meaning.length > 4000 || officeMeaning.length > 4000) {
    issues.push({
      field: meaning.length > 4000 ? 'meaning' : 'officeMeaning',
      message: 'Texten får vara högst 4 000 tecken. Korta den.',
    });
  }
  if (officeMeaning !== '' && office === '') {
    issues.push({
      field: 'office',
      message: 'Skriv vilken förvaltning eller vilket kontor betydelsen gäller.',
    });
  }
  if (documentUrl !== '' && !/^https?:\/\/\S+$/.test(documentUrl)) {
    issues.push({
      field: 'documentUrl',
      message: 'Skriv en webbadress som börjar med https:// eller http://.',
    });
  }
  const adoptedYear = year === '' ? null : Number(year);
  if (
    adoptedYear !== null &&
    (!/^\d{4}$/.test(year) || adoptedYear < 1900 || adoptedYear > thisYear)
  ) {
    issues.push({
      field: 'adoptedYear',
      message: `Skriv året med fyra siffror, mellan 1900 och ${String(thisYear)}.`,
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    fields: {
      name,
      meaning,
      office: office === '' ? null : office,
      officeMeaning: officeMeaning === '' ? null : officeMeaning,
      documentUrl: documentUrl === '' ? null : documentUrl,
      adoptedYear,
    },
  };
}

export interface SaveValueInput extends ValueFieldsInput {
  actorUserId: string | null;
  municipalityCode: string;
  /** The value to change; omitted: add a new one at the end. */
  valueId?: string;
  /** The current year (the latest adoption year accepted). */
  thisYear: number;
}

const snapshot = (value: ValueFields) => ({
  name: value.name,
  meaning: value.meaning,
  office: value.office,
  officeMeaning: value.officeMeaning,
  documentUrl: value.documentUrl,
  adoptedYear: value.adoptedYear,
});

export async function saveValue(db: Db, input: SaveValueInput): Promise<Outcome<{ id: string }>> {
  const validated = validateValueFields(input, input.thisYear);
  if (!validated.ok) return refused(validated.issues);
  const fields = validated.fields;
  return db.transaction(async (tx) => {
    if (input.valueId === undefined) {
      const value = await insertValue(tx, input.municipalityCode, fields);
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: 'values.add',
        entityType: 'municipality_value',
        entityId: value.id,
        newValue: { municipalityCode: input.municipalityCode, ...snapshot(fields) },
      });
      return { ok: true, value: { id: value.id } };
    }
    const before: MunicipalityValue = await lockValue(tx, input.municipalityCode, input.valueId);
    await writeValue(tx, before.id, fields);
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'values.update',
      entityType: 'municipality_value',
      entityId: before.id,
      oldValue: snapshot(before),
      newValue: snapshot(fields),
    });
    return { ok: true, value: { id: before.id } };
  });
}

export async function removeValue(
  db: Db,
  input: { actorUserId: string | null; municipalityCode: string; valueId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockValue(tx, input.municipalityCode, input.valueId);
    await deleteValue(tx, before.id);
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'values.remove',
      entityType: 'municipality_value',
      entityId: before.id,
      oldValue: { municipalityCode: input.municipalityCode, ...snapshot(before) },
    });
  });
}
