/**
 * Test data for the gap analysis and the follow-up: Södertälje's real 2009 Kvalitetskommun
 * application (a submitted self-assessment whose questions 8–10 have two ticked boxes) and its
 * 2006 Kommunkompassen analysis (kk-2002), both through the importer.
 */
import { readFileSync } from 'node:fs';
import type { Db } from '../../db/client.ts';
import { listEditions } from '../../db/repositories/editions.ts';
import { loadMunicipalities } from '../../reference/municipalities.ts';
import { importReport } from '../import-report.ts';

export const SODERTALJE = '0181';

const seed = (name: string) => new URL(`../../../../shared/seeds/${name}`, import.meta.url);

/** Imports the seed files named; returns the stored evaluations' ids by file. */
export async function importSeeds(
  db: Db,
  names: readonly string[] = [
    'kommunkompassen-sodertalje-2006.txt',
    'sodertalje-kvalitetskommun-ansokan-2009.txt',
  ],
): Promise<Record<string, string>> {
  const editions = (await listEditions(db)).map((edition) => edition.definition);
  const municipalities = loadMunicipalities();
  const ids: Record<string, string> = {};
  for (const name of names) {
    const outcome = await importReport({
      db,
      bytes: readFileSync(seed(name)),
      source: name,
      editions,
      municipalities,
    });
    if (outcome.status === 'failed') {
      throw new Error(`${name}: ${outcome.issues.map((issue) => issue.message).join('; ')}`);
    }
    ids[name] = outcome.evaluation.id;
  }
  return ids;
}
