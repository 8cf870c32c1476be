import { describe, expect, it } from 'vitest';
import { STRANGNAS_2014, STRANGNAS_2016, STRANGNAS_AVERAGE } from './seed-figures.ts';
import { expectFigures, parseSeed, reportOf, STRANGNAS, textFields } from './test-helpers.ts';

const report = reportOf(parseSeed(STRANGNAS));
const byArea = (scores: number[]) => scores.map((score, index) => ({ number: index + 1, score }));

describe('Strängnäs 2016 (the 2016 edition, two-column finding tables)', () => {
  it('reads every printed figure: areas, total 497, each question of the score overview', () => {
    expectFigures(report, STRANGNAS_2016);
  });

  it('recognises the 2016 edition: area 2 has five questions and area 8 seven', () => {
    const ids = report.questions.map((question) => question.id);
    expect(ids.filter((id) => id.startsWith('2.'))).toHaveLength(5);
    expect(ids.filter((id) => id.startsWith('8.'))).toHaveLength(7);
    expect(report.edition).toBe('kk-2016');
  });

  it('reads the 2014 column as the previous evaluation and the average with its basis', () => {
    expect(report.comparisons).toEqual([
      {
        label: 'Strängnäs 2014',
        kind: 'previous',
        year: 2014,
        municipality: { name: 'Strängnäs', code: '0486' },
        areas: byArea(STRANGNAS_2014.areas),
        total: STRANGNAS_2014.total,
        from: 'table',
        line: 71,
      },
      {
        label: 'Medelvärde',
        kind: 'average',
        basis: 'beräknat från 2010 och framåt',
        yearFrom: 2010,
        areas: byArea(STRANGNAS_AVERAGE.areas),
        total: STRANGNAS_AVERAGE.total,
        from: 'table',
        line: 71,
      },
    ]);
  });

  it('points come from the percent when it is the finer figure', () => {
    const points = Object.fromEntries(report.questions.map((q) => [q.id, q.points]));
    expect(points['1.1']).toBe(10.5);
    expect(points['3.2']).toBe(18.25);
    expect(points['5.6']).toBe(9);
  });

  it('joins the rest of an item continued on the next page to the right column', () => {
    const area1 = report.findings.filter((finding) => finding.area === 1);
    const strengths = area1.filter((finding) => finding.kind === 'strength').map((f) => f.text);
    const improvements = area1.filter((f) => f.kind === 'improvement').map((f) => f.text);
    expect(strengths[3]).toMatch(/korruption och annat otillbörligt agerande$/);
    expect(strengths[4]).toBe('Deltar i medborgardialogsnätverk för lärande och erfarenhetsutbyte');
    expect(improvements[3]).toMatch(/likaså kommunrevisionens förvaltningsrapporter$/);
    const area7 = report.findings.filter((finding) => finding.area === 7);
    expect(area7.find((f) => f.text === 'Socialkontorets årliga kvalitetspris')?.kind).toBe(
      'strength',
    );
    expect(area7.filter((f) => f.kind === 'improvement')[3]?.text).toMatch(
      /för att lyfta fram för att utveckla kvaliteten på tjänsterna$/,
    );
  });

  it('reads no findings from bullets outside the tables', () => {
    expect(report.findings.some((finding) => finding.text.startsWith('HR-avdelningen'))).toBe(
      false,
    );
  });

  it('marks findings that call themselves a good example', () => {
    expect(report.findings.filter((finding) => finding.goodExample).map((f) => f.area)).toEqual([
      1, 2, 5, 5, 6,
    ]);
  });

  it('reads the topic headings of each area', () => {
    expect(report.areas.map((area) => area.headings?.length)).toEqual([4, 5, 5, 6, 6, 6, 4, 6]);
    expect(report.areas[1]?.name).toBe('Tillgänglighet, bemötande och brukarorientering');
  });

  it('reads the evaluators, the interviews and which evaluation this is', () => {
    expect(report.facts).toEqual({
      interviews: { count: 35, approximate: true, text: 'ca 35', line: 65 },
      evaluators: [
        { text: 'Leif Eldås, SKL', name: 'Leif Eldås', affiliation: 'SKL' },
        { text: 'Josephine Härdin, konsult', name: 'Josephine Härdin', affiliation: 'konsult' },
        { text: 'Ingjerd Åstad Norska KS', name: 'Ingjerd Åstad', affiliation: 'Norska KS' },
      ],
      evaluationNumber: 2,
    });
  });

  it('has nothing to warn about', () => {
    expect(report.warnings).toEqual([]);
  });

  it('lets no markup into the text fields', () => {
    for (const text of textFields(report)) expect(text).not.toMatch(/<\/?[a-z]+|&amp;|\t|•/);
  });
});
