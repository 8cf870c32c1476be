import { normalizeReportText, parseSwedishNumber } from '../text/index.ts';
import { namedComparisons, subjectColumn, tableComparisons } from './comparisons.ts';
import { Issues, Stream, similarity } from './document.ts';
import { detectEdition } from './edition.ts';
import { findDate, findMunicipality, readFacts, readRoleModels } from './facts.ts';
import { readFindings } from './findings.ts';
import { MunicipalityMatcher } from './municipality.ts';
import { readQuestions, roundingSlack, type QuestionTable } from './questions.ts';
import { findAreaSections, type AreaSection } from './sections.ts';
import { readAreaTable } from './summary.ts';
import type {
  AnalysisArea,
  Comparison,
  EditionLike,
  ParseKommunkompassenOptions,
  ParseKommunkompassenResult,
} from './types.ts';

const AREA_COUNT = 8;
const EXPECTED_REPORT = 'the text of a Kommunkompassen analysis report';

/** The score and topic headings an area section prints in its "Rubriker | Poäng" table. */
function sectionScore(
  section: AreaSection,
): { score: number; headings: string[]; line: number } | undefined {
  for (const block of section.blocks) {
    const cells = block.cells;
    if (!cells || cells.length < 2) continue;
    const score = parseSwedishNumber(cells.at(-1)?.text ?? '');
    const list = cells[0]?.spans.filter((span) => span.bullet) ?? [];
    if (score !== null && list.length > 0) {
      return { score, headings: list.map((span) => span.text), line: block.line };
    }
  }
  return undefined;
}

function checkAreas(
  areas: readonly AnalysisArea[],
  sections: readonly AreaSection[],
  questions: QuestionTable,
  issues: Issues,
): void {
  for (const area of areas) {
    const section = sections.find((candidate) => candidate.number === area.number);
    const printed = section ? sectionScore(section) : undefined;
    if (printed && printed.score !== area.score) {
      issues.warn(
        printed.line,
        `area ${String(area.number)}: the section prints ${String(printed.score)} points, the summary table ${String(area.score)}`,
        'the same score in both places',
      );
    }
    const subtotal = questions.subtotals.find((candidate) => candidate.area === area.number);
    if (subtotal && subtotal.achieved !== area.score) {
      issues.warn(
        subtotal.line,
        `area ${String(area.number)}: the score overview sums to ${String(subtotal.achieved)} points, the summary table says ${String(area.score)}`,
        'the same score in both places',
      );
    }
    const own = questions.questions.filter((question) =>
      question.id.startsWith(`${String(area.number)}.`),
    );
    if (
      own.length === 0 ||
      own.some((question) => question.points === null || question.max === null)
    )
      continue;
    const points = own.reduce((sum, question) => sum + (question.points ?? 0), 0);
    const max = own.reduce((sum, question) => sum + (question.max ?? 0), 0);
    const slack =
      0.5 + own.reduce((sum, question) => sum + roundingSlack(question.max ?? 0) - 0.5, 0);
    if (Math.abs(points - area.score) > slack) {
      issues.warn(
        own[0]?.line,
        `area ${String(area.number)}: its questions add up to ${String(Math.round(points * 100) / 100)} points, but the area score is ${String(area.score)} (more than rounding explains)`,
        'question points that add up to the area score',
      );
    }
    if (max !== 100) {
      issues.warn(
        own[0]?.line,
        `area ${String(area.number)}: the questions' maxima add up to ${String(max)}, not 100`,
        'maxima that add up to 100 points per area',
      );
    }
  }
}

function checkTotal(
  label: string,
  scores: readonly { score: number }[],
  total: number | null,
  line: number | undefined,
  issues: Issues,
): void {
  if (total === null || scores.length === 0) return;
  const sum = scores.reduce((acc, area) => acc + area.score, 0);
  if (Math.abs(sum - total) > 0.5 * scores.length + 1e-9) {
    issues.warn(
      line,
      `${label}: the areas add up to ${String(sum)}, but the printed total is ${String(total)} (more than rounding explains)`,
      'a total within half a point per area of the sum of the areas',
    );
  }
}

function checkQuestionsAgainstEdition(
  edition: EditionLike,
  questions: QuestionTable,
  issues: Issues,
): void {
  if (questions.from !== 'table') return;
  const missing: string[] = [];
  for (const area of edition.areas) {
    for (const expected of area.questions) {
      const printed = questions.questions.find((question) => question.id === expected.id);
      if (!printed) {
        missing.push(expected.id);
      } else if (expected.max !== null && printed.max !== expected.max) {
        issues.warn(
          printed.line,
          `question ${printed.id}: max ${String(printed.max)} differs from ${String(expected.max)} in edition ${edition.id}`,
        );
      }
    }
  }
  if (missing.length > 0) {
    issues.warn(
      questions.questions.at(-1)?.line,
      `the score overview lacks question${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of edition ${edition.id} (the text may be cut short)`,
      'one row per question of the edition',
    );
  }
}

function parse(text: string, options: ParseKommunkompassenOptions): ParseKommunkompassenResult {
  const issues = new Issues(options.source);
  const fail = (): ParseKommunkompassenResult => ({ ok: false, issues: issues.errors });
  if (text.trim() === '') {
    issues.error(1, 'the file is empty', EXPECTED_REPORT);
    return fail();
  }
  // Binary files hold control characters and bytes that did not decode as UTF-8.
  // eslint-disable-next-line no-control-regex -- looking for exactly those characters
  const controls = (text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g) ?? []).length;
  if (controls > Math.max(8, text.length / 200)) {
    issues.error(
      1,
      'the file is not text (it holds control characters or undecodable bytes)',
      EXPECTED_REPORT,
    );
    return fail();
  }
  const { lines } = normalizeReportText(text);
  const stream = new Stream(lines);
  if (!/kommunkompass/i.test(stream.text)) {
    issues.error(1, 'the text does not mention Kommunkompassen', EXPECTED_REPORT);
    return fail();
  }
  const matcher = MunicipalityMatcher.for(options.municipalities);
  const sections = findAreaSections(lines);
  const municipality = findMunicipality(stream, matcher, issues);
  const date = findDate(stream);

  const table = readAreaTable(lines, stream, issues, AREA_COUNT);
  if (!table) {
    if (issues.errors.length === 0) {
      const caption = stream.text.search(/Tabell\s+1\b|Sammanfattning av resultat/i);
      issues.error(
        caption >= 0 ? stream.lineAt(caption) : 1,
        'no area table found (no TOTALT row with the total score)',
        'the summary table: one row per area and a TOTALT row',
      );
    }
    return fail();
  }
  if (!municipality) return fail();

  let year = date?.year;
  const subject = { municipality, year };
  const column = subjectColumn(table, subject, matcher, issues);
  const own = column === undefined ? undefined : table.columns[column];
  if (!own) return fail();
  const labelYear = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(own.label);
  if (year === undefined && labelYear) year = Number(labelYear[1]);
  if (year === undefined) {
    issues.error(
      1,
      'the year of the evaluation is not printed',
      'a date such as "september 2011" on the title page',
    );
    return fail();
  }
  if (labelYear && Number(labelYear[1]) !== year) {
    issues.warn(
      own.line,
      `the area table is labelled ${labelYear[1] ?? ''}, the title page says ${String(year)}`,
    );
  }
  subject.year = year;
  if (own.scores.length !== AREA_COUNT) {
    issues.error(
      table.line,
      `the area table has ${String(own.scores.length)} areas`,
      `${String(AREA_COUNT)} areas, numbered 1–${String(AREA_COUNT)}`,
    );
  }

  const areas: AnalysisArea[] = own.scores.map(({ number, score }) => {
    const section = sections.areas.find((candidate) => candidate.number === number);
    const detail = section ? sectionScore(section) : undefined;
    const line = table.lines.get(number);
    return {
      number,
      name: table.names.get(number) ?? section?.name ?? '',
      score,
      ...(detail ? { headings: detail.headings } : {}),
      ...(line === undefined ? {} : { line }),
    };
  });

  const questions = readQuestions(
    sections.after.length > 0 ? lines : lines,
    sections.areas,
    stream,
    issues,
  );
  const areaNames = new Map<number, string[]>();
  for (const area of areas) areaNames.set(area.number, [area.name]);
  for (const section of sections.areas) {
    areaNames.set(section.number, [...(areaNames.get(section.number) ?? []), section.name]);
  }
  const edition = detectEdition(
    options.editions,
    {
      year,
      questions: questions.questions,
      areaNames,
      line: questions.questions[0]?.line ?? table.line,
    },
    issues,
  );

  const findings = readFindings(sections.areas, issues, matcher);
  const facts = readFacts(stream, issues);
  const roleModels = readRoleModels(sections.areas, matcher, municipality);
  if (roleModels.length > 0) facts.roleModels = roleModels;

  const comparisons: Comparison[] = tableComparisons(table, column ?? 0, subject, matcher, issues);
  comparisons.push(...namedComparisons(sections.before, subject, comparisons, matcher, issues));

  checkTotal('this evaluation', own.scores, own.total, own.line, issues);
  for (const comparison of comparisons) {
    checkTotal(
      `"${comparison.label}"`,
      comparison.areas,
      comparison.total,
      comparison.line,
      issues,
    );
  }
  checkAreas(areas, sections.areas, questions, issues);
  if (edition) checkQuestionsAgainstEdition(edition, questions, issues);
  for (const area of areas) {
    const known = edition?.areas.find((candidate) => candidate.number === area.number);
    const names = known ? [known.name, ...(known.aliases ?? [])] : [];
    if (
      known &&
      area.name !== '' &&
      Math.max(...names.map((name) => similarity(area.name, name))) < 0.5
    ) {
      issues.warn(
        area.line,
        `area ${String(area.number)} is printed as "${area.name}", which edition ${edition?.id ?? ''} calls "${known.name}"`,
      );
    }
  }
  const printedSections = new Set(sections.areas.map((section) => section.number));
  const missing = areas
    .filter((area) => !printedSections.has(area.number))
    .map((area) => area.number);
  if (missing.length > 0) {
    issues.warn(
      sections.areas.at(-1)?.line,
      `no detailed section for area ${missing.join(', ')}: the text may be cut short`,
      'one "Område N" section per area',
    );
  }
  if (questions.from === 'headings') {
    issues.warn(
      sections.areas[0]?.line,
      'the report prints no score per question: questions are listed with id and text only',
    );
  }

  if (issues.errors.length > 0 || !edition) return fail();
  const report = {
    kind: 'kommunkompassen' as const,
    source: options.source,
    municipality,
    year,
    ...(date?.month && date.year === year ? { month: date.month } : {}),
    edition: edition.id,
    areas,
    total: own.total,
    questions: questions.questions,
    comparisons,
    findings,
    facts,
    warnings: issues.warnings,
  };
  return { ok: true, report, warnings: issues.warnings };
}

/**
 * Parses the text of a Kommunkompassen analysis report (PDF converted to text, any of the
 * layouts of the 2002–2019 reports) into its printed figures, findings and facts. Pure: no file
 * or database access. Never throws: a report it cannot read gives `ok: false` with issues that
 * name the source, the line and what was expected.
 *
 * @example
 * const result = parseKommunkompassen(text, {
 *   source: 'upplands-bro-2011.txt',
 *   municipalities: loadMunicipalities(),
 *   editions: loadBuiltInCatalogue(),
 * });
 * if (result.ok) console.log(result.report.total); // 383
 */
export function parseKommunkompassen(
  text: string,
  options: ParseKommunkompassenOptions,
): ParseKommunkompassenResult {
  try {
    return parse(text, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [
        {
          source: options.source,
          message: `the parser failed on this text: ${message}`,
          expected: EXPECTED_REPORT,
        },
      ],
    };
  }
}
