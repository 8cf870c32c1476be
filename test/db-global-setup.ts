/**
 * vitest globalSetup: builds the migrated, seeded template databases once per run (reused across
 * runs while migrations, reference data and frameworks are unchanged) and hands their names to
 * the tests. See src/db/testing.ts.
 */
import type { TestProject } from 'vitest/node';
import { ensurePgliteTemplate, ensurePostgresTemplate } from '../src/db/test-templates.ts';

export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.DATABASE_URL?.trim();
  const [pgliteTemplate, postgresTemplate] = await Promise.all([
    ensurePgliteTemplate(),
    url ? ensurePostgresTemplate(url) : Promise.resolve(undefined),
  ]);
  project.provide('kompassPgliteTemplate', pgliteTemplate);
  project.provide('kompassPostgresTemplate', postgresTemplate);
}
