import { z } from 'zod';

/**
 * The shape of an edition file (`frameworks/<id>.json`). This schema checks the shape only;
 * the rules that span fields (areas summing to 100, question ids matching their area, …) live
 * in `validate.ts`, where they can say which area or question breaks them.
 */

/** The version of the edition file format. Bump it, and migrate the files, when the shape changes. */
export const EDITION_SCHEMA_VERSION = 1;

/** Every Kommunkompassen edition has eight areas of 100 points each. */
export const KOMMUNKOMPASSEN_AREA_COUNT = 8;
export const KOMMUNKOMPASSEN_AREA_MAX = 100;
export const KOMMUNKOMPASSEN_TOTAL_MAX = KOMMUNKOMPASSEN_AREA_COUNT * KOMMUNKOMPASSEN_AREA_MAX;

export const editionKinds = ['kommunkompassen', 'self-assessment'] as const;

const text = (what: string) =>
  z.string({ error: `must be ${what} as a string` }).min(1, { error: `must not be empty` });

export const questionSchema = z
  .strictObject({
    id: z
      .string({ error: 'must be a string such as "2.4" (or "17" in a self-assessment)' })
      .regex(/^\d+(\.\d+)?$/, {
        error:
          'must look like "2.4" (area number, dot, question number) or "17" in a self-assessment',
      })
      .describe(
        'Stable question id: "<area>.<n>" such as "2.4" for Kommunkompassen, "1".."50" for a self-assessment.',
      ),
    text: text('the question text').describe(
      'The question as the framework words it, plain text without HTML.',
    ),
    max: z
      .number({ error: 'must be a number of points, or null when the edition did not publish it' })
      .nullable()
      .describe(
        'Maximum points for the question (10, 15, 20, 25 or 30 in the known editions); null when the edition did not publish it, and always null in a self-assessment.',
      ),
  })
  .describe('One question of an area, scored from 0 to its max points.');

export const areaSchema = z
  .strictObject({
    number: z
      .number({ error: 'must be a whole number from 1' })
      .int({ error: 'must be a whole number' })
      .positive({ error: 'must be 1 or more' })
      .describe(
        'Area (or theme) number, 1..8 in Kommunkompassen; areas map across editions by it.',
      ),
    name: text('the area name').describe(
      'The area name as the edition prints it in its score table.',
    ),
    aliases: z
      .array(text('an alternative area name'), { error: 'must be a list of names' })
      .optional()
      .describe(
        'Other names the same area is printed under in reports of this edition (summary tables, section headings), for matching imported reports.',
      ),
    description: text('a description')
      .optional()
      .describe('A note about the area, e.g. why its questions are unknown.'),
    headings: z
      .array(text('a heading'), { error: 'must be a list of headings (may be empty)' })
      .describe(
        'The topic headings ("Rubriker") the edition lists for the area; empty if none were published.',
      ),
    questions: z
      .array(questionSchema, { error: 'must be a list of questions (may be empty)' })
      .describe(
        'The questions of the area in order; empty when only area-level results are supported.',
      ),
  })
  .describe('One area (a theme, in a self-assessment) of an edition.');

export const editionSchema = z
  .strictObject({
    schemaVersion: z
      .literal(EDITION_SCHEMA_VERSION, {
        error: `must be ${String(EDITION_SCHEMA_VERSION)} (the only edition file format so far)`,
      })
      .describe('Version of the edition file format.'),
    id: z
      .string({ error: 'must be a string such as "kk-2010"' })
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
        error: 'must be lower-case letters and digits joined by "-", such as "kk-2010"',
      })
      .describe(
        'Stable edition id such as "kk-2010"; evaluations refer to it, so never change it.',
      ),
    name: text('the edition name').describe('Human-readable edition name, in Swedish.'),
    kind: z
      .enum(editionKinds, {
        error: `must be one of ${editionKinds.map((k) => `"${k}"`).join(', ')}`,
      })
      .describe(
        '"kommunkompassen": 8 areas of 100 points scored by evaluators; "self-assessment": questions answered on a scale.',
      ),
    years: z
      .strictObject({
        from: z
          .number({ error: 'must be a year such as 2010' })
          .int({ error: 'must be a whole year' })
          .min(1990, { error: 'must be 1990 or later' })
          .max(2100, { error: 'must be 2100 or earlier' })
          .describe('First year evaluations used this edition.'),
        to: z
          .number({ error: 'must be a year such as 2015, or null while the edition is in use' })
          .int({ error: 'must be a whole year' })
          .min(1990, { error: 'must be 1990 or later' })
          .max(2100, { error: 'must be 2100 or earlier' })
          .nullable()
          .describe('Last year evaluations used this edition; null while it is still in use.'),
      })
      .describe('The years in which evaluations used this edition.'),
    description: text('a description')
      .optional()
      .describe('What the edition is, where its data comes from and what is unknown about it.'),
    scale: z
      .array(text('a scale step'), { error: 'must be a list of answer steps' })
      .optional()
      .describe(
        'Self-assessment only: the answer scale from lowest to highest, e.g. Ej alls / Delvis / I hög grad / Fullt ut.',
      ),
    areas: z
      .array(areaSchema, { error: 'must be a list of areas' })
      .describe('The areas (Kommunkompassen) or themes (self-assessment) in order.'),
  })
  .describe(
    'One edition of a framework: Kommunkompassen of a given revision, or a self-assessment.',
  );

export type EditionKind = (typeof editionKinds)[number];
export type Question = z.infer<typeof questionSchema>;
export type Area = z.infer<typeof areaSchema>;
export type Edition = z.infer<typeof editionSchema>;
