import { lineAt, type LinePart, type ReportLine } from '../text/index.ts';

/** The detailed section of one area: from its "Område N …" heading to the next one. */
export interface AreaSection {
  number: number;
  /** The area name in the section heading, when it could be told from what follows. */
  name: string;
  line: number;
  /** The section's lines; the first holds the heading. */
  blocks: ReportLine[];
}

export interface Sections {
  /** Everything before the first area section (front matter, summary, comparisons). */
  before: ReportLine[];
  areas: AreaSection[];
  /** Everything after the last area section (score overview, short facts). */
  after: ReportLine[];
}

const AREA_AT_START = /^(?:Område|OMRÅDE|Huvudområde)\s+(\d{1,2})\b[.:]?\s*/;
/**
 * "Område N Name" after a space. The space is checked behind the keyword, not before it: the
 * same matches, but the engine can look for the keyword's first letter.
 */
const AREA_INLINE =
  /(?:Område|Huvudområde)(?<=\s(?:Område|Huvudområde))\s+(\d{1,2})\s+(?=[A-ZÅÄÖ])/g;
const CHAPTER_END =
  /^(?:\d{1,2}\.?\s+)?(?:Översikt av poängfördelning|Poängsammanställning|Poängfördelning|Kortfakta|Bilaga)/i;
const CHAPTER_END_INLINE =
  /(?<=\s)\d{1,2}\.?\s+(?:Översikt av poängfördelning|Poängsammanställning|Kortfakta om)/g;
const MAX_AREA = 8;

/** False when `text` cannot hold an AREA_INLINE match (it lacks both keywords). */
function mayHoldInlineArea(text: string): boolean {
  return text.includes('Område') || text.includes('Huvudområde');
}

/** False when `text` cannot hold a CHAPTER_END_INLINE match. */
function mayHoldInlineChapterEnd(text: string): boolean {
  return (
    text.includes('Översikt av poängfördelning') ||
    text.includes('Poängsammanställning') ||
    text.includes('Kortfakta om')
  );
}

/** A part of a line as a line of its own (for a page or paragraph that holds several areas). */
export function sliceLine(line: ReportLine, from: number, to = line.text.length): ReportLine {
  const raw = line.text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  const start = from + lead;
  const parts: LinePart[] = [{ offset: 0, line: lineAt(line, start) }];
  for (const part of line.parts) {
    if (part.offset > start && part.offset < start + text.length) {
      parts.push({ offset: part.offset - start, line: part.line });
    }
  }
  const first = parts[0]?.line ?? line.line;
  return {
    line: first,
    endLine: parts.at(-1)?.line ?? first,
    ...(line.page === undefined ? {} : { page: line.page }),
    text,
    heading: 0,
    bold: false,
    italic: false,
    bullet: false,
    spans: [{ text, bullet: false, bold: false, italic: false }],
    parts,
  };
}

/** The area name that follows "Område N": up to its first question id, or the line's end. */
function headingName(text: string, number: number): string {
  const firstQuestion = new RegExp(`(?:^|\\s)${String(number)}\\.1\\s`).exec(text);
  let name = firstQuestion ? text.slice(0, firstQuestion.index) : text;
  if (!firstQuestion && name.length > 80) name = name.slice(0, name.search(/[.!?](\s|$)/) + 1);
  return name.trim().replace(/[.:]$/, '');
}

interface Cut {
  offset: number;
  kind: 'area' | 'end';
  number: number;
  name: string;
}

/**
 * Finds the area sections whether each heading has a line of its own ("#### Område 1 …") or sits
 * in the middle of a page printed as one line ("… hemsidorna Område 2 Tillgänglighet …").
 * Area numbers must count up; a heading inside the text counts only when its first question
 * ("2.1 …") follows, or when it starts a sentence.
 */
export function findAreaSections(lines: readonly ReportLine[]): Sections {
  const result: Sections = { before: [], areas: [], after: [] };
  let current: AreaSection | undefined;
  let ended = false;
  const next = (): number => (current?.number ?? 0) + 1;
  const push = (block: ReportLine): void => {
    if (block.text === '' && !block.cells) return;
    if (current) current.blocks.push(block);
    else if (ended || result.areas.length > 0) result.after.push(block);
    else result.before.push(block);
  };
  const open = (number: number, block: ReportLine, name: string): void => {
    current = { number, name, line: block.line, blocks: [block] };
    result.areas.push(current);
  };

  lines.forEach((line, index) => {
    if (line.cells || line.bullet) {
      push(line);
      return;
    }
    const atStart = AREA_AT_START.exec(line.text);
    const startNumber = atStart ? Number(atStart[1]) : 0;
    const cuts: Cut[] = [];
    if (atStart && startNumber >= next() && startNumber <= MAX_AREA && !ended) {
      cuts.push({
        offset: 0,
        kind: 'area',
        number: startNumber,
        name: headingName(line.text.slice(atStart[0].length), startNumber),
      });
    } else if (current && CHAPTER_END.test(line.text)) {
      cuts.push({ offset: 0, kind: 'end', number: 0, name: '' });
    }
    let expected = cuts[0]?.kind === 'area' ? (cuts[0].number ?? 0) + 1 : next();
    // The inline patterns start with a lookbehind, which the regex engine cannot scan for
    // quickly: a plain substring test skips the lines that cannot hold them.
    const inlineAreas = mayHoldInlineArea(line.text) ? line.text.matchAll(AREA_INLINE) : [];
    for (const match of inlineAreas) {
      const number = Number(match[1]);
      if (number !== expected || ended) continue;
      const after = line.text.slice(match.index + match[0].length);
      // The question list may start on the next line when the text was wrapped.
      const ahead = [after, ...lines.slice(index + 1, index + 3).map((next) => next.text)].join(
        ' ',
      );
      const before = line.text.slice(Math.max(0, match.index - 2), match.index);
      const listsQuestions = new RegExp(`^[^]{0,300}?\\s${String(number)}\\.1\\s`).test(ahead);
      if (!listsQuestions && !/[.!?:]\s$/.test(before)) continue;
      cuts.push({ offset: match.index, kind: 'area', number, name: headingName(after, number) });
      expected = number + 1;
    }
    if ((current || cuts.length > 0) && mayHoldInlineChapterEnd(line.text)) {
      for (const match of line.text.matchAll(CHAPTER_END_INLINE)) {
        if (cuts.some((cut) => cut.offset <= match.index)) {
          cuts.push({ offset: match.index, kind: 'end', number: 0, name: '' });
        }
      }
    }
    cuts.sort((a, b) => a.offset - b.offset);
    if (cuts.length === 0) {
      push(line);
      return;
    }
    const slice = (from: number, to: number): ReportLine =>
      from === 0 && to === line.text.length ? line : sliceLine(line, from, to);
    const firstCut = cuts[0]?.offset ?? 0;
    if (firstCut > 0) push(slice(0, firstCut));
    cuts.forEach((cut, index) => {
      const to = cuts[index + 1]?.offset ?? line.text.length;
      const block = slice(cut.offset, to);
      if (cut.kind === 'end') {
        current = undefined;
        ended = true;
        push(block);
      } else {
        open(cut.number, block, cut.name);
      }
    });
  });
  return result;
}
