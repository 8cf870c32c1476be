/**
 * Starts an evaluation in the workspace: a draft for a municipality from the register, an edition
 * with questions, a year and the fieldwork dates, with its team (the creator is the lead). The
 * evaluation, the team and their audit entries are written in one transaction.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { getEdition } from '../db/repositories/editions.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { getMunicipality } from '../db/repositories/municipalities.ts';
import { WORKSPACE_SOURCE } from '../db/repositories/workspace.ts';
import { evaluationTeam, evaluations, users } from '../db/schema.ts';
import { refused, type FieldIssue, type Outcome } from './workspace-outcome.ts';

export interface CreateEvaluationInput {
  /** The creator: becomes the team's lead. */
  actorUserId: string;
  municipalityCode: string;
  editionId: string;
  year: number;
  /** ISO dates (yyyy-mm-dd) or null. */
  fieldworkStartsOn: string | null;
  fieldworkEndsOn: string | null;
  /** Other team members (evaluators or admins); the creator is added as lead anyway. */
  memberIds: readonly string[];
}

/**
 * @example
 * const result = await createWorkspaceEvaluation(db, { actorUserId, municipalityCode: '0486',
 *   editionId: 'kk-2019', year: 2025, fieldworkStartsOn: null, fieldworkEndsOn: null, memberIds: [] });
 * if (result.ok) redirect(`/arbetsyta/${result.value.id}`);
 */
export async function createWorkspaceEvaluation(
  db: Db,
  input: CreateEvaluationInput,
): Promise<Outcome<{ id: string }>> {
  const issues: FieldIssue[] = [];
  const municipality = await getMunicipality(db, input.municipalityCode);
  if (!municipality) {
    issues.push({
      field: 'municipalityCode',
      message: `Kommunkoden ${input.municipalityCode} finns inte i kommunregistret. Välj en kommun i listan.`,
    });
  }
  const edition = await getEdition(db, input.editionId);
  const questionCount =
    edition?.definition.areas.reduce((sum, area) => sum + area.questions.length, 0) ?? 0;
  if (!edition || edition.kind !== 'kommunkompassen' || questionCount === 0) {
    issues.push({
      field: 'editionId',
      message: 'Välj en utgåva av Kommunkompassen som har frågor.',
    });
  }
  if (
    input.fieldworkStartsOn &&
    input.fieldworkEndsOn &&
    input.fieldworkEndsOn < input.fieldworkStartsOn
  ) {
    issues.push({
      field: 'fieldworkEndsOn',
      message: 'Fältarbetet kan inte sluta före det börjar.',
    });
  }
  const memberIds = [...new Set(input.memberIds)].filter((id) => id !== input.actorUserId);
  if (memberIds.length > 0) {
    const found = await db
      .select({ id: users.id, role: users.role, disabled: users.disabled })
      .from(users)
      .where(inArray(users.id, memberIds));
    const eligible = new Set(
      found.filter((user) => user.role !== 'municipality' && !user.disabled).map((u) => u.id),
    );
    if (memberIds.some((id) => !eligible.has(id))) {
      issues.push({
        field: 'members',
        message: 'Teamet kan bara bestå av aktiva utvärderare och administratörer.',
      });
    }
  }
  if (issues.length === 0) {
    const [existing] = await db
      .select({ id: evaluations.id })
      .from(evaluations)
      .where(
        and(
          eq(evaluations.municipalityCode, input.municipalityCode),
          eq(evaluations.year, input.year),
          eq(evaluations.editionId, input.editionId),
          eq(evaluations.kind, 'full'),
          eq(evaluations.current, true),
        ),
      );
    if (existing) {
      issues.push({
        field: 'year',
        message: `${municipality?.name ?? input.municipalityCode} har redan en utvärdering ${String(input.year)} med den utgåvan.`,
      });
    }
  }
  if (issues.length > 0) return refused(issues);

  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(evaluations)
      .values({
        municipalityCode: input.municipalityCode,
        year: input.year,
        editionId: input.editionId,
        kind: 'full',
        status: 'draft',
        source: WORKSPACE_SOURCE,
        fieldworkStartsOn: input.fieldworkStartsOn,
        fieldworkEndsOn: input.fieldworkEndsOn,
      })
      .returning({ id: evaluations.id });
    if (!row) throw new Error('insert into evaluations returned no row');
    const team = [
      { userId: input.actorUserId, role: 'lead' as const },
      ...memberIds.map((userId) => ({ userId, role: 'member' as const })),
    ];
    await tx
      .insert(evaluationTeam)
      .values(team.map((member) => ({ evaluationId: row.id, ...member })));
    await recordAudit(tx, [
      {
        actorUserId: input.actorUserId,
        action: 'evaluation.create',
        entityType: 'evaluation',
        entityId: row.id,
        evaluationId: row.id,
        newValue: {
          municipalityCode: input.municipalityCode,
          editionId: input.editionId,
          year: input.year,
          fieldworkStartsOn: input.fieldworkStartsOn,
          fieldworkEndsOn: input.fieldworkEndsOn,
          status: 'draft',
        },
      },
      ...team.map((member) => ({
        actorUserId: input.actorUserId,
        action: 'team.add',
        entityType: 'evaluation_team',
        entityId: member.userId,
        evaluationId: row.id,
        field: 'role',
        newValue: member.role,
      })),
    ]);
    return row.id;
  });
  return { ok: true, value: { id } };
}
