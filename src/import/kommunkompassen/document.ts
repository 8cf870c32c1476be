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
 * Word sets of catalogue texts (question texts, area names and aliases): they come back in every
 * parse. Bounded, so a catalogue that keeps changing does not grow it without end.
 */
const catalogueWords = new Map<string, ReadonlySet<string>>();
const MAX_CATALOGUE_WORDS = 20_000;

function words(text: string): ReadonlySet<string> {
  return new Set(fold(text).split(' ').filter(Boolean));
}

function catalogueWordSet(text: string): ReadonlySet<string> {
  let set = catalogueWords.get(text);
  if (set === undefined) {
    if (catalogueWords.size >= MAX_CATALOGUE_WORDS) catalogueWords.clear();
    set = words(text);
    catalogueWords.set(text, set);
  }
  return set;
}

/**
 * Dice coefficient of the word sets of two texts (1 = same words). Pass the printed text first
 * and the catalogue's second: the catalogue's word sets are kept between calls.
 */
export function similarity(printed: string, catalogue: string): number {
  return similarityOfWords(words(printed), catalogue);
}

/**
 * A `similarity` for one parse that compares the same printed texts with several editions:
 * their word sets are computed once per text.
 */
export function printedSimilarity(): (printed: string, catalogue: string) => number {
  const printedWords = new Map<string, ReadonlySet<string>>();
  return (printed, catalogue) => {
    let left = printedWords.get(printed);
    if (left === undefined) {
      left = words(printed);
      printedWords.set(printed, left);
    }
    return similarityOfWords(left, catalogue);
  };
}

function similarityOfWords(left: ReadonlySet<string>, catalogue: string): number {
  const right = catalogueWordSet(catalogue);
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
