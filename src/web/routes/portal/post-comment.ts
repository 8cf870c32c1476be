/**
 * A comment form posted, from the municipality's page or the team's workspace: parse the form at
 * the edge, call `addComment`, and say what to show next to which field when it is refused.
 * The caller has checked `evaluation.comment`.
 */
import type { Db } from '../../../db/client.ts';
import { addComment } from '../../../use-cases/add-comment.ts';
import type { FieldError } from '../../errors.ts';
import { parseCommentTarget, type CommentFormValues } from './comments.tsx';

type Body = Record<string, unknown>;

const text = (body: Body, name: string) => {
  const value = body[name];
  return typeof value === 'string' ? value : '';
};

export type PostedComment =
  { ok: true } | { ok: false; values: CommentFormValues; errors: FieldError[] };

export async function postComment(
  db: Db,
  input: { actorUserId: string; evaluationId: string; body: unknown },
): Promise<PostedComment> {
  const body = input.body && typeof input.body === 'object' ? (input.body as Body) : {};
  const values: CommentFormValues = { target: text(body, 'target'), body: text(body, 'body') };
  const target = parseCommentTarget(values.target);
  if (!target) {
    return {
      ok: false,
      values: { ...values, target: '' },
      errors: [
        {
          field: 'comment-target',
          message:
            'Välj i listan vad kommentaren gäller: hela utvärderingen, ett område eller en fråga.',
        },
      ],
    };
  }
  const outcome = await addComment(db, {
    actorUserId: input.actorUserId,
    evaluationId: input.evaluationId,
    body: values.body,
    ...target,
  });
  if (outcome.ok) return { ok: true };
  return {
    ok: false,
    values,
    errors: outcome.issues.map((issue) => ({
      field: `comment-${issue.field}`,
      message: issue.message,
    })),
  };
}
