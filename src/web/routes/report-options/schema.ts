/**
 * The report options form, validated at the edge: radio `medelvarde`, the computed basis's
 * `fran`, `till` and `lan`, and the comparisons `jamfor-1` … `jamfor-7` ("0139:2011"), each
 * problem in Swedish on its own field.
 */
import { z } from 'zod';
import {
  REPORT_COMPARISONS_MAX,
  REPORT_YEAR_MAX,
  REPORT_YEAR_MIN,
  comparisonKey,
  parseComparisonKey,
  type AverageBasis,
  type ReportComparison,
  type ReportOptions,
} from '../../../report/options.ts';

/** The comparison fields, in order: "jamfor-1" … "jamfor-7". */
export const COMPARE_FIELDS = Array.from(
  { length: REPORT_COMPARISONS_MAX },
  (_, index) => `jamfor-${String(index + 1)}`,
);

export const AVERAGE_CHOICES = ['publicerat', 'beraknat', 'inget'] as const;
export type AverageChoiceField = (typeof AVERAGE_CHOICES)[number];

/** The form as typed (what a page shows again after an error). */
export interface ReportOptionsFormValues {
  medelvarde: string;
  fran: string;
  till: string;
  lan: string;
  /** One per comparison field, "" for none. */
  jamfor: string[];
}

const VERSION_MESSAGE = 'Versionen saknas. Ladda om sidan och försök igen.';
const text = z.string().trim().optional().default('');

const yearMessage = (label: string) =>
  `${label}: skriv ett år med fyra siffror mellan ${String(REPORT_YEAR_MIN)} och ` +
  `${String(REPORT_YEAR_MAX)}, till exempel 2010, eller lämna fältet tomt för alla år.`;

const formShape = {
  version: z.coerce
    .number({ error: VERSION_MESSAGE })
    .int({ error: VERSION_MESSAGE })
    .positive({ error: VERSION_MESSAGE }),
  medelvarde: z.enum(AVERAGE_CHOICES, {
    error: 'Välj vilket medelvärde sammanfattningen ska visa.',
  }),
  fran: text,
  till: text,
  lan: text,
  ...Object.fromEntries(COMPARE_FIELDS.map((field) => [field, text])),
} as Record<string, z.ZodType>;

export interface ParsedReportOptionsForm {
  version: number;
  options: ReportOptions;
  /** The form field of each stored comparison, in order (for the use case's messages). */
  compareFields: string[];
}

const readYear = (value: string) =>
  /^\d{4}$/.test(value) && Number(value) >= REPORT_YEAR_MIN && Number(value) <= REPORT_YEAR_MAX
    ? Number(value)
    : undefined;

export const reportOptionsFormSchema = z
  .object(formShape)
  .transform((raw, context): ParsedReportOptionsForm => {
    const value = raw as Record<string, string | undefined> & {
      version: number;
      medelvarde: string;
      fran: string;
      till: string;
      lan: string;
    };
    let average: AverageBasis = { kind: 'published' };
    if (value.medelvarde === 'inget') average = { kind: 'none' };
    if (value.medelvarde === 'beraknat') {
      const from = value.fran === '' ? undefined : readYear(value.fran);
      const to = value.till === '' ? undefined : readYear(value.till);
      if (value.fran !== '' && from === undefined) {
        context.addIssue({ code: 'custom', path: ['fran'], message: yearMessage('Från och med') });
      }
      if (value.till !== '' && to === undefined) {
        context.addIssue({ code: 'custom', path: ['till'], message: yearMessage('Till och med') });
      }
      if (from !== undefined && to !== undefined && from > to) {
        context.addIssue({
          code: 'custom',
          path: ['till'],
          message: `Till och med (${String(to)}) är före från och med (${String(from)}). Byt plats på åren eller ändra ett av dem.`,
        });
      }
      if (value.lan !== '' && !/^\d{2}$/.test(value.lan)) {
        context.addIssue({
          code: 'custom',
          path: ['lan'],
          message: 'Välj ett län i listan, eller Alla län.',
        });
      }
      average = {
        kind: 'computed',
        ...(from === undefined ? {} : { yearFrom: from }),
        ...(to === undefined ? {} : { yearTo: to }),
        ...(value.lan === '' ? {} : { lanCode: value.lan }),
      };
    }
    const compare: ReportComparison[] = [];
    const compareFields: string[] = [];
    const seen = new Map<string, string>();
    for (const field of COMPARE_FIELDS) {
      const typed = value[field] ?? '';
      if (typed === '') continue;
      const parsed = parseComparisonKey(typed);
      if (!parsed) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: 'Välj en publicerad utvärdering i listan, eller ”Ingen jämförelse”.',
        });
        continue;
      }
      const key = comparisonKey(parsed);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `Samma utvärdering är redan vald i ${earlier.replace('jamfor-', 'jämförelse ')}. Välj en annan eller ”Ingen jämförelse”.`,
        });
        continue;
      }
      seen.set(key, field);
      compare.push(parsed);
      compareFields.push(field);
    }
    return { version: value.version, options: { average, compare }, compareFields };
  });

/** The form values that show `options` (the page's starting point). */
export function formValuesOf(options: ReportOptions): ReportOptionsFormValues {
  const average = options.average;
  return {
    medelvarde:
      average.kind === 'computed' ? 'beraknat' : average.kind === 'none' ? 'inget' : 'publicerat',
    fran: average.kind === 'computed' && average.yearFrom ? String(average.yearFrom) : '',
    till: average.kind === 'computed' && average.yearTo ? String(average.yearTo) : '',
    lan: average.kind === 'computed' && average.lanCode ? average.lanCode : '',
    jamfor: COMPARE_FIELDS.map((_, index) => {
      const item = options.compare[index];
      return item ? comparisonKey(item) : '';
    }),
  };
}

/** The values as posted (strings only), to show the form again after an error. */
export function formValuesFromBody(body: unknown): ReportOptionsFormValues {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const read = (name: string) => {
    const value = record[name];
    return typeof value === 'string' ? value.trim() : '';
  };
  return {
    medelvarde: read('medelvarde'),
    fran: read('fran'),
    till: read('till'),
    lan: read('lan'),
    jamfor: COMPARE_FIELDS.map(read),
  };
}
