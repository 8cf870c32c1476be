import type { MunicipalityRef } from './types.ts';

/** "Upplands-Bro", "Upplands Bro", "UPPLANDS-BRO" all give "upplandsbro". */
function key(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}]+/gu, '');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface MunicipalityMention {
  municipality: MunicipalityRef;
  /** The words as printed, e.g. "Södertäljes". */
  printed: string;
  index: number;
}

/**
 * Matches municipality names as reports print them against the register: with or without the
 * hyphen ("Upplands Bro"), in capitals, in the genitive ("Södertäljes"), followed by "kommun".
 * Never guesses: a name that is not in the register matches nothing.
 */
const matchers = new WeakMap<readonly MunicipalityRef[], MunicipalityMatcher>();

export class MunicipalityMatcher {
  /** The matcher for a register, built once per register array. */
  static for(register: readonly MunicipalityRef[]): MunicipalityMatcher {
    let matcher = matchers.get(register);
    if (!matcher) {
      matcher = new MunicipalityMatcher(register);
      matchers.set(register, matcher);
    }
    return matcher;
  }

  private readonly byKey = new Map<string, MunicipalityRef>();
  private readonly pattern: RegExp;

  constructor(register: readonly MunicipalityRef[]) {
    const refs = register.map(({ name, code }) => ({ name, code }));
    for (const municipality of refs) this.byKey.set(key(municipality.name), municipality);
    for (const municipality of refs) {
      const genitive = `${key(municipality.name)}s`;
      if (!municipality.name.endsWith('s') && !this.byKey.has(genitive)) {
        this.byKey.set(genitive, municipality);
      }
    }
    const names = [...register]
      .map((municipality) => municipality.name)
      .sort((a, b) => b.length - a.length)
      .flatMap((name) => {
        const flexible = escapeRegex(name).replace(/\\?[- ]/g, '[- ]?');
        return [flexible, flexible.toUpperCase()];
      });
    this.pattern = new RegExp(
      `(?<![\\p{L}\\p{N}-])(?:${names.join('|')})s?(?![\\p{L}\\p{N}])`,
      'gu',
    );
    this.byFirst = MunicipalityMatcher.byFirstCharacter(register);
  }

  /**
   * The same pattern split by the first character of its alternatives (in the same order), with
   * a pattern that finds those characters: `findAll` tries only the names that can start where
   * it looks. Undefined when a name starts with a character the split cannot handle.
   */
  private readonly byFirst: { first: RegExp; patterns: Map<string, RegExp> } | undefined;

  private static byFirstCharacter(
    register: readonly MunicipalityRef[],
  ): { first: RegExp; patterns: Map<string, RegExp> } | undefined {
    const groups = new Map<string, string[]>();
    const names = [...register]
      .map((municipality) => municipality.name)
      .sort((a, b) => b.length - a.length);
    for (const name of names) {
      const flexible = escapeRegex(name).replace(/\\?[- ]/g, '[- ]?');
      for (const [printed, source] of [
        [name, flexible],
        [name.toUpperCase(), flexible.toUpperCase()],
      ] as const) {
        const first = String.fromCodePoint(printed.codePointAt(0) ?? 0);
        if (!/^[\p{L}\p{N}]$/u.test(first)) return undefined;
        groups.set(first, [...(groups.get(first) ?? []), source]);
      }
    }
    if (groups.size === 0) return undefined;
    const patterns = new Map<string, RegExp>();
    for (const [first, sources] of groups) {
      patterns.set(
        first,
        new RegExp(`(?<![\\p{L}\\p{N}-])(?:${sources.join('|')})s?(?![\\p{L}\\p{N}])`, 'uy'),
      );
    }
    return { first: new RegExp(`[${[...groups.keys()].join('')}]`, 'gu'), patterns };
  }

  /** The register entry for a printed name ("Upplands Bro", "Södertäljes"), if any. */
  lookup(printed: string): MunicipalityRef | undefined {
    return this.byKey.get(key(printed));
  }

  /**
   * The municipality whose name starts `phrase` (one to four words), the longest match first.
   *
   * @example
   * matcher.matchStart('Upplands Bro kommun 2011')?.municipality.code; // '0139'
   */
  matchStart(phrase: string): MunicipalityMention | undefined {
    const words = phrase.trim().split(/\s+/).slice(0, 4);
    for (let size = words.length; size >= 1; size -= 1) {
      const printed = words
        .slice(0, size)
        .join(' ')
        .replace(/[^\p{L}]+$/u, '');
      const municipality = this.lookup(printed);
      if (municipality) return { municipality, printed, index: 0 };
    }
    return undefined;
  }

  /** Every mention of a register name in `text`, in order. */
  findAll(text: string): MunicipalityMention[] {
    const mentions: MunicipalityMention[] = [];
    const add = (match: RegExpExecArray): void => {
      const municipality = this.lookup(match[0]);
      if (municipality) mentions.push({ municipality, printed: match[0], index: match.index });
    };
    if (!this.byFirst) {
      for (const match of text.matchAll(this.pattern)) add(match);
      return mentions;
    }
    // What `text.matchAll(this.pattern)` finds: a match starts with the first character of a
    // name, so only those places are tried, each with the names starting with that character.
    const { first, patterns } = this.byFirst;
    first.lastIndex = 0;
    for (let candidate = first.exec(text); candidate; candidate = first.exec(text)) {
      const pattern = patterns.get(candidate[0]);
      if (!pattern) continue;
      pattern.lastIndex = candidate.index;
      const match = pattern.exec(text);
      if (!match) continue;
      add(match);
      first.lastIndex = match.index + match[0].length;
    }
    return mentions;
  }
}
