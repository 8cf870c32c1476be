/**
 * What the workspace's use cases return: the value, or the problems per form field in plain
 * Swedish (the web shows them next to the field and in the error summary). Storage refusals
 * (not found, frozen, stale version) are thrown as StorageError instead.
 */
export interface FieldIssue {
  /** The form field's name/id, e.g. "points" or "municipalityCode". */
  field: string;
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export const refused = (issues: FieldIssue[]): { ok: false; issues: FieldIssue[] } => ({
  ok: false,
  issues,
});
