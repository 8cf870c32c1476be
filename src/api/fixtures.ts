/**
 * Test data for comparison, search and the API: the real seed reports imported through the
 * importer (Strängnäs 2016 with its 2014 area-level evaluation and the published "Medelvärde",
 * Upplands-Bro 2011, Södertälje 2006), plus a draft and an evaluation under review whose texts
 * must never be found.
 */
import { readFileSync } from 'node:fs';
import type { Db } from '../db/client.ts';
import { listEditions } from '../db/repositories/editions.ts';
import { createEvaluation, type EvaluationRecord } from '../db/repositories/evaluations.ts';
import { loadMunicipalities } from '../reference/municipalities.ts';
import { importReport } from '../use-cases/import-report.ts';

export const SEED_REPORTS = [
  'kommunkompassen-strangnas-2016.txt',
  'kommunkompassen-upplands-bro-2011.txt',
  'kommunkompassen-sodertalje-2006.txt',
] as const;

const seedUrl = (name: string) => new URL(`../../../shared/seeds/${name}`, import.meta.url);

/** Imports the three Kommunkompassen seed reports; returns the stored evaluations' ids by file. */
export async function importSeedReports(db: Db): Promise<Record<string, string>> {
  const editions = (await listEditions(db)).map((edition) => edition.definition);
  const municipalities = loadMunicipalities();
  const ids: Record<string, string> = {};
  for (const name of SEED_REPORTS) {
    const outcome = await importReport({
      db,
      bytes: readFileSync(seedUrl(name)),
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

/** A word only unpublished evaluations contain: a search for it must find nothing. */
export const HIDDEN_WORD = 'hemlighetsmakeri';

/** A draft (Strängnäs 2018) and an evaluation under review (Nyköping 2016), both with texts. */
export async function createUnpublished(
  db: Db,
): Promise<{ draft: EvaluationRecord; review: EvaluationRecord }> {
  const base = {
    editionId: 'kk-2016',
    kind: 'area-level' as const,
    source: 'test',
    areas: Array.from({ length: 8 }, (_, index) => ({ number: index + 1, score: 99 })),
    findings: [
      { area: 1, kind: 'strength' as const, text: `Medborgardialog och ${HIDDEN_WORD}` },
      { area: 1, kind: 'good-example' as const, text: `Brukarundersökning med ${HIDDEN_WORD}` },
    ],
    texts: [{ area: 1, heading: 'Medborgardialog', body: `Utkast om ${HIDDEN_WORD}` }],
  };
  const draft = await createEvaluation(db, {
    ...base,
    municipalityCode: '0486',
    year: 2018,
    status: 'draft',
  });
  const review = await createEvaluation(db, {
    ...base,
    municipalityCode: '0480',
    year: 2016,
    status: 'review',
  });
  return { draft, review };
}

/**
 * A published, fully scored kk-2010 evaluation of Stockholm (0180) in 2012: every question at
 * its max, every area 100, a strength per area and a good example in area 1 — the obvious role
 * model for the seeds.
 */
export async function createRoleModel(db: Db): Promise<EvaluationRecord> {
  const edition = (await listEditions(db)).find((stored) => stored.id === 'kk-2010')?.definition;
  if (!edition) throw new Error('kk-2010 is not in the database');
  return createEvaluation(db, {
    municipalityCode: '0180',
    year: 2012,
    editionId: 'kk-2010',
    kind: 'full',
    status: 'published',
    source: 'test',
    areas: edition.areas.map((area) => ({ number: area.number, score: 100 })),
    questions: edition.areas.flatMap((area) =>
      area.questions.map((question) => ({ id: question.id, points: question.max })),
    ),
    findings: edition.areas.flatMap((area) => [
      { area: area.number, kind: 'strength' as const, text: `Förebildlig styrka ${area.number}` },
      ...(area.number === 1
        ? [{ area: 1, kind: 'good-example' as const, text: 'Medborgarpanel med återkoppling' }]
        : []),
    ]),
  });
}
