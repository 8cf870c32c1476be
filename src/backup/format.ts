/**
 * The backup archive (documented in docs/backup.md): gzip'd JSON lines.
 *
 * 1. a header: format name and version, when and from which database kind it was written, the
 *    migration level, whether password hashes are included, and per table its columns (with
 *    their SQL types), primary key and row count;
 * 2. one line per row, `{"table": …, "row": [values…]}`, table by table in the header's order
 *    (parents before children), rows in primary-key order. Every value is a string or null: the
 *    column's PostgreSQL text form in UTC and ISO style (exact for numeric, timestamps to the
 *    microsecond, jsonb, arrays), except bytea, which is base64;
 * 3. a trailer, `{"end": true, "rows": n, "sha256": …}`: the number of row lines and the SHA-256
 *    of every byte before the trailer, so a truncated or altered archive is refused.
 */
import { z } from 'zod';

export const BACKUP_FORMAT = 'kompass-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** The refusal of a backup or restore, with a message that says what and how to proceed. */
export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

const columnSchema = z.strictObject({ name: z.string().min(1), type: z.string().min(1) });

export const headerSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  databaseKind: z.enum(['pglite', 'postgres']),
  migrations: z.strictObject({
    count: z.number().int().min(0),
    /** The drizzle hash of every applied migration, oldest first. */
    hashes: z.array(z.string()),
  }),
  passwordHashes: z.boolean(),
  tables: z.array(
    z.strictObject({
      name: z.string().min(1),
      columns: z.array(columnSchema).min(1),
      primaryKey: z.array(z.string()).min(1),
      rows: z.number().int().min(0),
    }),
  ),
});
export type BackupHeader = z.infer<typeof headerSchema>;

export const rowLineSchema = z.strictObject({
  table: z.string(),
  row: z.array(z.string().nullable()),
});

export const trailerSchema = z.strictObject({
  end: z.literal(true),
  rows: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A value's text form in the archive: every non-bytea value goes through `::text`. */
export const isBytea = (type: string) => type === 'bytea';
