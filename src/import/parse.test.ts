import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltInCatalogue } from '../frameworks/index.ts';
import { loadMunicipalities } from '../reference/municipalities.ts';
import { formatIssue } from './issues.ts';
import { decodeReportBytes, detectReportKind, firstInvalidUtf8, parseReport } from './parse.ts';

const seed = (name: string) =>
  readFileSync(new URL(`../../../shared/seeds/${name}`, import.meta.url), 'utf8');
const options = {
  source: 'report.txt',
  municipalities: loadMunicipalities(),
  editions: loadBuiltInCatalogue(),
};
const WHAT_WE_READ =
  'a Kommunkompassen analysis ("Kommunkompassen … Analys av <kommun>") or a Kvalitetskommun application ("Ansökan till Sveriges Kvalitetskommun <år>" with its 50 questions)';

describe('detectReportKind', () => {
  it('tells the three analyses from the application', () => {
    expect(detectReportKind(seed('kommunkompassen-sodertalje-2006.txt'))).toBe('kommunkompassen');
    expect(detectReportKind(seed('kommunkompassen-upplands-bro-2011.txt'))).toBe('kommunkompassen');
    expect(detectReportKind(seed('kommunkompassen-strangnas-2016.txt'))).toBe('kommunkompassen');
    expect(detectReportKind(seed('sodertalje-kvalitetskommun-ansokan-2009.txt'))).toBe(
      'self-assessment',
    );
  });

  it('an analysis that mentions Kvalitetskommun is still an analysis', () => {
    expect(seed('kommunkompassen-upplands-bro-2011.txt')).toMatch(/Kvalitetskommun/);
    expect(detectReportKind(seed('kommunkompassen-upplands-bro-2011.txt'))).toBe('kommunkompassen');
  });

  it('an application whose boxes are glyphs and whose accents are decomposed is an application', () => {
    const text = seed('sodertalje-kvalitetskommun-ansokan-2009.txt')
      .replace(/<input checked="" type="checkbox"\/>/g, '☒')
      .replace(/<input type="checkbox"\/>/g, '☐')
      .replace(/ANSÖKAN TILL SVERIGES KVALITETSKOMMUN/g, '')
      .normalize('NFD');
    expect(detectReportKind(text)).toBe('self-assessment');
  });

  it('the value base (värdegrund), an official document but no report, is neither', () => {
    expect(detectReportKind(seed('sodertalje-vardegrund-2008.txt'))).toBeUndefined();
  });
});

describe('parseReport', () => {
  it('dispatches the application to the self-assessment parser', () => {
    const result = parseReport(seed('sodertalje-kvalitetskommun-ansokan-2009.txt'), options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.kind).toBe('self-assessment');
    expect(result.report.municipality).toEqual({ name: 'Södertälje', code: '0181' });
  });

  it('dispatches each analysis to the Kommunkompassen parser', () => {
    const expected = [
      ['kommunkompassen-sodertalje-2006.txt', 'Södertälje', 2006],
      ['kommunkompassen-upplands-bro-2011.txt', 'Upplands-Bro', 2011],
      ['kommunkompassen-strangnas-2016.txt', 'Strängnäs', 2016],
    ] as const;
    for (const [name, municipality, year] of expected) {
      const result = parseReport(seed(name), { ...options, source: name });
      if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
      expect(result.report.kind, name).toBe('kommunkompassen');
      expect(result.report.municipality.name, name).toBe(municipality);
      expect(result.report.year, name).toBe(year);
    }
  });

  it('an empty file (or only spaces and line breaks) is refused', () => {
    for (const text of ['', ' \r\n\n\t\u00a0\n', '\ufeff']) {
      expect(parseReport(text, options)).toEqual({
        ok: false,
        issues: [{ source: 'report.txt', message: 'the file is empty', expected: WHAT_WE_READ }],
      });
    }
  });

  it('binary data decoded as text is refused', () => {
    const bytes = Uint8Array.from({ length: 4000 }, (_, index) => (index * 7919) % 256);
    const text = new TextDecoder('utf-8').decode(bytes);
    const result = parseReport(text, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.message).toMatch(/^binary data, not text \(\d+ % control/);
    expect(result.issues[0]?.expected).toBe(
      'the report as UTF-8 text, e.g. converted from PDF with pdftotext',
    );
  });

  it('a text that is no report says what was expected', () => {
    expect(parseReport(seed('sodertalje-vardegrund-2008.txt'), options)).toEqual({
      ok: false,
      issues: [
        {
          source: 'report.txt',
          message: 'not a report Kompass can read: neither an analysis nor an application',
          expected: WHAT_WE_READ,
        },
      ],
    });
  });
});

describe('decodeReportBytes', () => {
  const encoder = new TextEncoder();

  it('reads UTF-8, and UTF-16 with a byte order mark', () => {
    expect(decodeReportBytes(encoder.encode('Södertälje'), 'a.txt')).toEqual({
      ok: true,
      text: 'Södertälje',
    });
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...'Sö'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeReportBytes(utf16, 'a.txt')).toEqual({ ok: true, text: 'Sö' });
  });

  it('refuses Latin-1 with the line of the first byte that is not UTF-8', () => {
    const latin1 = Uint8Array.from(
      [...seed('sodertalje-kvalitetskommun-ansokan-2009.txt')].map((c) => c.charCodeAt(0) & 0xff),
    );
    const result = decodeReportBytes(latin1, 'ansokan.txt');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Line 5 of the seed is the first with a letter outside ASCII ("Södertälje").
    expect(result.issues.map(formatIssue)).toEqual([
      'ansokan.txt:5: not UTF-8: byte 0xf6 at offset 5 (Latin-1 or Windows-1252? convert with iconv -f windows-1252 -t utf-8) (expected the report as UTF-8 text, e.g. converted from PDF with pdftotext)',
    ]);
  });

  it('refuses NUL bytes and PDF files', () => {
    const nul = decodeReportBytes(encoder.encode('Rubrik\nrad två\u0000\n'), 'b.bin');
    expect(nul.ok ? [] : nul.issues.map(formatIssue)).toEqual([
      'b.bin:2: binary data, not text (a NUL byte) (expected the report as UTF-8 text, e.g. converted from PDF with pdftotext)',
    ]);
    const pdf = decodeReportBytes(encoder.encode('%PDF-1.4\n%âãÏÓ\n'), 'c.pdf');
    expect(pdf.ok ? [] : pdf.issues.map((issue) => issue.message)).toEqual([
      'a PDF file, not text: convert it to text first',
    ]);
  });

  it('firstInvalidUtf8 finds truncated, overlong and surrogate sequences', () => {
    expect(firstInvalidUtf8(encoder.encode('åäö – ☒ 𝄞'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x41, 0xc3]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0x41, 0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0xe0, 0x80, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.from([0x41, 0x42, 0xff]))).toBe(2);
  });
});
