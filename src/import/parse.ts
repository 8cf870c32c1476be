import type { ImportIssue } from './issues.ts';
import { parseKommunkompassen } from './kommunkompassen/index.ts';
import type { EditionLike, ParsedAnalysis } from './kommunkompassen/types.ts';
import { parseSelfAssessment, type SelfAssessmentReport } from './self-assessment/index.ts';
import { cleanChars } from './text/chars.ts';

/** The kinds of published report Kompass reads. */
export type ReportKind = 'kommunkompassen' | 'self-assessment';

/** A parsed report of either kind. */
export type ParsedReport = ParsedAnalysis | SelfAssessmentReport;

export type ParseReportResult =
  | { ok: true; report: ParsedReport; warnings: ImportIssue[] }
  | { ok: false; issues: ImportIssue[] };

export interface ParseReportOptions {
  /** The file name (or other label) that issues and warnings name. */
  source: string;
  /** The municipality register, e.g. `loadMunicipalities()`. */
  municipalities: ReadonlyArray<{ name: string; code: string }>;
  /** The framework catalogue, e.g. `loadBuiltInCatalogue()`. */
  editions: readonly EditionLike[];
}

const WHAT_WE_READ =
  'a Kommunkompassen analysis ("Kommunkompassen … Analys av <kommun>") or a Kvalitetskommun application ("Ansökan till Sveriges Kvalitetskommun <år>" with its 50 questions)';

/** A checkbox drawn beside an option of the self-assessment scale, in any of its drawings. */
const BOX_BESIDE_OPTION =
  /(?:<input\b[^>]*>|[☒☐☑□■✓✔]|\[\s*[xX]?\s*\]|\(\s*[xX]?\s*\))[\s*|]*(?:Ej\s+alls|Delvis|I\s+hög\s+grad|Fullt\s+ut)(?![\p{L}])|(?:Ej\s+alls|Delvis|I\s+hög\s+grad|Fullt\s+ut)[\s*|]*(?:<input\b[^>]*>|[☒☐☑□■✓✔]|\[\s*[xX]?\s*\])/giu;

/** The boxes BOX_BESIDE_OPTION accepts, on their own: a quick test before counting. */
const ANY_BOX = /<input|[☒☐☑□■✓✔]|\[\s*[xX]?\s*\]|\(\s*[xX]?\s*\)/i;

// eslint-disable-next-line no-control-regex -- counting control characters is the point
const NOT_TEXT = /[\u0000-\u0008\u000e-\u001f\ufffd]/g;

/**
 * Tells what kind of report a text is: an application when it has the self-assessment's boxes
 * (or its title), an analysis when it names Kommunkompassen with "Analys av" or scores, else
 * `undefined`.
 *
 * @example
 * detectReportKind('# KommunKompassen\n\nANALYS AV\n\nSTRÄNGNÄS KOMMUN'); // 'kommunkompassen'
 */
export function detectReportKind(raw: string): ReportKind | undefined {
  return detectCleanReportKind(cleanChars(raw));
}

/** `detectReportKind` of a text that went through `cleanChars` already. */
function detectCleanReportKind(text: string): ReportKind | undefined {
  // Every box beside an option holds a box token: without one (an analysis) there is none.
  const boxes = ANY_BOX.test(text) ? (text.match(BOX_BESIDE_OPTION)?.length ?? 0) : 0;
  if (boxes >= 10) return 'self-assessment';
  const compass = /kommun\s*kompassen/i.test(text);
  if (compass && /analys\s+av|poäng/i.test(text)) return 'kommunkompassen';
  if (/ansökan[^\n]{0,60}kvalitetskommun|sveriges\s+kvalitetskommun\s+\d{4}/i.test(text)) {
    return 'self-assessment';
  }
  if (compass) return 'kommunkompassen';
  return undefined;
}

/** The share of characters that are never text: NUL and other controls, U+FFFD. */
export function binaryShare(text: string): number {
  if (text.length === 0) return 0;
  return (text.match(NOT_TEXT)?.length ?? 0) / text.length;
}

/**
 * Reads a published report of any kind: tells which kind it is and calls its parser. Empty,
 * binary and unrecognised input give one issue that says what was expected. Never throws on bad
 * input and never touches the database.
 *
 * @example
 * const result = parseReport(text, {
 *   source: 'strangnas-2016.txt',
 *   municipalities: loadMunicipalities(),
 *   editions: loadBuiltInCatalogue(),
 * });
 * if (!result.ok) console.error(result.issues.map(formatIssue).join('\n'));
 */
export function parseReport(text: string, options: ParseReportOptions): ParseReportResult {
  const { source } = options;
  const clean = cleanChars(text);
  if (clean.trim() === '') {
    return {
      ok: false,
      issues: [{ source, message: 'the file is empty', expected: WHAT_WE_READ }],
    };
  }
  const share = binaryShare(text);
  if (share > 0.05) {
    return {
      ok: false,
      issues: [
        {
          source,
          message: `binary data, not text (${Math.round(share * 100)} % control or undecodable characters)`,
          expected: 'the report as UTF-8 text, e.g. converted from PDF with pdftotext',
        },
      ],
    };
  }
  switch (detectCleanReportKind(clean)) {
    case 'self-assessment':
      return parseSelfAssessment(text, options);
    case 'kommunkompassen':
      return parseKommunkompassen(text, options);
    default:
      return {
        ok: false,
        issues: [
          {
            source,
            message: 'not a report Kompass can read: neither an analysis nor an application',
            expected: WHAT_WE_READ,
          },
        ],
      };
  }
}

/** Where the first byte sequence that is not UTF-8 starts, or -1 when all of it is UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0;
    let length: number;
    let min: number;
    if (byte < 0x80) {
      index += 1;
      continue;
    } else if (byte >= 0xc2 && byte <= 0xdf) [length, min] = [2, 0x80];
    else if (byte >= 0xe0 && byte <= 0xef) [length, min] = [3, 0x800];
    else if (byte >= 0xf0 && byte <= 0xf4) [length, min] = [4, 0x10000];
    else return index;
    if (index + length > bytes.length) return index;
    let code = byte & (0xff >> (length + 1));
    for (let next = 1; next < length; next += 1) {
      const continuation = bytes[index + next] ?? 0;
      if ((continuation & 0xc0) !== 0x80) return index;
      code = (code << 6) | (continuation & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return index;
    index += length;
  }
  return -1;
}

const lineOfByte = (bytes: Uint8Array, offset: number): number => {
  let line = 1;
  for (let index = 0; index < offset; index += 1) if (bytes[index] === 0x0a) line += 1;
  return line;
};

/**
 * Turns a file's bytes into text, refusing what is not a text report: a PDF, other binary data
 * (NUL bytes), and bytes that are not UTF-8 (with the line of the first bad byte). UTF-16 with a
 * byte order mark is read as such.
 *
 * @example
 * const decoded = decodeReportBytes(readFileSync(path), path);
 * if (!decoded.ok) console.error(decoded.issues.map(formatIssue).join('\n'));
 */
export function decodeReportBytes(
  bytes: Uint8Array,
  source: string,
): { ok: true; text: string } | { ok: false; issues: ImportIssue[] } {
  const expected = 'the report as UTF-8 text, e.g. converted from PDF with pdftotext';
  const fail = (message: string, line?: number) => ({
    ok: false as const,
    issues: [{ source, ...(line === undefined ? {} : { line }), message, expected }],
  });
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
  if (head.startsWith('%PDF-')) return fail('a PDF file, not text: convert it to text first');
  const nul = bytes.indexOf(0);
  if (nul >= 0) return fail('binary data, not text (a NUL byte)', lineOfByte(bytes, nul));
  const invalid = firstInvalidUtf8(bytes);
  if (invalid >= 0) {
    return fail(
      `not UTF-8: byte 0x${(bytes[invalid] ?? 0).toString(16).padStart(2, '0')} at offset ${invalid} (Latin-1 or Windows-1252? convert with iconv -f windows-1252 -t utf-8)`,
      lineOfByte(bytes, invalid),
    );
  }
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes) };
}
