import { describe, expect, it } from 'vitest';
import {
  areaMaxPoints,
  editionForYear,
  findEdition,
  findQuestion,
  mapAreasAcrossEditions,
} from './catalogue.ts';
import { builtInEdition, builtInEditions } from './fixtures/editions.ts';

describe('editionForYear', () => {
  const catalogue = builtInEditions();

  it.each([
    [2002, 'kk-2002'],
    [2006, 'kk-2002'],
    [2009, 'kk-2002'],
    [2010, 'kk-2010'],
    [2011, 'kk-2010'],
    [2015, 'kk-2010'],
    [2016, 'kk-2016'],
    [2019, 'kk-2016'],
    [2020, 'kk-2020'],
    [2031, 'kk-2020'],
  ])('an evaluation in %i uses %s', (year, id) => {
    expect(editionForYear(catalogue, year)?.id).toBe(id);
  });

  it('a year before the first edition maps to the first edition', () => {
    expect(editionForYear(catalogue, 1998)?.id).toBe('kk-2002');
  });

  it('ignores self-assessments even in their own year', () => {
    expect(editionForYear(catalogue, 2009)?.kind).toBe('kommunkompassen');
  });

  it('is derived from the editions’ years, not hard-coded', () => {
    const shifted = catalogue.map((edition) =>
      edition.id === 'kk-2010'
        ? { ...edition, years: { from: 2010, to: 2016 } }
        : edition.id === 'kk-2016'
          ? { ...edition, years: { from: 2017, to: 2019 } }
          : edition,
    );
    expect(editionForYear(shifted, 2016)?.id).toBe('kk-2010');
    expect(editionForYear(shifted, 2017)?.id).toBe('kk-2016');
  });

  it('gives undefined for a year no edition covers, or not a whole year', () => {
    const withGap = catalogue.filter((edition) => edition.id !== 'kk-2016');
    expect(editionForYear(withGap, 2017)).toBeUndefined();
    expect(editionForYear(catalogue, 2011.5)).toBeUndefined();
    expect(editionForYear([], 2011)).toBeUndefined();
  });
});

describe('mapAreasAcrossEditions', () => {
  it('maps areas by number and flags the renamed ones: area 7 of kk-2010 is "Ständiga förbättringar" in kk-2016', () => {
    const mapping = mapAreasAcrossEditions(builtInEdition('kk-2010'), builtInEdition('kk-2016'));
    expect(mapping.map((m) => m.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(mapping.filter((m) => m.renamed).map((m) => [m.from?.name, m.to?.name])).toEqual([
      ['Verksamhetsutveckling', 'Ständiga förbättringar'],
    ]);
  });

  it('maps the 2002 names onto the 2020 names', () => {
    const mapping = mapAreasAcrossEditions(builtInEdition('kk-2002'), builtInEdition('kk-2020'));
    expect(mapping.find((m) => m.number === 3)).toMatchObject({
      from: { name: 'Tydlighet i samspelet politiker tjänstemän' },
      to: { name: 'Styrning och kontroll' },
      renamed: true,
    });
    expect(mapping.every((m) => m.renamed)).toBe(true);
  });

  it('refuses a self-assessment, whose themes are not Kommunkompassen areas', () => {
    expect(() =>
      mapAreasAcrossEditions(builtInEdition('kk-2010'), builtInEdition('kvalitetskommun-2009')),
    ).toThrow(
      'edition "kvalitetskommun-2009" is a self-assessment: only Kommunkompassen editions map by area number',
    );
  });
});

describe('catalogue look-ups', () => {
  it('finds an edition by id and a question with its area', () => {
    const kk2016 = findEdition(builtInEditions(), 'kk-2016');
    expect(kk2016?.name).toBe('Kommunkompassen 2016–2019');
    const found = kk2016 && findQuestion(kk2016, '8.7');
    expect(found?.area.number).toBe(8);
    expect(found?.question.max).toBe(15);
    expect(kk2016 && findQuestion(kk2016, '2.6')).toBeUndefined();
  });

  it('every Kommunkompassen area is worth 100 points, a self-assessment theme none', () => {
    expect(areaMaxPoints(builtInEdition('kk-2020'))).toBe(100);
    expect(areaMaxPoints(builtInEdition('kvalitetskommun-2009'))).toBeNull();
  });
});
