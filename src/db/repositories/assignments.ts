/**
 * Evaluation teams: which evaluators (and admins) work on which evaluation. Evaluators see and
 * edit the evaluations they are assigned to (see `src/domain/access`). Changes to a team are
 * audited with the change.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { StorageError, translateWriteError } from '../errors.ts';
import { evaluationTeam, evaluations, users, type TEAM_ROLES } from '../schema.ts';
import { recordAudit } from './audit.ts';
import type { ChangeOptions } from './users.ts';

export type TeamRole = (typeof TEAM_ROLES)[number];

export interface TeamMember {
  userId: string;
  email: string;
  displayName: string;
  /** The account's role (admin or evaluator). */
  userRole: 'admin' | 'evaluator';
  teamRole: TeamRole;
}

export interface Assignment extends ChangeOptions {
  evaluationId: string;
  userId: string;
  /** Defaults to "member". */
  role?: TeamRole;
}

/**
 * Puts a user on an evaluation's team, or changes their team role. Only evaluators and admins
 * join teams; a municipality user is refused.
 */
export async function assignToEvaluation(db: Db, input: Assignment): Promise<void> {
  const role = input.role ?? 'member';
  try {
    await db.transaction(async (tx) => {
      const [user] = await tx
        .select({ role: users.role, email: users.email })
        .from(users)
        .where(eq(users.id, input.userId));
      if (!user) throw new StorageError('not-found', `no user with id ${input.userId}`);
      if (user.role === 'municipality') {
        throw new StorageError(
          'invalid-value',
          `${user.email} is a municipality user: only evaluators and admins join an evaluation team`,
        );
      }
      const [evaluation] = await tx
        .select({ id: evaluations.id })
        .from(evaluations)
        .where(eq(evaluations.id, input.evaluationId));
      if (!evaluation) {
        throw new StorageError('not-found', `no evaluation with id ${input.evaluationId}`);
      }
      const [before] = await tx
        .select({ role: evaluationTeam.role })
        .from(evaluationTeam)
        .where(member(input.evaluationId, input.userId));
      if (before?.role === role) return;
      await tx
        .insert(evaluationTeam)
        .values({ evaluationId: input.evaluationId, userId: input.userId, role })
        .onConflictDoUpdate({
          target: [evaluationTeam.evaluationId, evaluationTeam.userId],
          set: { role },
        });
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: before ? 'team.role-change' : 'team.add',
        entityType: 'evaluation_team',
        entityId: input.userId,
        evaluationId: input.evaluationId,
        field: 'role',
        oldValue: before?.role ?? null,
        newValue: role,
      });
    });
  } catch (error) {
    throw translateWriteError(error, `team member ${input.userId} of ${input.evaluationId}`);
  }
}

/** Takes a user off an evaluation's team; nothing happens when they were not on it. */
export async function removeFromEvaluation(
  db: Db,
  input: ChangeOptions & { evaluationId: string; userId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(evaluationTeam)
      .where(member(input.evaluationId, input.userId))
      .returning({ role: evaluationTeam.role });
    const [was] = removed;
    if (!was) return;
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'team.remove',
      entityType: 'evaluation_team',
      entityId: input.userId,
      evaluationId: input.evaluationId,
      field: 'role',
      oldValue: was.role,
      newValue: null,
    });
  });
}

/** The team of an evaluation: leads first, then by name. */
export async function listTeam(db: Db, evaluationId: string): Promise<TeamMember[]> {
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      userRole: users.role,
      teamRole: evaluationTeam.role,
    })
    .from(evaluationTeam)
    .innerJoin(users, eq(users.id, evaluationTeam.userId))
    .where(eq(evaluationTeam.evaluationId, evaluationId))
    .orderBy(sql`${evaluationTeam.role} = 'lead' desc`, asc(users.displayName), asc(users.email));
  return rows.map((row) => ({
    ...row,
    userRole: row.userRole === 'admin' ? 'admin' : 'evaluator',
  }));
}

/** The evaluations a user is assigned to (what an evaluator may read and edit). */
export async function listAssignedEvaluationIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: evaluationTeam.evaluationId })
    .from(evaluationTeam)
    .where(eq(evaluationTeam.userId, userId))
    .orderBy(asc(evaluationTeam.evaluationId));
  return rows.map((row) => row.id);
}

const member = (evaluationId: string, userId: string) =>
  and(eq(evaluationTeam.evaluationId, evaluationId), eq(evaluationTeam.userId, userId));
