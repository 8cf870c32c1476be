/**
 * Fuzz test: thousands of mutated report seeds (truncated, shuffled, digits swapped, lines
 * deleted or duplicated, random bytes) must either parse with consistent figures or fail with
 * issues that name the source and say what is wrong. The parser must never throw.
 *
 * Deterministic: case i uses the PRNG seeded with FUZZ_SEED + i (default below). A failure
 * prints its seed and mutations; replay it with
 * `FUZZ_SEED=<seed> FUZZ_CASES=1 npx vitest run src/import/fuzz.test.ts`.
 *
 * Each seed runs cases 0, 1, 2 … until FUZZ_CASES are done (1,000 per seed, 4,000 in all by
 * default) or its time budget (FUZZ_BUDGET_MS, 7 s per seed) is spent, whichever comes first,
 * and at least MIN_CASES. An analysis parses in a few milliseconds, so a normal machine runs
 * every case in about 10–20 s; the budget is a safety net that keeps a loaded machine within
 * about 30 s (the summary says how many cases ran). Raise both for a long run:
 * `FUZZ_CASES=100000 FUZZ_BUDGET_MS=600000 npx vitest run src/import/fuzz.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltInCatalogue } from '../frameworks/index.ts';
import { loadMunicipalities } from '../reference/municipalities.ts';
import type { ImportIssue } from './issues.ts';
import { parseReport, type ParseReportResult } from './parse.ts';
import { KVALITETSKOMMUN_SCALE } from './self-assessment/types.ts';

const BASE_SEED = Number(process.env.FUZZ_SEED ?? 20090917);
const CASES = Number(process.env.FUZZ_CASES ?? 1000);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 7000);
const MIN_CASES = Math.min(CASES, 100);

const SEEDS = [
  'sodertalje-kvalitetskommun-ansokan-2009.txt',
  'kommunkompassen-strangnas-2016.txt',
  'kommunkompassen-upplands-bro-2011.txt',
  'kommunkompassen-sodertalje-2006.txt',
] as const;

const readSeed = (name: string) =>
  readFileSync(new URL(`../../../shared/seeds/${name}`, import.meta.url), 'utf8');

/** mulberry32: a small, fast, seedable PRNG (the same sequence on every machine). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = (random: Random, size: number) => Math.floor(random() * size);

/** One way a conversion, a copy-paste or a disk can damage a report. */
const MUTATIONS: Record<string, (text: string, random: Random) => string> = {
  truncate: (text, random) => text.slice(0, pick(random, text.length)),
  'shuffle a block of lines': (text, random) => {
    const lines = text.split('\n');
    const start = pick(random, lines.length);
    const block = lines.slice(start, start + 2 + pick(random, 30));
    for (let index = block.length - 1; index > 0; index -= 1) {
      const other = pick(random, index + 1);
      [block[index], block[other]] = [block[other] ?? '', block[index] ?? ''];
    }
    lines.splice(start, block.length, ...block);
    return lines.join('\n');
  },
  'shuffle all lines': (text, random) => {
    const lines = text.split('\n');
    for (let index = lines.length - 1; index > 0; index -= 1) {
      const other = pick(random, index + 1);
      [lines[index], lines[other]] = [lines[other] ?? '', lines[index] ?? ''];
    }
    return lines.join('\n');
  },
  'swap two digits': (text, random) => {
    const pairs = [...text.matchAll(/\d\d/g)];
    const match = pairs[pick(random, pairs.length)];
    if (match === undefined) return text;
    const at = match.index;
    return text.slice(0, at) + (text[at + 1] ?? '') + (text[at] ?? '') + text.slice(at + 2);
  },
  'change a digit': (text, random) => {
    const digits = [...text.matchAll(/\d/g)];
    const match = digits[pick(random, digits.length)];
    if (match === undefined) return text;
    return text.slice(0, match.index) + String(pick(random, 10)) + text.slice(match.index + 1);
  },
  'delete lines': (text, random) => {
    const lines = text.split('\n');
    lines.splice(pick(random, lines.length), 1 + pick(random, 3));
    return lines.join('\n');
  },
  'duplicate lines': (text, random) => {
    const lines = text.split('\n');
    const start = pick(random, lines.length);
    lines.splice(start, 0, ...lines.slice(start, start + 1 + pick(random, 3)));
    return lines.join('\n');
  },
  'random bytes': (text, random) => {
    const at = pick(random, text.length);
    const noise = Array.from({ length: 1 + pick(random, 12) }, () =>
      String.fromCharCode(
        random() < 0.3 ? pick(random, 32) : random() < 0.5 ? 0xfffd : pick(random, 0x2fff),
      ),
    ).join('');
    return text.slice(0, at) + noise + text.slice(at);
  },
  'Windows line endings': (text) => text.replace(/\n/g, '\r\n'),
  'decomposed accents': (text) => text.normalize('NFD'),
};
const NAMES = Object.keys(MUTATIONS);
/**
 * Mutations that keep every question row of the application intact (each row is one line of
 * the seed): when the result parses, its answers must be the original ones.
 */
const ROW_PRESERVING = new Set([
  'shuffle a block of lines',
  'shuffle all lines',
  'delete lines',
  'duplicate lines',
  'Windows line endings',
  'decomposed accents',
]);

function mutate(text: string, random: Random): { text: string; applied: string[] } {
  const applied: string[] = [];
  let result = text;
  const count = 1 + pick(random, 3);
  for (let step = 0; step < count; step += 1) {
    const name = NAMES[pick(random, NAMES.length)] ?? 'truncate';
    applied.push(name);
    result = MUTATIONS[name]?.(result, random) ?? result;
  }
  return { text: result, applied };
}

/** What is wrong with a parse result, or an empty list when it is consistent. */
function problems(result: ParseReportResult, source: string, lineCount: number): string[] {
  const found: string[] = [];
  const checkIssue = (issue: ImportIssue, what: string) => {
    if (issue.source !== source) found.push(`${what} names source "${issue.source}"`);
    if (typeof issue.message !== 'string' || issue.message.trim() === '') {
      found.push(`${what} has no message`);
    }
    if (
      issue.line !== undefined &&
      (!Number.isInteger(issue.line) || issue.line < 1 || issue.line > lineCount + 1)
    ) {
      found.push(`${what} points at line ${issue.line} of ${lineCount}`);
    }
  };
  if (!result.ok) {
    if (result.issues.length === 0) found.push('failed without an issue');
    result.issues.forEach((issue, index) => checkIssue(issue, `issue ${index}`));
    return found;
  }
  const { report } = result;
  result.warnings.forEach((warning, index) => checkIssue(warning, `warning ${index}`));
  if (!/^\d{4}$/.test(report.municipality.code)) found.push('municipality without a kommunkod');
  if (!Number.isInteger(report.year)) found.push(`year ${report.year}`);
  if (report.kind === 'self-assessment') {
    const numbers = report.answers.map((answer) => answer.number);
    if (numbers.join(',') !== Array.from({ length: 50 }, (_, i) => i + 1).join(',')) {
      found.push(`answers numbered ${numbers.join(',')}`);
    }
    for (const answer of report.answers) {
      if (answer.answer === null && answer.flags.length === 0) {
        found.push(`question ${answer.number} has no answer and no flag`);
      }
      if (answer.answer !== null && !KVALITETSKOMMUN_SCALE.includes(answer.answer)) {
        found.push(`question ${answer.number} answered "${String(answer.answer)}"`);
      }
    }
    for (const series of report.series) {
      for (const point of series.points) {
        if (!Number.isInteger(point.year)) found.push(`series ${series.name}: year ${point.year}`);
        for (const value of [point.target, point.result]) {
          if (value !== null && !Number.isFinite(value))
            found.push(`series ${series.name}: ${value}`);
        }
      }
    }
    return found;
  }
  for (const question of report.questions) {
    if (question.achieved !== null && question.max !== null && question.achieved > question.max) {
      found.push(`question ${question.id}: ${question.achieved} of ${question.max}`);
    }
  }
  for (const area of report.areas) {
    if (!(area.score >= 0 && area.score <= 100)) found.push(`area ${area.number}: ${area.score}`);
  }
  if (!(report.total >= 0 && report.total <= 800)) found.push(`total ${report.total}`);
  const sum = report.areas.reduce((total, area) => total + area.score, 0);
  if (Math.abs(sum - report.total) > 0.5 * report.areas.length && report.warnings.length === 0) {
    found.push(`total ${report.total} but the areas add up to ${sum}, and no warning`);
  }
  return found;
}

describe('fuzz: mutated report seeds parse consistently or fail with clear issues', () => {
  const options = {
    municipalities: loadMunicipalities(),
    editions: loadBuiltInCatalogue(),
  };
  const totals = { cases: 0, parsed: 0, ms: 0 };
  afterAll(() => {
    console.info(
      `fuzz: ${totals.cases} cases in all (${totals.parsed} parsed) in ${(totals.ms / 1000).toFixed(1)} s, FUZZ_SEED=${BASE_SEED}`,
    );
  });
  for (const name of SEEDS) {
    it(`up to ${CASES} mutations of ${name}`, { timeout: BUDGET_MS * 3 + 30_000 }, () => {
      const original = readSeed(name);
      const first = parseReport(original, { ...options, source: name });
      const expected =
        first.ok && first.report.kind === 'self-assessment'
          ? JSON.stringify(first.report.answers.map(({ answer }) => answer))
          : undefined;
      const failures: string[] = [];
      let parsed = 0;
      let cases = 0;
      const start = performance.now();
      for (let index = 0; index < CASES; index += 1) {
        if (index >= MIN_CASES && performance.now() - start > BUDGET_MS) break;
        cases += 1;
        const caseSeed = BASE_SEED + index;
        const { text, applied } = mutate(original, prng(caseSeed));
        const source = `fuzz-${caseSeed}.txt`;
        let result: ParseReportResult;
        try {
          result = parseReport(text, { ...options, source });
        } catch (error) {
          failures.push(
            `${name} FUZZ_SEED=${caseSeed} (${applied.join(', ')}): threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
          continue;
        }
        if (result.ok) parsed += 1;
        const found = problems(result, source, text.split(/\r\n|\r|\n/).length);
        if (
          expected !== undefined &&
          result.ok &&
          result.report.kind === 'self-assessment' &&
          applied.every((mutation) => ROW_PRESERVING.has(mutation))
        ) {
          const answers = JSON.stringify(result.report.answers.map(({ answer }) => answer));
          if (answers !== expected) found.push(`answers changed: ${answers}`);
        }
        if (found.length > 0) {
          failures.push(
            `${name} FUZZ_SEED=${caseSeed} (${applied.join(', ')}): ${found.join('; ')}`,
          );
        }
      }
      const elapsed = performance.now() - start;
      totals.cases += cases;
      totals.parsed += parsed;
      totals.ms += elapsed;
      console.info(
        `fuzz ${name}: ${cases} cases from FUZZ_SEED=${BASE_SEED} in ${(elapsed / 1000).toFixed(1)} s, ${parsed} parsed`,
      );
      expect(failures.slice(0, 10)).toEqual([]);
      // Mild damage is common among the mutations: some of them must still parse.
      expect(parsed).toBeGreaterThan(0);
    });
  }
});
