import { describe, expect, it } from 'vitest';
import { UPPLANDS_BRO_2011 } from './seed-figures.ts';
import { expectFigures, parseSeed, reportOf, textFields, UPPLANDS_BRO } from './test-helpers.ts';

const report = reportOf(parseSeed(UPPLANDS_BRO));

describe('Upplands-Bro 2011 (the 2010 edition, italic improvements)', () => {
  it('reads every printed figure: areas, total 383, each question of the score overview', () => {
    expectFigures(report, UPPLANDS_BRO_2011);
  });

  it('keeps the area names as the summary table prints them', () => {
    expect(report.areas.map((area) => area.name)).toEqual([
      'Offentlighet och demokrati',
      'Tillgänglighet och brukarorientering',
      'Politisk styrning och kontroll',
      'Ledarskap, ansvar och delegation',
      'Resultat och effektivitet',
      'Kommunen som arbetsgivare personalpolitik',
      'Verksamhetsutveckling',
      'Kommun som samhällsbyggare',
    ]);
    expect(report.areas[0]?.line).toBe(84);
    expect(report.areas.map((area) => area.headings?.length)).toEqual([4, 6, 5, 6, 6, 6, 5, 6]);
  });

  it('accepts the total 383 although the rounded areas add up to 382 (within rounding)', () => {
    expect(report.areas.reduce((sum, area) => sum + area.score, 0)).toBe(382);
    expect(report.warnings.map((warning) => warning.message).join('\n')).not.toMatch(/total/);
  });

  it('points come from the percent when it is the finer figure', () => {
    const points = Object.fromEntries(report.questions.map((q) => [q.id, q.points]));
    expect(points['1.1']).toBe(8.25);
    expect(points['2.2']).toBe(8.5);
    expect(points['4.4']).toBe(4.8);
    expect(points['7.4']).toBe(5);
  });

  it('keeps short question texts as printed', () => {
    const texts = Object.fromEntries(report.questions.map((q) => [q.id, q.text]));
    expect(texts['1.2']).toBe('Hur informeras medborgarna?');
    expect(texts['7.4']).toBe('Hur arbetar kommunen med kreativitet och innovationer?');
  });

  it('names the chart comparison with Kungsbacka without inventing its values', () => {
    expect(report.comparisons).toEqual([
      {
        label: '2011 års Kvalitetskommun, Kungsbacka',
        kind: 'municipality',
        year: 2011,
        municipality: { name: 'Kungsbacka', code: '1384' },
        areas: [],
        total: null,
        from: 'text',
        line: 94,
      },
    ]);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        line: 94,
        message: expect.stringMatching(/Kungsbacka.*not in the text/),
      }),
    ]);
  });

  it('reads plain bullets as strengths and italic bullets as improvements, under their headings', () => {
    const area1 = report.findings.filter((finding) => finding.area === 1);
    expect(area1[0]).toMatchObject({
      kind: 'strength',
      heading: 'Strategi för demokratiutveckling och information',
      line: 117,
    });
    expect(
      area1.filter((finding) => finding.heading === 'Information om resultat').map((f) => f.kind),
    ).toEqual(['improvement', 'improvement', 'improvement']);
    expect(area1).toContainEqual(
      expect.objectContaining({
        kind: 'improvement',
        text: 'Uppföljning av kommunikationspolicyn och strategi.',
      }),
    );
    expect(area1).toContainEqual(
      expect.objectContaining({
        kind: 'strength',
        text: 'Informativ Kommunguide - Gott exempel.',
        goodExample: true,
      }),
    );
  });

  it('a bullet with only a phrase in italics stays a strength', () => {
    const driver = report.findings.find((finding) =>
      finding.text.startsWith('Upplands-Bro kommun driver'),
    );
    expect(driver).toMatchObject({ area: 5, kind: 'strength', goodExample: true });
    expect(driver?.text).toContain('ATT – en administration i takt med tiden');
  });

  it('takes a bold line as the heading when it is not marked as a heading', () => {
    const area8 = report.findings.filter((finding) => finding.area === 8);
    expect(area8.at(-1)).toMatchObject({
      heading: 'Hållbar utveckling',
      text: 'Upplands Bro är en Ekokommun.',
    });
  });

  it('reads the short facts', () => {
    expect(report.facts).toEqual({
      population: { value: 23600, approximate: true, text: 'drygt 23 600', line: 508 },
      taxRate: { year: 2011, rate: 19.58, national: 20.73, line: 509 },
      rulingParties: {
        parties: ['moderaterna', 'folkpartiet', 'centern', 'kristdemokraterna'],
        electionYear: 2010,
        line: 511,
      },
      interviews: { count: 30, approximate: true, text: 'ett 30-tal', line: 74 },
      evaluationNumber: 1,
    });
  });

  it('lets no markup into the text fields', () => {
    for (const text of textFields(report)) expect(text).not.toMatch(/<\/?[a-z]+|\*|&amp;|\t/);
  });
});
