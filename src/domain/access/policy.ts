/**
 * Who may do what: one pure function over a closed set of actions and viewers. Routes ask
 * `can(viewer, action, resource)`; list queries ask `evaluationScope(viewer)` for the matching
 * filter. The rules, in words:
 *
 * - an admin may do everything;
 * - an evaluator may create evaluations, and reads, edits, publishes and sees the interviews and
 *   history of the evaluations they are assigned to (and reads every published one);
 * - a municipality user reads its own kommun's evaluations, including unpublished ones shared
 *   with it, and comments on them; it never edits scores and never reads interview notes;
 * - anyone, signed in or not, reads published evaluations;
 * - a municipality's action plans and gap analysis are read by its own users, every evaluator
 *   and admins, never the public; its actions and its värdegrund are changed by its own users
 *   and admins only (evaluators read, never write).
 * - a self-assessment belongs to its municipality: its users and admins start one, read it and
 *   fill it in (while it is a draft: the use case's rule); every evaluator reads submitted ones;
 *   the public never reads one through the self-assessment pages (an imported application that
 *   was published as a document stays on the public evaluation pages, as any published report).
 *
 * Whether a published evaluation may still change (it may not: corrections are new revisions)
 * is the workflow's rule, not this one: `evaluation.edit` says who, not when.
 */

export type Role = 'admin' | 'evaluator' | 'municipality';

export type EvaluationStatus = 'draft' | 'review' | 'published';

/** The person a request acts for. `anonymous` is the public (and anyone not signed in). */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'admin'; userId: string }
  | { kind: 'evaluator'; userId: string; assignedEvaluationIds: ReadonlySet<string> }
  | { kind: 'municipality'; userId: string; municipalityCode: string };

export const ANONYMOUS: Viewer = Object.freeze({ kind: 'anonymous' });

/** What the policy needs to know about an evaluation. */
export interface EvaluationResource {
  id: string;
  /** SCB kommunkod of the evaluated municipality. */
  municipalityCode: string;
  status: EvaluationStatus;
  /** An unpublished evaluation the team has opened to the evaluated municipality. */
  sharedWithMunicipality: boolean;
}

/** What the policy needs to know about a municipality's own records (plans, values, gap). */
export interface MunicipalityResource {
  /** SCB kommunkod. */
  municipalityCode: string;
}

/** Each action and the resource it is asked about (`undefined`: none). */
export interface ActionResources {
  /** Read the evaluation: published ones by anyone, unpublished ones as `evaluation.readDraft`. */
  'evaluation.read': EvaluationResource;
  /** Read unpublished work (drafts, review), whatever the status. */
  'evaluation.readDraft': EvaluationResource;
  'evaluation.create': undefined;
  /** Change scores, texts, sources and findings. */
  'evaluation.edit': EvaluationResource;
  'evaluation.publish': EvaluationResource;
  'evaluation.comment': EvaluationResource;
  /** The history page: every old and new value, so the team's view, not the public's. */
  'evaluation.readHistory': EvaluationResource;
  'evaluation.manageTeam': EvaluationResource;
  /** Interview names and notes: personal data. */
  'interview.read': EvaluationResource;
  'user.manage': undefined;
  'framework.manage': undefined;
  /** A municipality's action plans and overdue list (not public). */
  'plan.read': MunicipalityResource;
  /** Create and change a municipality's actions and their progress notes. */
  'plan.edit': MunicipalityResource;
  /** A municipality's gap analysis: its self-assessment against the evaluators' scores. */
  'gap.read': MunicipalityResource;
  /** Edit a municipality's värdegrund (values and principles) on its profile. */
  'values.edit': MunicipalityResource;
  /** Start a self-assessment (Kvalitetskommun questionnaire) for a municipality. */
  'selfAssessment.create': MunicipalityResource;
  /** Read a self-assessment: drafts by its kommun and admins, submitted ones by evaluators too. */
  'selfAssessment.read': SelfAssessmentResource;
  /** Fill in a draft, submit it, resolve a double tick of a submitted one (who, not when). */
  'selfAssessment.edit': SelfAssessmentResource;
}

/**
 * A self-assessment as the policy sees it. It belongs to its municipality: `status` "draft" is
 * work in progress; anything else has been submitted.
 */
export interface SelfAssessmentResource {
  id: string;
  municipalityCode: string;
  status: EvaluationStatus;
}

export type Action = keyof ActionResources;

/** Every action, in a stable order (tests walk it). */
export const ACTIONS = Object.keys({
  'evaluation.read': true,
  'evaluation.readDraft': true,
  'evaluation.create': true,
  'evaluation.edit': true,
  'evaluation.publish': true,
  'evaluation.comment': true,
  'evaluation.readHistory': true,
  'evaluation.manageTeam': true,
  'interview.read': true,
  'user.manage': true,
  'framework.manage': true,
  'plan.read': true,
  'plan.edit': true,
  'gap.read': true,
  'values.edit': true,
  'selfAssessment.create': true,
  'selfAssessment.read': true,
  'selfAssessment.edit': true,
} satisfies Record<Action, true>) as Action[];

/** The resource argument of `can`: none for actions without one. */
export type ResourceArgs<A extends Action> = ActionResources[A] extends undefined
  ? []
  : [resource: ActionResources[A]];

const isAdmin = (viewer: Viewer) => viewer.kind === 'admin';

const isOnTeam = (viewer: Viewer, evaluation: EvaluationResource) =>
  viewer.kind === 'evaluator' && viewer.assignedEvaluationIds.has(evaluation.id);

const isOwnMunicipality = (viewer: Viewer, evaluation: EvaluationResource) =>
  viewer.kind === 'municipality' && viewer.municipalityCode === evaluation.municipalityCode;

const ownKommun = (viewer: Viewer, resource: MunicipalityResource) =>
  viewer.kind === 'municipality' && viewer.municipalityCode === resource.municipalityCode;

/** Admins, every evaluator (they prepare and follow up evaluations) and the kommun's own users. */
const staffOrOwnKommun = (viewer: Viewer, resource: MunicipalityResource) =>
  isAdmin(viewer) || viewer.kind === 'evaluator' || ownKommun(viewer, resource);

const adminOrOwnKommun = (viewer: Viewer, resource: MunicipalityResource) =>
  isAdmin(viewer) || ownKommun(viewer, resource);

const teamOrAdmin = (viewer: Viewer, evaluation: EvaluationResource) =>
  isAdmin(viewer) || isOnTeam(viewer, evaluation);

const readsDraft = (viewer: Viewer, evaluation: EvaluationResource) =>
  teamOrAdmin(viewer, evaluation) ||
  (isOwnMunicipality(viewer, evaluation) && evaluation.sharedWithMunicipality);

const RULES: { [A in Action]: (viewer: Viewer, resource: ActionResources[A]) => boolean } = {
  'evaluation.read': (viewer, evaluation) =>
    evaluation.status === 'published' || readsDraft(viewer, evaluation),
  'evaluation.readDraft': readsDraft,
  'evaluation.create': (viewer) => viewer.kind === 'admin' || viewer.kind === 'evaluator',
  'evaluation.edit': teamOrAdmin,
  'evaluation.publish': teamOrAdmin,
  'evaluation.comment': (viewer, evaluation) =>
    teamOrAdmin(viewer, evaluation) ||
    (isOwnMunicipality(viewer, evaluation) &&
      (evaluation.status === 'published' || evaluation.sharedWithMunicipality)),
  'evaluation.readHistory': teamOrAdmin,
  'evaluation.manageTeam': teamOrAdmin,
  'interview.read': teamOrAdmin,
  'user.manage': isAdmin,
  'framework.manage': isAdmin,
  'plan.read': staffOrOwnKommun,
  'plan.edit': adminOrOwnKommun,
  'gap.read': staffOrOwnKommun,
  'values.edit': adminOrOwnKommun,
  'selfAssessment.create': adminOrOwnKommun,
  'selfAssessment.read': (viewer, selfAssessment) =>
    adminOrOwnKommun(viewer, selfAssessment) ||
    (viewer.kind === 'evaluator' && selfAssessment.status !== 'draft'),
  'selfAssessment.edit': adminOrOwnKommun,
};

/**
 * Whether `viewer` may perform `action` (on `resource`, for actions that take one).
 *
 * @example
 * if (!can(request.viewer, 'evaluation.edit', evaluation)) return reply.code(403).send(…);
 * can(viewer, 'user.manage'); // no resource
 */
export function can<A extends Action>(
  viewer: Viewer,
  action: A,
  ...args: ResourceArgs<A>
): boolean {
  const rule = RULES[action] as (
    viewer: Viewer,
    resource: ActionResources[A] | undefined,
  ) => boolean;
  return rule(viewer, args[0]);
}

/**
 * Which evaluations a viewer may list, as a filter a query can apply: every one, or the
 * published ones plus the named ids plus the unpublished ones shared with one municipality.
 * Agrees with `can(viewer, 'evaluation.read', …)` for every evaluation.
 */
export type EvaluationScope =
  | { kind: 'all' }
  | {
      kind: 'published-or';
      evaluationIds: readonly string[];
      /** Unpublished evaluations of this municipality that are shared with it. */
      sharedMunicipalityCode: string | null;
    };

export function evaluationScope(viewer: Viewer): EvaluationScope {
  switch (viewer.kind) {
    case 'admin':
      return { kind: 'all' };
    case 'evaluator':
      return {
        kind: 'published-or',
        evaluationIds: [...viewer.assignedEvaluationIds].sort(),
        sharedMunicipalityCode: null,
      };
    case 'municipality':
      return {
        kind: 'published-or',
        evaluationIds: [],
        sharedMunicipalityCode: viewer.municipalityCode,
      };
    case 'anonymous':
      return { kind: 'published-or', evaluationIds: [], sharedMunicipalityCode: null };
  }
}

/** An account as the policy sees it. */
export interface AccountForViewer {
  id: string;
  role: Role;
  municipalityCode: string | null;
}

/**
 * The viewer for a signed-in account. A municipality account without a kommun (which the
 * database forbids) gets no more than the public.
 */
export function viewerFor(
  account: AccountForViewer,
  assignedEvaluationIds: Iterable<string> = [],
): Viewer {
  switch (account.role) {
    case 'admin':
      return { kind: 'admin', userId: account.id };
    case 'evaluator':
      return {
        kind: 'evaluator',
        userId: account.id,
        assignedEvaluationIds: new Set(assignedEvaluationIds),
      };
    case 'municipality':
      return account.municipalityCode
        ? { kind: 'municipality', userId: account.id, municipalityCode: account.municipalityCode }
        : ANONYMOUS;
  }
}
