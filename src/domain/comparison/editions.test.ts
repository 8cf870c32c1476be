import { describe, expect, it } from 'vitest';
import { builtInEdition } from '../framework/fixtures/editions.ts';
import { describeEditionDifference, listSwedish } from './editions.ts';

describe('describeEditionDifference', () => {
  it('one edition needs no note', () => {
    const kk2016 = builtInEdition('kk-2016');
    expect(describeEditionDifference([kk2016, kk2016])).toEqual({
      sameEdition: true,
      editionIds: ['kk-2016'],
      renamedAreas: [],
      note: null,
    });
  });

  it('kk-2010 against kk-2016 names area 7 as renamed', () => {
    const difference = describeEditionDifference([
      builtInEdition('kk-2010'),
      builtInEdition('kk-2016'),
    ]);
    expect(difference.renamedAreas).toEqual([7]);
    expect(difference.note).toMatch(/^Utvärderingarna är gjorda med olika versioner/);
  });

  it('against kk-2020 every area is renamed', () => {
    const difference = describeEditionDifference([
      builtInEdition('kk-2016'),
      builtInEdition('kk-2020'),
    ]);
    expect(difference.renamedAreas).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(difference.note).toContain('Områdena 1, 2, 3, 4, 5, 6, 7 och 8 har olika namn');
  });

  it('lists in Swedish', () => {
    expect(listSwedish(['a'])).toBe('a');
    expect(listSwedish(['a', 'b', 'c'])).toBe('a, b och c');
  });
});
