import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  ANONYMOUS,
  can,
  evaluationScope,
  viewerFor,
  type Action,
  type EvaluationResource,
  type EvaluationScope,
  type Viewer,
} from './policy.ts';

const OWN = '0486'; // Strängnäs
const OTHER = '0180'; // Stockholm

const evaluation = (overrides: Partial<EvaluationResource> = {}): EvaluationResource => ({
  id: 'e-1',
  municipalityCode: OWN,
  status: 'draft',
  sharedWithMunicipality: false,
  ...overrides,
});

const draft = evaluation();
const sharedDraft = evaluation({ sharedWithMunicipality: true });
const sharedReview = evaluation({ status: 'review', sharedWithMunicipality: true });
const published = evaluation({ status: 'published' });

const viewers = {
  anonymous: ANONYMOUS,
  admin: { kind: 'admin', userId: 'u-admin' },
  'evaluator on the team': {
    kind: 'evaluator',
    userId: 'u-on',
    assignedEvaluationIds: new Set(['e-1']),
  },
  'evaluator off the team': {
    kind: 'evaluator',
    userId: 'u-off',
    assignedEvaluationIds: new Set(['e-2']),
  },
  'municipality user of the kommun': {
    kind: 'municipality',
    userId: 'u-own',
    municipalityCode: OWN,
  },
  'municipality user of another kommun': {
    kind: 'municipality',
    userId: 'u-other',
    municipalityCode: OTHER,
  },
} satisfies Record<string, Viewer>;

type ViewerName = keyof typeof viewers;
const viewerNames = Object.keys(viewers) as ViewerName[];

const resources = { draft, sharedDraft, sharedReview, published };

type Case = [
  viewer: ViewerName,
  action: Action,
  resource: EvaluationResource | undefined,
  allowed: boolean,
];

/** Each rule of the policy, by name, with the cases that show it. */
const rules: Array<[rule: string, cases: Case[]]> = [
  [
    'an admin may do everything',
    ACTIONS.flatMap((action) =>
      Object.values(resources).map((resource): Case => ['admin', action, resource, true]),
    ),
  ],
  [
    'anyone reads a published evaluation, signed in or not',
    viewerNames.map((name): Case => [name, 'evaluation.read', published, true]),
  ],
  [
    'the public reads nothing unpublished and does nothing else',
    ACTIONS.filter((action) => action !== 'evaluation.read')
      .map((action): Case => ['anonymous', action, published, false])
      .concat([
        ['anonymous', 'evaluation.read', draft, false],
        ['anonymous', 'evaluation.read', sharedDraft, false],
      ]),
  ],
  [
    'an evaluator reads, edits and publishes the evaluations they are assigned to',
    (
      [
        'evaluation.read',
        'evaluation.readDraft',
        'evaluation.edit',
        'evaluation.publish',
        'evaluation.comment',
        'evaluation.readHistory',
        'evaluation.manageTeam',
      ] as const
    ).map((action): Case => ['evaluator on the team', action, draft, true]),
  ],
  [
    'an evaluator neither reads nor changes unpublished evaluations they are not assigned to',
    (
      [
        'evaluation.read',
        'evaluation.readDraft',
        'evaluation.edit',
        'evaluation.publish',
        'evaluation.comment',
        'evaluation.readHistory',
        'evaluation.manageTeam',
      ] as const
    ).map((action): Case => ['evaluator off the team', action, sharedDraft, false]),
  ],
  [
    'an evaluator may create evaluations but not manage users or frameworks',
    [
      ['evaluator on the team', 'evaluation.create', undefined, true],
      ['evaluator off the team', 'evaluation.create', undefined, true],
      ['evaluator on the team', 'user.manage', undefined, false],
      ['evaluator on the team', 'framework.manage', undefined, false],
    ],
  ],
  [
    'interview notes are for the team and admins only, even once published',
    viewerNames.map((name): Case => [
      name,
      'interview.read',
      published,
      name === 'admin' || name === 'evaluator on the team',
    ]),
  ],
  [
    'a municipality user reads its own kommun’s unpublished evaluation only when it is shared',
    [
      ['municipality user of the kommun', 'evaluation.read', draft, false],
      ['municipality user of the kommun', 'evaluation.readDraft', draft, false],
      ['municipality user of the kommun', 'evaluation.read', sharedDraft, true],
      ['municipality user of the kommun', 'evaluation.readDraft', sharedDraft, true],
      ['municipality user of the kommun', 'evaluation.read', sharedReview, true],
    ],
  ],
  [
    'a municipality user sees nothing unpublished of another kommun',
    [
      ['municipality user of another kommun', 'evaluation.read', sharedDraft, false],
      ['municipality user of another kommun', 'evaluation.readDraft', sharedDraft, false],
      ['municipality user of another kommun', 'evaluation.comment', sharedDraft, false],
      ['municipality user of another kommun', 'evaluation.comment', published, false],
    ],
  ],
  [
    'a municipality user comments on what it may read of its own kommun',
    [
      ['municipality user of the kommun', 'evaluation.comment', published, true],
      ['municipality user of the kommun', 'evaluation.comment', sharedDraft, true],
      ['municipality user of the kommun', 'evaluation.comment', draft, false],
    ],
  ],
  [
    'a municipality user never changes scores, publishes, reads interviews or the history',
    (
      [
        'evaluation.create',
        'evaluation.edit',
        'evaluation.publish',
        'evaluation.readHistory',
        'evaluation.manageTeam',
        'interview.read',
        'user.manage',
        'framework.manage',
      ] as const
    ).map((action): Case => ['municipality user of the kommun', action, sharedDraft, false]),
  ],
  [
    'a kommun’s plans and gap analysis are read by its users, every evaluator and admins',
    (['plan.read', 'gap.read'] as const).flatMap((action) =>
      viewerNames.map((name): Case => [
        name,
        action,
        published,
        name !== 'anonymous' && name !== 'municipality user of another kommun',
      ]),
    ),
  ],
  [
    'a kommun’s actions and värdegrund are changed by its own users and admins only',
    (['plan.edit', 'values.edit'] as const).flatMap((action) =>
      viewerNames.map((name): Case => [
        name,
        action,
        published,
        name === 'admin' || name === 'municipality user of the kommun',
      ]),
    ),
  ],
  [
    'a self-assessment is started, read and filled in by its kommun’s users and admins only',
    (['selfAssessment.create', 'selfAssessment.read', 'selfAssessment.edit'] as const)
      .map((action): Case => ['municipality user of the kommun', action, draft, true])
      .concat(
        viewerNames
          .filter((name) => name !== 'admin' && name !== 'municipality user of the kommun')
          .flatMap((name): Case[] => [
            [name, 'selfAssessment.create', draft, false],
            [name, 'selfAssessment.read', draft, false],
            [name, 'selfAssessment.edit', draft, false],
          ]),
      ),
  ],
  [
    'every evaluator reads a submitted self-assessment; the public and other kommuner never do',
    viewerNames.flatMap((name): Case[] =>
      [sharedReview, published].map((submitted): Case => [
        name,
        'selfAssessment.read',
        submitted,
        name !== 'anonymous' && name !== 'municipality user of another kommun',
      ]),
    ),
  ],
  [
    'only an admin manages users and frameworks',
    viewerNames.flatMap((name): Case[] => [
      [name, 'user.manage', undefined, name === 'admin'],
      [name, 'framework.manage', undefined, name === 'admin'],
    ]),
  ],
];

const check = (viewer: Viewer, action: Action, resource: EvaluationResource | undefined) =>
  (can as (viewer: Viewer, action: Action, resource?: EvaluationResource) => boolean)(
    viewer,
    action,
    resource,
  );

describe('can', () => {
  describe.each(rules)('%s', (_rule, cases) => {
    it.each(cases)('%s, %s → %s', (name, action, resource, allowed) => {
      expect(check(viewers[name], action, resource)).toBe(allowed);
    });
  });

  it('knows every action it is asked about (a closed set)', () => {
    expect(ACTIONS).toHaveLength(18);
    expect(new Set(ACTIONS).size).toBe(ACTIONS.length);
  });

  it('takes a resource exactly for the actions about an evaluation (type-checked)', () => {
    expect(can(viewers.admin, 'user.manage')).toBe(true);
    expect(can(viewers.anonymous, 'evaluation.read', published)).toBe(true);
    // @ts-expect-error evaluation.edit needs the evaluation
    expect(() => can(viewers.admin, 'evaluation.edit')).not.toThrow();
  });
});

function inScope(scope: EvaluationScope, resource: EvaluationResource): boolean {
  if (scope.kind === 'all') return true;
  return (
    resource.status === 'published' ||
    scope.evaluationIds.includes(resource.id) ||
    (scope.sharedMunicipalityCode === resource.municipalityCode && resource.sharedWithMunicipality)
  );
}

describe('evaluationScope', () => {
  const all = [
    ...Object.values(resources),
    ...Object.values(resources).map((resource) => ({ ...resource, municipalityCode: OTHER })),
    ...Object.values(resources).map((resource) => ({ ...resource, id: 'e-2' })),
  ];
  it.each(viewerNames)('lists exactly what the %s may read', (name) => {
    const scope = evaluationScope(viewers[name]);
    for (const resource of all) {
      expect(inScope(scope, resource), JSON.stringify(resource)).toBe(
        can(viewers[name], 'evaluation.read', resource),
      );
    }
  });
});

describe('viewerFor', () => {
  it('makes an evaluator viewer with the assigned evaluations', () => {
    const viewer = viewerFor({ id: 'u', role: 'evaluator', municipalityCode: null }, ['e-1']);
    expect(viewer).toEqual({
      kind: 'evaluator',
      userId: 'u',
      assignedEvaluationIds: new Set(['e-1']),
    });
  });

  it('binds a municipality user to its kommun', () => {
    expect(viewerFor({ id: 'u', role: 'municipality', municipalityCode: OWN })).toEqual({
      kind: 'municipality',
      userId: 'u',
      municipalityCode: OWN,
    });
  });

  it('gives a municipality account without a kommun no more than the public', () => {
    expect(viewerFor({ id: 'u', role: 'municipality', municipalityCode: null })).toBe(ANONYMOUS);
  });

  it('makes an admin viewer', () => {
    expect(viewerFor({ id: 'u', role: 'admin', municipalityCode: null })).toEqual({
      kind: 'admin',
      userId: 'u',
    });
  });
});
