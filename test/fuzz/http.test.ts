/**
 * Fuzz every form and every API endpoint: routes are read from the app (so routes other features
 * add are covered without being listed), POST bodies start from the fields each route's form
 * really has, and every request gets hostile values (markup and script, SQL metacharacters, huge,
 * negative and non-numbers, wrong types, repeated fields, control characters, long strings,
 * invalid UTF-8, oversized bodies, wrong content types, hostile path parameters).
 *
 * The rules: never a 5xx; a refusal (4xx) changes nothing in the database (row counts and a hash
 * of every table, test/fuzz/snapshot.ts); a GET never changes anything; every HTML response has
 * a Content-Security-Policy without inline script; no page turns a hostile value into markup;
 * and after the fuzz, every page still renders.
 *
 * Reproducible: the seed is printed; `WEB_FUZZ_SEED=<seed>` replays a run, `WEB_FUZZ_SEED=random`
 * draws a new one, `WEB_FUZZ_CASES=<n>` (default 4 per route and actor) runs more:
 * `WEB_FUZZ_CASES=200 npx vitest run test/fuzz/http.test.ts`.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDatabases } from '../../src/db/testing.ts';
import { CSRF_COOKIE, SIGN_IN_PATH } from '../../src/web/auth/request.tsx';
import { cookiesSet, csrfFromHtml, type TestSession } from '../../src/web/auth/testing.ts';
import type { RegisteredRoute } from '../privacy/routes.ts';
import {
  ACTORS,
  concreteUrl,
  createFuzzWorld,
  cspProblems,
  discoverForms,
  isHtml,
  matchesRoute,
  type FoundForm,
  type FuzzWorld,
} from './fixture.ts';
import { formsOf, startTags, unsafeMarkup } from './html.ts';
import { MARKER } from './payloads.ts';
import { caseSeed, FUZZ_CASES, FUZZ_SEED, prng } from './random.ts';
import {
  baselinePairs,
  COMMON_QUERY_NAMES,
  getCase,
  postCase,
  type FuzzCase,
  type Pairs,
} from './requests.ts';
import { changedTables, snapshot, writeMark } from './snapshot.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Fields most of the app's forms carry, for a route whose form was not found on any page. */
const COMMON_FIELDS: Pairs = [
  ['version', '1'],
  ['seen', '0'],
  ['reason', 'fuzz'],
  ['transition', 'submit'],
];

const replay = (what: string) => `(replay: WEB_FUZZ_SEED=${String(FUZZ_SEED)}) ${what}`;

function checkResponse(
  problems: string[],
  label: string,
  fuzz: FuzzCase,
  response: LightMyRequestResponse,
): void {
  const status = response.statusCode;
  if (status >= 500) {
    problems.push(`${label}: ${String(status)} for ${fuzz.what}: ${response.body.slice(0, 300)}`);
  }
  if (fuzz.oversized && status !== 413) {
    problems.push(`${label}: oversized body answered ${String(status)}, not 413`);
  }
  for (const problem of cspProblems(response)) problems.push(`${label}: ${problem}`);
  if (isHtml(response)) {
    for (const problem of unsafeMarkup(response.body, [MARKER])) {
      problems.push(`${label}: ${fuzz.what}: ${problem}`);
    }
  }
}

/** Query names: the app's GET forms and links, the API document's parameters, and common ones. */
async function queryNames(world: FuzzWorld, forms: readonly FoundForm[]): Promise<string[]> {
  const names = new Set(COMMON_QUERY_NAMES);
  for (const form of forms.filter((f) => f.method === 'get')) {
    for (const field of form.fields) names.add(field.name);
  }
  for (const url of ['/', '/kommuner', `/utvarderingar/${world.publishedId}`]) {
    const page = await world.app.inject({ url });
    for (const tag of startTags(page.body)) {
      const href = tag.attrs.get('href');
      if (href?.includes('?')) {
        for (const name of new URL(href, 'http://x').searchParams.keys()) names.add(name);
      }
    }
  }
  const api = await world.app.inject({ url: '/api/v1/openapi.json' });
  if (api.statusCode === 200) {
    const text = api.body;
    for (const match of text.matchAll(/"name"\s*:\s*"([^"]+)"\s*,\s*"in"\s*:\s*"query"/g)) {
      if (match[1]) names.add(match[1]);
    }
    for (const match of text.matchAll(/"in"\s*:\s*"query"\s*,\s*"name"\s*:\s*"([^"]+)"/g)) {
      if (match[1]) names.add(match[1]);
    }
  }
  return [...names].sort();
}

describeDatabases(
  'web fuzz: every form and endpoint refuses bad input',
  (getDb) => {
    let world: FuzzWorld;
    let forms: FoundForm[] = [];
    /** The forms a municipality user sees (self-assessment, comments in Min kommun). */
    let municipalityForms: FoundForm[] = [];

    beforeAll(async () => {
      world = await createFuzzWorld(getDb());
      const admin = await world.session('admin');
      forms = await discoverForms(world, admin.cookies);
      const kommun = await world.session('municipality user');
      municipalityForms = (await discoverForms(world, kommun.cookies)).filter(
        (form) => form.method === 'post' && !/\/logga-ut$/.test(form.action),
      );
      console.info(
        `web fuzz: WEB_FUZZ_SEED=${String(FUZZ_SEED)}, WEB_FUZZ_CASES=${String(FUZZ_CASES)}, ` +
          `${String(world.routes.length)} routes, ${String(forms.length)} forms found ` +
          `(${String(municipalityForms.length)} more for municipality users)`,
      );
    }, 240_000); // building the world and reading every page takes a while on a busy machine
    afterAll(async () => {
      await world?.close();
    });

    it('finds the forms of the workspace, so POST bodies are realistic (the fuzz is not vacuous)', () => {
      const actions = new Set(forms.map((form) => form.action.replace(world.draftId, ':id')));
      for (const action of [
        '/arbetsyta/ny',
        '/arbetsyta/:id/webbplats',
        '/arbetsyta/:id/intervjuer',
        '/arbetsyta/:id/omraden/1/fragor/1.1',
        '/arbetsyta/:id/omraden/1/text',
        '/konto/losenord',
      ]) {
        expect(actions, action).toContain(action);
      }
    });

    it('answers every GET with hostile query and path values without a 5xx, escaped, changing nothing', async () => {
      const { db } = getDb();
      const names = await queryNames(world, forms);
      const sessions: Record<string, TestSession | undefined> = {
        anonymous: undefined,
        admin: await world.session('admin'),
        'evaluator on the team': await world.session('evaluator on the team'),
        'municipality user': await world.session('municipality user'),
      };
      const readers = ['anonymous', ...ACTORS, 'municipality user'] as const;
      const problems: string[] = [];
      let sent = 0;
      for (const route of world.routes.filter((r) => r.method === 'GET')) {
        const key = `GET ${route.url}`;
        const before = await snapshot(db);
        for (let index = 0; index < FUZZ_CASES; index += 1) {
          const random = prng(caseSeed(key, index));
          const actor = readers[index % readers.length] ?? 'anonymous';
          const id = index % 2 === 0 ? world.publishedId : world.draftId;
          const fuzz = getCase(random, {
            pattern: route.url,
            url: concreteUrl(world, route, id),
            names,
            cookies: sessions[actor]?.cookies ?? {},
          });
          const response = await world.app.inject(fuzz.options);
          sent += 1;
          checkResponse(
            problems,
            replay(`${key} as ${actor}, case ${String(index)}`),
            fuzz,
            response,
          );
        }
        const changed = changedTables(before, await snapshot(db));
        if (changed.length > 0) problems.push(replay(`${key} changed ${changed.join(', ')}`));
      }
      console.info(`web fuzz: ${String(sent)} GET requests`);
      expect(problems).toEqual([]);
    }, 600_000);

    it('answers every POST with hostile bodies (admin, team evaluator, the kommun’s user on its forms, the public on the sign-in form; valid CSRF) without a 5xx; a refusal changes nothing', async () => {
      const { db } = getDb();
      const problems: string[] = [];
      const statuses = new Map<number, number>();
      const posts = world.routes.filter((route) => UNSAFE.has(route.method));
      // A sign-out or a password change ends sessions: those routes go last.
      const last = (route: RegisteredRoute) => (/logga-ut|losenord/.test(route.url) ? 1 : 0);
      posts.sort((a, b) => last(a) - last(b));
      // The snapshot to compare with: taken again only after an accepted case changed something.
      let current = await snapshot(db);
      for (const route of posts) {
        // The sign-in form is the one form the public posts: fuzzed signed out too, with the
        // anonymous CSRF cookie and token the sign-in page hands out.
        // The forms only the kommun's users have are posted by one of them as well.
        const kommunPosts = municipalityForms.some((form) =>
          matchesRoute(route, form.action.split('?')[0] ?? ''),
        );
        const actors = [
          ...ACTORS,
          ...(route.url === SIGN_IN_PATH ? (['anonymous'] as const) : []),
          ...(kommunPosts ? (['municipality user'] as const) : []),
        ];
        for (const actor of actors) {
          const key = `${route.method} ${route.url}`;
          // Its own session: a case that signs out or rotates ends only this one.
          const session =
            actor === 'anonymous' ? await signedOut(world) : await world.session(actor);
          current = await snapshot(db); // with the new session in it
          const url = concreteUrl(world, route, world.draftId);
          let form: FoundForm | undefined;
          let stale = true;
          for (let index = 0; index < FUZZ_CASES; index += 1) {
            const random = prng(caseSeed(`${actor} ${key}`, index));
            // Read the form again after an accepted case: it moves the evaluation's version on.
            if (stale) {
              const known = actor === 'municipality user' ? municipalityForms : forms;
              form = await freshForm(world, known, route, url, session);
            }
            const fuzz = postCase(random, {
              pattern: route.url,
              url,
              fields: form ? baselinePairs(form.fields) : COMMON_FIELDS,
              csrf: session.csrfToken,
              cookies: session.cookies,
              upload: form?.enctype === 'multipart/form-data',
            });
            const mark = await writeMark(db);
            const response = await world.app.inject(fuzz.options);
            statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
            stale = response.statusCode < 400;
            const label = replay(`${key} as ${actor}, case ${String(index)}`);
            checkResponse(problems, label, fuzz, response);
            // Nothing written at all: nothing to compare (the usual case for a refusal).
            if ((await writeMark(db)) === mark) continue;
            const after = await snapshot(db);
            if (response.statusCode >= 400) {
              const changed = changedTables(current, after);
              if (changed.length > 0) {
                problems.push(
                  `${label}: refused with ${String(response.statusCode)} (${fuzz.what}) but changed ${changed.join(', ')}`,
                );
              }
            }
            current = after;
          }
        }
      }
      console.info(
        `web fuzz: ${String(posts.length)} unsafe routes; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
      expect(problems).toEqual([]);
      // Some cases must get through the CSRF check to a handler and be refused there.
      expect([...statuses.keys()].some((status) => status === 400 || status === 409)).toBe(true);
    }, 600_000);

    it('still renders every page after the fuzz for the public, an admin and the kommun, escaped and with the CSP', async () => {
      const problems: string[] = [];
      // The public and an admin (who sees every page an evaluator sees, and more).
      const sessions = [
        undefined,
        await world.session('admin'),
        await world.session('municipality user'),
      ];
      for (const route of world.routes.filter((r) => r.method === 'GET')) {
        for (const id of [world.draftId, world.publishedId]) {
          for (const session of sessions) {
            const url = concreteUrl(world, route, id);
            const response = await world.app.inject({ url, cookies: session?.cookies ?? {} });
            checkResponse(
              problems,
              `GET ${url} as ${session ? session.user.role : 'anonymous'}`,
              { what: 'after the fuzz', options: {} },
              response,
            );
          }
        }
      }
      expect(problems).toEqual([]);
    }, 300_000);
  },
  { shared: true },
);

/** What a post needs to pass the CSRF check: cookies and the token. */
type Credentials = Pick<TestSession, 'cookies' | 'csrfToken'>;

/** A signed-out visitor's credentials: the anonymous CSRF cookie and token of the sign-in page. */
async function signedOut(world: FuzzWorld): Promise<Credentials> {
  const page = await world.app.inject({ url: SIGN_IN_PATH });
  return {
    cookies: { [CSRF_COOKIE]: cookiesSet(page)[CSRF_COOKIE] ?? '' },
    csrfToken: csrfFromHtml(page.body),
  };
}

/** The route's form as the page shows it now (fresh version and `seen`), if one is found. */
async function freshForm(
  world: FuzzWorld,
  forms: readonly FoundForm[],
  route: RegisteredRoute,
  url: string,
  session: Credentials,
): Promise<FoundForm | undefined> {
  const posting = forms.filter(
    (form) => form.method === 'post' && matchesRoute(route, form.action.split('?')[0] ?? ''),
  );
  // The pages the form was found on, and the route's own page (the sign-in form is on /logga-in).
  for (const page of new Set([...posting.map((form) => form.page), url])) {
    const response = await world.app.inject({ url: page, cookies: session.cookies });
    if (response.statusCode !== 200) continue;
    const match = formsOf(response.body).find(
      (form) => form.method === 'post' && (form.action === url || matchesRoute(route, form.action)),
    );
    if (match) return { ...match, page };
  }
  return posting[0];
}
