import type { ImportIssue } from '../issues.ts';
import { lineAt, type ReportLine } from '../text/index.ts';

/** Collects the errors (the report cannot be imported) and warnings of one parse. */
export class Issues {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];

  constructor(readonly source: string) {}

  error(line: number | undefined, message: string, expected?: string): void {
    this.errors.push(this.issue(line, message, expected));
  }

  warn(line: number | undefined, message: string, expected?: string): void {
    this.warnings.push(this.issue(line, message, expected));
  }

  private issue(line: number | undefined, message: string, expected?: string): ImportIssue {
    return {
      source: this.source,
      ...(line === undefined ? {} : { line }),
      message,
      ...(expected === undefined ? {} : { expected }),
    };
  }
}

/**
 * The whole report as one string (logical lines joined by "\n", table cells by a tab), for
 * searches that must not care how the text was broken into lines.
 */
export class Stream {
  readonly text: string;
  private readonly starts: number[] = [];

  constructor(readonly lines: readonly ReportLine[]) {
    let offset = 0;
    const texts: string[] = [];
    for (const line of lines) {
      this.starts.push(offset);
      texts.push(line.text);
      offset += line.text.length + 1;
    }
    this.text = texts.join('\n');
  }

  /** Index of the logical line that holds `offset`. */
  indexAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** 1-based raw line of the character at `offset`. */
  lineAt(offset: number): number | undefined {
    const index = this.indexAt(offset);
    const line = this.lines[index];
    if (!line) return undefined;
    return lineAt(line, offset - (this.starts[index] ?? 0));
  }

  /** Offset in the stream where logical line `index` starts. */
  startOf(index: number): number {
    return this.starts[index] ?? this.text.length;
  }
}

/** Lower-case, accents kept, punctuation and spaces folded, for comparing printed names. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Word sets of texts compared before: catalogue question and area names come back in every
 * parse, and a report's texts are compared with every edition. Bounded, so a long run of
 * different reports does not grow it without end.
 */
const wordSets = new Map<string, ReadonlySet<string>>();
const MAX_WORD_SETS = 20_000;

function wordSet(text: string): ReadonlySet<string> {
  let words = wordSets.get(text);
  if (words === undefined) {
    if (wordSets.size >= MAX_WORD_SETS) wordSets.clear();
    words = new Set(fold(text).split(' ').filter(Boolean));
    wordSets.set(text, words);
  }
  return words;
}

/** Dice coefficient of the word sets of two texts (1 = same words). */
export function similarity(a: string, b: string): number {
  const left = wordSet(a);
  const right = wordSet(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}

export const MONTHS = [
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

/** Words after which a capitalised word is a name inside a phrase, not a new item. */
export const FUNCTION_WORDS = new Set([
  'med',
  'och',
  'i',
  'för',
  'av',
  'till',
  'på',
  'om',
  'vid',
  'från',
  'mellan',
  'inom',
  'genom',
  'hos',
  'en',
  'ett',
  'den',
  'det',
  'de',
  'att',
  'samt',
  'eller',
  'som',
  'mot',
  'under',
  'över',
  'efter',
  'enligt',
  'kring',
  'bland',
  'via',
  'ex.',
  't.ex.',
]);
