import type { ImportIssue } from '../issues.ts';
import {
  boxChains,
  boxTokenizer,
  markSideEvidence,
  pairBoxes,
  resolveBoxes,
  type BoxToken,
  type MarkSide,
} from './checkboxes.ts';
import type { SourceText } from './source.ts';
import type { SelfAssessmentAnswer, SelfAssessmentOption } from './types.ts';

/**
 * The start of a numbered question: "17. Har kommunen …", also after a table pipe, a list dash
 * or an HTML tag, in bold, with the number and the text on separate lines, or "17) …". The text
 * starts with a capital letter, so "3. kap." inside a wrapped sentence is not a question.
 */
const QUESTION_START = /(?<=^|[\s|>*(-])(\d{1,2})\s?[.)](?=[\s*_]*(?:<[^>]*>[\s*_]*)*\p{Lu})/gmu;

/** A question row found in the text. */
export interface QuestionRow {
  number: number;
  /** Offset of the number. */
  start: number;
  /** Offset just after the row's last box. */
  end: number;
  text: string;
  chains: BoxToken[][];
}

export interface QuestionsResult {
  answers: SelfAssessmentAnswer[];
  rows: QuestionRow[];
  issues: ImportIssue[];
  warnings: ImportIssue[];
}

/**
 * Reads the numbered question rows and their boxes. Each expected question must have a row;
 * a missing row is an issue (a mangled table), an unclear row is a null answer with flags.
 */
export function readQuestions(
  source: SourceText,
  sourceName: string,
  expected: readonly number[],
  scale: readonly SelfAssessmentOption[],
): QuestionsResult {
  const text = source.text;
  const wanted = new Set(expected);
  const tokenize = boxTokenizer(scale);
  const starts = [...text.matchAll(QUESTION_START)]
    .map((match) => ({
      number: Number(match[1]),
      start: match.index,
      after: match.index + match[0].length,
    }))
    .filter((start) => wanted.has(start.number));

  const rows: QuestionRow[] = [];
  starts.forEach((start, index) => {
    const limit = starts[index + 1]?.start ?? text.length;
    const segment = text.slice(start.after, limit);
    const chains = boxChains(segment, tokenize(segment)).map((chain) =>
      chain.map((token) => ({
        ...token,
        start: token.start + start.after,
        end: token.end + start.after,
      })),
    );
    const first = chains[0]?.[0];
    const last = chains[chains.length - 1];
    const lastToken = last?.[last.length - 1];
    if (first === undefined || lastToken === undefined) return;
    rows.push({
      number: start.number,
      start: start.start,
      end: lastToken.end,
      text: cleanQuestionText(text.slice(start.after, first.start)),
      chains,
    });
  });

  const evidence = markSideEvidence(rows.flatMap((row) => row.chains));
  const side: MarkSide = evidence.after > evidence.before ? 'after' : 'before';
  const ambiguous = evidence.after === evidence.before;

  const issues: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const answers: SelfAssessmentAnswer[] = [];
  const byNumber = new Map<number, QuestionRow[]>();
  for (const row of rows) byNumber.set(row.number, [...(byNumber.get(row.number) ?? []), row]);

  const sorted = [...expected].sort((a, b) => a - b);
  const missing: number[] = [];
  for (const number of sorted) {
    const found = byNumber.get(number) ?? [];
    const first = found[0];
    if (first === undefined) {
      missing.push(number);
      continue;
    }
    const results = found.map((row) => ({
      row,
      line: source.lineAt(row.start),
      ...resolveBoxes(pairBoxes(row.chains, side), scale, ambiguous),
    }));
    const lines = results.map((result) => result.line).join(', ');
    const same = results.every(
      (result) =>
        result.answer === results[0]?.answer &&
        result.flags.join('|') === results[0]?.flags.join('|'),
    );
    const firstResult = results[0];
    if (firstResult === undefined) continue;
    if (results.length > 1) {
      const texts = new Set(results.map((result) => result.row.text));
      warnings.push({
        source: sourceName,
        line: firstResult.line,
        message:
          texts.size > 1
            ? `${results.length} different rows are numbered ${number} (lines ${lines}); one is probably misnumbered`
            : `question ${number} is printed ${results.length} times (lines ${lines})`,
        expected: 'each question once',
      });
    }
    if (same) {
      answers.push({
        number,
        answer: firstResult.answer,
        flags: firstResult.flags,
        text: first.text,
        line: firstResult.line,
      });
    } else {
      const detail = results
        .map((result) => `line ${result.line}: ${result.answer ?? result.flags.join(', ')}`)
        .join('; ');
      answers.push({
        number,
        answer: null,
        flags: [`conflicting-rows: ${detail}`],
        text: first.text,
        line: firstResult.line,
      });
    }
  }
  issues.push(...missingQuestions(source, sourceName, missing, byNumber, sorted));
  for (const answer of answers) {
    const broken = answer.flags.filter((flag) =>
      /^(missing-options|repeated-options|ambiguous-marks)/.test(flag),
    );
    if (broken.length === 0) continue;
    warnings.push({
      source: sourceName,
      line: answer.line,
      message: `question ${answer.number}: the row is unclear (${broken.join('; ')}); no answer taken`,
      expected: 'the four boxes Ej alls / Delvis / I hög grad / Fullt ut, one of them ticked',
    });
  }
  return { answers, rows, issues, warnings };
}

/** One issue per run of consecutive missing questions ("questions 24–50 not found …"). */
function missingQuestions(
  source: SourceText,
  sourceName: string,
  missing: readonly number[],
  byNumber: ReadonlyMap<number, QuestionRow[]>,
  sorted: readonly number[],
): ImportIssue[] {
  const runs: number[][] = [];
  for (const number of missing) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (
      run !== undefined &&
      last !== undefined &&
      sorted.indexOf(number) === sorted.indexOf(last) + 1
    ) {
      run.push(number);
    } else runs.push([number]);
  }
  return runs.map((run) => {
    const first = run[0] ?? 0;
    const last = run[run.length - 1] ?? first;
    const before = sorted[sorted.indexOf(first) - 1];
    const after = sorted[sorted.indexOf(last) + 1];
    const beforeRow = before === undefined ? undefined : byNumber.get(before)?.[0];
    const afterRow = after === undefined ? undefined : byNumber.get(after)?.[0];
    const where =
      beforeRow !== undefined
        ? ` after question ${String(before)} (line ${String(source.lineAt(beforeRow.start))})`
        : afterRow !== undefined
          ? ` before question ${String(after)} (line ${String(source.lineAt(afterRow.start))})`
          : '';
    const line =
      beforeRow !== undefined
        ? Math.min(source.lineAt(beforeRow.end) + 1, source.lines.length)
        : afterRow !== undefined
          ? source.lineAt(afterRow.start)
          : undefined;
    const what = first === last ? `question ${first}` : `questions ${first}–${last}`;
    const rows = first === last ? `a row "${first}. …"` : `rows "${first}. …" to "${last}. …"`;
    return {
      source: sourceName,
      ...(line === undefined ? {} : { line }),
      message: `${what} not found${where}`,
      expected: `${rows} with the boxes Ej alls / Delvis / I hög grad / Fullt ut`,
    };
  });
}

/** The question text without table pipes, markup and line breaks. */
function cleanQuestionText(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, ' ')
    .replace(/\*\*|__/g, '')
    .replace(/[|\t\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
