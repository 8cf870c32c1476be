import { parseSwedishNumber, type ReportLine } from '../text/index.ts';
import type { Issues, Stream } from './document.ts';
import type { AreaSection } from './sections.ts';
import type { AnalysisQuestion } from './types.ts';

/** The sum row the score overview prints under each area's questions. */
export interface AreaSubtotal {
  area: number;
  achieved: number;
  max: number;
  percent: number | null;
  line: number;
}

export interface QuestionTable {
  questions: AnalysisQuestion[];
  subtotals: AreaSubtotal[];
  /** Where the figures came from: the score overview, or the question lists of the sections. */
  from: 'table' | 'headings' | 'none';
}

const QUESTION_ID = /^(\d{1,2})\.(\d{1,2})$/;
const EXPECTED_ROW =
  'a question row "1.1 | text | achieved | max | percent", e.g. "1.1 | … | 8 | 15 | 55%"';

/** Column positions of achieved / max / percent, from the header row when there is one. */
interface Layout {
  achieved: number;
  max: number;
  percent: number;
}

function layoutFrom(header: ReportLine): Layout | undefined {
  const cells = header.cells?.map((cell) => cell.text.toLowerCase()) ?? [];
  const achieved = cells.findIndex((text) => /^(?:uppnått|poäng|resultat)(?: poäng)?$/.test(text));
  const max = cells.findIndex((text) => /^max(?:poäng|imum)?$/.test(text));
  const percent = cells.findIndex((text) => /^(?:procent|%)$/.test(text));
  if (achieved < 0 || max < 0) return undefined;
  return { achieved, max, percent };
}

/**
 * The best estimate of the exact points of a question: max × percent / 100 when the printed
 * percent agrees with the printed (rounded) points, since a whole percent of a max below 100 is
 * the finer figure; otherwise the printed points.
 */
export function exactPoints(
  achieved: number | null,
  max: number | null,
  percent: number | null,
): number | null {
  if (max !== null && percent !== null) {
    const fromPercent = Math.round(max * percent * 100) / 10000;
    if (achieved === null || Math.abs(fromPercent - achieved) <= roundingSlack(max)) {
      return fromPercent;
    }
  }
  return achieved;
}

/** How far rounded points and a whole percent can be apart: half a point plus half a percent. */
export function roundingSlack(max: number): number {
  return 0.5 + max * 0.005 + 1e-9;
}

function checkQuestion(issues: Issues, question: AnalysisQuestion): void {
  const { id, achieved, max, percent, line } = question;
  if (max !== null && max <= 0) {
    issues.error(
      line,
      `question ${id}: max ${String(max)} is not a positive number`,
      'a max such as 10, 15, 20, 25 or 30',
    );
  }
  if (achieved !== null && max !== null && achieved > max) {
    issues.error(
      line,
      `question ${id}: ${String(achieved)} points is above its max ${String(max)}`,
      `at most ${String(max)} points`,
    );
  }
  if (achieved !== null && achieved < 0) {
    issues.error(
      line,
      `question ${id}: ${String(achieved)} points is below zero`,
      'points from 0 to max',
    );
  }
  if (percent !== null && (percent < 0 || percent > 100)) {
    issues.error(
      line,
      `question ${id}: ${String(percent)}% is outside 0–100%`,
      'a percent from 0 to 100',
    );
  }
  if (achieved !== null && max !== null && percent !== null && max > 0) {
    const fromPercent = (max * percent) / 100;
    if (Math.abs(fromPercent - achieved) > roundingSlack(max)) {
      issues.warn(
        line,
        `question ${id}: ${String(percent)}% of ${String(max)} is ${String(Math.round(fromPercent * 100) / 100)}, not the printed ${String(achieved)} points (more than rounding explains); the printed points are used`,
        `points ≈ max × percent / 100`,
      );
    }
  }
}

/** Reads the score overview ("Översikt av poängfördelning") from its table rows. */
function readRows(lines: readonly ReportLine[], issues: Issues): QuestionTable | undefined {
  const questions: AnalysisQuestion[] = [];
  const subtotals: AreaSubtotal[] = [];
  let layout: Layout | undefined;
  let area: number | undefined;
  for (const line of lines) {
    const cells = line.cells;
    if (!cells) continue;
    const header = layoutFrom(line);
    if (header) {
      layout = header;
      const number = /^(\d{1,2})\.?$/.exec(cells[0]?.text ?? '');
      area = number ? Number(number[1]) : undefined;
      continue;
    }
    const idIndex = cells.findIndex((cell) => cell.text !== '');
    const idText = cells[idIndex]?.text ?? '';
    const id = QUESTION_ID.exec(idText);
    if (id) {
      const text = cells[idIndex + 1]?.text ?? '';
      const at = (index: number | undefined, fallback: number): string =>
        cells[index !== undefined && index >= 0 ? index : cells.length + fallback]?.text ?? '';
      const printed = {
        achieved: at(layout?.achieved, -3),
        max: at(layout?.max, -2),
        percent: at(layout?.percent, -1),
      };
      const achieved = parseSwedishNumber(printed.achieved);
      const max = parseSwedishNumber(printed.max);
      const percent = parseSwedishNumber(printed.percent);
      if (
        achieved === null ||
        max === null ||
        percent === null ||
        text === '' ||
        QUESTION_ID.test(text)
      ) {
        issues.error(
          line.line,
          `question ${idText}: the row "${cells.map((cell) => cell.text).join(' | ')}" cannot be read`,
          EXPECTED_ROW,
        );
        continue;
      }
      const question: AnalysisQuestion = {
        id: idText,
        text,
        achieved,
        max,
        percent,
        points: exactPoints(achieved, max, percent),
        line: line.line,
      };
      checkQuestion(issues, question);
      questions.push(question);
      area = Number(id[1]);
      continue;
    }
    if (area !== undefined && layout && cells.slice(0, 2).every((cell) => cell.text === '')) {
      const achieved = parseSwedishNumber(cells[layout.achieved]?.text ?? '');
      const max = parseSwedishNumber(cells[layout.max]?.text ?? '');
      const percent = parseSwedishNumber(cells[layout.percent]?.text ?? '');
      if (achieved !== null && max !== null) {
        subtotals.push({ area, achieved, max, percent, line: line.line });
      }
    }
  }
  return questions.length > 0 ? { questions, subtotals, from: 'table' } : undefined;
}

const RUNNING_ROW =
  /(?:^|\s)(\d{1,2}\.\d{1,2})\s+(\S.*?)\s+(\d{1,3}(?:[.,]\d+)?)\s+(\d{1,3})\s+(\d{1,3}(?:[.,]\d+)?)\s?%/gs;

/** Reads the score overview from running text, for a table printed without cell breaks. */
function readRunningText(stream: Stream, issues: Issues): QuestionTable | undefined {
  const start = stream.text.search(/\bUppnått\b/);
  if (start < 0) return undefined;
  const questions: AnalysisQuestion[] = [];
  for (const match of stream.text.slice(start).matchAll(RUNNING_ROW)) {
    const [, id = '', text = '', achievedText = '', maxText = '', percentText = ''] = match;
    const achieved = parseSwedishNumber(achievedText);
    const max = parseSwedishNumber(maxText);
    const percent = parseSwedishNumber(percentText);
    const question: AnalysisQuestion = {
      id,
      text: text.replace(/\s+/g, ' ').trim(),
      achieved,
      max,
      percent,
      points: exactPoints(achieved, max, percent),
      line: stream.lineAt(start + match.index + match[0].indexOf(id)),
    };
    checkQuestion(issues, question);
    questions.push(question);
  }
  return questions.length > 0 ? { questions, subtotals: [], from: 'table' } : undefined;
}

/**
 * The questions a section lists under its heading without scores (the 2002 edition's reports:
 * "Område 1 … 1.1 Hur informeras invånarna? 1.2 …").
 */
function readSectionLists(sections: readonly AreaSection[]): AnalysisQuestion[] {
  const questions: AnalysisQuestion[] = [];
  for (const section of sections) {
    const text = section.blocks
      .slice(0, 12)
      .map((block) => block.text)
      .join('\n');
    const head = text.slice(0, 1500);
    let index = 1;
    let position = 0;
    const found: { id: string; at: number; textStart: number }[] = [];
    for (;;) {
      const id = `${String(section.number)}.${String(index)}`;
      const match = new RegExp(`(?:^|\\s)${id.replace('.', '\\.')}\\s+`).exec(head.slice(position));
      if (!match) break;
      const at = position + match.index;
      if (found.length > 0 && at - position > 400) break;
      found.push({ id, at, textStart: at + match[0].length });
      position = at + match[0].length;
      index += 1;
    }
    found.forEach((item, order) => {
      const next = found[order + 1];
      let questionText = head.slice(item.textStart, next ? next.at : undefined);
      if (!next) {
        const end = questionText.search(/\?|\n|\.(?=\s+[A-ZÅÄÖ])/);
        questionText = end >= 0 ? questionText.slice(0, end + 1) : questionText.slice(0, 200);
      }
      const blockIndex = text.slice(0, item.at).split('\n').length - 1;
      questions.push({
        id: item.id,
        text: questionText.replace(/\s+/g, ' ').replace(/\n$/, '').trim(),
        achieved: null,
        max: null,
        percent: null,
        points: null,
        line: section.blocks[blockIndex]?.line ?? section.line,
      });
    });
  }
  return questions;
}

/**
 * The questions of the report with their printed figures: from the score overview when the
 * report has one, otherwise the question lists under the section headings (no figures).
 */
export function readQuestions(
  after: readonly ReportLine[],
  sections: readonly AreaSection[],
  stream: Stream,
  issues: Issues,
): QuestionTable {
  const fromTable = readRows(after, issues) ?? readRunningText(stream, issues);
  if (fromTable) return fromTable;
  const listed = readSectionLists(sections);
  return { questions: listed, subtotals: [], from: listed.length > 0 ? 'headings' : 'none' };
}
