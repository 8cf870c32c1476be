import { describe, expect, it } from 'vitest';
import { SODERTALJE_2006, SODERTALJE_QUESTION_IDS } from './seed-figures.ts';
import { expectFigures, parseSeed, reportOf, SODERTALJE, textFields } from './test-helpers.ts';

const report = reportOf(parseSeed(SODERTALJE));

describe('Södertälje 2006 (the 2002 edition, one page per line, cut in area 7)', () => {
  it('reads every printed figure: areas with halves, total 577', () => {
    expectFigures(report, SODERTALJE_2006);
  });

  it('pairs area names and scores printed in runs ("… … … 66 74,5 87,5")', () => {
    expect(report.areas.slice(0, 4).map((area) => [area.name, area.score])).toEqual([
      ['Offentlighet, öppenhet, och demokratisk kontroll', 66],
      ['Tillgänglighet/medborgar- och brukarorientering', 74.5],
      ['Tydlighet i samspelet mellan politiker och tjänstemän', 87.5],
      ['Ledning, decentralisering och delegering', 77],
    ]);
  });

  it('lists the questions each section names, with no figures (none are printed)', () => {
    expect(report.questions.map((question) => question.id)).toEqual(SODERTALJE_QUESTION_IDS);
    for (const question of report.questions) {
      expect([question.achieved, question.max, question.percent, question.points]).toEqual([
        null,
        null,
        null,
        null,
      ]);
    }
    const texts = Object.fromEntries(report.questions.map((q) => [q.id, q.text]));
    expect(texts['1.1']).toBe('Hur informeras invånarna?');
    expect(texts['5.4']).toBe('Kontroll- och uppföljningsrutiner?');
    expect(texts['7.2']).toBe('Strategisk serviceutveckling?');
  });

  it('names the chart series but never invents their values', () => {
    expect(report.comparisons.map((c) => [c.label, c.kind, c.areas, c.total])).toEqual([
      ['Medelpoäng Kommunkompasskommuner 2002-2006', 'average', [], null],
      ['Trollhättan 2004', 'municipality', [], null],
      ['Örebro 2006', 'municipality', [], null],
    ]);
    expect(report.comparisons[0]).toMatchObject({ yearFrom: 2002, yearTo: 2006 });
    expect(report.comparisons[1]?.municipality).toEqual({ name: 'Trollhättan', code: '1488' });
    const chartWarnings = report.warnings.filter((w) => /not in the text/.test(w.message));
    expect(chartWarnings).toHaveLength(3);
  });

  it('splits the undelimited "Styrkor … Förbättringsområden …" runs into items', () => {
    const texts = (area: number, kind: string) =>
      report.findings.filter((f) => f.area === area && f.kind === kind).map((f) => f.text);
    expect(texts(1, 'strength')).toEqual([
      'Styrelser och råd för brukarinflytande',
      'Öppna nämndmöten som förläggs ute i verksamheterna',
    ]);
    expect(texts(1, 'improvement')).toEqual([
      'Utveckla resultatredovisning till medborgarna',
      'Ta fram populärversioner av viktiga handlingar',
      expect.stringMatching(/^Utveckla medborgarnas möjligheter att diskutera .* hemsidorna$/),
    ]);
    expect(texts(4, 'improvement')).toEqual([
      'Utveckla tydlighet i resultatförväntningar på chefer',
      'Utveckla samarbetet mellan central ledning och enhetsnivån',
    ]);
    expect(texts(6, 'improvement')[2]).toMatch(/^Att utveckla forum där chefer/);
  });

  it('gives each finding the line (page) it was printed on', () => {
    const lines = (area: number) =>
      report.findings.filter((f) => f.area === area).map((f) => f.line);
    expect(lines(1)).toEqual([8, 8, 8, 8, 8]);
    expect(lines(4)).toEqual([15, 15, 15, 16, 16]);
  });

  it('never lets the running page header leak into a text field', () => {
    for (const text of textFields(report)) {
      expect(text).not.toMatch(/2009-10-01|\(27\)|Sveriges Kommuner och Landsting \d/);
    }
  });

  it('says that the text is cut short and that area 7 has no findings', () => {
    const messages = report.warnings.map((warning) => warning.message);
    expect(messages).toContainEqual(expect.stringMatching(/no detailed section for area 8/));
    expect(messages).toContainEqual(expect.stringMatching(/^area 7: no strengths/));
    expect(messages).toContainEqual(expect.stringMatching(/no score per question/));
  });

  it('reads the facts, the seats after the 2006 election and the evaluators', () => {
    const { facts } = report;
    expect(facts.population).toMatchObject({ value: 80000, approximate: true, text: 'ca 80 000' });
    expect(facts.rulingParties?.parties).toEqual([
      'Socialdemokraterna',
      'Vänsterpartiet',
      'Miljöpartiet',
    ]);
    expect(facts.seats?.electionYear).toBe(2006);
    expect(facts.seats?.parties.map((party) => party.seats)).toEqual([
      23, 4, 4, 14, 5, 5, 4, 2, 2, 2,
    ]);
    expect(facts.seats?.parties[3]).toEqual({ party: 'Moderaterna', seats: 14 });
    expect(facts.interviews).toMatchObject({ count: 30, approximate: true, text: 'ett 30-tal' });
    expect(facts.evaluators?.map((evaluator) => evaluator.name)).toEqual([
      'Lena Langlet',
      'Lars Strid',
    ]);
    expect(facts.evaluationNumber).toBe(1);
  });

  it('finds the municipalities the text recommends as examples, per area', () => {
    const byArea = (area: number) =>
      report.facts.roleModels
        ?.filter((model) => model.area === area)
        .map((m) => m.municipality.name);
    expect(byArea(1)).toEqual(['Lomma', 'Trollhättan', 'Uddevalla']);
    expect(byArea(5)).toEqual(['Åmål', 'Trollhättan', 'Kungsbacka']);
    expect(byArea(6)).toEqual(['Stockholm', 'Uddevalla']);
    expect(byArea(7)).toEqual(['Trollhättan', 'Uddevalla', 'Umeå', 'Västerås']);
  });
});
