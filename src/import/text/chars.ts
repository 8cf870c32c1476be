/**
 * Character-level clean-up shared by every report parser: what differs between two PDF-to-text
 * runs of the same document but means nothing.
 */

/** Spaces other than U+0020 that converters emit (no-break, thin, figure, ideographic …). */
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
/** Characters that carry no text: zero-width spaces and joiners, BOM, soft hyphen. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/**
 * Cleans one piece of text: Unicode NFC (decomposed accents become "å", "ä", "ö"), odd spaces
 * become a plain space, invisible characters go. Tabs and line breaks are kept.
 *
 * @example
 * cleanChars('Sa\u0308ker\u00a0plats'); // 'Säker plats'
 */
export function cleanChars(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(ODD_SPACES, ' ');
}

/** Any character `cleanChars` removes or replaces after normalisation. */
const ODD_OR_INVISIBLE =
  /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u200b-\u200d\u2060\ufeff\u00ad]/;

/**
 * `splitLines(raw).map(cleanChars)`, faster: the text is normalised (NFC) once, not line by
 * line (a line break never composes with its neighbours, so the lines are the same), and the
 * character replacements run only when the text holds such a character.
 */
export function splitCleanLines(raw: string): string[] {
  const lines = splitLines(raw.normalize('NFC'));
  if (!ODD_OR_INVISIBLE.test(raw)) return lines;
  return lines.map((line) => line.replace(INVISIBLE, '').replace(ODD_SPACES, ' '));
}

/** Splits raw text into lines: BOM removed, CRLF and lone CR treated as LF. */
export function splitLines(raw: string): string[] {
  return raw.replace(/^\ufeff/, '').split(/\r\n|\r|\n|\u2028|\u2029/);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  bull: '•',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  aring: 'å',
  auml: 'ä',
  ouml: 'ö',
  Aring: 'Å',
  Auml: 'Ä',
  Ouml: 'Ö',
  eacute: 'é',
  uuml: 'ü',
  oslash: 'ø',
  Oslash: 'Ø',
  aelig: 'æ',
  AElig: 'Æ',
  shy: '',
};

/**
 * Decodes HTML character references (`&amp;`, `&#229;`, `&#xE5;`). Unknown names stay as they
 * are.
 *
 * @example
 * decodeEntities('Delta &amp; påverka'); // 'Delta & påverka'
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number.parseInt(body.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff
        ? cleanChars(String.fromCodePoint(code))
        : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Collapses runs of spaces to one and trims. */
export function collapseSpaces(text: string): string {
  return text.replace(/ {2,}/g, ' ').trim();
}
