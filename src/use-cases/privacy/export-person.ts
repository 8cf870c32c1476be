/**
 * Everything Kompass holds about one person (GDPR right of access), as JSON documented in
 * docs/privacy.md: found by e-mail address (their account) or by name (exact, any case: the
 * accounts with that name and interviews and actions naming them). Never password hashes or
 * session tokens. The export itself is audited (`privacy.export-person`), with counts only.
 */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import {
  actionNotes,
  actions,
  auditLog,
  evaluationComments,
  evaluations,
  evaluationTeam,
  interviews,
  sessions,
  users,
} from '../../db/schema.ts';
import { refused, type Outcome } from '../workspace-outcome.ts';

export const PERSON_EXPORT_FORMAT = 'kompass-person-export';
export const PERSON_EXPORT_VERSION = 1;

export type PersonQuery = { email: string } | { name: string };

export interface PersonExport {
  format: typeof PERSON_EXPORT_FORMAT;
  formatVersion: typeof PERSON_EXPORT_VERSION;
  createdAt: string;
  query: PersonQuery;
  /** The names interviews and actions were matched on. */
  namesMatched: string[];
  accounts: Array<{
    id: string;
    email: string;
    displayName: string;
    role: string;
    municipalityCode: string | null;
    disabled: boolean;
    hasPassword: boolean;
    mustChangePassword: boolean;
    failedSignIns: number;
    lockedUntil: string | null;
    createdAt: string;
    passwordChangedAt: string | null;
  }>;
  sessions: Array<{ userId: string; createdAt: string; lastSeenAt: string; expiresAt: string }>;
  evaluationTeams: Array<{
    userId: string;
    evaluationId: string;
    municipalityCode: string;
    year: number;
    role: string;
    since: string;
  }>;
  auditEntries: Array<{
    id: number;
    at: string;
    /** "actor": they made the change; "subject": the change was to their account. */
    relation: 'actor' | 'subject';
    action: string;
    entityType: string;
    entityId: string;
    evaluationId: string | null;
    field: string | null;
    oldValue: unknown;
    newValue: unknown;
    reason: string | null;
  }>;
  interviews: Array<{
    id: string;
    evaluationId: string;
    municipalityCode: string;
    year: number;
    heldOn: string;
    category: string;
    name: string | null;
    notes: string;
    createdAt: string;
  }>;
  comments: Array<{
    id: string;
    evaluationId: string;
    areaNumber: number | null;
    questionId: string | null;
    body: string;
    createdAt: string;
  }>;
  actions: Array<{
    id: string;
    relation: Array<'owner' | 'creator'>;
    municipalityCode: string;
    evaluationId: string;
    areaNumber: number;
    title: string;
    description: string;
    owner: string;
    status: string;
    startsOn: string | null;
    dueOn: string | null;
    createdAt: string;
  }>;
  actionNotes: Array<{
    id: string;
    actionId: string;
    notedOn: string;
    body: string;
    createdAt: string;
  }>;
}

export interface ExportPersonInput {
  query: PersonQuery;
  actorUserId: string | null;
  now?: Date;
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;
const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);
/** Case-insensitive, trimmed equality with any of `names`. */
const sameName = (column: AnyPgColumn, names: readonly string[]) =>
  inArray(
    sql`lower(btrim(${column}))`,
    names.map((name) => name.trim().toLowerCase()),
  );

/** Checks the query: an e-mail address or a name (2 to 200 characters). */
export function personQueryIssue(query: PersonQuery): { field: string; message: string } | null {
  if ('email' in query) {
    const email = query.email.trim();
    if (!EMAIL.test(email) || email.length > 320) {
      return { field: 'email', message: 'Skriv en e-postadress, till exempel namn@kommun.se.' };
    }
    return null;
  }
  const name = query.name.trim();
  if (name.length < 2 || name.length > 200) {
    return { field: 'name', message: 'Skriv ett namn på 2 till 200 tecken.' };
  }
  return null;
}

/**
 * Collects the person's data in one transaction and records that it was exported.
 *
 * @example
 * const result = await exportPersonData(db, { query: { email: 'anna@kommun.se' }, actorUserId });
 * if (result.ok) writeFileSync('anna.json', JSON.stringify(result.value, null, 2));
 */
export async function exportPersonData(
  db: Db,
  input: ExportPersonInput,
): Promise<Outcome<PersonExport>> {
  const issue = personQueryIssue(input.query);
  if (issue) return refused([issue]);
  const query: PersonQuery =
    'email' in input.query
      ? { email: input.query.email.trim() }
      : { name: input.query.name.trim() };
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const accountRows = await tx
      .select()
      .from(users)
      .where(
        'email' in query
          ? sql`lower(${users.email}) = lower(${query.email})`
          : sameName(users.displayName, [query.name]),
      )
      .orderBy(asc(users.createdAt), asc(users.id));
    const ids = accountRows.map((row) => row.id);
    const names = [
      ...new Set(
        ['name' in query ? query.name : '', ...accountRows.map((row) => row.displayName)]
          .map((name) => name.trim())
          .filter((name) => name.length >= 2 && !EMAIL.test(name)),
      ),
    ];
    const byUser = <T>(run: () => Promise<T[]>) => (ids.length > 0 ? run() : Promise.resolve([]));

    const sessionRows = await byUser(() =>
      tx
        .select()
        .from(sessions)
        .where(inArray(sessions.userId, ids))
        .orderBy(asc(sessions.createdAt)),
    );
    const teamRows = await byUser(() =>
      tx
        .select({
          userId: evaluationTeam.userId,
          evaluationId: evaluationTeam.evaluationId,
          municipalityCode: evaluations.municipalityCode,
          year: evaluations.year,
          role: evaluationTeam.role,
          since: evaluationTeam.createdAt,
        })
        .from(evaluationTeam)
        .innerJoin(evaluations, eq(evaluations.id, evaluationTeam.evaluationId))
        .where(inArray(evaluationTeam.userId, ids))
        .orderBy(asc(evaluationTeam.createdAt)),
    );
    const auditRows = await byUser(() =>
      tx
        .select()
        .from(auditLog)
        .where(
          or(
            inArray(auditLog.actorUserId, ids),
            and(eq(auditLog.entityType, 'user'), inArray(auditLog.entityId, ids)),
          ),
        )
        .orderBy(asc(auditLog.id)),
    );
    const interviewRows =
      names.length > 0
        ? await tx
            .select({
              interview: interviews,
              municipalityCode: evaluations.municipalityCode,
              year: evaluations.year,
            })
            .from(interviews)
            .innerJoin(evaluations, eq(evaluations.id, interviews.evaluationId))
            .where(sameName(interviews.name, names))
            .orderBy(asc(interviews.heldOn), asc(interviews.id))
        : [];
    const commentRows = await byUser(() =>
      tx
        .select()
        .from(evaluationComments)
        .where(inArray(evaluationComments.authorUserId, ids))
        .orderBy(asc(evaluationComments.createdAt)),
    );
    const actionConditions = [
      ...(ids.length > 0 ? [inArray(actions.createdBy, ids)] : []),
      ...(names.length > 0 ? [sameName(actions.owner, names)] : []),
    ];
    const actionRows =
      actionConditions.length > 0
        ? await tx
            .select()
            .from(actions)
            .where(or(...actionConditions))
            .orderBy(asc(actions.createdAt))
        : [];
    const noteRows = await byUser(() =>
      tx
        .select()
        .from(actionNotes)
        .where(inArray(actionNotes.authorUserId, ids))
        .orderBy(asc(actionNotes.createdAt)),
    );
    const lowerNames = new Set(names.map((name) => name.toLowerCase()));

    const result: PersonExport = {
      format: PERSON_EXPORT_FORMAT,
      formatVersion: PERSON_EXPORT_VERSION,
      createdAt: iso(now),
      query,
      namesMatched: names,
      accounts: accountRows.map((row) => ({
        id: row.id,
        email: row.email,
        displayName: row.displayName,
        role: row.role,
        municipalityCode: row.municipalityCode,
        disabled: row.disabled,
        hasPassword: row.passwordHash !== null,
        mustChangePassword: row.mustChangePassword,
        failedSignIns: row.failedSignIns,
        lockedUntil: isoOrNull(row.lockedUntil),
        createdAt: iso(row.createdAt),
        passwordChangedAt: isoOrNull(row.passwordChangedAt),
      })),
      sessions: sessionRows.map((row) => ({
        userId: row.userId,
        createdAt: iso(row.createdAt),
        lastSeenAt: iso(row.lastSeenAt),
        expiresAt: iso(row.expiresAt),
      })),
      evaluationTeams: teamRows.map((row) => ({ ...row, since: iso(row.since) })),
      auditEntries: auditRows.map((row) => ({
        id: Number(row.id),
        at: iso(row.at),
        relation: row.actorUserId !== null && ids.includes(row.actorUserId) ? 'actor' : 'subject',
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        evaluationId: row.evaluationId,
        field: row.field,
        oldValue: row.oldValue,
        newValue: row.newValue,
        reason: row.reason,
      })),
      interviews: interviewRows.map(({ interview, municipalityCode, year }) => ({
        id: interview.id,
        evaluationId: interview.evaluationId,
        municipalityCode,
        year,
        heldOn: interview.heldOn,
        category: interview.category,
        name: interview.name,
        notes: interview.notes,
        createdAt: iso(interview.createdAt),
      })),
      comments: commentRows.map((row) => ({
        id: row.id,
        evaluationId: row.evaluationId,
        areaNumber: row.areaNumber,
        questionId: row.questionId,
        body: row.body,
        createdAt: iso(row.createdAt),
      })),
      actions: actionRows.map((row) => ({
        id: row.id,
        relation: [
          ...(lowerNames.has(row.owner.trim().toLowerCase()) ? (['owner'] as const) : []),
          ...(row.createdBy !== null && ids.includes(row.createdBy) ? (['creator'] as const) : []),
        ],
        municipalityCode: row.municipalityCode,
        evaluationId: row.evaluationId,
        areaNumber: row.areaNumber,
        title: row.title,
        description: row.description,
        owner: row.owner,
        status: row.status,
        startsOn: row.startsOn,
        dueOn: row.dueOn,
        createdAt: iso(row.createdAt),
      })),
      actionNotes: noteRows.map((row) => ({
        id: row.id,
        actionId: row.actionId,
        notedOn: row.notedOn,
        body: row.body,
        createdAt: iso(row.createdAt),
      })),
    };
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'privacy.export-person',
      entityType: accountRows.length === 1 ? 'user' : 'person',
      entityId: accountRows.length === 1 ? (accountRows[0]?.id ?? '') : 'search',
      // Counts only: the audit trail must not become a second copy of the person's data.
      newValue: {
        by: 'email' in query ? 'email' : 'name',
        accounts: result.accounts.length,
        interviews: result.interviews.length,
        comments: result.comments.length,
        actions: result.actions.length,
        auditEntries: result.auditEntries.length,
      },
    });
    return { ok: true as const, value: result };
  });
}
