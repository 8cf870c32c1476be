/**
 * Swedish number and date formatting for everything Kompass shows, pages (through
 * `src/web/format.ts`) and the report alike: 74,5 and 63 % printed the same way everywhere. Intl
 * with the sv-SE locale: decimal comma, a no-break space between thousands and before the percent
 * sign, the minus sign U+2212.
 */
const numberFormats = new Map<number, Intl.NumberFormat>();

function numberFormat(maximumFractionDigits: number): Intl.NumberFormat {
  let format = numberFormats.get(maximumFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('sv-SE', { maximumFractionDigits });
    numberFormats.set(maximumFractionDigits, format);
  }
  return format;
}

/** What an absent figure shows as: an en dash, which screen readers read as "tankstreck". */
export const MISSING = '–';

/**
 * A number as Swedes write it, with at most `maximumFractionDigits` decimals (2 by default, so a
 * printed 74,5 stays 74,5 and 19,58 stays 19,58). `null`/`undefined` give an en dash.
 *
 * @example
 * formatNumber(74.5); // "74,5"
 * formatNumber(23600); // "23 600" (no-break space)
 * formatNumber(null); // "–"
 */
export function formatNumber(value: number | null | undefined, maximumFractionDigits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return numberFormat(maximumFractionDigits).format(value);
}

/**
 * A percentage given in percent (63 for 63 %), with a no-break space before the sign.
 *
 * @example
 * formatPercent(63); // "63 %"
 * formatPercent(62.125, 1); // "62,1 %"
 */
export function formatPercent(value: number | null | undefined, maximumFractionDigits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return `${numberFormat(maximumFractionDigits).format(value)}\u00a0%`;
}

/** A share of a maximum as a percentage: `formatShare(497, 800)` gives "62 %". */
export function formatShare(value: number | null | undefined, max: number): string {
  if (value === null || value === undefined || max <= 0) return MISSING;
  return formatPercent((value / max) * 100);
}

const longDate = new Intl.DateTimeFormat('sv-SE', {
  dateStyle: 'long',
  timeZone: 'Europe/Stockholm',
});
const isoDate = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: 'Europe/Stockholm',
});

/** "3 oktober 2016": a date in Swedish, as it falls in Sweden. */
export function formatDate(date: Date): string {
  return longDate.format(date);
}

const longDateTime = new Intl.DateTimeFormat('sv-SE', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Stockholm',
});

/** "3 mars 2026 14:05": a moment in Swedish, as the clock showed in Sweden. */
export function formatDateTime(date: Date): string {
  return longDateTime.format(date);
}

/** "2016-10-03": the date in Sweden, for `<time datetime>` and tables. */
export function formatIsoDate(date: Date): string {
  return isoDate.format(date);
}

const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** "oktober 2016", or "2016" when the month is unknown. */
export function formatMonthYear(year: number, month?: number | null): string {
  const name = month ? MONTHS[month - 1] : undefined;
  return name ? `${name} ${year}` : String(year);
}

/** "1 utvärdering", "2 utvärderingar": a count with its Swedish noun in the right number. */
export function formatCount(count: number, singular: string, plural: string): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}

/**
 * The Swedish genitive of a name: "Strängnäs" stays "Strängnäs", "Upplands-Bro" becomes
 * "Upplands-Bros" (names ending in s, x or z take no extra s).
 *
 * @example
 * `${genitive('Kungsbacka')} poäng`; // "Kungsbackas poäng"
 */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}
