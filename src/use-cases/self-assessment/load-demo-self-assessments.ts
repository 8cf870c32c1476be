/**
 * Loads the demo self-assessments (`demo/self-assessments/*.json`): the answers, flags and
 * key-figure series of a real Kvalitetskommun application, without its narrative (see
 * demo/README.md). Each becomes a submitted self-assessment as an import of the application
 * would store it, so the self-assessment pages and the gap analysis have something to show.
 *
 * Idempotent: a municipality and year with a self-assessment already stored (imported, entered
 * or loaded before) is left alone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { createEvaluation, findCurrentEvaluation } from '../../db/repositories/evaluations.ts';
import { replaceKeyFigures } from '../../db/repositories/self-assessments.ts';
import { KVALITETSKOMMUN_SCALE } from '../../import/self-assessment/types.ts';
import { DEMO_SOURCE_PREFIX } from '../load-demo-data.ts';
import { keyFigureRowsOf } from './imported-key-figures.ts';

const figure = z.number().finite().nullable();

export const DemoSelfAssessmentSchema = z.strictObject({
  kind: z.literal('self-assessment'),
  /** The seed application the answers and figures come from. */
  basedOn: z.string().min(1),
  municipality: z.strictObject({ name: z.string().min(1), code: z.string().regex(/^\d{4}$/) }),
  year: z.number().int().min(1990).max(2100),
  edition: z.string().min(1),
  answers: z
    .array(
      z.strictObject({
        number: z.number().int().min(1),
        answer: z.enum(KVALITETSKOMMUN_SCALE).nullable(),
        flags: z.array(z.string().min(1)),
      }),
    )
    .min(1),
  series: z.array(
    z.strictObject({
      name: z.string().trim().min(1).max(200),
      label: z.string().min(1).optional(),
      unit: z.string().min(1).optional(),
      theme: z.number().int().min(1).optional(),
      points: z
        .array(z.strictObject({ year: z.number().int(), target: figure, result: figure }))
        .min(1),
    }),
  ),
});

export type DemoSelfAssessment = z.infer<typeof DemoSelfAssessmentSchema>;

/** Reads and validates `dir/*.json`, in name order; throws naming a bad file. No folder: none. */
export function readDemoSelfAssessments(
  dir: string,
): Array<{ file: string; selfAssessment: DemoSelfAssessment }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const parsed = DemoSelfAssessmentSchema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(
          `demo file self-assessments/${file}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
        );
      }
      return { file, selfAssessment: parsed.data };
    });
}

/** Stores each demo self-assessment whose municipality and year have none yet. */
export async function loadDemoSelfAssessments(
  db: Db,
  dir: string,
): Promise<{ loaded: string[]; unchanged: string[] }> {
  const loaded: string[] = [];
  const unchanged: string[] = [];
  for (const { file, selfAssessment } of readDemoSelfAssessments(dir)) {
    const key = {
      municipalityCode: selfAssessment.municipality.code,
      year: selfAssessment.year,
      editionId: selfAssessment.edition,
      kind: 'self-assessment' as const,
    };
    if (await findCurrentEvaluation(db, key)) {
      unchanged.push(file);
      continue;
    }
    await db.transaction(async (tx) => {
      const stored = await createEvaluation(tx, {
        ...key,
        status: 'published',
        source: `${DEMO_SOURCE_PREFIX}self-assessments/${file}`,
        publishedAt: new Date(Date.UTC(selfAssessment.year, 0, 1)),
        facts: { basedOn: selfAssessment.basedOn },
        questions: selfAssessment.answers.map((answer) => ({
          id: String(answer.number),
          points: null,
          answer: answer.answer,
          flags: answer.flags,
        })),
      });
      const series = selfAssessment.series.map((item) => ({ ...item, title: item.name, line: 0 }));
      await replaceKeyFigures(tx, stored.id, keyFigureRowsOf(series));
    });
    loaded.push(file);
  }
  return { loaded, unchanged };
}
