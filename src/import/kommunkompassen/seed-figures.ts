/**
 * The figures the three seed reports print, copied from the reports (tests only). The seed
 * tests and the robustness tests assert them, so a transformed seed must give the same figures.
 */

type Row = [id: string, achieved: number, max: number, percent: number];

export interface SeedFigures {
  municipality: { name: string; code: string };
  year: number;
  month: number;
  edition: string;
  areas: number[];
  total: number;
  /** Every question row of the score overview; empty when the report prints none. */
  questions: Row[];
  /** Strengths and improvements per area 1–8, counted in the printed report. */
  findings: [strengths: number, improvements: number][];
}

export const UPPLANDS_BRO_2011: SeedFigures = {
  municipality: { name: 'Upplands-Bro', code: '0139' },
  year: 2011,
  month: 9,
  edition: 'kk-2010',
  areas: [44, 41, 52, 42, 49, 49, 45, 60],
  total: 383,
  questions: [
    ['1.1', 8, 15, 55],
    ['1.2', 14, 20, 71],
    ['1.3', 6, 25, 23],
    ['1.4', 12, 30, 42],
    ['1.5', 3, 10, 32],
    ['2.1', 6, 15, 40],
    ['2.2', 9, 25, 34],
    ['2.3', 9, 15, 61],
    ['2.4', 5, 15, 34],
    ['2.5', 7, 15, 44],
    ['2.6', 6, 15, 40],
    ['3.1', 7, 15, 48],
    ['3.2', 14, 25, 54],
    ['3.3', 11, 25, 44],
    ['3.4', 13, 20, 67],
    ['3.5', 7, 15, 50],
    ['4.1', 6, 15, 40],
    ['4.2', 5, 10, 53],
    ['4.3', 8, 20, 39],
    ['4.4', 5, 15, 32],
    ['4.5', 10, 20, 52],
    ['4.6', 8, 20, 41],
    ['5.1', 8, 15, 50],
    ['5.2', 11, 20, 55],
    ['5.3', 8, 20, 38],
    ['5.4', 8, 15, 50],
    ['5.5', 8, 20, 38],
    ['5.6', 8, 10, 83],
    ['6.1', 7, 15, 45],
    ['6.2', 9, 20, 47],
    ['6.3', 10, 25, 40],
    ['6.4', 8, 15, 53],
    ['6.5', 9, 15, 57],
    ['6.6', 6, 10, 62],
    ['7.1', 7, 15, 44],
    ['7.2', 15, 25, 59],
    ['7.3', 7, 20, 33],
    ['7.4', 5, 20, 25],
    ['7.5', 12, 20, 59],
    ['8.1', 7, 15, 46],
    ['8.2', 12, 20, 60],
    ['8.3', 15, 20, 76],
    ['8.4', 11, 15, 76],
    ['8.5', 3, 10, 26],
    ['8.6', 12, 20, 61],
  ],
  findings: [
    [12, 6],
    [9, 7],
    [5, 5],
    [9, 7],
    [10, 5],
    [11, 6],
    [9, 6],
    [14, 2],
  ],
};

export const STRANGNAS_2016: SeedFigures = {
  municipality: { name: 'Strängnäs', code: '0486' },
  year: 2016,
  month: 10,
  edition: 'kk-2016',
  areas: [63, 60, 60, 67, 64, 49, 66, 68],
  total: 497,
  questions: [
    ['1.1', 11, 15, 70],
    ['1.2', 14, 20, 72],
    ['1.3', 9, 25, 38],
    ['1.4', 21, 30, 69],
    ['1.5', 8, 10, 78],
    ['2.1', 12, 15, 80],
    ['2.2', 14, 25, 54],
    ['2.3', 13, 20, 65],
    ['2.4', 13, 20, 63],
    ['2.5', 9, 20, 45],
    ['3.1', 8, 15, 52],
    ['3.2', 18, 25, 73],
    ['3.3', 14, 25, 55],
    ['3.4', 12, 20, 58],
    ['3.5', 9, 15, 59],
    ['4.1', 11, 15, 70],
    ['4.2', 6, 10, 63],
    ['4.3', 13, 20, 63],
    ['4.4', 8, 15, 53],
    ['4.5', 15, 20, 74],
    ['4.6', 14, 20, 72],
    ['5.1', 11, 15, 75],
    ['5.2', 14, 20, 68],
    ['5.3', 8, 20, 39],
    ['5.4', 12, 15, 77],
    ['5.5', 11, 20, 53],
    ['5.6', 9, 10, 90],
    ['6.1', 8, 15, 50],
    ['6.2', 6, 20, 30],
    ['6.3', 13, 25, 51],
    ['6.4', 7, 15, 49],
    ['6.5', 12, 15, 82],
    ['6.6', 3, 10, 34],
    ['7.1', 11, 15, 73],
    ['7.2', 17, 25, 69],
    ['7.3', 12, 20, 61],
    ['7.4', 11, 20, 55],
    ['7.5', 15, 20, 74],
    ['8.1', 9, 15, 63],
    ['8.2', 10, 15, 65],
    ['8.3', 12, 15, 83],
    ['8.4', 12, 15, 78],
    ['8.5', 5, 10, 45],
    ['8.6', 11, 15, 74],
    ['8.7', 9, 15, 63],
  ],
  findings: [
    [6, 5],
    [6, 4],
    [7, 4],
    [5, 5],
    [7, 4],
    [5, 7],
    [7, 7],
    [5, 4],
  ],
};

/** The 2014 column and the national average printed beside Strängnäs 2016. */
export const STRANGNAS_2014 = { areas: [54, 49, 77, 55, 58, 37, 60, 49], total: 437 };
export const STRANGNAS_AVERAGE = { areas: [55, 57, 68, 57, 59, 58, 54, 68], total: 476 };

export const SODERTALJE_2006: SeedFigures = {
  municipality: { name: 'Södertälje', code: '0181' },
  year: 2006,
  month: 9,
  edition: 'kk-2002',
  areas: [66, 74.5, 87.5, 77, 73, 66, 50, 83],
  total: 577,
  questions: [],
  findings: [
    [2, 3],
    [3, 3],
    [3, 1],
    [3, 2],
    [3, 2],
    [3, 4],
    [0, 0],
    [0, 0],
  ],
};

/** The question ids each area section of Södertälje 2006 lists under its heading (area 8 is cut). */
export const SODERTALJE_QUESTION_IDS = [
  ['1.1', '1.2', '1.3'],
  ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6'],
  ['3.1', '3.2', '3.3', '3.4'],
  ['4.1', '4.2', '4.3', '4.4', '4.5'],
  ['5.1', '5.2', '5.3', '5.4'],
  ['6.1', '6.2', '6.3', '6.4', '6.5', '6.6'],
  ['7.1', '7.2', '7.3', '7.4', '7.5'],
].flat();
