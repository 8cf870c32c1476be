import { displayPercent, displayPoints, pointsFromPercent, sumPoints } from './rounding.ts';

/**
 * Recovering exact points from a published score table ("Översikt av poängfördelning"), whose
 * figures are all rounded: "Uppnått" to whole points, "Procent" to whole percent, area scores
 * and the total to whole points. The percent is the more precise figure (1 % of 15 points is
 * 0.15 points), but percent × max alone does not reproduce every printed figure: Upplands-Bro
 * 2011 prints 12 for 42 % of 30, and 42 % × 30 = 12.6 would print 13. The exact points lie in
 * the range every printed figure allows at once; this module finds points in that range, as
 * close to percent × max as possible, and says which printed figures no points can reproduce.
 */

export interface PrintedQuestionRow {
  /** Question id, e.g. "1.4". */
  id: string;
  /** The printed "Uppnått". */
  achieved: number;
  /** The printed "Max". */
  max: number;
  /** The printed "Procent", without the % sign. */
  percent: number;
}

export interface PrintedAreaRow {
  number: number;
  /** The printed area score (the sum row of the area's table, or the summary table). */
  score: number;
  /** The printed percent of the area's sum row, when there is one. */
  percent?: number;
  questions: PrintedQuestionRow[];
}

export interface PrintedTable {
  areas: PrintedAreaRow[];
  /** The printed total ("TOTALT"). */
  total: number;
}

export type PrintedFigure = 'achieved' | 'percent' | 'area score' | 'area percent' | 'total';

/** A printed figure that the derived exact points do not reproduce, and why. */
export interface UnreproducedFigure {
  figure: PrintedFigure;
  /** `question 1.4`, `area 3` or `total`. */
  where: string;
  printed: number;
  /** What the derived exact points print as under the rounding rules. */
  reproduced: number;
  reason: string;
}

export interface DerivedQuestionPoints {
  id: string;
  /** The derived exact points. */
  points: number;
  /** percent × max / 100, the estimate from the percent column alone. */
  estimate: number;
  /** The smallest and largest points (to the hundredth) that the question's own printed figures allow. */
  range: { min: number; max: number };
}

export interface DerivedPoints {
  questions: DerivedQuestionPoints[];
  /** Exact area points: sums of the derived question points. */
  areas: { number: number; points: number }[];
  /** Sum of the exact area points. */
  total: number;
  /** Every printed figure the derived points do not reproduce; empty when the table is consistent. */
  unreproduced: UnreproducedFigure[];
}

export interface PrintedTableOptions {
  /** Decimals of the printed area scores and total (0 in the 2010 and later tables). */
  areaDecimals?: number;
}

/** Points are derived to the hundredth of a point: finer than any printed figure needs. */
const UNIT = 100;
const EPSILON = 1e-6;

interface Range {
  lo: number;
  hi: number;
}

const ceilUnits = (points: number) => Math.ceil(points * UNIT - EPSILON);

/** Exact points (in units, both ends included) that print as `printed` with `decimals` places. */
function roundedRange(printed: number, decimals: number): Range {
  const half = 0.5 / 10 ** decimals;
  return { lo: ceilUnits(printed - half), hi: ceilUnits(printed + half) - 1 };
}

/** Exact points (in units) whose percent of `max` prints as `percent`. */
function percentRange(percent: number, max: number): Range {
  return {
    lo: Math.ceil((percent - 0.5) * max - EPSILON),
    hi: Math.ceil((percent + 0.5) * max - EPSILON) - 1,
  };
}

function intersect(a: Range, b: Range): Range {
  return { lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
}

const isEmpty = (r: Range) => r.lo > r.hi;
const fmt = (units: number) => String(units / UNIT);

interface Cell {
  row: PrintedQuestionRow;
  area: number;
  range: Range;
  estimate: number;
  value: number;
}

/**
 * Derives exact points from a printed table, reproducing every printed figure when possible.
 * Points stay within what each question's "Uppnått" and "Procent" allow, then are moved, a
 * hundredth at a time and as little as possible from percent × max, until each area and the
 * total also print as published.
 *
 * @example
 * const derived = derivePointsFromPrintedTable(table);
 * derived.total; // 383.?? for Upplands-Bro 2011, printed 383
 * derived.unreproduced; // [] when the table is consistent
 */
export function derivePointsFromPrintedTable(
  table: PrintedTable,
  options: PrintedTableOptions = {},
): DerivedPoints {
  const areaDecimals = options.areaDecimals ?? 0;
  const reasons = new Map<string, string>();

  const cells: Cell[] = table.areas.flatMap((area) =>
    area.questions.map((row) => {
      const bounds: Range = { lo: 0, hi: Math.round(row.max * UNIT) };
      const byPercent = intersect(bounds, percentRange(row.percent, row.max));
      const byAchieved = roundedRange(row.achieved, 0);
      let range = intersect(byPercent, byAchieved);
      if (isEmpty(range)) {
        reasons.set(
          key('achieved', row.id),
          `the printed Uppnått ${String(row.achieved)} contradicts the printed Procent ${String(row.percent)} % of ${String(row.max)}, which needs ${fmt(byPercent.lo)}–${fmt(byPercent.hi)} points; the percent, the more precise figure, is kept`,
        );
        range = isEmpty(byPercent) ? bounds : byPercent;
      }
      const estimate = clamp(Math.round(row.percent * row.max), range);
      return { row, area: area.number, range, estimate, value: estimate };
    }),
  );

  const areaRanges = new Map<number, Range>();
  for (const area of table.areas) {
    const own = cells.filter((c) => c.area === area.number);
    const reach: Range = {
      lo: sum(own.map((c) => c.range.lo)),
      hi: sum(own.map((c) => c.range.hi)),
    };
    let target = roundedRange(area.score, areaDecimals);
    if (area.percent !== undefined) {
      const areaMax = sum(area.questions.map((q) => q.max));
      const byPercent = percentRange(area.percent, areaMax);
      if (isEmpty(intersect(target, byPercent))) {
        reasons.set(
          key('area percent', String(area.number)),
          `the printed area percent ${String(area.percent)} % contradicts the printed area score ${String(area.score)}`,
        );
      } else target = intersect(target, byPercent);
    }
    let feasible = intersect(target, reach);
    if (isEmpty(feasible)) {
      reasons.set(
        key('area score', String(area.number)),
        `the printed figures of the area's questions allow ${fmt(reach.lo)}–${fmt(reach.hi)} points in all, which cannot print as ${String(area.score)}`,
      );
      const nearest = target.hi < reach.lo ? reach.lo : reach.hi;
      feasible = { lo: nearest, hi: nearest };
    }
    areaRanges.set(area.number, feasible);
    moveInto(own, feasible, () => true);
  }

  const reach: Range = {
    lo: sum([...areaRanges.values()].map((r) => r.lo)),
    hi: sum([...areaRanges.values()].map((r) => r.hi)),
  };
  const totalTarget = roundedRange(table.total, areaDecimals);
  let totalFeasible = intersect(totalTarget, reach);
  if (isEmpty(totalFeasible)) {
    reasons.set(
      key('total', ''),
      `the printed area figures allow a total of ${fmt(reach.lo)}–${fmt(reach.hi)} points, which cannot print as ${String(table.total)}`,
    );
    const nearest = totalTarget.hi < reach.lo ? reach.lo : reach.hi;
    totalFeasible = { lo: nearest, hi: nearest };
  }
  const areaSums = new Map(
    table.areas.map((a) => [
      a.number,
      sum(cells.filter((c) => c.area === a.number).map((c) => c.value)),
    ]),
  );
  moveInto(cells, totalFeasible, (cell, step) => {
    const range = areaRanges.get(cell.area);
    const next = (areaSums.get(cell.area) ?? 0) + step;
    if (range === undefined || next < range.lo || next > range.hi) return false;
    areaSums.set(cell.area, next);
    return true;
  });

  const points = Object.fromEntries(cells.map((c) => [c.row.id, c.value / UNIT]));
  const areas = table.areas.map((area) => ({
    number: area.number,
    points: sumPoints(area.questions.map((q) => points[q.id] ?? 0)),
  }));
  return {
    questions: cells.map((c) => ({
      id: c.row.id,
      points: c.value / UNIT,
      estimate: pointsFromPercent(c.row.percent, c.row.max),
      range: { min: c.range.lo / UNIT, max: c.range.hi / UNIT },
    })),
    areas,
    total: sumPoints(areas.map((a) => a.points)),
    unreproduced: checkPrintedTable(table, points, options, reasons),
  };
}

/**
 * Applies the rounding rules to exact points and lists every printed figure of `table` they
 * do not reproduce: each question's Uppnått and Procent, each area's score and percent, the total.
 *
 * @param points exact points per question id
 */
export function checkPrintedTable(
  table: PrintedTable,
  points: Readonly<Record<string, number>>,
  options: PrintedTableOptions = {},
  reasons: ReadonlyMap<string, string> = new Map(),
): UnreproducedFigure[] {
  const areaDecimals = options.areaDecimals ?? 0;
  const out: UnreproducedFigure[] = [];
  const compare = (figure: PrintedFigure, id: string, printed: number, reproduced: number) => {
    if (printed === reproduced) return;
    const where =
      figure === 'total' ? 'total' : figure.startsWith('area') ? `area ${id}` : `question ${id}`;
    out.push({
      figure,
      where,
      printed,
      reproduced,
      reason:
        reasons.get(key(figure, figure === 'total' ? '' : id)) ??
        `the exact points print as ${String(reproduced)}, not ${String(printed)}`,
    });
  };
  const areaSums: number[] = [];
  for (const area of table.areas) {
    const values: number[] = [];
    for (const row of area.questions) {
      const value = points[row.id];
      if (value === undefined) throw new Error(`no points given for question "${row.id}"`);
      values.push(value);
      compare('achieved', row.id, row.achieved, displayPoints(value));
      compare('percent', row.id, row.percent, displayPercent(value, row.max));
    }
    const areaPoints = sumPoints(values);
    areaSums.push(areaPoints);
    compare('area score', String(area.number), area.score, displayPoints(areaPoints, areaDecimals));
    if (area.percent !== undefined) {
      const areaMax = sumPoints(area.questions.map((q) => q.max));
      compare(
        'area percent',
        String(area.number),
        area.percent,
        displayPercent(areaPoints, areaMax),
      );
    }
  }
  compare('total', '', table.total, displayPoints(sumPoints(areaSums), areaDecimals));
  return out;
}

function key(figure: PrintedFigure, id: string): string {
  return `${figure}:${id}`;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function clamp(value: number, range: Range): number {
  return Math.min(range.hi, Math.max(range.lo, value));
}

/**
 * Moves cell values one unit at a time until their sum lies in `target`, each time moving the
 * cell whose value drifts least from its estimate (relative to its max), within its own range
 * and as far as `allow` permits.
 */
function moveInto(
  cells: Cell[],
  target: Range,
  allow: (cell: Cell, step: number) => boolean,
): void {
  let total = sum(cells.map((c) => c.value));
  while (total < target.lo || total > target.hi) {
    const step = total < target.lo ? 1 : -1;
    const candidates = cells
      .filter((c) => c.value + step >= c.range.lo && c.value + step <= c.range.hi)
      .map((c) => ({ c, cost: drift(c, c.value + step) - drift(c, c.value) }))
      .sort((a, b) => a.cost - b.cost);
    const chosen = candidates.find(({ c }) => allow(c, step));
    if (chosen === undefined) return; // no cell can move: the caller reports the figure
    chosen.c.value += step;
    total += step;
  }
}

function drift(cell: Cell, value: number): number {
  return Math.abs(value - cell.estimate) / cell.row.max;
}
