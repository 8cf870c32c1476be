import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../io.ts';
import { main } from '../main.ts';

const seedPath = (name: string) =>
  fileURLToPath(new URL(`../../../../shared/seeds/${name}`, import.meta.url));
const APPLICATION = seedPath('sodertalje-kvalitetskommun-ansokan-2009.txt');

const dir = mkdtempSync(join(tmpdir(), 'kompass-parse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `kompass <args>` in-process, in the temporary folder, and collects what it prints. */
async function kompass(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env: {},
    cwd: dir,
  };
  const code = await main(['node', 'kompass', ...args], io);
  return { code, out, err };
}

describe('kompass parse', () => {
  it('prints the application as one JSON object with the contract fields', async () => {
    const { code, out, err } = await kompass('parse', APPLICATION, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out) as Record<string, unknown> & {
      answers: Array<{ number: number; answer: string | null; flags: string[] }>;
    };
    expect(report).toMatchObject({
      kind: 'self-assessment',
      municipality: { name: 'Södertälje', code: '0181' },
      year: 2009,
      edition: 'kvalitetskommun-2009',
      warnings: [],
    });
    expect(report.answers).toHaveLength(50);
    expect(report.answers[8]).toMatchObject({
      number: 9,
      answer: null,
      flags: ['multiple-ticked: I hög grad, Fullt ut'],
    });
    expect(report.answers[44]).toMatchObject({ number: 45, answer: 'Delvis', flags: [] });
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['themes', 'series', 'tables', 'warnings']),
    );
  });

  it('prints a readable summary', async () => {
    const { code, out } = await kompass('parse', APPLICATION);
    expect(code).toBe(0);
    expect(out).toContain(
      'Kvalitetskommun application: Södertälje (0181), 2009, edition kvalitetskommun-2009',
    );
    expect(out).toContain('Answers: 47 of 50 (Ej alls 0, Delvis 5, I hög grad 25, Fullt ut 17)');
    expect(out).toContain(
      'question 8 (line 109): no answer; multiple-ticked: I hög grad, Fullt ut',
    );
    expect(out).toContain('attraktiv arbetsgivare: 2005: target 82, 83 %');
  });

  it('prints an analysis as JSON too', async () => {
    const { code, out } = await kompass(
      'parse',
      seedPath('kommunkompassen-upplands-bro-2011.txt'),
      '--json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      kind: 'kommunkompassen',
      municipality: { name: 'Upplands-Bro' },
      year: 2011,
      total: 383,
    });
  });

  it('an empty file fails with the file name, what was expected and exit code 1', async () => {
    writeFileSync(join(dir, 'empty.txt'), '');
    const { code, out, err } = await kompass('parse', 'empty.txt');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      'empty.txt: the file is empty (expected a Kommunkompassen analysis ("Kommunkompassen … Analys av <kommun>") or a Kvalitetskommun application ("Ansökan till Sveriges Kvalitetskommun <år>" with its 50 questions))\n' +
        'kompass: empty.txt was not read (1 issue)\n',
    );
  });

  it('a binary file is refused with the line of its first NUL byte, no stack trace', async () => {
    writeFileSync(join(dir, 'image.png'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x00]));
    const { code, err } = await kompass('parse', 'image.png', '--json');
    expect(code).toBe(1);
    expect(err).toBe(
      'image.png:2: binary data, not text (a NUL byte) (expected the report as UTF-8 text, e.g. converted from PDF with pdftotext)\n' +
        'kompass: image.png was not read (1 issue)\n',
    );
  });

  it('a Latin-1 file is refused as not UTF-8', async () => {
    writeFileSync(join(dir, 'latin1.txt'), Uint8Array.from([0x4b, 0x0a, 0x53, 0xf6, 0x64]));
    const { code, err } = await kompass('parse', 'latin1.txt');
    expect(code).toBe(1);
    expect(err).toMatch(/^latin1\.txt:2: not UTF-8: byte 0xf6 at offset 3 /);
  });

  it('a report with a broken question table lists every issue with its line', async () => {
    const text = readFileSync(APPLICATION, 'utf8');
    writeFileSync(join(dir, 'broken.txt'), text.replace(/^\| 17\. .*$/m, ''));
    const { code, out, err } = await kompass('parse', 'broken.txt', '--json');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      'broken.txt:118: question 17 not found after question 16 (line 117) (expected a row "17. …" with the boxes Ej alls / Delvis / I hög grad / Fullt ut)\n' +
        'kompass: broken.txt was not read (1 issue)\n',
    );
  });

  it('a text that is no report is refused', async () => {
    const { code, err } = await kompass('parse', seedPath('sodertalje-vardegrund-2008.txt'));
    expect(code).toBe(1);
    expect(err).toContain(
      ': not a report Kompass can read: neither an analysis nor an application',
    );
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('a missing file is one line, no stack trace', async () => {
    const { code, err } = await kompass('parse', 'nope.txt');
    expect(code).toBe(1);
    expect(err).toBe('kompass: cannot read nope.txt: no such file\n');
  });
});
