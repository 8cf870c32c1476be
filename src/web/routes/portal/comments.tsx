/**
 * Comments on an evaluation as the municipality's pages and the team's workspace show them: the
 * list (who, in which role, when, about what) and the form (the text and what it is about: the
 * whole evaluation, one area or one question). Comments are shown to the team, admins and the
 * evaluated municipality only; public pages, the API and exports never render this.
 */
import type { ComponentChildren } from 'preact';
import type { Comment } from '../../../db/repositories/comments.ts';
import type { Edition } from '../../../domain/framework/index.ts';
import { COMMENT_MAX_LENGTH } from '../../../use-cases/add-comment.ts';
import type { FieldError } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import {
  ErrorSummary,
  FieldErrorMessage,
  errorFor,
  fieldErrorId,
} from '../../views/components.tsx';

/** The form's values as sent (kept when the form is refused). */
export interface CommentFormValues {
  /** '' for the whole evaluation, `omrade-3` for area 3, `fraga-3.2` for question 3.2. */
  target: string;
  body: string;
}

export const EMPTY_COMMENT: CommentFormValues = { target: '', body: '' };

/** What a comment is about, from the form's `target`; undefined when it is not a valid choice. */
export function parseCommentTarget(
  target: string,
): { areaNumber: number | null; questionId: string | null } | undefined {
  if (target === '') return { areaNumber: null, questionId: null };
  const area = /^omrade-(\d{1,2})$/.exec(target);
  if (area?.[1]) return { areaNumber: Number(area[1]), questionId: null };
  const question = /^fraga-(\d{1,2}(?:\.\d{1,3}){1,2})$/.exec(target);
  if (question?.[1]) return { areaNumber: null, questionId: question[1] };
  return undefined;
}

/** "Område 3 (Name)", "Fråga 3.2" or "Hela utvärderingen". */
function describeTarget(comment: Comment, edition: Edition): string {
  if (comment.questionId) return `Fråga ${comment.questionId}`;
  if (comment.areaNumber !== null) {
    const area = edition.areas.find((a) => a.number === comment.areaNumber);
    return `Område ${String(comment.areaNumber)}${area ? ` (${area.name})` : ''}`;
  }
  return 'Hela utvärderingen';
}

const ROLE_LABEL = { municipality: 'kommunen', evaluator: 'utvärderare', admin: 'administratör' };

export function CommentList({
  comments,
  edition,
}: {
  comments: readonly Comment[];
  edition: Edition;
}) {
  if (comments.length === 0) return <p>Inga kommentarer ännu.</p>;
  return (
    <ol class="comments">
      {comments.map((comment) => (
        <li key={comment.id} class="comment">
          <p class="muted">
            <strong>{comment.author?.displayName ?? 'Borttagen användare'}</strong>
            {comment.author ? ` (${ROLE_LABEL[comment.author.role]})` : null},{' '}
            <time datetime={comment.createdAt.toISOString()}>
              {formatDateTime(comment.createdAt)}
            </time>
            . Gäller: {describeTarget(comment, edition)}
          </p>
          {comment.body.split(/\n{2,}/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </li>
      ))}
    </ol>
  );
}

export function CommentForm({
  action,
  csrf,
  edition,
  values,
  errors,
  legend,
  submitLabel,
}: {
  action: string;
  csrf: ComponentChildren;
  edition: Edition;
  values: CommentFormValues;
  errors: readonly FieldError[];
  legend: string;
  submitLabel: string;
}) {
  const targetError = errorFor(errors, 'comment-target');
  const bodyError = errorFor(errors, 'comment-body');
  return (
    <form method="post" action={action} novalidate>
      {csrf}
      <fieldset>
        <legend>{legend}</legend>
        <ErrorSummary errors={errors} />
        <div class={targetError ? 'field field--error' : 'field'}>
          <label for="comment-target">Gäller</label>
          <FieldErrorMessage error={targetError} />
          <select
            id="comment-target"
            name="target"
            aria-describedby={targetError ? fieldErrorId('comment-target') : undefined}
            aria-invalid={targetError ? 'true' : undefined}
          >
            <option value="" selected={values.target === ''}>
              Hela utvärderingen
            </option>
            {edition.areas.map((area) => (
              <optgroup key={area.number} label={`Område ${String(area.number)}`}>
                <option
                  value={`omrade-${String(area.number)}`}
                  selected={values.target === `omrade-${String(area.number)}`}
                >
                  {area.number}. {area.name} (hela området)
                </option>
                {area.questions.map((question) => (
                  <option
                    key={question.id}
                    value={`fraga-${question.id}`}
                    selected={values.target === `fraga-${question.id}`}
                  >
                    Fråga {question.id}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div class={bodyError ? 'field field--error' : 'field'}>
          <label for="comment-body">Kommentar</label>
          <p class="hint muted" id="comment-body-tips">
            Högst {COMMENT_MAX_LENGTH} tecken. Syns för utvärderingens team, administratörer och
            kommunens användare, aldrig för allmänheten.
          </p>
          <FieldErrorMessage error={bodyError} />
          <textarea
            id="comment-body"
            name="body"
            rows={5}
            maxLength={COMMENT_MAX_LENGTH}
            aria-describedby={
              bodyError ? `comment-body-tips ${fieldErrorId('comment-body')}` : 'comment-body-tips'
            }
            aria-invalid={bodyError ? 'true' : undefined}
          >
            {values.body}
          </textarea>
        </div>
        <div class="field field--actions">
          <button type="submit">{submitLabel}</button>
        </div>
      </fieldset>
    </form>
  );
}
