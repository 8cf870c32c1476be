import type { z } from 'zod';
import {
  KOMMUNKOMPASSEN_AREA_COUNT,
  KOMMUNKOMPASSEN_AREA_MAX,
  editionSchema,
  type Area,
  type Edition,
} from './schema.ts';

/** One broken rule in an edition file: where (`areas[2].questions[1].max`) and a full message. */
export interface EditionIssue {
  /** Path of the offending field inside the file, e.g. `areas[2].questions[1].max`; `""` for the whole file. */
  path: string;
  /** Names the file (and line when known), the edition, the area/question/field, what is wrong and how to fix it. */
  message: string;
}

export type EditionValidation =
  { ok: true; edition: Edition } | { ok: false; issues: EditionIssue[] };

export type JsonPath = readonly (string | number)[];

export interface ValidateOptions {
  /** Maps a path inside the data to its 1-based line in the source file, when the caller knows it. */
  lineOf?: (path: JsonPath) => number | undefined;
}

/**
 * Questions per area when all max points are known. The 2010 and 2016 editions have 5 to 7.
 * The 2002 edition, whose max points were never published, has 3 to 6 per area (Södertälje
 * 2006), so areas with unknown max points may have from 3 questions.
 */
const QUESTIONS_PER_AREA = { min: 5, max: 7 } as const;
const QUESTIONS_PER_AREA_UNKNOWN_MAX = { min: 3, max: 7 } as const;

const HTML_TAG = /<\/?[a-z][^>]*>/i;

/**
 * Validates one edition (parsed JSON) against the schema and the framework rules.
 *
 * @param data the parsed file content
 * @param source the file name used in messages, e.g. `frameworks/kk-2010.json`
 * @example
 * const result = validateEdition(JSON.parse(text), 'frameworks/kk-2010.json');
 * if (!result.ok) console.error(result.issues.map((i) => i.message).join('\n'));
 * // frameworks/kk-2010.json:80: edition "kk-2010", area 3: questions' max points sum to 95, expected 100: …
 */
export function validateEdition(
  data: unknown,
  source: string,
  options: ValidateOptions = {},
): EditionValidation {
  const report = reporter(data, source, options);
  const parsed = editionSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      report(toJsonPath(issue.path), describeZodIssue(issue, data));
    }
    return { ok: false, issues: report.issues };
  }
  const edition = parsed.data;
  checkEdition(edition, report);
  return report.issues.length === 0 ? { ok: true, edition } : { ok: false, issues: report.issues };
}

/**
 * Rules that span editions: unique ids, and Kommunkompassen editions whose year ranges do not
 * overlap (so that {@link editionForYear} has one answer per year).
 */
export function validateCatalogue(
  entries: readonly { edition: Edition; source: string }[],
): EditionIssue[] {
  const issues: EditionIssue[] = [];
  const seen = new Map<string, string>();
  for (const { edition, source } of entries) {
    const first = seen.get(edition.id);
    if (first !== undefined) {
      issues.push({
        path: 'id',
        message: `${source}: edition "${edition.id}": field "id": the id is already used by ${first}: give each edition its own id`,
      });
    } else seen.set(edition.id, source);
  }
  const kk = entries.filter(
    (e) => e.edition.kind === 'kommunkompassen' && seen.get(e.edition.id) === e.source,
  );
  kk.forEach((a, i) => {
    for (const b of kk.slice(i + 1)) {
      if (yearsOverlap(a.edition.years, b.edition.years)) {
        issues.push({
          path: 'years',
          message: `${b.source}: edition "${b.edition.id}": field "years": ${formatYears(b.edition.years)} overlaps edition "${a.edition.id}" (${formatYears(a.edition.years)}) in ${a.source}: Kommunkompassen editions must not share a year`,
        });
      }
    }
  });
  return issues;
}

type Years = Edition['years'];

function yearsOverlap(a: Years, b: Years): boolean {
  const aTo = a.to ?? Number.POSITIVE_INFINITY;
  const bTo = b.to ?? Number.POSITIVE_INFINITY;
  return a.from <= bTo && b.from <= aTo;
}

function formatYears(years: Years): string {
  return `${String(years.from)}–${years.to === null ? '' : String(years.to)}`;
}

interface Report {
  (path: JsonPath, problem: string): void;
  issues: EditionIssue[];
}

function reporter(data: unknown, source: string, options: ValidateOptions): Report {
  const issues: EditionIssue[] = [];
  const id = field(data, ['id']);
  const edition = typeof id === 'string' && id !== '' ? `edition "${id}"` : 'edition (no valid id)';
  const report = ((path: JsonPath, problem: string) => {
    const line = options.lineOf?.(path);
    const file = line === undefined ? source : `${source}:${String(line)}`;
    const where = [edition, ...describePath(data, path)].join(', ');
    issues.push({ path: formatPath(path), message: `${file}: ${where}: ${problem}` });
  }) as Report;
  report.issues = issues;
  return report;
}

/** `areas[2].questions[1].max` */
export function formatPath(path: JsonPath): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${String(key)}]` : i === 0 ? key : `.${key}`))
    .join('');
}

function toJsonPath(path: readonly PropertyKey[]): JsonPath {
  return path.map((key) => (typeof key === 'symbol' ? String(key) : key));
}

function field(data: unknown, path: JsonPath): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** Turns `['areas', 2, 'questions', 1, 'max']` into `area 3`, `question "3.2"`, `field "max"`. */
function describePath(data: unknown, path: JsonPath): string[] {
  const parts: string[] = [];
  let i = 0;
  if (path[0] === 'areas' && typeof path[1] === 'number') {
    const number = field(data, ['areas', path[1], 'number']);
    parts.push(typeof number === 'number' ? `area ${String(number)}` : `areas[${String(path[1])}]`);
    i = 2;
    if (path[2] === 'questions' && typeof path[3] === 'number') {
      const id = field(data, path.slice(0, 4).concat('id'));
      parts.push(typeof id === 'string' ? `question "${id}"` : `questions[${String(path[3])}]`);
      i = 4;
    }
  }
  const rest = path.slice(i);
  if (rest.length > 0) parts.push(`field "${formatPath(rest)}"`);
  return parts;
}

function describeZodIssue(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `unknown field ${keys}: remove it or correct its spelling (see docs/frameworks.md for the fields)`;
  }
  const missing = issue.code === 'invalid_type' || issue.code === 'invalid_value';
  if (missing && field(data, toJsonPath(issue.path)) === undefined) {
    return `is missing: add it (it ${issue.message})`;
  }
  return issue.message;
}

function checkEdition(edition: Edition, report: Report): void {
  if (edition.years.to !== null && edition.years.to < edition.years.from) {
    report(
      ['years', 'to'],
      `the last year ${String(edition.years.to)} is before the first year ${String(edition.years.from)}: swap them or correct one`,
    );
  }
  checkAreaNumbers(edition, report);
  const ids = new Map<string, string>();
  edition.areas.forEach((area, a) => {
    checkTexts(area, a, report);
    area.questions.forEach((question, q) => {
      const first = ids.get(question.id);
      if (first !== undefined) {
        report(
          ['areas', a, 'questions', q, 'id'],
          `question id "${question.id}" is used twice (first in ${first}): give each question its own id`,
        );
      } else ids.set(question.id, `area ${String(area.number)}`);
      if (question.max !== null && !(question.max > 0)) {
        report(
          ['areas', a, 'questions', q, 'max'],
          `max points must be greater than 0, found ${String(question.max)}: give the points the question is worth, or null if unknown`,
        );
      }
    });
  });
  if (edition.kind === 'kommunkompassen') checkKommunkompassen(edition, report);
  else checkSelfAssessment(edition, report);
}

function checkAreaNumbers(edition: Edition, report: Report): void {
  if (edition.areas.length === 0) {
    report(['areas'], 'has no areas: list the areas of the edition');
  }
  const seen = new Set<number>();
  edition.areas.forEach((area, a) => {
    if (seen.has(area.number)) {
      report(
        ['areas', a, 'number'],
        `area number ${String(area.number)} is used twice: number the areas 1, 2, 3, … once each`,
      );
    } else if (area.number !== a + 1) {
      report(
        ['areas', a, 'number'],
        `expected area number ${String(a + 1)} at position ${String(a + 1)}: list the areas in order 1, 2, 3, …`,
      );
    }
    seen.add(area.number);
  });
}

function checkTexts(area: Area, a: number, report: Report): void {
  const check = (path: JsonPath, value: string, what: string) => {
    if (value !== value.trim()) {
      report(path, `the ${what} starts or ends with spaces: remove them`);
    }
    if (HTML_TAG.test(value)) {
      report(
        path,
        `the ${what} contains HTML ("${HTML_TAG.exec(value)?.[0] ?? ''}"): write plain text`,
      );
    }
  };
  check(['areas', a, 'name'], area.name, 'area name');
  area.headings.forEach((h, i) => check(['areas', a, 'headings', i], h, 'heading'));
  area.aliases?.forEach((alias, i) => {
    check(['areas', a, 'aliases', i], alias, 'alias');
    if (alias === area.name) {
      report(['areas', a, 'aliases', i], `the alias "${alias}" repeats the area name: remove it`);
    }
  });
  area.questions.forEach((question, q) =>
    check(['areas', a, 'questions', q, 'text'], question.text, 'question text'),
  );
}

function checkKommunkompassen(edition: Edition, report: Report): void {
  if (edition.scale !== undefined) {
    report(
      ['scale'],
      'a Kommunkompassen edition is scored in points and has no answer scale: remove "scale" (or set kind to "self-assessment")',
    );
  }
  if (edition.areas.length !== KOMMUNKOMPASSEN_AREA_COUNT) {
    report(
      ['areas'],
      `has ${String(edition.areas.length)} areas, expected ${String(KOMMUNKOMPASSEN_AREA_COUNT)}: Kommunkompassen has areas 1 to 8`,
    );
  }
  edition.areas.forEach((area, a) => {
    if (area.number > KOMMUNKOMPASSEN_AREA_COUNT) {
      report(
        ['areas', a, 'number'],
        `area number ${String(area.number)} is out of range: Kommunkompassen has areas 1 to 8`,
      );
    }
    area.questions.forEach((question, q) => {
      const expected = `${String(area.number)}.${String(q + 1)}`;
      if (!question.id.startsWith(`${String(area.number)}.`)) {
        report(
          ['areas', a, 'questions', q, 'id'],
          `question id "${question.id}" does not belong to area ${String(area.number)}: ids in this area start with "${String(area.number)}." (expected "${expected}")`,
        );
      } else if (question.id !== expected) {
        report(
          ['areas', a, 'questions', q, 'id'],
          `expected question id "${expected}" at position ${String(q + 1)}, found "${question.id}": number the questions ${String(area.number)}.1, ${String(area.number)}.2, … in order`,
        );
      }
    });
    checkAreaPoints(area, a, report);
  });
}

function checkAreaPoints(area: Area, a: number, report: Report): void {
  const count = area.questions.length;
  if (count === 0) return; // area-level results only
  const known = area.questions.flatMap((q) => (q.max === null ? [] : [q.max]));
  const allKnown = known.length === count;
  const range = allKnown ? QUESTIONS_PER_AREA : QUESTIONS_PER_AREA_UNKNOWN_MAX;
  if (count < range.min || count > range.max) {
    const which = allKnown ? 'with published max points' : 'with unknown max points';
    report(
      ['areas', a],
      `has ${String(count)} questions; an area ${which} has ${String(range.min)} to ${String(range.max)}: check that no question is missing or duplicated`,
    );
  }
  const sum = roundSum(known);
  if (allKnown && sum !== KOMMUNKOMPASSEN_AREA_MAX) {
    report(
      ['areas', a],
      `questions' max points sum to ${String(sum)}, expected ${String(KOMMUNKOMPASSEN_AREA_MAX)}: correct the max of the questions so that the area is worth 100 points`,
    );
  } else if (!allKnown && sum >= KOMMUNKOMPASSEN_AREA_MAX) {
    report(
      ['areas', a],
      `the known max points already sum to ${String(sum)}, leaving nothing for the ${String(count - known.length)} question(s) with unknown max: correct the max points (the area is worth 100)`,
    );
  }
}

function checkSelfAssessment(edition: Edition, report: Report): void {
  const scale = edition.scale;
  if (scale === undefined || scale.length < 2) {
    report(
      ['scale'],
      'a self-assessment needs an answer scale of at least two steps, lowest first, e.g. ["Ej alls", "Delvis", "I hög grad", "Fullt ut"]',
    );
  } else if (new Set(scale).size !== scale.length) {
    report(['scale'], 'the scale repeats a step: list each answer step once');
  }
  let expected = 1;
  edition.areas.forEach((area, a) => {
    area.questions.forEach((question, q) => {
      if (question.id !== String(expected)) {
        report(
          ['areas', a, 'questions', q, 'id'],
          `expected question number "${String(expected)}", found "${question.id}": number a self-assessment's questions 1, 2, 3, … across its themes`,
        );
      }
      if (question.max !== null) {
        report(
          ['areas', a, 'questions', q, 'max'],
          'a self-assessment question is answered on the scale, not in points: set max to null',
        );
      }
      expected += 1;
    });
  });
  if (expected === 1) {
    report(['areas'], 'a self-assessment needs questions: add them to its themes');
  }
}

/** Sums max points without floating-point noise (e.g. 0.1 + 0.2). */
function roundSum(values: readonly number[]): number {
  return Number(values.reduce((sum, v) => sum + v, 0).toFixed(9));
}
