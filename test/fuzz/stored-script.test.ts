/**
 * Stored script: payloads stored through the real forms (every text field of every form on the
 * workspace pages: source titles and notes, interview names and notes, justifications, area
 * texts, findings, and whatever forms other features add there, such as comments), and through
 * the workflow (a reason for returning to draft, a reason for a correction), must come out
 * escaped on every page that shows them: the workspace, the workflow and history pages, the
 * public evaluation page, the report and the exact HTML handed to the PDF printer. "Escaped" is
 * checked on the parsed tags (test/fuzz/html.ts): no inline script, no event-handler attribute,
 * no javascript: URL, no element made from a payload. Every HTML response must carry the CSP.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { getEvaluation } from '../../src/db/repositories/evaluations.ts';
import { describeDatabases } from '../../src/db/testing.ts';
import { postForm, type TestSession } from '../../src/web/auth/testing.ts';
import {
  concreteUrl,
  createFuzzWorld,
  cspProblems,
  discoverForms,
  isHtml,
  type FuzzWorld,
} from './fixture.ts';
import { formsOf, unsafeMarkup, type Form, type FormField } from './html.ts';
import { MARKER, SCRIPT_PAYLOADS } from './payloads.ts';
import { multipart, type Pairs } from './requests.ts';

/** Forms that store no text of their own, or end the session: not filled with payloads. */
const SKIPPED =
  /\/(logga-ut|logga-in|losenord|status|rattelse|ta-bort|delning|team)$|\/arbetsyta\/ny$/;

const TEXT_TYPES = new Set(['text', 'textarea', 'search', 'url', 'email', 'tel']);

/** Each payload numbered, so where it came from can be told on the page. */
const payload = (index: number) =>
  `${SCRIPT_PAYLOADS[index % SCRIPT_PAYLOADS.length] ?? ''} ${MARKER}-${String(index)}`;

/** The form filled in: text fields get payloads (unless `plain`), the rest stays valid. */
/**
 * The form filled in: text fields get payloads (unless `plain`), the rest stays valid; with
 * `choose`, a select left on its empty first option gets its first real option.
 */
function fill(
  fields: readonly FormField[],
  next: () => string,
  plain: ReadonlySet<string>,
  choose: boolean,
): Pairs {
  const pairs: Pairs = [];
  // A radio group with nothing chosen: choose its first option, as a person filling it in would.
  const chosen = new Set(fields.filter((f) => f.type === 'radio' && f.checked).map((f) => f.name));
  for (const field of fields) {
    if (field.name === '_csrf' || field.type === 'file') continue;
    if (field.type === 'radio' && !field.checked && !chosen.has(field.name)) {
      chosen.add(field.name);
      pairs.push([field.name, field.value]);
      continue;
    }
    if ((field.type === 'checkbox' || field.type === 'radio') && !field.checked) continue;
    if (field.type === 'date') {
      pairs.push([field.name, field.value || '2026-03-02']);
    } else if (TEXT_TYPES.has(field.type) && !field.inputmode && !plain.has(field.name)) {
      pairs.push([field.name, field.type === 'url' ? `https://example.se/${next()}` : next()]);
    } else if (field.type === 'url') {
      pairs.push([field.name, 'https://example.se/']);
    } else if (choose && field.type === 'select' && field.value === '') {
      pairs.push([field.name, field.options?.find((option) => option !== '') ?? '']);
    } else {
      pairs.push([field.name, field.value]);
    }
  }
  return pairs;
}

async function submit(
  world: FuzzWorld,
  form: Form,
  session: Pick<TestSession, 'cookies' | 'csrfToken'>,
  pairs: Pairs,
): Promise<number> {
  const fields: Pairs = [['_csrf', session.csrfToken], ...pairs];
  if (form.enctype === 'multipart/form-data') {
    const { body, type } = multipart(fields, {
      field: 'file',
      filename: `"><img src=x onerror=alert(1)>${MARKER}.pdf`,
      type: 'application/pdf',
      data: Buffer.from('%PDF-1.4 <script>alert(1)</script>'),
    });
    const response = await world.app.inject({
      method: 'POST',
      url: form.action,
      cookies: session.cookies,
      headers: { 'content-type': type },
      payload: body,
    });
    return response.statusCode;
  }
  const response = await world.app.inject({
    method: 'POST',
    url: form.action,
    cookies: session.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields.map(([name, value]) => [name, String(value)])).toString(),
  });
  return response.statusCode;
}

/** The numbered markers in a text ("kx9q-12"). */
const markersOf = (text: string): string[] =>
  [...text.matchAll(new RegExp(`${MARKER}-\\d+`, 'g'))].map((match) => match[0]);

/** The numbered markers stored anywhere in the database. */
async function markersIn(db: Db): Promise<string[]> {
  const { rows: tables } = (await db.execute(
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'`,
  )) as unknown as { rows: Array<{ name: string }> };
  const found = new Set<string>();
  for (const { name } of tables) {
    const { rows } = (await db.execute(
      sql`select to_jsonb(t)::text as row from ${sql.identifier(name)} t
          where to_jsonb(t)::text like ${`%${MARKER}-%`}`,
    )) as unknown as { rows: Array<{ row: string }> };
    for (const { row } of rows) for (const marker of markersOf(row)) found.add(marker);
  }
  return [...found].sort();
}

describeDatabases(
  'stored script never runs: payloads stored through the forms come out escaped',
  (getDb) => {
    let world: FuzzWorld;

    beforeAll(async () => {
      world = await createFuzzWorld(getDb());
    }, 240_000); // building the world and reading every page takes a while on a busy machine
    afterAll(async () => {
      await world?.close();
    });

    it('stores payloads through every workspace, Min kommun and self-assessment form and the workflow, and every page shows them escaped', async () => {
      const { db } = getDb();
      const evaluator = await world.session('evaluator on the team');
      const admin = await world.session('admin');
      let counter = 0;
      const next = () => {
        const text = payload(counter);
        counter += 1;
        return text;
      };

      const kommun = await world.session('municipality user');
      const outcomes: string[] = [];
      // The evaluator's forms (the workspace), then the kommun's (Min kommun, self-assessment).
      for (const writer of [evaluator, kommun]) {
        const forms = (await discoverForms(world, writer.cookies)).filter(
          (form) =>
            form.method === 'post' &&
            (form.action.includes(world.draftId) || form.action.includes(world.selfAssessmentId)) &&
            !SKIPPED.test(form.action) &&
            form.fields.some((field) => TEXT_TYPES.has(field.type) && !field.inputmode),
        );
        const filled = new Set<string>();
        for (const form of forms) {
          if (filled.has(form.action)) continue;
          filled.add(form.action);
          // The page again, for the current version (an earlier form moved it on).
          const page = await world.app.inject({ url: form.page, cookies: writer.cookies });
          const fresh = formsOf(page.body).find((candidate) => candidate.action === form.action);
          if (!fresh) continue;
          // Refused (e.g. a URL field that must be a URL, an optional row half filled in): payloads
          // in the free texts only, and selects as they are or chosen.
          const strict = new Set(
            fresh.fields
              .filter((f) => f.type !== 'textarea' && f.name !== 'title')
              .map((f) => f.name),
          );
          let status = 0;
          for (const [plain, choose] of [
            [new Set<string>(), true],
            [strict, true],
            [strict, false],
          ] as const) {
            status = await submit(world, fresh, writer, fill(fresh.fields, next, plain, choose));
            if (status < 400) break;
          }
          outcomes.push(
            `${form.action.replace(world.draftId, ':id').replace(world.selfAssessmentId, ':self')}: ${String(status)}`,
          );
        }
      }
      // The forms that hold the texts evaluators write must take the payloads (as text).
      for (const path of [
        '/webbplats',
        '/intervjuer',
        '/fragor/1.1',
        '/omraden/1/text',
        '/min-kommun/utvarderingar/:id/kommentarer',
        '/sjalvvardering/:self',
      ]) {
        expect(
          outcomes.find((line) => line.includes(`${path}:`)),
          outcomes.join('\n'),
        ).toMatch(/: 30[0-9]$|: 200$/);
      }

      // Through the workflow: submit, return with a reason, submit, publish, correct with a reason.
      const id = world.draftId;
      const step = async (session: TestSession, url: string, fields: Record<string, string>) => {
        const version = String((await getEvaluation(db, id))?.version ?? 0);
        return (await postForm(world.app, url, session, { version, ...fields })).statusCode;
      };
      const returnReason = next();
      const correctionReason = next();
      expect(await step(evaluator, `/utvarderingar/${id}/status`, { transition: 'submit' })).toBe(
        303,
      );
      expect(
        await step(admin, `/utvarderingar/${id}/status`, {
          transition: 'return',
          reason: returnReason,
        }),
      ).toBe(303);
      expect(await step(evaluator, `/utvarderingar/${id}/status`, { transition: 'submit' })).toBe(
        303,
      );
      expect(await step(admin, `/utvarderingar/${id}/status`, { transition: 'publish' })).toBe(303);
      expect(await step(admin, `/utvarderingar/${id}/rattelse`, { reason: correctionReason })).toBe(
        303,
      );
      // What is in the database now (an edit form replaces what an add form stored before it).
      const stored = await markersIn(db);
      expect(stored).toContain(returnReason.slice(returnReason.lastIndexOf(MARKER)));
      expect(stored).toContain(correctionReason.slice(correctionReason.lastIndexOf(MARKER)));

      // Every page, for the published evaluation and its correction draft, as each reader.
      const correction = (
        (await db.execute(
          sql`select id from evaluations where id <> ${id} and municipality_code = '0486'
              and status = 'draft' order by created_at desc limit 1`,
        )) as unknown as { rows: Array<{ id: string }> }
      ).rows[0]?.id;
      const problems: string[] = [];
      const seen = new Set<string>();
      let pages = 0;
      for (const route of world.routes.filter((r) => r.method === 'GET')) {
        for (const evaluationId of [id, correction ?? id]) {
          for (const session of [undefined, evaluator, admin, kommun]) {
            const url = concreteUrl(world, route, evaluationId);
            const response = await world.app.inject({ url, cookies: session?.cookies ?? {} });
            const who = session ? session.user.role : 'anonymous';
            if (response.statusCode >= 500)
              problems.push(`GET ${url} as ${who}: ${String(response.statusCode)}`);
            for (const problem of cspProblems(response)) problems.push(`GET ${url}: ${problem}`);
            if (!isHtml(response)) continue;
            pages += 1;
            for (const problem of unsafeMarkup(response.body, [MARKER])) {
              problems.push(`GET ${url} as ${who}: ${problem}`);
            }
            for (const marker of markersOf(response.body)) seen.add(marker);
          }
        }
      }
      // The report as printed to PDF: the exact HTML the printer was given.
      world.printed.length = 0;
      expect((await world.app.inject({ url: `/utvarderingar/${id}/rapport.pdf` })).statusCode).toBe(
        200,
      );
      expect(world.printed).toHaveLength(1);
      const printed = world.printed[0] ?? '';
      expect(printed).toContain(MARKER);
      for (const problem of unsafeMarkup(printed, [MARKER]))
        problems.push(`report PDF HTML: ${problem}`);

      expect(problems).toEqual([]);
      expect(stored.length).toBeGreaterThan(10);
      console.info(
        `stored script: ${String(stored.length)} payloads stored (${outcomes.join(', ')}), ${String(pages)} HTML pages checked`,
      );
      // Every stored payload is shown on some page (the check is not vacuous).
      expect(stored.filter((marker) => !seen.has(marker))).toEqual([]);
    }, 300_000);
  },
  { shared: true },
);
