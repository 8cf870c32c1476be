const NUMBER = /^[+-]?(?:\d{1,3}(?: \d{3})+|\d+)(?:[.,]\d+)?$/;

/**
 * Reads a number as printed in a Swedish report: decimal comma or point, a space as thousands
 * separator, an optional trailing percent sign (the percent value is returned, not a fraction).
 * Anything else (letters, two separators, an empty cell) gives `null`: never a guess.
 *
 * @example
 * parseSwedishNumber('74,5'); // 74.5
 * parseSwedishNumber('55 %'); // 55
 * parseSwedishNumber('23 600'); // 23600
 * parseSwedishNumber('7a'); // null
 */
export function parseSwedishNumber(value: string): number | null {
  const text = value
    .replace(/[\u00a0\u2007\u202f\u2009]/g, ' ')
    .replace(/\u2212/g, '-')
    .trim()
    .replace(/\s*%$/, '')
    .trim();
  if (!NUMBER.test(text)) return null;
  const result = Number(text.replace(/ /g, '').replace(',', '.'));
  return Number.isFinite(result) ? result : null;
}

/** Number of decimals printed in a number such as "74,5" (1) or "44" (0). */
export function printedDecimals(value: string): number {
  const match = /[.,](\d+)\s*%?\s*$/.exec(value.trim());
  return match?.[1]?.length ?? 0;
}
