import { lineAt, type ReportLine } from '../text/index.ts';
import type { Issues } from './document.ts';
import type { MunicipalityMatcher } from './municipality.ts';
import type { AreaColumn, AreaTable } from './summary.ts';
import type { Comparison, MunicipalityRef } from './types.ts';

const YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/;
const AVERAGE = /medel|genomsnitt|snitt|riket|alla kommuner/i;
const BASIS =
  /medel\p{L}*\s+((?:beräknat|räknat)\s+(?:från|fr\.?\s?o\.?\s?m\.?)\s+((?:19|20)\d{2})(?:\s+och\s+framåt|\s*[-–]\s*((?:19|20)\d{2})|\s+till\s+((?:19|20)\d{2}))?)/iu;
const CHART_AVERAGE =
  /Medel\p{L}*\s+[\p{L} -]{0,60}?\s*((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?!\d)/gu;

export interface Subject {
  municipality: MunicipalityRef;
  year: number | undefined;
}

/**
 * Which column of the area table is this evaluation: the one labelled with the report's year
 * (and the municipality, or "Poäng"), or the only one.
 */
export function subjectColumn(
  table: AreaTable,
  subject: Subject,
  matcher: MunicipalityMatcher,
  issues: Issues,
): number | undefined {
  const { columns } = table;
  if (columns.length === 1) return 0;
  const yearOf = (column: AreaColumn): number | undefined => {
    const match = YEAR.exec(column.label);
    return match ? Number(match[1]) : undefined;
  };
  const own = (column: AreaColumn): boolean =>
    matcher
      .findAll(column.label)
      .some((mention) => mention.municipality.code === subject.municipality.code) ||
    /poäng|resultat/i.test(column.label);
  const candidates = columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => own(column) && !AVERAGE.test(column.label));
  const byYear = candidates.filter(
    ({ column }) => subject.year !== undefined && yearOf(column) === subject.year,
  );
  if (byYear.length === 1) return byYear[0]?.index;
  const latest = candidates.sort((a, b) => (yearOf(b.column) ?? 0) - (yearOf(a.column) ?? 0))[0];
  if (latest) {
    issues.warn(
      table.line,
      `no column of the area table is labelled with the report year; "${latest.column.label}" is taken as this evaluation`,
      `a column such as "${subject.municipality.name} ${String(subject.year ?? '')}"`,
    );
    return latest.index;
  }
  issues.error(
    table.line,
    `cannot tell which column of the area table is this evaluation (${columns.map((column) => `"${column.label}"`).join(', ')})`,
    `a column labelled "${subject.municipality.name} <year>" or "Poäng <year>"`,
  );
  return undefined;
}

/** The other columns of the area table: a previous evaluation, another municipality, an average. */
export function tableComparisons(
  table: AreaTable,
  skip: number,
  subject: Subject,
  matcher: MunicipalityMatcher,
  issues: Issues,
): Comparison[] {
  return table.columns.flatMap((column, index): Comparison[] => {
    if (index === skip) return [];
    const year = YEAR.exec(column.label);
    const mention = matcher.findAll(column.label)[0];
    const base = {
      label: column.label,
      areas: column.scores,
      total: column.total,
      from: 'table' as const,
      line: column.line,
    };
    if (AVERAGE.test(column.label)) {
      const basis = BASIS.exec(table.context) ?? BASIS.exec(column.label);
      const range = /((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})/.exec(column.label);
      const from = basis?.[2] ?? range?.[1];
      const to = basis?.[3] ?? basis?.[4] ?? range?.[2];
      if (!from) {
        issues.warn(
          column.line,
          `the average "${column.label}" does not say which years it covers`,
        );
      }
      return [
        {
          ...base,
          kind: 'average',
          ...(basis?.[1] ? { basis: basis[1] } : {}),
          ...(from ? { yearFrom: Number(from) } : {}),
          ...(to ? { yearTo: Number(to) } : {}),
        },
      ];
    }
    if (mention || year) {
      const municipality = mention?.municipality ?? subject.municipality;
      const previous = municipality.code === subject.municipality.code;
      return [
        {
          ...base,
          kind: previous ? 'previous' : 'municipality',
          ...(year ? { year: Number(year[1]) } : {}),
          municipality,
        },
      ];
    }
    issues.warn(
      column.line,
      `the area table column "${column.label}" is neither a year, a municipality nor an average`,
    );
    return [{ ...base, kind: 'average' }];
  });
}

/**
 * Series the report names only in a chart or a sentence, whose values are not in the text:
 * "Medelpoäng Kommunkompasskommuner 2002-2006", "Trollhättan 2004", "i jämförelse med 2011 års
 * Kvalitetskommun, Kungsbacka". Listed without values, each with a warning.
 */
export function namedComparisons(
  before: readonly ReportLine[],
  subject: Subject,
  known: readonly Comparison[],
  matcher: MunicipalityMatcher,
  issues: Issues,
): Comparison[] {
  const found: Comparison[] = [];
  const has = (
    code: string | undefined,
    year: number | undefined,
    kind: Comparison['kind'],
  ): boolean =>
    [...known, ...found].some(
      (comparison) =>
        comparison.kind === kind &&
        (kind === 'average' || comparison.municipality?.code === code) &&
        (year === undefined || comparison.year === year || comparison.yearTo === year),
    );
  const add = (comparison: Comparison): void => {
    found.push(comparison);
    issues.warn(
      comparison.line,
      `"${comparison.label}": the report shows this comparison only in a chart or names it in the text; its values are not in the text`,
      'the scores printed in a table',
    );
  };
  for (const block of before) {
    if (block.cells) continue;
    const text = block.text;
    for (const match of text.matchAll(CHART_AVERAGE)) {
      if (has(undefined, Number(match[2]), 'average')) continue;
      add({
        label: match[0].trim(),
        kind: 'average',
        yearFrom: Number(match[1]),
        yearTo: Number(match[2]),
        areas: [],
        total: null,
        from: 'chart',
        line: lineAt(block, match.index),
      });
    }
    for (const mention of matcher.findAll(text)) {
      const yearMatch = /^\s+((?:19|20)\d{2})(?![\d-])/.exec(
        text.slice(mention.index + mention.printed.length),
      );
      if (!yearMatch) continue;
      const year = Number(yearMatch[1]);
      const { municipality } = mention;
      const self = municipality.code === subject.municipality.code;
      if (self && (year === subject.year || subject.year === undefined)) continue;
      const kind = self ? 'previous' : 'municipality';
      if (has(municipality.code, year, kind)) continue;
      add({
        label: `${mention.printed} ${String(year)}`,
        kind,
        year,
        municipality,
        areas: [],
        total: null,
        from: 'chart',
        line: lineAt(block, mention.index),
      });
    }
    for (const match of text.matchAll(/jämför(?:else|t)\s+med\s+([^.!?\n]*[\p{L}\d])/giu)) {
      const phrase = match[1] ?? '';
      const year = YEAR.exec(phrase);
      for (const mention of matcher.findAll(phrase)) {
        const { municipality } = mention;
        if (municipality.code === subject.municipality.code) continue;
        const yearValue = year ? Number(year[1]) : undefined;
        if (has(municipality.code, yearValue, 'municipality')) continue;
        add({
          label: phrase.trim(),
          kind: 'municipality',
          ...(yearValue === undefined ? {} : { year: yearValue }),
          municipality,
          areas: [],
          total: null,
          from: 'text',
          line: lineAt(block, match.index),
        });
      }
    }
  }
  return found;
}
