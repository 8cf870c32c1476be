/**
 * Comments on an evaluation (`evaluation_comments`): the evaluated municipality's users comment on
 * a draft shared with them or on their published evaluation, optionally on one area or question,
 * and the team replies. Comments are for the team, admins and the evaluated municipality only:
 * never on public pages, in the API or in exports. Callers must have checked
 * `can(viewer, 'evaluation.comment', evaluation)` before listing them.
 *
 * Writers take the caller's transaction; the use case audits.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { evaluationComments, users } from '../schema.ts';
import type { UserRole } from './users.ts';

export interface NewComment {
  evaluationId: string;
  authorUserId: string;
  areaNumber: number | null;
  questionId: string | null;
  body: string;
}

export interface Comment {
  id: string;
  evaluationId: string;
  areaNumber: number | null;
  questionId: string | null;
  body: string;
  createdAt: Date;
  /** Null once the author's account is deleted. */
  author: { id: string; displayName: string; role: UserRole } | null;
}

export async function insertComment(tx: Db, input: NewComment): Promise<{ id: string }> {
  const [row] = await tx
    .insert(evaluationComments)
    .values(input)
    .returning({ id: evaluationComments.id });
  if (!row) throw new Error('insert into evaluation_comments returned no row');
  return row;
}

/** An evaluation's comments, oldest first, with their authors' names and roles. */
export async function listComments(db: Db, evaluationId: string): Promise<Comment[]> {
  const rows = await db
    .select({
      id: evaluationComments.id,
      evaluationId: evaluationComments.evaluationId,
      areaNumber: evaluationComments.areaNumber,
      questionId: evaluationComments.questionId,
      body: evaluationComments.body,
      createdAt: evaluationComments.createdAt,
      authorId: users.id,
      authorName: users.displayName,
      authorRole: users.role,
    })
    .from(evaluationComments)
    .leftJoin(users, eq(users.id, evaluationComments.authorUserId))
    .where(eq(evaluationComments.evaluationId, evaluationId))
    .orderBy(asc(evaluationComments.createdAt), asc(evaluationComments.id));
  return rows.map(({ authorId, authorName, authorRole, ...comment }) => ({
    ...comment,
    author:
      authorId !== null && authorName !== null && authorRole !== null
        ? { id: authorId, displayName: authorName, role: authorRole }
        : null,
  }));
}
