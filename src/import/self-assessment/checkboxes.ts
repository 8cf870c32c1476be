/**
 * Checkboxes as PDF-to-text converters draw them: `<input type="checkbox"/>` tags, glyphs
 * (☒ ☐ ☑ ✓ ■ □ …), brackets ("[x] Delvis", "( ) Delvis"), and the Wingdings letters some
 * converters leave behind (¨ þ ý). A box is a mark beside an option label of the scale.
 */

/** A mark (a drawn box, ticked or not) or an option label, at an offset in the text. */
export type BoxToken =
  | { type: 'mark'; checked: boolean; start: number; end: number }
  | { type: 'label'; option: number; capitalised: boolean; start: number; end: number };

/** One option of a question row with whether it was ticked. */
export interface Box {
  option: number;
  checked: boolean;
  /** The label had no mark of its own (some converters draw only the ticked box). */
  bare: boolean;
}

const CHECKED_GLYPHS = '☒☑✓✔✗✘■⊠▣◼●◉';
const UNCHECKED_GLYPHS = '☐□◻○❑❒▢';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds the tokenizer for one answer scale. */
export function boxTokenizer(scale: readonly string[]): (text: string) => BoxToken[] {
  const labels = scale.map((option) => escapeRegExp(option).replace(/ +/g, '\\s+'));
  const labelAlternation = labels.join('|');
  const fold = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();
  const folded = scale.map(fold);
  const pattern = new RegExp(
    [
      `(?<input><input\\b[^>]*>)`,
      `(?<glyph>[${CHECKED_GLYPHS}${UNCHECKED_GLYPHS}])`,
      `(?<bracket>\\[\\s*[xX✓✔✗*]?\\s*\\]|\\(\\s*[xX✓✔✗*]?\\s*\\))`,
      `(?<wingding>[¨þý])(?=[\\s*_]*(?:${labelAlternation})(?![\\p{L}]))`,
      `(?<![\\p{L}])(?<label>${labelAlternation})(?![\\p{L}])`,
    ].join('|'),
    'giu',
  );
  return (text) => {
    const tokens: BoxToken[] = [];
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      const groups = match.groups ?? {};
      if (groups.input !== undefined) {
        const tag = groups.input;
        const type = /\btype\s*=\s*["']?([a-z]+)/i.exec(tag)?.[1]?.toLowerCase();
        if (type !== undefined && type !== 'checkbox' && type !== 'radio') continue;
        tokens.push({ type: 'mark', checked: /\bchecked\b/i.test(tag), start, end });
      } else if (groups.glyph !== undefined) {
        tokens.push({ type: 'mark', checked: CHECKED_GLYPHS.includes(groups.glyph), start, end });
      } else if (groups.bracket !== undefined) {
        tokens.push({ type: 'mark', checked: /[xX✓✔✗*]/.test(groups.bracket), start, end });
      } else if (groups.wingding !== undefined) {
        tokens.push({ type: 'mark', checked: groups.wingding !== '¨', start, end });
      } else {
        const option = folded.indexOf(fold(match[0]));
        if (option < 0) continue;
        const first = match[0].charAt(0);
        tokens.push({
          type: 'label',
          option,
          capitalised: first === first.toUpperCase(),
          start,
          end,
        });
      }
    }
    return tokens;
  };
}

/** Text between two tokens of one row: nothing but spacing, table rules and markup. */
const SEPARATOR_ONLY = /^[\s|*_\-–—·:;,.]*$/;

/** Whether two tokens belong to the same run of boxes. */
export function adjacent(text: string, from: number, to: number): boolean {
  return SEPARATOR_ONLY.test(text.slice(from, to).replace(/<[^>]*>/g, ' '));
}

/**
 * Splits a row's tokens into chains of adjacent tokens and keeps the chains that hold both a
 * mark and a label: the boxes of the row. A lone capitalised word such as "Delvis" in a sentence
 * is not a box.
 */
export function boxChains(text: string, tokens: readonly BoxToken[]): BoxToken[][] {
  const chains: BoxToken[][] = [];
  let current: BoxToken[] = [];
  for (const token of tokens) {
    const previous = current[current.length - 1];
    if (previous !== undefined && !adjacent(text, previous.end, token.start)) {
      chains.push(current);
      current = [];
    }
    current.push(token);
  }
  if (current.length > 0) chains.push(current);
  return chains
    .map((chain) => trimChain(chain))
    .filter(
      (chain) =>
        chain.some((token) => token.type === 'mark') &&
        chain.some((token) => token.type === 'label'),
    );
}

/** Drops lower-case labels at the ends of a chain: words of a sentence, not boxes. */
function trimChain(chain: BoxToken[]): BoxToken[] {
  let first = 0;
  let last = chain.length - 1;
  const weak = (token: BoxToken | undefined) => token?.type === 'label' && !token.capitalised;
  while (first <= last && weak(chain[first]) && chain[first + 1]?.type !== 'mark') first += 1;
  while (last >= first && weak(chain[last]) && chain[last - 1]?.type !== 'mark') last -= 1;
  return chain.slice(first, last + 1);
}

/** Which side of its label a mark is drawn on. */
export type MarkSide = 'before' | 'after';

/**
 * Evidence for the side marks are drawn on: a row that starts with a mark has it before the
 * label, a row that ends with one has it after.
 */
export function markSideEvidence(chains: readonly BoxToken[][]): { before: number; after: number } {
  let before = 0;
  let after = 0;
  for (const chain of chains) {
    if (chain[0]?.type === 'mark') before += 1;
    if (chain[chain.length - 1]?.type === 'mark') after += 1;
  }
  return { before, after };
}

/** Pairs marks with labels on the given side; a label without a mark is a bare box. */
export function pairBoxes(chains: readonly BoxToken[][], side: MarkSide): Box[] {
  const boxes: Box[] = [];
  for (const chain of chains) {
    for (let index = 0; index < chain.length; index += 1) {
      const token = chain[index];
      if (token === undefined) continue;
      if (side === 'before' && token.type === 'mark') {
        const next = chain[index + 1];
        if (next?.type === 'label') {
          boxes.push({ option: next.option, checked: token.checked, bare: false });
          index += 1;
        }
      } else if (side === 'after' && token.type === 'label') {
        const next = chain[index + 1];
        if (next?.type === 'mark') {
          boxes.push({ option: token.option, checked: next.checked, bare: false });
          index += 1;
        } else {
          boxes.push({ option: token.option, checked: false, bare: true });
        }
      } else if (token.type === 'label') {
        boxes.push({ option: token.option, checked: false, bare: true });
      }
    }
  }
  return boxes;
}

/** The answer a row gives, and the flags that say why it is null or what else is odd. */
export function resolveBoxes<T extends string>(
  boxes: readonly Box[],
  scale: readonly T[],
  ambiguousMarks: boolean,
): { answer: T | null; flags: string[] } {
  const counts = scale.map(() => 0);
  const ticked = new Set<number>();
  for (const box of boxes) {
    counts[box.option] = (counts[box.option] ?? 0) + 1;
    if (box.checked) ticked.add(box.option);
  }
  const names = (indexes: Iterable<number>) =>
    [...indexes]
      .sort((a, b) => a - b)
      .map((index) => scale[index])
      .join(', ');
  const flags: string[] = [];
  const missing = counts.flatMap((count, index) => (count === 0 ? [index] : []));
  const repeated = counts.flatMap((count, index) => (count > 1 ? [index] : []));
  if (missing.length > 0) flags.push(`missing-options: ${names(missing)}`);
  if (repeated.length > 0) flags.push(`repeated-options: ${names(repeated)}`);
  const unclear = ambiguousMarks && boxes.some((box) => box.bare);
  if (unclear) flags.push('ambiguous-marks');
  if (ticked.size > 1) flags.push(`multiple-ticked: ${names(ticked)}`);
  if (ticked.size === 0 && flags.length === 0) flags.push('unanswered');
  if (ticked.size === 1 && flags.length === 0) {
    const [only] = ticked;
    return { answer: scale[only ?? -1] ?? null, flags };
  }
  if (ticked.size === 1) flags.push(`ticked: ${names(ticked)}`);
  return { answer: null, flags };
}
