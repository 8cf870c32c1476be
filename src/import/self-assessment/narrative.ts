import type { ImportIssue } from '../issues.ts';
import type { QuestionRow } from './questions.ts';
import type { SourceText } from './source.ts';
import { headingText, isCapitalsLine } from './tables.ts';
import type { NarrativeSection, SelfAssessmentEditionLike, SelfAssessmentTheme } from './types.ts';

/**
 * A theme heading: "Hur gör Södertälje för att utveckla …?" as a heading line, a line of its
 * own, or in capitals inside a longer line (a whole page on one line).
 */
const THEME_HEADING =
  /hur\s+gör\s+[^\n?]{1,80}?\s+för\s+att\s+(?:[^\n?]|\n(?![ \t]*\n)){3,200}\?/giu;

interface ThemeHeading {
  start: number;
  end: number;
  title: string;
}

function findThemeHeadings(source: SourceText): ThemeHeading[] {
  const text = source.text;
  const headings: ThemeHeading[] = [];
  for (const match of text.matchAll(THEME_HEADING)) {
    const start = match.index;
    const end = start + match[0].length;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEndRaw = text.indexOf('\n', end);
    const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
    const before = text.slice(lineStart, start);
    const after = text.slice(end, lineEnd);
    const letters = match[0].replace(/[^\p{L}]/gu, '');
    const marked = /^\s*(?:#{1,6}\s|<h[1-6]\b)/i.test(before);
    const alone =
      /^(?:\*\*|<[^>]*>|\s)*$/.test(before) &&
      /^(?:\*\*|<[^>]*>|\s)*$/.test(after) &&
      // A paragraph of its own: not a question wrapped inside the theme's introduction.
      /(?:^|\n[ \t]*\n)$/.test(text.slice(Math.max(0, lineStart - 200), lineStart)) &&
      /^(?:$|\n[ \t]*(?:\n|$))/.test(text.slice(lineEnd, lineEnd + 200));
    if (marked || alone || letters === letters.toUpperCase()) {
      headings.push({ start, end, title: match[0].replace(/\s+/g, ' ').trim() });
    }
  }
  return headings;
}

/** A piece of a line left after question rows and tables are cut out. */
interface Piece {
  line: number;
  text: string;
}

function piecesBetween(
  source: SourceText,
  from: number,
  to: number,
  excluded: ReadonlyArray<readonly [number, number]>,
): Piece[] {
  const pieces: Piece[] = [];
  const firstLine = source.lineAt(from);
  const lastLine = source.lineAt(Math.max(from, to - 1));
  for (let line = firstLine; line <= lastLine; line += 1) {
    const lineStart = source.lineStart(line);
    const lineText = source.lines[line - 1] ?? '';
    let cursor = Math.max(from, lineStart);
    const stop = Math.min(to, lineStart + lineText.length);
    const cuts = excluded
      .filter(([start, end]) => start < stop && end > cursor)
      .sort((a, b) => a[0] - b[0]);
    for (const [start, end] of cuts) {
      if (start > cursor) pieces.push({ line, text: source.text.slice(cursor, start) });
      pieces.push({ line, text: '' });
      cursor = Math.max(cursor, end);
    }
    if (cursor < stop || cuts.length === 0)
      pieces.push({ line, text: source.text.slice(cursor, Math.max(cursor, stop)) });
  }
  return pieces;
}

/** Inline markup as plain text: links, bold, HTML tags, markdown line breaks. */
function plain(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<li>/gi, '- ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\*\*|__/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Joins the lines of a paragraph, undoing hyphenation at line ends ("framgångs-" + "exempel"). */
function joinLines(lines: readonly string[]): string {
  let text = '';
  for (const line of lines) {
    if (text === '') text = line;
    else if (
      /\p{Ll}-$/u.test(text) &&
      /^\p{Ll}/u.test(line) &&
      !/^(och|eller|samt|respektive)\b/.test(line)
    ) {
      text = text.slice(0, -1) + line;
    } else text = `${text} ${line}`;
  }
  return text;
}

const LIST_ITEM = /^\s*(?:[-*•–]|\d{1,2}[.)])\s+/;
const JUNK = /^[\s\-|:]*$/;

/** Builds sections from pieces of text: headings open a section, paragraphs fill it. */
function sections(pieces: readonly Piece[]): { intro: string; sections: NarrativeSection[] } {
  const result: NarrativeSection[] = [];
  const introParagraphs: string[] = [];
  let current: { heading?: string; line: number; paragraphs: string[] } | undefined;
  let paragraph: string[] = [];
  let list = false;
  const flush = () => {
    if (paragraph.length === 0) return;
    const text = list ? paragraph.join('\n') : joinLines(paragraph);
    if (current === undefined) introParagraphs.push(text);
    else current.paragraphs.push(text);
    paragraph = [];
    list = false;
  };
  const close = () => {
    flush();
    if (current !== undefined && current.paragraphs.length > 0) {
      result.push({
        ...(current.heading === undefined ? {} : { heading: current.heading }),
        text: current.paragraphs.join('\n\n'),
        line: current.line,
      });
    }
  };
  let previousWasHeading = false;
  for (const piece of pieces) {
    const raw = piece.text;
    if (raw.trim() === '' || JUNK.test(raw)) {
      flush();
      previousWasHeading = false;
      continue;
    }
    const text = plain(raw);
    const listItem = LIST_ITEM.test(text);
    if (
      /^\s*(?:#{1,6}\s|<h[1-6]\b)/i.test(raw) ||
      (isCapitalsLine(raw) && !listItem) ||
      /^\s*\*\*[^*]+\*\*\s*$/.test(raw)
    ) {
      // A heading wrapped over two lines: the second line goes on the first.
      if (previousWasHeading && current?.heading !== undefined && current.paragraphs.length === 0) {
        current.heading = `${current.heading} ${headingText(raw)}`;
        continue;
      }
      previousWasHeading = true;
      close();
      current = { heading: headingText(raw), line: piece.line, paragraphs: [] };
      continue;
    }
    previousWasHeading = false;
    if (text === '') continue;
    if (listItem) {
      if (!list) flush();
      list = true;
      paragraph.push(`- ${text.replace(LIST_ITEM, '')}`);
      continue;
    }
    if (list) flush();
    current ??= { line: piece.line, paragraphs: [] };
    paragraph.push(text);
  }
  close();
  return { intro: introParagraphs.join('\n\n'), sections: result };
}

/** Drops the back cover (short lines without a full stop) from the end of the last theme. */
function dropBackMatter(narrative: NarrativeSection[]): void {
  for (;;) {
    const last = narrative[narrative.length - 1];
    if (last === undefined) return;
    const paragraphs = last.text.split('\n\n');
    const tail = paragraphs[paragraphs.length - 1] ?? '';
    if (tail.length >= 40 || /[.!?:]$/.test(tail)) return;
    paragraphs.pop();
    if (paragraphs.length === 0) narrative.pop();
    else last.text = paragraphs.join('\n\n');
  }
}

/**
 * Reads the four themes: each heading "Hur gör … för att …?", its standard introduction before
 * the question table, and the narrative after it, by sub-heading. Themes are numbered by the
 * questions under them (the edition says which theme holds which question), else in order.
 */
export function readThemes(
  source: SourceText,
  sourceName: string,
  edition: SelfAssessmentEditionLike,
  rows: readonly QuestionRow[],
  tableLines: ReadonlySet<number>,
): { themes: SelfAssessmentTheme[]; warnings: ImportIssue[] } {
  const warnings: ImportIssue[] = [];
  const themeOf = new Map<number, number>();
  for (const area of edition.areas) {
    for (const question of area.questions) themeOf.set(Number(question.id), area.number);
  }
  const excluded: Array<readonly [number, number]> = rows.map(
    (row) => [row.start, row.end] as const,
  );
  for (const line of tableLines) {
    const start = source.lineStart(line);
    excluded.push([start, start + (source.lines[line - 1] ?? '').length]);
  }

  const headings = findThemeHeadings(source);
  const themes: SelfAssessmentTheme[] = [];
  const taken = new Set<number>();
  let previous = 0;
  headings.forEach((heading, index) => {
    const end = headings[index + 1]?.start ?? source.text.length;
    const inside = rows.filter((row) => row.start >= heading.end && row.start < end);
    const votes = new Map<number, number>();
    for (const row of inside) {
      const theme = themeOf.get(row.number);
      if (theme !== undefined) votes.set(theme, (votes.get(theme) ?? 0) + 1);
    }
    const voted = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const number = voted ?? previous + 1;
    previous = number;
    const line = source.lineAt(heading.start);
    if (taken.has(number) || !edition.areas.some((area) => area.number === number)) {
      warnings.push({
        source: sourceName,
        line,
        message: `theme heading "${heading.title}" does not match a theme of ${edition.id} not already read`,
        expected: `one heading per theme, ${edition.areas.map((area) => area.number).join(', ')}`,
      });
      return;
    }
    taken.add(number);
    const firstRow = inside[0];
    const introPart =
      firstRow === undefined
        ? { intro: '', sections: [] }
        : sections(piecesBetween(source, heading.end, firstRow.start, excluded));
    const rest = sections(piecesBetween(source, firstRow?.start ?? heading.end, end, excluded));
    const intro = [introPart.intro, ...introPart.sections.map((section) => section.text)]
      .filter((text) => text !== '')
      .join('\n\n');
    const narrative = [
      ...(rest.intro === ''
        ? []
        : [{ text: rest.intro, line: source.lineAt(firstRow?.end ?? heading.end) }]),
      ...rest.sections,
    ];
    themes.push({ number, title: heading.title, intro, narrative, line });
  });
  const last = themes.reduce<SelfAssessmentTheme | undefined>(
    (found, theme) =>
      found === undefined || (theme.line ?? 0) > (found.line ?? 0) ? theme : found,
    undefined,
  );
  if (last !== undefined) dropBackMatter(last.narrative);

  for (const area of edition.areas) {
    if (taken.has(area.number)) continue;
    warnings.push({
      source: sourceName,
      message: `no heading found for theme ${area.number} (${area.name}); its narrative is not read`,
      expected: 'a heading "Hur gör <kommun> för att …?"',
    });
    themes.push({ number: area.number, title: area.name, intro: '', narrative: [] });
  }
  themes.sort((a, b) => a.number - b.number);
  return { themes, warnings };
}
