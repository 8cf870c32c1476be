/**
 * Adds an evaluator (or admin) to an evaluation's team, or takes a member off it. The lead stays
 * (a team always has its lead). Checks the form's version; audited like the other team changes
 * (`team.add` / `team.remove`).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { lockForEdit } from '../db/repositories/workspace.ts';
import { evaluationTeam, users } from '../db/schema.ts';
import { refused, type Outcome } from './workspace-outcome.ts';

export interface ChangeTeamInput {
  actorUserId: string;
  evaluationId: string;
  expectedVersion: number;
  change: { add: string } | { remove: string };
}

export async function changeTeam(
  db: Db,
  input: ChangeTeamInput,
): Promise<Outcome<{ version: number }>> {
  const userId = 'add' in input.change ? input.change.add : input.change.remove;
  const [user] = /^[0-9a-f-]{36}$/i.test(userId)
    ? await db
        .select({ role: users.role, disabled: users.disabled })
        .from(users)
        .where(eq(users.id, userId))
    : [];
  if ('add' in input.change && (!user || user.role === 'municipality' || user.disabled)) {
    return refused([
      { field: 'member', message: 'Välj en aktiv utvärderare eller administratör.' },
    ]);
  }
  const [current] = await db
    .select({ role: evaluationTeam.role })
    .from(evaluationTeam)
    .where(
      and(eq(evaluationTeam.evaluationId, input.evaluationId), eq(evaluationTeam.userId, userId)),
    );
  if ('remove' in input.change && current?.role === 'lead') {
    return refused([
      { field: 'member', message: 'Den ansvariga utvärderaren kan inte tas bort ur teamet.' },
    ]);
  }
  const version = await db.transaction(async (tx) => {
    const locked = await lockForEdit(tx, input.evaluationId, input.expectedVersion);
    const base = {
      actorUserId: input.actorUserId,
      entityType: 'evaluation_team',
      entityId: userId,
      evaluationId: input.evaluationId,
      field: 'role',
    };
    if ('add' in input.change && !current) {
      await tx
        .insert(evaluationTeam)
        .values({ evaluationId: input.evaluationId, userId, role: 'member' });
      await recordAudit(tx, { ...base, action: 'team.add', newValue: 'member' });
    }
    if ('remove' in input.change && current) {
      await tx
        .delete(evaluationTeam)
        .where(
          and(
            eq(evaluationTeam.evaluationId, input.evaluationId),
            eq(evaluationTeam.userId, userId),
          ),
        );
      await recordAudit(tx, { ...base, action: 'team.remove', oldValue: current.role });
    }
    return locked.version;
  });
  return { ok: true, value: { version } };
}
