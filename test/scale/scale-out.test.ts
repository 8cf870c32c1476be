/**
 * Scale out: on PostgreSQL the app keeps no state in the process (sessions, sign-in throttling,
 * account lockout and optimistic locking live in the database), so two `kompass serve`
 * processes on one database behave as one app: a session made on one works on the other, a
 * stale form on one is refused after a write on the other, a sign-out and failed sign-ins count
 * everywhere. On PGlite a second server on the same data folder is refused with a clear message.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createUser } from '../../src/db/repositories/users.ts';
import { auditLog, questionScores } from '../../src/db/schema.ts';
import { createTestEnv, describePostgresMissing, testDatabaseUrl } from '../../src/db/testing.ts';
import { createWorkspaceEvaluation } from '../../src/use-cases/create-evaluation.ts';
import { hashPassword } from '../../src/web/auth/credentials.ts';
import { killAllKompass, runKompass, serveKompass } from '../crash/kompass-process.ts';
import { formStateOf, getPage, hiddenField, postForm, signIn } from '../crash/web-client.ts';

const TIMEOUT = 240_000;
const EMAIL = 'skala@example.se';
const PASSWORD = 'skala-ut-lösenord-1';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await killAllKompass();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function withOpen<T>(env: Record<string, string>, fn: (db: Database) => Promise<T>) {
  const database = await openDatabase({ env, cwd: process.cwd() });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** An evaluator with a known password and a draft on kk-2016 they lead. */
async function seedDraft(env: Record<string, string>): Promise<{ id: string; userId: string }> {
  return withOpen(env, async (database) => {
    const user = await createUser(
      database.db,
      {
        email: EMAIL,
        role: 'evaluator',
        municipalityCode: null,
        displayName: 'Skala Ut',
        passwordHash: await hashPassword(PASSWORD),
        mustChangePassword: false,
      },
      { actorUserId: null },
    );
    const created = await createWorkspaceEvaluation(database.db, {
      actorUserId: user.id,
      municipalityCode: '0486',
      editionId: 'kk-2016',
      year: 2026,
      fieldworkStartsOn: null,
      fieldworkEndsOn: null,
      memberIds: [],
    });
    if (!created.ok) throw new Error(created.issues.map((issue) => issue.message).join('; '));
    return { id: created.value.id, userId: user.id };
  });
}

async function wrongSignIn(baseUrl: string): Promise<number> {
  const page = await fetch(`${baseUrl}/logga-in`);
  const csrf = hiddenField(await page.text(), '_csrf') ?? '';
  const cookie = page.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  const response = await fetch(`${baseUrl}/logga-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: csrf, email: EMAIL, password: 'fel-lösenord' }).toString(),
  });
  return response.status;
}

if (testDatabaseUrl()) {
  describe('two servers on one PostgreSQL database [postgres]', () => {
    it(
      'share sessions, refuse a stale form after a write on the other, and count sign-in failures together',
      async () => {
        const { env, dispose } = await createTestEnv('postgres');
        cleanups.push(dispose);
        const draft = await seedDraft(env);
        const [a, b] = await Promise.all([serveKompass(env), serveKompass(env)]);
        if (!a || !b) throw new Error('two servers expected');
        expect(a.pid).not.toBe(b.pid);

        // Signed in on A; the same cookie works on B.
        const cookie = await signIn(a.url, EMAIL, PASSWORD);
        const area = `/arbetsyta/${draft.id}/omraden/1`;
        const onB = await getPage(b.url, area, cookie);
        expect(onB.status).toBe(200);
        const staleOnB = formStateOf(onB.html);
        const onA = formStateOf((await getPage(a.url, area, cookie)).html);
        expect(onA).toEqual(staleOnB);

        // A saves question 1.1; B's form, loaded before, is refused and changes nothing.
        const saved = await postForm(a.url, `${area}/fragor/1.1`, cookie, {
          _csrf: onA.csrf,
          version: String(onA.version),
          seen: String(onA.seen),
          points: '2',
          justification: 'Sparad på server A.',
        });
        expect(saved.status).toBe(303);
        const refused = await postForm(b.url, `${area}/fragor/1.1`, cookie, {
          _csrf: staleOnB.csrf,
          version: String(staleOnB.version),
          seen: String(staleOnB.seen),
          points: '1',
          justification: 'Inaktuellt formulär på server B.',
        });
        expect(refused.status).toBe(409);
        // The refusal shows B's user what A changed meanwhile.
        expect(refused.html).toContain('Sparad på server A.');

        // B, reloaded, sees A's write at once (no stale copy) and saves on top of it.
        const fresh = await getPage(b.url, area, cookie);
        expect(fresh.html).toContain('Sparad på server A.');
        const freshForm = formStateOf(fresh.html);
        expect(freshForm.version).toBe(onA.version + 1);
        const second = await postForm(b.url, `${area}/fragor/1.1`, cookie, {
          _csrf: freshForm.csrf,
          version: String(freshForm.version),
          seen: String(freshForm.seen),
          points: '3',
          justification: 'Sparad på server B.',
        });
        expect(second.status).toBe(303);
        expect((await getPage(a.url, area, cookie)).html).toContain('Sparad på server B.');

        await withOpen(env, async (database) => {
          const [score] = await database.db
            .select({ points: questionScores.points, justification: questionScores.justification })
            .from(questionScores)
            .where(
              and(eq(questionScores.evaluationId, draft.id), eq(questionScores.questionId, '1.1')),
            );
          expect(score).toEqual({ points: 3, justification: 'Sparad på server B.' });
          const audited = await database.db
            .select({ value: auditLog.newValue })
            .from(auditLog)
            .where(and(eq(auditLog.evaluationId, draft.id), eq(auditLog.field, 'justification')))
            .orderBy(auditLog.id);
          expect(audited.map((row) => row.value)).toEqual([
            'Sparad på server A.',
            'Sparad på server B.',
          ]);
        });

        // Signing out on B ends the session on A too.
        const signOut = await postForm(b.url, '/logga-ut', cookie, { _csrf: freshForm.csrf });
        expect(signOut.status).toBe(303);
        const afterSignOut = await getPage(a.url, area, cookie);
        expect(afterSignOut.status).not.toBe(200);
        expect(afterSignOut.html).not.toContain('Sparad på server B.');

        // Failed sign-ins count on both: 3 on A and 2 on B lock the account (5 failures) for
        // both, even with the right password.
        for (let i = 0; i < 3; i += 1) expect(await wrongSignIn(a.url)).toBe(401);
        expect(await wrongSignIn(b.url)).toBe(401);
        expect(await wrongSignIn(b.url)).toBe(429);
        await expect(signIn(a.url, EMAIL, PASSWORD)).rejects.toThrow(/answered 429/);
      },
      TIMEOUT,
    );
  });
} else {
  describePostgresMissing('two servers on one PostgreSQL database');
}

describe('a second server on one PGlite data folder', () => {
  it(
    'is refused with a message naming the folder and the server that holds it',
    async () => {
      const { env, dispose } = await createTestEnv('pglite');
      cleanups.push(dispose);
      // The installed entry point, so the lock names the holder as `kompass serve`.
      const first = await serveKompass(env, { bin: true });
      const second = runKompass(['serve', '--port', '0'], env, { bin: true });
      expect(await second.exited).not.toBe(0);
      expect(second.output()).toContain(`is in use by process ${String(first.pid)} (kompass serve`);
      expect(second.output()).toContain('set DATABASE_URL to use a PostgreSQL server');
      // The first server is unaffected.
      expect((await fetch(`${first.url}/health`)).status).toBe(200);
    },
    TIMEOUT,
  );
});
