/**
 * Replaces (or adds) the gap mapping between two editions from a mapping file an admin wrote:
 * validated against the stored editions, written with its version bumped and audited in one
 * transaction. Bad input changes nothing and comes back as issues naming the file and field.
 */
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import { listEditions } from '../../db/repositories/editions.ts';
import { writeGapMapping } from '../../db/repositories/gap-mappings.ts';
import type { GapMapping } from '../../domain/gap/index.ts';
import { parseGapMappingText } from '../../frameworks/gap-mappings.ts';

export interface SetGapMappingInput {
  /** The file's text and its name for messages. */
  text: string;
  source: string;
  /** Null for the command line. */
  actorUserId: string | null;
  /** The version the change was based on (a web form); omitted: whatever is stored. */
  expectedVersion?: number;
  reason?: string | null;
}

export type SetGapMappingOutcome =
  | { ok: true; mapping: GapMapping; version: number; previousVersion: number | null }
  | { ok: false; issues: string[] };

export async function setGapMapping(
  db: Db,
  input: SetGapMappingInput,
): Promise<SetGapMappingOutcome> {
  const editions = new Map((await listEditions(db)).map((e) => [e.id, e.definition]));
  const parsed = parseGapMappingText(input.text, input.source, (id) => editions.get(id));
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const mapping = parsed.mapping;
  return db.transaction(async (tx) => {
    const { before, version } = await writeGapMapping(tx, mapping, {
      actorUserId: input.actorUserId,
      ...(input.expectedVersion === undefined ? {} : { expectedVersion: input.expectedVersion }),
    });
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: before ? 'gap-mapping.replace' : 'gap-mapping.add',
      entityType: 'gap_mapping',
      entityId: `${mapping.selfAssessmentEdition}/${mapping.edition}`,
      field: 'mapping',
      oldValue: before ? { version: before.version, mapping: before.mapping } : null,
      newValue: { version, mapping },
      reason: input.reason ?? null,
    });
    return { ok: true, mapping, version, previousVersion: before?.version ?? null };
  });
}
