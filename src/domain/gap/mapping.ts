/**
 * The gap mapping: which questions of a self-assessment edition (Kvalitetskommun's 50) speak to
 * which area of a Kommunkompassen edition. Data, not code: a documented JSON file per pair of
 * editions (`frameworks/gap-mappings/<self-assessment>.<edition>.json`), seeded on migrate and
 * replaceable by an admin. This module checks the shape (zod) and the rules that need both
 * editions (every question and area exists, every area has a question).
 */
import { z } from 'zod';
import type { Edition } from '../framework/index.ts';

/** The version of the mapping file format. */
export const GAP_MAPPING_SCHEMA_VERSION = 1;

const editionId = (what: string) =>
  z
    .string({ error: `must be the id of the ${what} as a string` })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must look like "kk-2016"' });

export const gapMappingSchema = z
  .strictObject({
    schemaVersion: z
      .literal(GAP_MAPPING_SCHEMA_VERSION, {
        error: `must be ${String(GAP_MAPPING_SCHEMA_VERSION)} (the only mapping file format so far)`,
      })
      .describe('Version of the mapping file format.'),
    selfAssessmentEdition: editionId('self-assessment edition').describe(
      'The self-assessment edition whose questions are mapped, e.g. "kvalitetskommun-2009".',
    ),
    edition: editionId('Kommunkompassen edition').describe(
      'The Kommunkompassen edition whose areas the questions are mapped onto, e.g. "kk-2016".',
    ),
    description: z
      .string({ error: 'must be a text' })
      .min(1, { error: 'must not be empty' })
      .describe('Why the questions are mapped as they are: the reasoning, in Swedish or English.'),
    areas: z
      .array(
        z
          .strictObject({
            area: z
              .number({ error: 'must be an area number' })
              .int({ error: 'must be a whole number' })
              .positive({ error: 'must be 1 or more' })
              .describe('Area number of the Kommunkompassen edition.'),
            questions: z
              .array(
                z
                  .string({ error: 'must be a question id as a string, e.g. "12"' })
                  .regex(/^\d+(\.\d+)?$/, { error: 'must be a question id such as "12"' }),
                { error: 'must be a list of question ids' },
              )
              .min(1, { error: 'must name at least one question' })
              .describe('Question ids of the self-assessment that speak to this area.'),
            note: z
              .string({ error: 'must be a text' })
              .optional()
              .describe('Why these questions belong to this area.'),
          })
          .describe('One area and the self-assessment questions that speak to it.'),
        { error: 'must be a list of areas' },
      )
      .min(1, { error: 'must map at least one area' })
      .describe('The areas in order, each with its questions. A question may serve several areas.'),
  })
  .describe('How a self-assessment edition maps onto the areas of a Kommunkompassen edition.');

export type GapMapping = z.infer<typeof gapMappingSchema>;

export type GapMappingValidation =
  { ok: true; mapping: GapMapping } | { ok: false; issues: string[] };

/**
 * Validates a parsed mapping file against its shape and, when given, the two editions it
 * names. Every message names the file and the field, says what is wrong and how to fix it.
 *
 * @example
 * const result = validateGapMapping(JSON.parse(text), 'kk.json', { selfAssessment, edition });
 * if (!result.ok) console.error(result.issues.join('\n'));
 */
export function validateGapMapping(
  data: unknown,
  source: string,
  editions?: { selfAssessment: Edition | undefined; edition: Edition | undefined },
): GapMappingValidation {
  const parsed = gapMappingSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map(
        (issue) => `${source}: ${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`,
      ),
    };
  }
  const mapping = parsed.data;
  const issues: string[] = [];
  const seenAreas = new Set<number>();
  mapping.areas.forEach((entry, index) => {
    if (seenAreas.has(entry.area)) {
      issues.push(
        `${source}: areas.${String(index)}: area ${String(entry.area)} appears twice: merge its questions into one entry`,
      );
    }
    seenAreas.add(entry.area);
    const seen = new Set<string>();
    for (const id of entry.questions) {
      if (seen.has(id)) {
        issues.push(
          `${source}: areas.${String(index)}: question ${id} is listed twice in area ${String(entry.area)}: keep one`,
        );
      }
      seen.add(id);
    }
  });
  if (editions) {
    const { selfAssessment, edition } = editions;
    if (!selfAssessment) {
      issues.push(
        `${source}: selfAssessmentEdition: edition "${mapping.selfAssessmentEdition}" does not exist: use the id of a stored self-assessment edition`,
      );
    } else if (selfAssessment.kind !== 'self-assessment') {
      issues.push(
        `${source}: selfAssessmentEdition: "${selfAssessment.id}" is not a self-assessment edition`,
      );
    }
    if (!edition) {
      issues.push(
        `${source}: edition: edition "${mapping.edition}" does not exist: use the id of a stored Kommunkompassen edition such as "kk-2016"`,
      );
    } else if (edition.kind !== 'kommunkompassen') {
      issues.push(`${source}: edition: "${edition.id}" is not a Kommunkompassen edition`);
    }
    if (selfAssessment?.kind === 'self-assessment' && edition?.kind === 'kommunkompassen') {
      const questionIds = new Set(
        selfAssessment.areas.flatMap((a) => a.questions.map((q) => q.id)),
      );
      const areaNumbers = new Set(edition.areas.map((a) => a.number));
      mapping.areas.forEach((entry, index) => {
        if (!areaNumbers.has(entry.area)) {
          issues.push(
            `${source}: areas.${String(index)}.area: ${edition.id} has no area ${String(entry.area)} (it has ${[...areaNumbers].join(', ')})`,
          );
        }
        for (const id of entry.questions) {
          if (!questionIds.has(id)) {
            issues.push(
              `${source}: areas.${String(index)}.questions: ${selfAssessment.id} has no question "${id}"`,
            );
          }
        }
      });
      for (const area of edition.areas) {
        if (!seenAreas.has(area.number)) {
          issues.push(
            `${source}: areas: area ${String(area.number)} (${area.name}) has no questions: add an entry for it`,
          );
        }
      }
    }
  }
  return issues.length === 0 ? { ok: true, mapping } : { ok: false, issues };
}
