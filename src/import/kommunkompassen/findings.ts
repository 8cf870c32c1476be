import { lineAt, type ReportLine } from '../text/index.ts';
import { FUNCTION_WORDS, type Issues } from './document.ts';
import type { MunicipalityMatcher } from './municipality.ts';
import type { AreaSection } from './sections.ts';
import type { Finding, FindingKind } from './types.ts';

const STRENGTH = /^(?:styrkor|starka sidor)$/i;
const IMPROVEMENT =
  /^(?:förbättringsområden|förbättringsmöjligheter|utvecklingsområden|förbättringsförslag|utvecklingsmöjligheter|förbättringsområde)$/i;
const INLINE_LABEL =
  /(?<![\p{L}])(Styrkor|Förbättringsområden|Förbättringsmöjligheter|Utvecklingsområden)(?::\s*|\s+)(?=[A-ZÅÄÖ•])/gu;
const HAS_INLINE_LABEL = new RegExp(INLINE_LABEL.source, 'u');
const GOOD_EXAMPLE = /\b(?:gott|bra) exempel\b/i;
/** Headings under which a layout prints background, not findings. */
const BACKGROUND_HEADING = /^(?:allmänt|bakgrund|inledning)$/i;
const PROPER_NOUNS = new Set(['Sverige', 'Sveriges', 'Norge', 'Danmark', 'Finland', 'Europa']);

function labelKind(text: string): FindingKind | undefined {
  const label = text.trim().replace(/:$/, '');
  if (STRENGTH.test(label)) return 'strength';
  if (IMPROVEMENT.test(label)) return 'improvement';
  return undefined;
}

function startsLowercase(text: string): boolean {
  return /^[a-zåäöéü]/.test(text);
}

/** Joins a fragment to the item it continues: "förvalt-" + "ningsrapporter", "…otillbörligt" + "agerande". */
function continueItem(item: Finding, fragment: string, line?: number): void {
  const tight = /[a-zåäöéü]-$/.test(item.text) && startsLowercase(fragment);
  item.text = tight ? `${item.text.slice(0, -1)}${fragment}` : `${item.text} ${fragment}`;
  if (GOOD_EXAMPLE.test(item.text)) item.goodExample = true;
  if (item.line === undefined && line !== undefined) item.line = line;
}

class FindingList {
  readonly items: Finding[] = [];
  private readonly last = new Map<FindingKind, Finding>();

  constructor(
    private readonly area: number,
    private readonly issues: Issues,
  ) {}

  add(kind: FindingKind, text: string, line: number | undefined, heading?: string): void {
    const clean = text.trim();
    if (clean === '') return;
    const finding: Finding = {
      area: this.area,
      kind,
      ...(heading === undefined ? {} : { heading }),
      text: clean,
      ...(GOOD_EXAMPLE.test(clean) ? { goodExample: true } : {}),
      ...(line === undefined ? {} : { line }),
    };
    this.items.push(finding);
    this.last.set(kind, finding);
  }

  /** Appends a fragment to the last item of `kind`; a fragment with nothing to continue is an item. */
  continue(kind: FindingKind, fragment: string, line: number | undefined): void {
    const item = this.last.get(kind);
    if (item) continueItem(item, fragment, line);
    else {
      this.issues.warn(
        line,
        `area ${String(this.area)}: "${fragment.slice(0, 40)}" looks like the end of an item, but no item precedes it`,
      );
      this.add(kind, fragment, line);
    }
  }
}

/**
 * Splits a run of items printed without any delimiter ("Styrelser och råd … Öppna nämndmöten …")
 * before each capitalised word, except after a word that cannot end an item ("med", "och", a
 * comma) and before a name. Splits it is not sure of are reported.
 */
export function splitRun(
  text: string,
  isName: (word: string) => boolean,
): { items: { text: string; offset: number }[]; unsure: string[] } {
  const words = [...text.matchAll(/\S+/g)].map((match) => ({
    word: match[0],
    offset: match.index,
  }));
  const items: { words: string[]; offset: number }[] = [];
  const unsure: string[] = [];
  words.forEach(({ word, offset }, index) => {
    const previous = words[index - 1]?.word ?? '';
    const current = items.at(-1);
    let split = index === 0 || current === undefined;
    if (!split && /^[A-ZÅÄÖÉ][a-zåäöéü]/.test(word)) {
      const bare = word.replace(/[^\p{L}-]+$/u, '');
      if (FUNCTION_WORDS.has(previous.toLowerCase()) || previous.endsWith(',')) split = false;
      else if (/[.!?]$/.test(previous)) split = true;
      else if (isName(bare)) {
        unsure.push(`${previous} ${word}`);
        split = false;
      } else split = true;
    }
    if (split || !current) items.push({ words: [word], offset });
    else current.words.push(word);
  });
  const merged: { text: string; offset: number }[] = [];
  items.forEach((item, index) => {
    const last = merged.at(-1);
    if (item.words.length === 1 && index < items.length - 1 && items.length > 1) {
      unsure.push(item.words.join(' '));
      const next = items[index + 1];
      if (next) {
        next.words.unshift(...item.words);
        next.offset = item.offset;
        return;
      }
    }
    if (item.words.length === 1 && last && index === items.length - 1) {
      unsure.push(item.words.join(' '));
      last.text = `${last.text} ${item.words.join(' ')}`;
      return;
    }
    merged.push({ text: item.words.join(' '), offset: item.offset });
  });
  return { items: merged, unsure };
}

interface Context {
  issues: Issues;
  matcher: MunicipalityMatcher;
}

/** Items of a run of text after a label: bullet glyphs when the line kept them, else capitals. */
function addRun(
  list: FindingList,
  kind: FindingKind,
  block: ReportLine,
  from: number,
  to: number,
  context: Context,
  area: number,
): void {
  const text = block.text.slice(from, to);
  const { items, unsure } = splitRun(
    text,
    (word) => PROPER_NOUNS.has(word) || context.matcher.lookup(word) !== undefined,
  );
  for (const item of items) list.add(kind, item.text, lineAt(block, from + item.offset));
  const line = lineAt(block, from);
  if (unsure.length > 0) {
    context.issues.warn(
      line,
      `area ${String(area)}: the ${kind === 'strength' ? 'strengths' : 'improvements'} are printed without separators; not sure where an item ends at ${unsure.map((words) => `"${words}"`).join(', ')}`,
      'one item per line or bullet',
    );
  }
}

interface Run {
  /** The kinds in the order their labels were printed (the columns of a table). */
  columns: FindingKind[];
  mode: FindingKind | undefined;
  /** The label stood on its own line: the next plain line holds items without separators. */
  awaitingItems: boolean;
  page: number | undefined;
  /** A table continued on a new page and read column by column: which column, how many items. */
  continuation: { column: number; items: number } | undefined;
}

/**
 * Findings printed under labels: a two-column "Styrkor | Förbättringsmöjligheter" table (also
 * split across pages, or read column by column), labels on lines of their own followed by
 * bullets, or "Styrkor … Förbättringsområden …" runs inside the text.
 */
function labelledFindings(section: AreaSection, context: Context): Finding[] {
  const list = new FindingList(section.number, context.issues);
  let table: FindingKind[] | undefined;
  const run: Run = {
    columns: [],
    mode: undefined,
    awaitingItems: false,
    page: undefined,
    continuation: undefined,
  };
  const stop = (): void => {
    run.mode = undefined;
    run.awaitingItems = false;
    run.continuation = undefined;
  };
  for (const block of section.blocks) {
    if (block.cells) {
      const kinds = block.cells.map((cell) => labelKind(cell.text));
      if (kinds.length > 0 && kinds.every((kind) => kind !== undefined)) {
        table = kinds.filter((kind) => kind !== undefined);
        stop();
        continue;
      }
      if (table && block.cells.length === table.length) {
        block.cells.forEach((cell, index) => {
          const kind = table?.[index];
          if (!kind) return;
          cell.spans.forEach((span, order) => {
            if (order === 0 && !span.bullet && startsLowercase(span.text)) {
              list.continue(kind, span.text, block.line);
            } else list.add(kind, span.text, block.line);
          });
        });
        continue;
      }
      table = undefined;
      stop();
      continue;
    }
    table = undefined;
    const label = labelKind(block.text);
    if (label) {
      if (!run.columns.includes(label)) run.columns.push(label);
      run.mode = label;
      run.awaitingItems = !block.bullet;
      run.page = block.page;
      run.continuation = undefined;
      continue;
    }
    const inline = [...block.text.matchAll(INLINE_LABEL)];
    if (inline.length > 0 && !block.bullet) {
      inline.forEach((match, index) => {
        const kind = labelKind(match[1] ?? '');
        if (!kind) return;
        const from = match.index + match[0].length;
        const to = inline[index + 1]?.index ?? block.text.length;
        addRun(list, kind, block, from, to, context, section.number);
        run.mode = kind;
      });
      run.awaitingItems = false;
      continue;
    }
    if (block.heading > 0) {
      stop();
      continue;
    }
    if (!run.mode) continue;
    if (run.page !== undefined && block.page !== undefined && block.page !== run.page) {
      run.page = block.page;
      if (run.columns.length > 1 && !run.continuation) run.continuation = { column: 0, items: 0 };
    }
    const continuation = run.continuation;
    const kindNow = continuation ? (run.columns[continuation.column] ?? run.mode) : run.mode;
    if (block.bullet) {
      list.add(kindNow, block.text, block.line);
      if (continuation) continuation.items += 1;
      run.awaitingItems = false;
    } else if (startsLowercase(block.text)) {
      if (continuation) {
        if (continuation.items > 0 && continuation.column === 0) continuation.column = 1;
        const kind = run.columns[continuation.column] ?? run.mode;
        list.continue(kind, block.text, block.line);
        continuation.items += 1;
      } else if (run.columns.length > 1 && run.mode === run.columns[1]) {
        // A table split over two pages and read column by column, without page marks: the first
        // fragment ends the first column's last item.
        run.continuation = { column: 0, items: 1 };
        const first = run.columns[0] ?? run.mode;
        list.continue(first, block.text, block.line);
        context.issues.warn(
          block.line,
          `area ${String(section.number)}: a table continued on a new page without page marks; "${block.text.slice(0, 30)}" is taken as the rest of the first column`,
        );
      } else list.continue(run.mode, block.text, block.line);
    } else if (run.awaitingItems) {
      addRun(list, kindNow, block, 0, block.text.length, context, section.number);
      run.awaitingItems = false;
    } else stop();
  }
  return list.items;
}

/**
 * Findings printed as bullets under thematic headings, improvements in italics (the 2010
 * edition's layout): a plain bullet is a strength, an italic one an improvement.
 */
function emphasisFindings(section: AreaSection, issues: Issues): Finding[] {
  const list = new FindingList(section.number, issues);
  let heading: string | undefined;
  for (const block of section.blocks.slice(1)) {
    if (block.cells) continue;
    const headingLike =
      block.heading > 0 || (block.bold && !block.bullet && block.text.length <= 120);
    if (headingLike) {
      heading = BACKGROUND_HEADING.test(block.text) ? undefined : block.text;
      continue;
    }
    if (!block.bullet || heading === undefined) continue;
    list.add(block.italic ? 'improvement' : 'strength', block.text, block.line, heading);
  }
  return list.items;
}

function hasLabels(section: AreaSection): boolean {
  return section.blocks.some(
    (block) =>
      block.cells?.some((cell) => labelKind(cell.text) !== undefined) === true ||
      labelKind(block.text) !== undefined ||
      HAS_INLINE_LABEL.test(block.text),
  );
}

/**
 * The strengths and improvement areas of every area section, in the layout the report uses:
 * labelled (tables, label lines, inline runs) when any section has labels, otherwise bullets
 * with improvements in italics.
 */
export function readFindings(
  sections: readonly AreaSection[],
  issues: Issues,
  matcher: MunicipalityMatcher,
): Finding[] {
  const labelled = sections.some(hasLabels);
  const findings = sections.flatMap((section) =>
    labelled ? labelledFindings(section, { issues, matcher }) : emphasisFindings(section, issues),
  );
  if (
    !labelled &&
    findings.length > 0 &&
    !findings.some((finding) => finding.kind === 'improvement')
  ) {
    issues.warn(
      sections[0]?.line,
      'no improvement areas found: the report marks none with italics or a label, so every bullet is read as a strength',
      'improvement areas in italics or under "Förbättringsområden"',
    );
  }
  for (const section of sections) {
    if (!findings.some((finding) => finding.area === section.number)) {
      issues.warn(
        section.line,
        `area ${String(section.number)}: no strengths or improvement areas found in its section`,
        'a "Styrkor" / "Förbättringsområden" list or bullets under headings',
      );
    }
  }
  return findings;
}
