/**
 * Exports of a published evaluation: the question scores and area totals as CSV and XLSX, and
 * the whole evaluation as JSON in the shape `kompass parse --json` prints (a `ParsedAnalysis`).
 * Only what the published report shows goes out: no justifications, no interview names.
 */
import ExcelJS from 'exceljs';
import type {
  AnalysisFacts,
  Comparison,
  Finding as ParsedFinding,
  ParsedAnalysis,
} from '../import/kommunkompassen/types.ts';
import type { ReportInput, ReportModel } from './model.ts';

/** One row of the CSV: a question, an area's sum, or the total. */
export interface ScoreRow {
  row: 'fråga' | 'område' | 'totalt';
  area: number | null;
  areaName: string;
  question: string;
  text: string;
  /** Exact points (decimals as stored). */
  points: number | null;
  achieved: number | null;
  max: number | null;
  percent: number | null;
}

export const CSV_HEADER = [
  'kommunkod',
  'kommun',
  'år',
  'ramverk',
  'rad',
  'område',
  'områdesnamn',
  'fråga',
  'frågetext',
  'poäng_exakt',
  'uppnått',
  'max',
  'procent',
] as const;

/** The question rows, each area's sum and the total, as the score distribution prints them. */
export function scoreRows(model: ReportModel): ScoreRow[] {
  const rows: ScoreRow[] = [];
  const areas =
    model.distribution.length > 0
      ? model.distribution
      : // Area-level results: the areas only.
        model.areas.map((area) => ({
          number: area.number,
          name: area.name,
          questions: [],
          sum: {
            achieved: area.score,
            max: { value: 100, text: '100' },
            percent: { value: area.score.value, text: '' },
            points: area.score.value,
          },
        }));
  for (const area of areas) {
    for (const question of area.questions) {
      rows.push({
        row: 'fråga',
        area: area.number,
        areaName: area.name,
        question: question.id,
        text: question.text,
        points: question.points,
        achieved: question.achieved.value,
        max: question.max.value,
        percent: question.percent.value,
      });
    }
    rows.push({
      row: 'område',
      area: area.number,
      areaName: area.name,
      question: '',
      text: `Summa område ${String(area.number)}`,
      points: area.sum.points,
      achieved: area.sum.achieved.value,
      max: area.sum.max.value,
      percent: area.sum.percent.value,
    });
  }
  const total = model.distributionTotal;
  const currentTotal = model.summary.total[
    model.summary.columns.findIndex((column) => column.kind === 'current')
  ] ?? { value: null };
  rows.push({
    row: 'totalt',
    area: null,
    areaName: '',
    question: '',
    text: 'Totalt',
    points: total.points,
    achieved: total.achieved.value ?? currentTotal.value,
    max: 800,
    percent: total.percent.value,
  });
  return rows;
}

const csvField = (value: string | number | null): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The scores as CSV (RFC 4180: commas, a decimal point, UTF-8, CRLF line ends) for programs;
 * spreadsheet users get the XLSX.
 */
export function renderScoresCsv(model: ReportModel): string {
  const lines = [CSV_HEADER.join(',')];
  for (const row of scoreRows(model)) {
    lines.push(
      [
        model.municipality.code,
        model.municipality.name,
        model.year,
        model.edition.id,
        row.row,
        row.area,
        row.areaName,
        row.question,
        row.text,
        row.points === null ? null : Number(row.points.toFixed(4)),
        row.achieved,
        row.max,
        row.percent,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The scores as an Excel workbook: "Frågor" (every question with area sums and the total, as
 * numbers) and "Sammanfattning" (the summary table with its comparison columns).
 */
export async function renderScoresXlsx(model: ReportModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kompass';
  // A fixed date keeps the file the same for the same evaluation (the report has no clock).
  workbook.created = new Date(Date.UTC(model.year, (model.month ?? 1) - 1, 1));
  workbook.modified = workbook.created;

  const questions = workbook.addWorksheet('Frågor', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  questions.columns = [
    { header: 'Område', key: 'area', width: 8 },
    { header: 'Fråga', key: 'question', width: 8 },
    { header: 'Text', key: 'text', width: 70 },
    { header: 'Poäng (exakt)', key: 'points', width: 13, style: { numFmt: '0.00' } },
    { header: 'Uppnått', key: 'achieved', width: 10, style: { numFmt: '0' } },
    { header: 'Max', key: 'max', width: 8, style: { numFmt: '0' } },
    { header: 'Procent', key: 'percent', width: 10, style: { numFmt: '0" %"' } },
  ];
  questions.getRow(1).font = { bold: true };
  for (const row of scoreRows(model)) {
    const added = questions.addRow({
      area: row.area,
      question: row.question,
      text: row.row === 'fråga' ? row.text : row.row === 'område' ? row.areaName : 'Totalt',
      points: row.points,
      achieved: row.achieved,
      max: row.max,
      percent: row.percent,
    });
    if (row.row !== 'fråga') added.font = { bold: true };
  }

  const summary = workbook.addWorksheet('Sammanfattning');
  summary.addRow(['Huvudområde', ...model.summary.columns.map((column) => column.label)]).font = {
    bold: true,
  };
  for (const row of model.summary.rows) {
    summary.addRow([`${String(row.number)}. ${row.name}`, ...row.cells.map((c) => c.value)]);
  }
  summary.addRow(['Totalt', ...model.summary.total.map((c) => c.value)]).font = { bold: true };
  for (const note of model.summary.notes) summary.addRow([note]);
  summary.getColumn(1).width = 48;
  for (let i = 2; i <= model.summary.columns.length + 1; i += 1) summary.getColumn(i).width = 16;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The evaluation in the shape `kompass parse --json` prints: printed figures as the report
 * prints them (area scores and the total rounded, questions with Uppnått, Max, Procent and the
 * exact points), comparisons from the summary table, findings and facts.
 */
export function evaluationJson(input: ReportInput, model: ReportModel): ParsedAnalysis {
  const { evaluation, edition } = input;
  const current = model.summary.columns.findIndex((column) => column.kind === 'current');
  const questionText = new Map(
    edition.areas.flatMap((area) => area.questions.map((q) => [q.id, q.text] as const)),
  );
  const comparisons: Comparison[] = [];
  const areaNumbers = model.summary.rows.map((row) => row.number);
  model.summary.columns.forEach((column, index) => {
    if (column.kind === 'current') return;
    const areas = model.summary.rows.flatMap((row) => {
      const value = row.cells[index]?.value;
      return value === null || value === undefined ? [] : [{ number: row.number, score: value }];
    });
    const source = column.kind === 'average' ? input.average : undefined;
    const other =
      column.kind === 'previous'
        ? input.previous
        : column.kind === 'picked'
          ? input.picked?.find((p) => p.label === column.label)
          : undefined;
    comparisons.push({
      label: column.label,
      kind:
        column.kind === 'average'
          ? 'average'
          : column.kind === 'previous'
            ? 'previous'
            : 'municipality',
      ...(other ? { year: other.year, municipality: other.municipality } : {}),
      ...(source?.basis ? { basis: source.basis } : {}),
      areas: areas.filter((area) => areaNumbers.includes(area.number)),
      total: model.summary.total[index]?.value ?? null,
      from: 'table',
    });
  });
  const findings: ParsedFinding[] = [...evaluation.findings]
    .sort((a, b) => a.area - b.area || a.position - b.position)
    .map((finding) => ({
      area: finding.area,
      kind: finding.kind === 'improvement' ? 'improvement' : 'strength',
      ...(finding.heading ? { heading: finding.heading } : {}),
      text: finding.text,
      ...(finding.kind === 'good-example' ? { goodExample: true } : {}),
    }));
  const facts = publicFacts(evaluation.facts);
  return {
    kind: 'kommunkompassen',
    source: `kompass:evaluation/${evaluation.id}`,
    municipality: { name: model.municipality.name, code: model.municipality.code },
    year: evaluation.year,
    ...(evaluation.month === null ? {} : { month: evaluation.month }),
    edition: edition.id,
    areas: model.summary.rows.map((row) => ({
      number: row.number,
      name: row.name,
      score: row.cells[current]?.value ?? 0,
      headings: edition.areas.find((a) => a.number === row.number)?.headings ?? [],
    })),
    total: model.summary.total[current]?.value ?? 0,
    questions: model.distribution.flatMap((area) =>
      area.questions.map((question) => ({
        id: question.id,
        text: questionText.get(question.id) ?? question.text,
        achieved: question.achieved.value,
        max: question.max.value,
        percent: question.percent.value,
        points: question.points,
      })),
    ),
    comparisons,
    findings,
    facts,
    warnings: [],
  };
}

/** The facts a public export may carry: those the report parser defines, nothing else. */
function publicFacts(facts: Record<string, unknown>): AnalysisFacts {
  const keys = [
    'population',
    'taxRate',
    'rulingParties',
    'seats',
    'interviews',
    'evaluators',
    'evaluationNumber',
    'roleModels',
  ] as const;
  const result: Record<string, unknown> = {};
  for (const key of keys) if (facts[key] !== undefined) result[key] = facts[key];
  return result as AnalysisFacts;
}
