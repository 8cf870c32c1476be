/**
 * Loads the demo värdegrund files (`demo/values/*.json`: a municipality's values and principles
 * with their names as adopted and meanings written for Kompass in our own words) for a
 * municipality that has none yet. Idempotent: a municipality with values is left alone. Each
 * value is added through `saveValue`, so the audit trail shows it (actor: the system).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { listValues } from '../../db/repositories/values.ts';
import { saveValue } from './save-value.ts';

export const DemoValuesSchema = z.strictObject({
  basedOn: z.string().min(1),
  municipality: z.strictObject({ name: z.string().min(1), code: z.string().regex(/^\d{4}$/) }),
  adoptedYear: z.number().int().min(1900).max(2100).nullable(),
  documentUrl: z.string().url().nullable(),
  values: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(200),
        meaning: z.string().trim().max(4000),
        office: z.string().trim().min(1).nullable(),
        officeMeaning: z.string().trim().min(1).nullable(),
      }),
    )
    .min(1),
});

export type DemoValues = z.infer<typeof DemoValuesSchema>;

/** Reads and validates `dir/*.json`; throws naming a bad file. No folder: nothing to load. */
export function readDemoValues(dir: string): Array<{ file: string; values: DemoValues }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = DemoValuesSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(
          `demo file values/${file}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
        );
      }
      return { file, values: parsed.data };
    });
}

/** Loads each file whose municipality has no values yet; returns the files loaded. */
export async function loadDemoValues(db: Db, dir: string): Promise<string[]> {
  const loaded: string[] = [];
  for (const { file, values } of readDemoValues(dir)) {
    const code = values.municipality.code;
    if ((await listValues(db, code)).length > 0) continue;
    for (const value of values.values) {
      const saved = await saveValue(db, {
        actorUserId: null,
        municipalityCode: code,
        thisYear: 2100,
        name: value.name,
        meaning: value.meaning,
        office: value.office ?? '',
        officeMeaning: value.officeMeaning ?? '',
        documentUrl: values.documentUrl ?? '',
        adoptedYear: values.adoptedYear === null ? '' : String(values.adoptedYear),
      });
      if (!saved.ok) {
        throw new Error(
          `demo file values/${file}: ${saved.issues.map((i) => i.message).join('; ')}`,
        );
      }
    }
    loaded.push(file);
  }
  return loaded;
}
