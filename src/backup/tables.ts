/**
 * Which tables a backup holds, derived from the drizzle schema (`src/db/schema.ts`), so a table
 * added later is backed up without anyone remembering to: every exported `pgTable` is in the
 * archive unless it is listed in `EXCLUDED_TABLES` with a reason (a test fails for a table that
 * is neither). Tables come in foreign-key order (a parent before the tables that reference it),
 * so a restore inserts them front to back.
 */
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema.ts';

/** Tables that are deliberately not backed up, each with the reason (shown in docs/backup.md). */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  sessions:
    'sign-ins are short-lived; restoring them would revive old cookies, so everyone signs in again',
  sign_in_throttle: 'failed sign-in counters per address: short-lived and rebuilt by use',
};

/**
 * Tables that `kompass migrate` fills in every database (the municipality register, the built-in
 * editions and gap mappings), each with the SQL condition of the rows that are NOT from migrate
 * (an admin's). A restore into an empty database replaces these tables with the archive's rows;
 * only rows matching the condition count as data already there.
 */
export const SEED_TABLES: Readonly<Record<string, string>> = {
  municipalities: 'false',
  editions: 'not built_in',
  gap_mappings: 'version > 1 or updated_by is not null',
};

export interface BackupColumn {
  name: string;
  /** The SQL type a value is cast to on restore, e.g. "timestamp with time zone", "text[]". */
  type: string;
}

export interface BackupTable {
  name: string;
  /** Stored columns, in schema order; generated columns (search vectors) are left out. */
  columns: BackupColumn[];
  /** The primary key's columns: rows are written in this order, and merges skip on it. */
  primaryKey: string[];
  /** An identity column (audit_log.id): restored as is, its sequence moved past the largest. */
  identity: string | null;
  /** Columns that reference this same table (evaluations.supersedes_id). */
  selfReferences: string[];
  /** Tables this one references. */
  references: string[];
}

function describeTable(table: PgTable): BackupTable {
  const config = getTableConfig(table);
  const stored = config.columns.filter((column) => column.generated === undefined);
  const composite = config.primaryKeys[0]?.columns.map((column) => column.name);
  const primaryKey = composite ?? stored.filter((column) => column.primary).map((c) => c.name);
  const identity =
    stored.find((column) => column.generatedIdentity !== undefined)?.name ?? undefined;
  const references: string[] = [];
  const selfReferences: string[] = [];
  for (const foreignKey of config.foreignKeys) {
    const reference = foreignKey.reference();
    const target = getTableConfig(reference.foreignTable).name;
    if (target === config.name) {
      selfReferences.push(...reference.columns.map((column) => column.name));
    } else if (!references.includes(target)) {
      references.push(target);
    }
  }
  return {
    name: config.name,
    columns: stored.map((column) => ({ name: column.name, type: column.getSQLType() })),
    primaryKey,
    identity: identity ?? null,
    selfReferences,
    references,
  };
}

/** Every table the schema exports, by SQL name. */
export function schemaTables(): Map<string, BackupTable> {
  const tables = new Map<string, BackupTable>();
  for (const value of Object.values(schema)) {
    if (value instanceof PgTable) {
      const described = describeTable(value);
      tables.set(described.name, described);
    }
  }
  return tables;
}

/**
 * The tables a backup holds, parents first (a stable topological order: among tables whose
 * parents are all placed, the alphabetically first comes next).
 */
export function backupTables(): BackupTable[] {
  const all = schemaTables();
  const wanted = [...all.values()].filter((table) => !(table.name in EXCLUDED_TABLES));
  const names = new Set(wanted.map((table) => table.name));
  const placed = new Set<string>();
  const ordered: BackupTable[] = [];
  while (ordered.length < wanted.length) {
    const next = wanted
      .filter((table) => !placed.has(table.name))
      .filter((table) => table.references.every((ref) => placed.has(ref) || !names.has(ref)))
      .sort((a, b) => a.name.localeCompare(b.name))[0];
    if (!next) {
      const left = wanted.filter((table) => !placed.has(table.name)).map((table) => table.name);
      throw new Error(`the schema's foreign keys form a cycle among ${left.join(', ')}`);
    }
    placed.add(next.name);
    ordered.push(next);
  }
  return ordered;
}
