/**
 * The load mix: route groups, each an autocannon instance with its share of the connections,
 * all running at once against the server(s). Public pages pick a random municipality or
 * evaluation per request; scoring clients load the area page of a draft (with the evaluator's
 * session), read the form's CSRF token and version, and post a score. Concurrent writers on one
 * draft get 409 (optimistic locking): a correct refusal, counted apart from errors.
 */
import autocannon from 'autocannon';
import { formStateOf, type FormState } from '../../test/crash/web-client.ts';
import type { LoadDraft } from './prepare.ts';

export interface ScenarioData {
  evaluationIds: readonly string[];
  municipalityCodes: readonly string[];
  drafts: readonly LoadDraft[];
  /** `kompass_session=…` for the evaluator. */
  sessionCookie: string;
  /** Whether the server has `/sok` (the search page). */
  hasSearchPage: boolean;
}

/** Words the generated findings contain, and one that is rare. */
const SEARCH_WORDS = [
  'medborgardialog',
  'kvalitetsuppföljning',
  'budgetanalys',
  'kompetensstrategi',
  'brukarundersökning',
  'resultatrapport',
  'styrmodell',
  'samverkansforum',
  'digitaliseringsstrategi',
  'hållbarhetsplan',
  'internkontroll',
];

export interface RouteGroup {
  name: string;
  /** Share of the connections (weights are normalised). */
  weight: number;
  requests: autocannon.Request[];
}

const pick = <T>(items: readonly T[]): T => {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
};

interface ScoringContext {
  draft?: LoadDraft;
  form?: FormState;
}

export function routeGroups(data: ScenarioData): RouteGroup[] {
  const get = (path: () => string): autocannon.Request[] => [
    { method: 'GET', setupRequest: (request) => ({ ...request, path: path() }) },
  ];
  const search = () => encodeURIComponent(pick(SEARCH_WORDS));
  const groups: RouteGroup[] = [
    { name: 'GET /', weight: 8, requests: get(() => '/') },
    { name: 'GET /kommuner', weight: 8, requests: get(() => '/kommuner') },
    {
      name: 'GET /kommuner/:code',
      weight: 14,
      requests: get(() => `/kommuner/${pick(data.municipalityCodes)}`),
    },
    {
      name: 'GET /utvarderingar/:id',
      weight: 20,
      requests: get(() => `/utvarderingar/${pick(data.evaluationIds)}`),
    },
    {
      name: 'GET /utvarderingar/:id/rapport',
      weight: 15,
      requests: get(() => `/utvarderingar/${pick(data.evaluationIds)}/rapport`),
    },
    {
      name: 'GET /api/v1/search?q=',
      weight: data.hasSearchPage ? 10 : 20,
      requests: get(() => `/api/v1/search?q=${search()}`),
    },
    ...(data.hasSearchPage
      ? [{ name: 'GET /sok?q=', weight: 10, requests: get(() => `/sok?q=${search()}`) }]
      : []),
    {
      name: 'scoring (form + POST)',
      weight: 15,
      requests: [
        {
          method: 'GET',
          headers: { cookie: data.sessionCookie },
          setupRequest: (request, raw) => {
            const context = raw as ScoringContext;
            context.draft ??= pick(data.drafts);
            context.form = undefined;
            return {
              ...request,
              path: `/arbetsyta/${context.draft.id}/omraden/${String(context.draft.area)}`,
            };
          },
          onResponse: (status, body, raw) => {
            if (status === 200) (raw as ScoringContext).form = formStateOf(body);
          },
        },
        {
          method: 'POST',
          setupRequest: (request, raw) => {
            const { draft, form } = raw as ScoringContext;
            // No form (the page failed): start over from the GET.
            if (!draft || !form) return undefined as unknown as autocannon.Request;
            const question = pick(draft.questions);
            const points = Math.floor(Math.random() * (question.max * 2 + 1)) / 2;
            return {
              ...request,
              path: `/arbetsyta/${draft.id}/omraden/${String(draft.area)}/fragor/${question.id}`,
              headers: {
                cookie: data.sessionCookie,
                'content-type': 'application/x-www-form-urlencoded',
              },
              body: new URLSearchParams({
                _csrf: form.csrf,
                version: String(form.version),
                seen: String(form.seen),
                points: String(points).replace('.', ','),
                justification: `Belastningstest: ${String(points)} poäng.`,
              }).toString(),
            };
          },
        },
      ],
    },
  ];
  return groups;
}

export interface GroupFigures {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Status code → count. */
  statuses: Record<string, number>;
  /** Socket errors and timeouts. */
  errors: number;
}

function percentile(sorted: Float64Array, share: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

class Recorder {
  private values = new Float64Array(1024);
  private length = 0;
  readonly statuses: Record<string, number> = {};
  errors = 0;

  add(ms: number, status: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = ms;
    this.statuses[String(status)] = (this.statuses[String(status)] ?? 0) + 1;
  }

  figures(name: string, seconds: number): GroupFigures {
    const sorted = this.values.slice(0, this.length).sort();
    return {
      name,
      requests: this.length,
      perSecond: this.length / seconds,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      max: sorted[sorted.length - 1] ?? Number.NaN,
      statuses: this.statuses,
      errors: this.errors,
    };
  }

  static merge(recorders: readonly Recorder[]): Recorder {
    const merged = new Recorder();
    for (const recorder of recorders) {
      for (let i = 0; i < recorder.length; i += 1) {
        merged.add(recorder.values[i] ?? 0, 0);
      }
      merged.errors += recorder.errors;
      for (const [status, count] of Object.entries(recorder.statuses)) {
        merged.statuses[status] = (merged.statuses[status] ?? 0) + count;
      }
    }
    delete merged.statuses['0'];
    return merged;
  }
}

/** Splits `total` connections by weight (each group at least one). */
export function splitConnections(groups: readonly RouteGroup[], total: number): number[] {
  const sum = groups.reduce((acc, group) => acc + group.weight, 0);
  const shares = groups.map((group) => Math.max(1, Math.round((group.weight / sum) * total)));
  let difference = total - shares.reduce((acc, share) => acc + share, 0);
  for (let i = 0; difference !== 0 && i < 10_000; i += 1) {
    const index = i % shares.length;
    const share = shares[index] ?? 1;
    if (difference > 0) {
      shares[index] = share + 1;
      difference -= 1;
    } else if (share > 1) {
      shares[index] = share - 1;
      difference += 1;
    }
  }
  return shares;
}

export interface RunOptions {
  /** Base URLs of the server instances; connections of each group are spread over them. */
  urls: readonly string[];
  connections: number;
  durationSeconds: number;
}

export interface RunFigures {
  seconds: number;
  groups: GroupFigures[];
  total: GroupFigures;
}

/**
 * Runs every group at once for the duration; the scoring group's latencies are split into the
 * form (GET, 200) and the save (POST: 303 saved, 409 refused as stale).
 */
export async function runScenario(
  groups: readonly RouteGroup[],
  options: RunOptions,
): Promise<RunFigures> {
  const shares = splitConnections(groups, options.connections);
  const recorders = new Map<string, Recorder>();
  const recorder = (name: string) => {
    let found = recorders.get(name);
    if (!found) {
      found = new Recorder();
      recorders.set(name, found);
    }
    return found;
  };
  const started = performance.now();
  const runs: Promise<unknown>[] = [];
  groups.forEach((group, groupIndex) => {
    const connections = shares[groupIndex] ?? 1;
    // One instance per server: the group's connections spread evenly over the instances.
    options.urls.forEach((url, urlIndex) => {
      const share =
        Math.floor(connections / options.urls.length) +
        (urlIndex < connections % options.urls.length ? 1 : 0);
      if (share === 0) return;
      let instance: autocannon.Instance | undefined;
      runs.push(
        new Promise<autocannon.Result>((resolve, reject) => {
          instance = autocannon(
            {
              url,
              connections: share,
              duration: options.durationSeconds,
              requests: group.requests,
              timeout: 10,
            },
            (error, result) => (error ? reject(error as Error) : resolve(result)),
          );
        }),
      );
      if (!instance) throw new Error('autocannon did not start');
      const scoring = group.name.startsWith('scoring');
      instance.on('response', (_client, status, _bytes, ms) => {
        const name = scoring
          ? status === 200
            ? 'scoring: GET area form'
            : 'scoring: POST score'
          : group.name;
        recorder(name).add(ms, status);
      });
      instance.on('reqError', () => {
        recorder(scoring ? 'scoring: POST score' : group.name).errors += 1;
      });
    });
  });
  await Promise.all(runs);
  const seconds = (performance.now() - started) / 1000;
  const names = [...recorders.keys()];
  return {
    seconds,
    groups: names.map((name) => recorder(name).figures(name, seconds)),
    total: Recorder.merge([...recorders.values()]).figures('all', seconds),
  };
}
