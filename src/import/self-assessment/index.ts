import type { ImportIssue } from '../issues.ts';
import { findMunicipality } from './municipality.ts';
import { readThemes } from './narrative.ts';
import { readQuestions } from './questions.ts';
import { SourceText } from './source.ts';
import { readTables } from './tables.ts';
import {
  KVALITETSKOMMUN_SCALE,
  type ParseOptions,
  type SelfAssessmentEditionLike,
  type SelfAssessmentResult,
} from './types.ts';

export * from './types.ts';

/** "Sveriges Kvalitetskommun 2009", "Kvalitetskommun år 2009". */
const TITLE_YEAR = /kvalitetskommun\s+(?:år\s+)?(\d{4})(?!\d)/giu;

/**
 * Parses a Kvalitetskommun application (the 50-question self-assessment with its narrative and
 * key figures) from its text as converted from PDF. Never throws on bad input: a report that
 * cannot be read completely gives issues with the line and what was expected; a report that can
 * be read but is unclear somewhere gives warnings (and null answers with flags).
 *
 * @example
 * const result = parseSelfAssessment(text, {
 *   source: 'ansokan.txt',
 *   municipalities: loadMunicipalities(),
 *   editions: loadBuiltInCatalogue(),
 * });
 * if (result.ok) console.log(result.report.answers[7]); // { number: 8, answer: null, flags: [...] }
 */
export function parseSelfAssessment(
  text: string,
  options: ParseOptions<SelfAssessmentEditionLike>,
): SelfAssessmentResult {
  const { source: sourceName } = options;
  const source = new SourceText(text);
  const issues: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];

  const municipalityMatch = findMunicipality(source.text, options.municipalities);
  if (!municipalityMatch.found) {
    const line =
      municipalityMatch.offset === undefined ? undefined : source.lineAt(municipalityMatch.offset);
    issues.push({
      source: sourceName,
      ...(line === undefined ? {} : { line }),
      message:
        municipalityMatch.unknownName === undefined
          ? 'no municipality found'
          : `municipality "${municipalityMatch.unknownName}" is not in the register`,
      expected:
        'the name of one of the 290 municipalities, e.g. "Hur gör <kommun> för att …" or "<kommun> kommun"',
    });
  } else if (municipalityMatch.rivals.length > 0) {
    warnings.push({
      source: sourceName,
      line: source.lineAt(municipalityMatch.offset),
      message: `the text names ${[municipalityMatch.municipality, ...municipalityMatch.rivals].map((m) => m.name).join(' and ')} equally often; took ${municipalityMatch.municipality.name}`,
      expected: 'one applicant municipality',
    });
  }

  const years = [...source.text.matchAll(TITLE_YEAR)].map((match) => ({
    year: Number(match[1]),
    line: source.lineAt(match.index),
  }));
  const title = years[0];
  if (title === undefined || title.year < 1990 || title.year > 2100) {
    issues.push({
      source: sourceName,
      ...(title === undefined ? {} : { line: title.line }),
      message: title === undefined ? 'no year found' : `year ${title.year} is out of range`,
      expected: 'the title "Ansökan till Sveriges Kvalitetskommun <year>" with a year from 1990 on',
    });
  } else {
    for (const other of years.filter((entry) => entry.year !== title.year)) {
      warnings.push({
        source: sourceName,
        line: other.line,
        message: `names Kvalitetskommun ${other.year}, but the title (line ${title.line}) says ${title.year}; took ${title.year}`,
        expected: `Kvalitetskommun ${title.year}`,
      });
    }
  }

  const edition = title === undefined ? undefined : findEdition(options.editions, title.year);
  if (title !== undefined && edition === undefined && issues.length === 0) {
    issues.push({
      source: sourceName,
      line: title.line,
      message: `no self-assessment edition in the catalogue covers ${title.year}`,
      expected:
        'a catalogue edition of kind "self-assessment" for the year, e.g. kvalitetskommun-2009',
    });
  }
  if (edition?.scale !== undefined && edition.scale.join('|') !== KVALITETSKOMMUN_SCALE.join('|')) {
    issues.push({
      source: sourceName,
      message: `edition ${edition.id} has the scale ${edition.scale.join(' / ')}`,
      expected: `the scale ${KVALITETSKOMMUN_SCALE.join(' / ')}`,
    });
  }
  if (
    issues.length > 0 ||
    edition === undefined ||
    !municipalityMatch.found ||
    title === undefined
  ) {
    return { ok: false, issues };
  }

  const expected = edition.areas.flatMap((area) =>
    area.questions.map((question) => Number(question.id)),
  );
  const questions = readQuestions(source, sourceName, expected, KVALITETSKOMMUN_SCALE);
  if (questions.rows.length === 0) {
    return {
      ok: false,
      issues: [
        {
          source: sourceName,
          message: 'no question rows found',
          expected:
            'rows "1. …" to "50. …", each with the boxes Ej alls / Delvis / I hög grad / Fullt ut',
        },
      ],
    };
  }
  if (questions.issues.length > 0) return { ok: false, issues: questions.issues };
  warnings.push(...questions.warnings);

  const questionLines = new Set<number>();
  for (const row of questions.rows) {
    for (let line = source.lineAt(row.start); line <= source.lineAt(row.end); line += 1)
      questionLines.add(line);
  }
  const tables = readTables(source.lines, questionLines);
  const { themes, warnings: themeWarnings } = readThemes(
    source,
    sourceName,
    edition,
    questions.rows,
    tables.used,
  );
  warnings.push(...themeWarnings);

  const themeAt = (line: number) =>
    themes
      .filter((theme) => theme.line !== undefined && theme.line <= line)
      .sort((a, b) => (b.line ?? 0) - (a.line ?? 0))[0]?.number;
  for (const item of [...tables.series, ...tables.tables]) {
    const theme = themeAt(item.line);
    if (theme !== undefined) item.theme = theme;
  }

  const report = {
    kind: 'self-assessment' as const,
    municipality: {
      name: municipalityMatch.municipality.name,
      code: municipalityMatch.municipality.code,
    },
    year: title.year,
    edition: edition.id,
    answers: questions.answers,
    themes,
    series: tables.series,
    tables: tables.tables,
    warnings,
  };
  return { ok: true, report, warnings };
}

function findEdition<E extends SelfAssessmentEditionLike>(
  editions: readonly E[],
  year: number,
): E | undefined {
  return editions
    .filter((edition) => edition.kind === 'self-assessment')
    .filter(
      (edition) =>
        edition.years.from <= year && (edition.years.to === null || year <= edition.years.to),
    )
    .sort((a, b) => b.years.from - a.years.from)[0];
}
