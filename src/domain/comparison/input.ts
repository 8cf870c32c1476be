import { QueryError } from './errors.ts';

/** The longest search query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;

/**
 * A search query, trimmed with inner whitespace collapsed.
 * @throws QueryError("invalid-input") when empty or longer than MAX_QUERY_LENGTH
 */
export function checkSearchQuery(query: string | undefined): string {
  const text = (query ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') {
    throw new QueryError(
      'invalid-input',
      'the search query is empty: give one or more words to search for',
      'Skriv ett eller flera ord att söka efter.',
      'q',
    );
  }
  if (text.length > MAX_QUERY_LENGTH) {
    throw new QueryError(
      'invalid-input',
      `the search query is ${text.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed`,
      `Sökfrågan är ${text.length} tecken lång. Den får vara högst ${MAX_QUERY_LENGTH} tecken.`,
      'q',
    );
  }
  return text;
}

/** An area number 1–8. @throws QueryError("invalid-input") */
export function checkArea(area: number | undefined, field = 'area'): number | undefined {
  if (area === undefined) return undefined;
  if (!Number.isInteger(area) || area < 1 || area > 8) {
    throw new QueryError(
      'invalid-input',
      `area must be a whole number from 1 to 8, got ${String(area)}`,
      'Området ska vara ett nummer från 1 till 8.',
      field,
    );
  }
  return area;
}

/** A year range, either end open. @throws QueryError("invalid-input") */
export function checkYearRange(
  from: number | undefined,
  to: number | undefined,
): { yearFrom?: number; yearTo?: number } {
  for (const [value, field] of [
    [from, 'from'],
    [to, 'to'],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1990 || value > 2100)) {
      throw new QueryError(
        'invalid-input',
        `${field} must be a year from 1990 to 2100, got ${String(value)}`,
        'Årtalet ska vara ett år mellan 1990 och 2100, till exempel 2010.',
        field,
      );
    }
  }
  if (from !== undefined && to !== undefined && from > to) {
    throw new QueryError(
      'invalid-input',
      `the year range ${from}–${to} ends before it starts`,
      `Årsintervallet ${from}–${to} slutar innan det börjar.`,
      'from',
    );
  }
  return {
    ...(from === undefined ? {} : { yearFrom: from }),
    ...(to === undefined ? {} : { yearTo: to }),
  };
}

/** A kommunkod: four digits. @throws QueryError("invalid-input") */
export function checkMunicipalityCode(code: string, field = 'municipality'): string {
  const trimmed = code.trim();
  if (!/^\d{4}$/.test(trimmed)) {
    throw new QueryError(
      'invalid-input',
      `"${code}" is not a kommunkod: give four digits, e.g. 0486`,
      `"${code}" är ingen kommunkod. Ange fyra siffror, till exempel 0486.`,
      field,
    );
  }
  return trimmed;
}

/** A länskod: two digits. @throws QueryError("invalid-input") */
export function checkLanCode(code: string, field = 'lan'): string {
  const trimmed = code.trim();
  if (!/^\d{2}$/.test(trimmed)) {
    throw new QueryError(
      'invalid-input',
      `"${code}" is not a länskod: give two digits, e.g. 04`,
      `"${code}" är ingen länskod. Ange två siffror, till exempel 04.`,
      field,
    );
  }
  return trimmed;
}

/** A Swedish description of a year range: "från 2010 och framåt", "2010–2015", "alla år". */
export function describeYears(yearFrom: number | undefined, yearTo: number | undefined): string {
  if (yearFrom !== undefined && yearTo !== undefined) {
    return yearFrom === yearTo ? `${yearFrom}` : `${yearFrom}–${yearTo}`;
  }
  if (yearFrom !== undefined) return `från ${yearFrom} och framåt`;
  if (yearTo !== undefined) return `till och med ${yearTo}`;
  return 'alla år';
}
