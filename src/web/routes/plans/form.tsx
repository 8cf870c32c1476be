/**
 * Form pieces the plan, värdegrund and gap pages share: a labelled field with its hint and its
 * error next to it (`aria-describedby`, `aria-invalid`), and the request helpers for plain
 * url-encoded forms.
 */
import type { ComponentChildren } from 'preact';
import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../../errors.ts';
import { FieldErrorMessage, errorFor, fieldErrorId } from '../../views/components.tsx';

type Body = Record<string, unknown>;

/** The posted form as a record (empty when there is none). */
export const bodyOf = (request: FastifyRequest): Body =>
  request.body && typeof request.body === 'object' ? (request.body as Body) : {};

/** One form field as a string ('' when absent). */
export const fieldOf = (body: Body, name: string): string => {
  const value = body[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
};

/** The `version` a form was based on, or undefined when it is not a positive whole number. */
export const versionOf = (body: Body): number | undefined => {
  const value = Number(fieldOf(body, 'version'));
  return Number.isInteger(value) && value > 0 ? value : undefined;
};

export interface FieldAttrs {
  id: string;
  name: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}

/** A labelled field; `children` renders the control with the attributes it needs. */
export function Field({
  name,
  label,
  hint,
  errors,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  errors: readonly FieldError[];
  children: (attrs: FieldAttrs) => ComponentChildren;
}) {
  const error = errorFor(errors, name);
  const hintId = hint ? `${name}-tips` : undefined;
  const described = [hintId, error ? fieldErrorId(name) : undefined].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={name}>{label}</label>
      {hint ? (
        <p class="hint muted" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldErrorMessage error={error} />
      {children({
        id: name,
        name,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': 'true' as const } : {}),
      })}
    </div>
  );
}
