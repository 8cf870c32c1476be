import { describe, expect, it } from 'vitest';
import { getEvaluation, listEvaluations, listRevisions } from '../db/repositories/evaluations.ts';
import { describeDatabases } from '../db/testing.ts';
import { loadBuiltInCatalogue } from '../frameworks/index.ts';
import { formatIssue } from '../import/issues.ts';
import { loadMunicipalities } from '../reference/municipalities.ts';
import {
  AREA_HISTORY_COLUMNS,
  importAreaHistory,
  parseAreaHistoryCsv,
  splitCsv,
} from './import-area-history.ts';

const HEADER = AREA_HISTORY_COLUMNS.join(',');
const context = {
  source: 'history.csv',
  editions: loadBuiltInCatalogue(),
  municipalities: loadMunicipalities(),
};
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const parse = (...rows: string[]) => parseAreaHistoryCsv(csv(...rows), context);
const messages = (...rows: string[]) => parse(...rows).issues.map(formatIssue);

/** Strängnäs 2014 as the 2016 report prints it: rounded areas adding up to 439, total 437. */
const STRANGNAS_2014 = '0486,2014,,54,49,77,55,58,37,60,49,437,"Strängnäs 2016 report, table 1"';

describe('splitCsv', () => {
  it('reads quoted fields with commas, doubled quotes and CRLF, skipping blank lines', () => {
    const { records } = splitCsv('\ufeffa,b\r\n\r\n1,"x, ""y"""\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', 'x, "y"'] },
    ]);
  });

  it('reports a quote that is never closed on the line it opened', () => {
    expect(splitCsv('a,b\n1,"open\n2,3\n').unclosedQuoteLine).toBe(2);
  });
});

describe('parseAreaHistoryCsv', () => {
  it('a total within rounding of the sum is accepted: Strängnäs 2014 prints 437, its rounded areas add up to 439', () => {
    const parsed = parse(STRANGNAS_2014);
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        municipalityCode: '0486',
        municipalityName: 'Strängnäs',
        year: 2014,
        editionId: 'kk-2010',
        editionByYear: true,
        areas: [54, 49, 77, 55, 58, 37, 60, 49].map((score, index) => ({
          number: index + 1,
          score,
        })),
        total: 437,
        source: 'Strängnäs 2016 report, table 1',
      },
    ]);
  });

  it('a total further from the sum than half a point per area is refused', () => {
    expect(messages('0486,2014,,50,50,50,50,50,50,50,30.5,400,')).toEqual([
      'history.csv:2: total 400 differs from the sum of the areas 380.5 by more than rounding allows (±4) (expected a total from 376.5 to 384.5, or empty)',
    ]);
    expect(parse('0486,2014,,50,50,50,50,50,50,50,30.5,384.5,').issues).toEqual([]);
  });

  it('an empty edition is chosen by year from the catalogue', () => {
    const years = [2005, 2009, 2010, 2015, 2016, 2019, 2020, 2024];
    const parsed = parse(...years.map((year) => `0181,${year},,1,2,3,4,5,6,7,8,36,`));
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows.map((row) => row.editionId)).toEqual([
      'kk-2002',
      'kk-2002',
      'kk-2010',
      'kk-2010',
      'kk-2016',
      'kk-2016',
      'kk-2020',
      'kk-2020',
    ]);
  });

  it('half points and an empty total are read (Södertälje 2006: 74.5 and 87.5)', () => {
    const parsed = parse('0181,2006,kk-2002,66,74.5,87.5,77,73,66,50,83,,');
    expect(parsed.rows[0]?.areas.map((area) => area.score)).toEqual([
      66, 74.5, 87.5, 77, 73, 66, 50, 83,
    ]);
    expect(parsed.rows[0]?.total).toBeNull();
    expect(parsed.rows[0]?.source).toBeNull();
  });

  it('each bad row is refused with its line and what was expected; the good rows pass', () => {
    const parsed = parse(
      '0486,2014,,54,49,77,55,58,37,60,49,437,ok',
      '9999,2014,,54,49,77,55,58,37,60,49,437,',
      '486,2014,,54,49,77,55,58,37,60,49,437,',
      '0486,2014,kk-1999,54,49,77,55,58,37,60,49,437,',
      '0486,2014,kvalitetskommun-2009,54,49,77,55,58,37,60,49,437,',
      '0486,2014,,54,49,177,55,58,37,60,49,537,',
      '0486,2014,,54,49,7x,55,58,37,60,49,437,',
      '0486,2014,,54,"49,5",77,55,58,37,60,49,437,',
      '0486,2014,,54,49,77,55,58,37,60,49,437',
      '0486,14,,54,49,77,55,58,37,60,49,437,',
      '0139,2011,,44,41,52,42,49,49,45,60,383,ok',
    );
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 12]);
    expect(parsed.issues.map(formatIssue)).toEqual([
      'history.csv:3: kommunkod "9999" is not in the register (expected the four-digit code of one of the 290 municipalities, e.g. 0486)',
      'history.csv:4: kommunkod "486" is not in the register; a spreadsheet may have dropped the leading zero of 0486 (expected the four-digit code of one of the 290 municipalities, e.g. 0486)',
      'history.csv:5: edition "kk-1999" is unknown (expected one of kk-2002, kk-2010, kk-2016, kk-2020, or empty to choose it by year)',
      'history.csv:6: edition "kvalitetskommun-2009" is unknown (expected one of kk-2002, kk-2010, kk-2016, kk-2020, or empty to choose it by year)',
      'history.csv:7: area3 177 is outside 0–100 (expected a score from 0 to 100)',
      'history.csv:8: area3 "7x" is not a number (expected a score such as 54 or 74.5 (decimals with a point))',
      'history.csv:9: area2 "49,5" is not a number (expected a score such as 54 or 74.5 (decimals with a point))',
      'history.csv:10: 12 columns (expected 13 columns: kommunkod,year,edition,area1,area2,area3,area4,area5,area6,area7,area8,total,source (quote a field that holds a comma))',
      'history.csv:11: year "14" is not a year (expected a year such as 2014)',
    ]);
  });

  it('a wrong header refuses the whole file', () => {
    const parsed = parseAreaHistoryCsv('kommun;år;poäng\n0486;2014;437\n', context);
    expect(parsed.rows).toEqual([]);
    expect(parsed.issues.map(formatIssue)).toEqual([
      `history.csv:1: the header is "kommun;år;poäng" (expected the header ${HEADER})`,
    ]);
  });
});

describeDatabases('importAreaHistory', (getDb) => {
  const run = (text: string, replace = false) =>
    importAreaHistory({ db: getDb().db, text, ...context, replace });

  it('stores each good row as a published area-level evaluation and refuses the bad ones', async () => {
    const outcome = await run(csv(STRANGNAS_2014, '0486,2012,,1,1,1,1,1,1,1,1,400,'));
    expect(outcome.rows.map((row) => [row.line, row.status])).toEqual([
      [2, 'imported'],
      [3, 'failed'],
    ]);
    const [stored] = await listEvaluations(getDb().db, { municipalityCode: '0486' });
    expect(stored).toMatchObject({
      year: 2014,
      editionId: 'kk-2010',
      kind: 'area-level',
      status: 'published',
      totalPrinted: 437,
      areaTotal: 439,
    });
    const record = await getEvaluation(getDb().db, stored?.id ?? '');
    expect(record?.areas.map((area) => [area.score, area.printed])).toEqual(
      [54, 49, 77, 55, 58, 37, 60, 49].map((score) => [score, score]),
    );
    expect(record?.source).toBe('Strängnäs 2016 report, table 1');
  });

  it('importing the same rows again changes nothing', async () => {
    const text = csv(STRANGNAS_2014, '0139,2011,,44,41,52,42,49,49,45,60,383,');
    await run(text);
    const before = await listEvaluations(getDb().db, { includeSuperseded: true });
    const again = await run(text);
    expect(again.rows.map((row) => row.status)).toEqual(['unchanged', 'unchanged']);
    expect(await listEvaluations(getDb().db, { includeSuperseded: true })).toEqual(before);
  });

  it('other figures for a stored row are refused, and replace them as a new revision with replace', async () => {
    await run(csv(STRANGNAS_2014));
    const corrected = csv(STRANGNAS_2014.replace(',54,49,', ',55,49,').replace(',437,', ',438,'));
    const refused = await run(corrected);
    expect(refused.rows[0]?.issue && formatIssue(refused.rows[0].issue)).toBe(
      'history.csv:2: Strängnäs (0486) 2014, kk-2010 is stored already with other figures (area 1: stored 54, given 55; total: stored 437, given 438) (expected the stored figures, or --replace to store these as a new revision)',
    );
    const replaced = await run(corrected, true);
    expect(replaced.rows[0]?.status).toBe('replaced');
    const revisions = await listRevisions(getDb().db, replaced.rows[0]?.evaluationId ?? '');
    expect(revisions.map((r) => [r.revision, r.current, r.totalPrinted])).toEqual([
      [2, true, 438],
      [1, false, 437],
    ]);
  });
});
