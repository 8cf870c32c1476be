/**
 * Crash safety: the process writing to the database is killed with SIGKILL in the middle of its
 * work, then started again on the same database. Every change it acknowledged must be there,
 * nothing half-written may be (an evaluation without its scores, area totals that do not match
 * their question points, a change without its audit entry or the reverse), and the database
 * passes its integrity checks (test/crash/integrity.ts). On PGlite the restart also proves that
 * the dead process's folder lock does not block the next opener.
 *
 * - Import: `kompass import --replace` of many report files (each one transaction, each a new
 *   revision); a file counts as acknowledged once the command has printed its line.
 * - Scoring: `kompass serve` with four clients posting scores of one draft; a score counts as
 *   acknowledged when the server answered 303.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type DatabaseKind } from '../../src/db/client.ts';
import { auditLog, evaluations, questionScores } from '../../src/db/schema.ts';
import { createUser } from '../../src/db/repositories/users.ts';
import { getEdition } from '../../src/db/repositories/editions.ts';
import { removeDir } from '../../src/db/test-templates.ts';
import { createTestEnv, describePostgresMissing, testDatabaseUrl } from '../../src/db/testing.ts';
import { createWorkspaceEvaluation } from '../../src/use-cases/create-evaluation.ts';
import { hashPassword } from '../../src/web/auth/credentials.ts';
import { amcheckIndexes, consistencyViolations, readEveryTable } from './integrity.ts';
import {
  killAllKompass,
  runKompass,
  serveKompass,
  type KompassProcess,
} from './kompass-process.ts';
import { formStateOf, getPage, postForm, signIn } from './web-client.ts';

const seed = (name: string) =>
  readFileSync(new URL(`../../../shared/seeds/${name}`, import.meta.url), 'utf8');
const SEEDS = [
  'kommunkompassen-strangnas-2016.txt',
  'kommunkompassen-upplands-bro-2011.txt',
  'kommunkompassen-sodertalje-2006.txt',
];
/** Variants of each seed: each a different text, so each import stores a new revision. */
const VARIANTS = 4;
const KILL_AFTER_IMPORTS = 3;
const KILL_AFTER_SCORES = 12;

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

/** Consistency queries, a full read of every table and (PostgreSQL) amcheck: all must pass. */
async function expectIntact(database: Database): Promise<void> {
  expect(await consistencyViolations(database)).toEqual([]);
  const counts = await readEveryTable(database);
  expect(counts.municipalities).toBe(290);
  const checked = await amcheckIndexes(database);
  if (database.kind === 'postgres' && checked !== undefined) expect(checked).toBeGreaterThan(10);
}

/** Resolves once `test()` holds, polling; fails with the process output after `timeoutMs`. */
async function until(run: KompassProcess, test: () => boolean, timeoutMs = 120_000) {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out waiting; the process printed:\n${run.output()}`);
    }
    if (run.child.exitCode !== null) {
      throw new Error(`the process exited (${run.child.exitCode}) first:\n${run.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Each test starts processes and waits for them: generous on a busy machine. */
const TIMEOUT = 240_000;

function crashSuite(kind: DatabaseKind) {
  it(
    'a SIGKILL in the middle of importing many reports keeps every acknowledged report whole',
    async () => {
      const { env, dispose } = await createTestEnv(kind);
      cleanups.push(dispose);
      const dir = mkdtempSync(join(tmpdir(), 'kompass-crash-import-'));
      cleanups.push(() => removeDir(dir));
      // Interleaved: strangnas-1, upplands-bro-1, sodertalje-1, strangnas-2, …
      const files: string[] = [];
      for (let variant = 1; variant <= VARIANTS; variant += 1) {
        for (const name of SEEDS) {
          const file = join(dir, `${String(variant)}-${name}`);
          writeFileSync(file, `${seed(name)}${'\n'.repeat(variant)}`);
          files.push(file);
        }
      }
      const names = files.map((file) => basename(file));
      const acknowledged = (output: string) =>
        [...output.matchAll(/^(?:imported|replaced) +(\S+?): /gm)].map((match) => match[1]);

      const first = runKompass(['import', '--replace', ...files], env);
      await until(first, () => acknowledged(first.output()).length >= KILL_AFTER_IMPORTS);
      first.kill('SIGKILL');
      expect(await first.exited).toBeNull();
      const done = acknowledged(first.output());
      expect(done.length).toBeGreaterThanOrEqual(KILL_AFTER_IMPORTS);
      expect(done.length).toBeLessThan(files.length); // killed in the middle, not after the end

      // Reopened (on PGlite: the dead importer's lock is taken over): every acknowledged report
      // is there with all its parts, and nothing half-written is.
      await withOpen(env, async (database) => {
        // The importer stores a report's file name as its source.
        const stored = (
          await database.db.select({ source: evaluations.source }).from(evaluations)
        ).filter((row) => names.includes(row.source));
        const sources = new Set(stored.map((row) => row.source));
        for (const file of done) expect(sources.has(basename(file ?? '')), file).toBe(true);
        // At most the report in flight committed without being acknowledged.
        expect(stored.length - done.length).toBeLessThanOrEqual(1);
        await expectIntact(database);
      });

      // Restarted on the files not acknowledged, the import finishes the job (a report that
      // committed unacknowledged is found unchanged): the newest variant of each is current.
      const again = runKompass(['import', '--replace', ...files.slice(done.length)], env);
      expect(await again.exited, again.output()).toBe(0);
      await withOpen(env, async (database) => {
        const current = (
          await database.db
            .select({ source: evaluations.source, revision: evaluations.revision })
            .from(evaluations)
            .where(eq(evaluations.current, true))
        ).filter((row) => names.includes(row.source));
        expect(current.map((row) => row.source).sort()).toEqual(
          SEEDS.map((name) => `${String(VARIANTS)}-${name}`).sort(),
        );
        expect(current.map((row) => row.revision)).toEqual([VARIANTS, VARIANTS, VARIANTS]);
        await expectIntact(database);
      });
    },
    TIMEOUT,
  );

  it(
    'a SIGKILL of the server in the middle of scoring writes loses no acknowledged score',
    async () => {
      const { env, dispose } = await createTestEnv(kind);
      cleanups.push(dispose);
      const password = 'krasch-test-lösenord-1';
      const email = 'krasch@example.se';
      const setup = await withOpen(env, async (database) => {
        const user = await createUser(
          database.db,
          {
            email,
            role: 'evaluator',
            municipalityCode: null,
            displayName: 'Krasch Test',
            passwordHash: await hashPassword(password),
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
        const edition = await getEdition(database.db, 'kk-2016');
        const area = edition?.definition.areas[0];
        if (!area) throw new Error('kk-2016 has no area 1');
        const [row] = await database.db
          .select({ version: evaluations.version })
          .from(evaluations)
          .where(eq(evaluations.id, created.value.id));
        return {
          id: created.value.id,
          questions: area.questions.map((q) => ({ id: q.id, max: q.max ?? 0 })),
          version: row?.version ?? 0,
        };
      });

      const server = await serveKompass(env);
      const cookie = await signIn(server.url, email, password);
      const areaPath = `/arbetsyta/${setup.id}/omraden/1`;
      interface Write {
        question: string;
        points: number;
        justification: string;
        /** The version the form was based on: an acknowledged write committed as version + 1. */
        version: number;
        outcome: 'saved' | 'stale' | 'unknown';
      }
      const writes: Write[] = [];
      let sequence = 0;
      let stop = false;
      const client = async () => {
        while (!stop) {
          let write: Write | undefined;
          try {
            const page = await getPage(server.url, areaPath, cookie);
            if (page.status !== 200) throw new Error(`the area page answered ${page.status}`);
            const form = formStateOf(page.html);
            const question = setup.questions[sequence % setup.questions.length];
            if (!question) throw new Error('no question');
            sequence += 1;
            write = {
              question: question.id,
              points: (sequence * 0.5) % (question.max + 0.5),
              justification: `Motivering nummer ${String(sequence)}.`,
              version: form.version,
              outcome: 'unknown',
            };
            writes.push(write);
            const answer = await postForm(server.url, `${areaPath}/fragor/${question.id}`, cookie, {
              _csrf: form.csrf,
              version: String(form.version),
              seen: String(form.seen),
              points: String(write.points).replace('.', ','),
              justification: write.justification,
            });
            if (answer.status === 303) write.outcome = 'saved';
            else if (answer.status === 409) write.outcome = 'stale';
            else
              throw new Error(
                `a score post answered ${answer.status}: ${answer.html.slice(0, 300)}`,
              );
          } catch (error) {
            if (stop) return; // the server was killed under this request: its outcome is unknown
            throw error;
          }
        }
      };
      const clients = Array.from({ length: 4 }, () => client());
      const saved = () => writes.filter((write) => write.outcome === 'saved').length;
      await until(server, () => saved() >= KILL_AFTER_SCORES);
      server.kill('SIGKILL');
      stop = true;
      await Promise.all(clients);
      expect(await server.exited).toBeNull();

      // Restarted on the same database: it serves, and the session made before the crash works.
      const restarted = await serveKompass(env);
      const page = await getPage(restarted.url, areaPath, cookie);
      expect(page.status).toBe(200);
      const versionAfter = formStateOf(page.html).version;
      restarted.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);

      const acknowledged = writes.filter((write) => write.outcome === 'saved');
      const unknown = writes.filter((write) => write.outcome === 'unknown');
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_SCORES);
      await withOpen(env, async (database) => {
        const [evaluation] = await database.db
          .select({ version: evaluations.version })
          .from(evaluations)
          .where(eq(evaluations.id, setup.id));
        expect(evaluation?.version).toBe(versionAfter);
        const committed = versionAfter - setup.version;
        // Every acknowledged write committed; at most the ones in flight did besides.
        expect(committed).toBeGreaterThanOrEqual(acknowledged.length);
        expect(committed).toBeLessThanOrEqual(acknowledged.length + unknown.length);
        for (const write of acknowledged) expect(write.version).toBeLessThan(versionAfter);
        // Each committed write changed its justification (all differ): one audit entry each.
        const audited = await database.db
          .select({ value: auditLog.newValue })
          .from(auditLog)
          .where(
            and(
              eq(auditLog.evaluationId, setup.id),
              eq(auditLog.entityType, 'question_score'),
              eq(auditLog.field, 'justification'),
            ),
          );
        expect(audited.length).toBe(committed);
        const auditedTexts = new Set(audited.map((row) => row.value));
        for (const write of acknowledged) expect(auditedTexts.has(write.justification)).toBe(true);
        // The stored score of each question is its newest acknowledged write, or a newer write
        // whose answer the crash cut off.
        const stored = await database.db
          .select({
            question: questionScores.questionId,
            points: questionScores.points,
            justification: questionScores.justification,
          })
          .from(questionScores)
          .where(eq(questionScores.evaluationId, setup.id));
        for (const question of setup.questions) {
          const newest = acknowledged
            .filter((write) => write.question === question.id)
            .sort((a, b) => b.version - a.version)[0];
          const row = stored.find((score) => score.question === question.id);
          if (!newest) {
            if (row) expect(unknown.some((w) => w.justification === row.justification)).toBe(true);
            continue;
          }
          const write = writes.find((w) => w.justification === row?.justification);
          expect(write, `question ${question.id}`).toBeDefined();
          expect(row?.points).toBe(write?.points);
          if (write !== newest) {
            expect(write?.outcome).toBe('unknown');
            expect(write?.version ?? 0).toBeGreaterThan(newest.version);
          }
        }
        await expectIntact(database);
      });
    },
    TIMEOUT,
  );
}

describe('crash safety [pglite]', () => {
  crashSuite('pglite');
});

if (testDatabaseUrl()) {
  describe('crash safety [postgres]', () => {
    crashSuite('postgres');
  });
} else {
  describePostgresMissing('crash safety');
}
