/**
 * Saves an area's write-up in one go: the text under each of the edition's headings, and the
 * strengths, improvement areas and good examples in the order given (the form's order numbers),
 * each optionally naming another municipality worth learning from (chosen from the register).
 * Checks the form's version; audits each changed heading text and the findings list as a whole.
 */
import type { Db } from '../db/client.ts';
import { recordAudit, type AuditEntry } from '../db/repositories/audit.ts';
import type { FindingKind } from '../db/repositories/evaluations.ts';
import { getMunicipalities } from '../db/repositories/municipalities.ts';
import {
  getAreaWriteUp,
  lockForEdit,
  replaceAreaWriteUp,
  type WriteUpFinding,
} from '../db/repositories/workspace.ts';
import { refused, type FieldIssue, type Outcome } from './workspace-outcome.ts';

export interface AreaFindingInput {
  /** The form row's field prefix, for error messages ("f3" → field "f3-kommun"). */
  key: string;
  kind: FindingKind;
  text: string;
  referenceMunicipalityCode: string | null;
}

export interface SaveAreaFindingsInput {
  actorUserId: string;
  evaluationId: string;
  expectedVersion: number;
  area: number;
  /** Text per heading, in the edition's order; empty bodies are not stored. */
  texts: ReadonlyArray<{ heading: string | null; body: string }>;
  /** In the order to keep. */
  findings: readonly AreaFindingInput[];
}

export async function saveAreaFindings(
  db: Db,
  input: SaveAreaFindingsInput,
): Promise<Outcome<{ version: number }>> {
  const codes = [
    ...new Set(
      input.findings.flatMap((f) =>
        f.referenceMunicipalityCode ? [f.referenceMunicipalityCode] : [],
      ),
    ),
  ];
  const known = new Set((await getMunicipalities(db, codes)).map((m) => m.code));
  const issues: FieldIssue[] = input.findings
    .filter((f) => f.referenceMunicipalityCode && !known.has(f.referenceMunicipalityCode))
    .map((f) => ({
      field: `${f.key}-kommun`,
      message: 'Kommunen finns inte i kommunregistret. Välj en kommun i listan.',
    }));
  if (issues.length > 0) return refused(issues);

  const texts = input.texts
    .map((t) => ({ heading: t.heading, body: t.body.trim() }))
    .filter((t) => t.body !== '');
  const findings: WriteUpFinding[] = input.findings.map((f) => ({
    kind: f.kind,
    text: f.text.trim(),
    referenceMunicipalityCode: f.referenceMunicipalityCode,
  }));

  const version = await db.transaction(async (tx) => {
    const locked = await lockForEdit(tx, input.evaluationId, input.expectedVersion);
    const before = await getAreaWriteUp(tx, input.evaluationId, input.area);
    await replaceAreaWriteUp(tx, input.evaluationId, input.area, { texts, findings });
    const base = {
      actorUserId: input.actorUserId,
      entityType: 'area',
      entityId: `${input.evaluationId}/${String(input.area)}`,
      evaluationId: input.evaluationId,
    };
    const entries: AuditEntry[] = [];
    const headings = new Set([...before.texts, ...texts].map((t) => t.heading));
    for (const heading of headings) {
      const oldBody = before.texts.find((t) => t.heading === heading)?.body ?? null;
      const newBody = texts.find((t) => t.heading === heading)?.body ?? null;
      if (oldBody !== newBody) {
        entries.push({
          ...base,
          action: 'text.update',
          field: `texts.${heading ?? ''}`,
          oldValue: oldBody,
          newValue: newBody,
        });
      }
    }
    if (JSON.stringify(before.findings) !== JSON.stringify(findings)) {
      entries.push({
        ...base,
        action: 'findings.update',
        field: 'findings',
        oldValue: before.findings,
        newValue: findings,
      });
    }
    await recordAudit(tx, entries);
    return locked.version;
  });
  return { ok: true, value: { version } };
}
