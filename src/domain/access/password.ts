/**
 * Rules for a new password, as codes the web and the CLI turn into their own words.
 * Length counts Unicode code points, so "åäö" is three characters, not six bytes.
 */

export const PASSWORD_MIN_LENGTH = 12;
/** Bounds the work of hashing what a client sends. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'missing' | 'too-short' | 'too-long' | 'mismatch' | 'same-as-current';

export interface NewPasswordInput {
  password: string;
  /** The second entry of the new password. */
  repeat: string;
  /** The password in use now, when the person typed it (a password change). */
  current?: string;
}

/** Every problem with a new password, in the order a form shows them; empty when it is fine. */
export function checkNewPassword(input: NewPasswordInput): PasswordProblem[] {
  const length = [...input.password].length;
  if (length === 0) return ['missing'];
  const problems: PasswordProblem[] = [];
  if (length < PASSWORD_MIN_LENGTH) problems.push('too-short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too-long');
  if (input.current !== undefined && input.password === input.current) {
    problems.push('same-as-current');
  }
  if (input.password !== input.repeat) problems.push('mismatch');
  return problems;
}
