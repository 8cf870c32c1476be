/**
 * The load benchmark's database: a fresh PostgreSQL database (on the server DATABASE_URL points
 * at) or a fresh PGlite data folder, migrated, with the generated data set of published
 * evaluations (bench/generate-data.ts), one evaluator account with a known password and draft
 * evaluations on kk-2016 for that evaluator to score. Nothing stays open: the server process
 * opens it through `env`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import {
  openPgliteDir,
  openPostgres,
  type Database,
  type DatabaseKind,
} from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { getEdition } from '../../src/db/repositories/editions.ts';
import { listEvaluations } from '../../src/db/repositories/evaluations.ts';
import { createUser } from '../../src/db/repositories/users.ts';
import {
  fillDataDir,
  readPgliteTemplate,
  ensurePgliteTemplate,
  removeDir,
  withDatabaseName,
} from '../../src/db/test-templates.ts';
import { createWorkspaceEvaluation } from '../../src/use-cases/create-evaluation.ts';
import { hashPassword } from '../../src/web/auth/credentials.ts';
import { generateBenchData, type GeneratedCounts } from '../generate-data.ts';

export const DRAFT_EDITION = 'kk-2016';

export interface LoadDraft {
  id: string;
  /** The area whose page the scoring clients load, and its question ids. */
  area: number;
  questions: { id: string; max: number }[];
}

export interface LoadDatabase {
  kind: DatabaseKind;
  /** Environment pointing `kompass serve` at it. */
  env: Record<string, string>;
  location: string;
  counts: GeneratedCounts;
  generateMs: number;
  evaluationIds: string[];
  municipalityCodes: string[];
  evaluator: { email: string; password: string };
  drafts: LoadDraft[];
  /** Drops the database or removes the folder (unless kept). */
  dispose(): Promise<void>;
}

export interface PrepareOptions {
  evaluations: number;
  drafts: number;
  keep: boolean;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Fills an open, migrated database; returns everything but env and dispose. */
async function fill(database: Database, options: PrepareOptions) {
  const started = performance.now();
  const counts = await generateBenchData(database.db, { count: options.evaluations });
  const generateMs = performance.now() - started;
  const published = await listEvaluations(database.db, { status: 'published' });
  const evaluationIds = published.map((evaluation) => evaluation.id);
  const municipalityCodes = [
    ...new Set(published.map((evaluation) => evaluation.municipalityCode)),
  ];

  const password = randomBytes(18).toString('base64url');
  const email = 'belastning@example.se';
  const user = await createUser(
    database.db,
    {
      email,
      role: 'evaluator',
      municipalityCode: null,
      displayName: 'Belastningstest',
      passwordHash: await hashPassword(password),
      mustChangePassword: false,
    },
    { actorUserId: null },
  );
  const edition = await getEdition(database.db, DRAFT_EDITION);
  if (!edition) throw new Error(`the edition ${DRAFT_EDITION} is missing`);
  const area = edition.definition.areas[0];
  if (!area) throw new Error(`${DRAFT_EDITION} has no areas`);
  const questions = area.questions.map((question) => ({ id: question.id, max: question.max ?? 0 }));
  const drafts: LoadDraft[] = [];
  for (let index = 0; index < options.drafts; index += 1) {
    // Year 2026 is outside the generated years (2003–2024), so no published evaluation collides.
    const created = await createWorkspaceEvaluation(database.db, {
      actorUserId: user.id,
      municipalityCode: municipalityCodes[index % municipalityCodes.length] ?? '0486',
      editionId: DRAFT_EDITION,
      year: 2026,
      fieldworkStartsOn: null,
      fieldworkEndsOn: null,
      memberIds: [],
    });
    if (!created.ok) throw new Error(created.issues.map((issue) => issue.message).join('; '));
    drafts.push({ id: created.value.id, area: area.number, questions });
  }
  return {
    counts,
    generateMs,
    evaluationIds,
    municipalityCodes,
    evaluator: { email, password },
    drafts,
  };
}

/** A fresh database of `kind` with the data set; PostgreSQL needs `adminUrl` (DATABASE_URL). */
export async function prepareLoadDatabase(
  kind: DatabaseKind,
  options: PrepareOptions,
  adminUrl?: string,
): Promise<LoadDatabase> {
  if (kind === 'postgres') {
    if (!adminUrl) throw new Error('the PostgreSQL run needs DATABASE_URL');
    const name = `kompass_load_${String(process.pid)}_${randomBytes(3).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${quote(name)}`);
    const url = withDatabaseName(adminUrl, name);
    const drop = async () => {
      if (!options.keep)
        await adminQuery(adminUrl, `drop database if exists ${quote(name)} with (force)`);
    };
    try {
      const database = await openPostgres(url, 4);
      try {
        await migrateDatabase(database);
        const filled = await fill(database, options);
        // Fresh statistics for the planner, as a production database would have.
        await database.db.execute(sql`analyze`);
        return {
          kind,
          env: { DATABASE_URL: url },
          location: database.location,
          ...filled,
          dispose: drop,
        };
      } finally {
        await database.close();
      }
    } catch (error) {
      await drop();
      throw error;
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'kompass-load-'));
  const remove = async () => {
    if (!options.keep) removeDir(dir);
  };
  try {
    await fillDataDir(dir, readPgliteTemplate(await ensurePgliteTemplate()));
    const database = await openPgliteDir(dir);
    try {
      await migrateDatabase(database);
      const filled = await fill(database, options);
      await database.db.execute(sql`analyze`);
      return { kind, env: { KOMPASS_DATA_DIR: dir }, location: dir, ...filled, dispose: remove };
    } finally {
      await database.close();
    }
  } catch (error) {
    await remove();
    throw error;
  }
}
