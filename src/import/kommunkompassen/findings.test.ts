import { describe, expect, it } from 'vitest';
import { splitRun } from './findings.ts';

const names = new Set(['Scania', 'Trollhättan']);
const split = (text: string) => splitRun(text, (word) => names.has(word));

describe('splitRun: items printed one after another without separators', () => {
  it('a capitalised word starts a new item', () => {
    expect(split('Utbildning för politiker Tydlig rollfördelning och delegation')).toEqual({
      items: [
        { text: 'Utbildning för politiker', offset: 0 },
        { text: 'Tydlig rollfördelning och delegation', offset: 25 },
      ],
      unsure: [],
    });
  });

  it('a capitalised word after "med", "och" or a comma continues the item', () => {
    const { items } = split(
      'Samarbete med Lärarförbundet och Skolverket, Rektorsakademin Nästa punkt',
    );
    expect(items.map((item) => item.text)).toEqual([
      'Samarbete med Lärarförbundet och Skolverket, Rektorsakademin',
      'Nästa punkt',
    ]);
  });

  it('a name continues the item, and the split is reported as unsure', () => {
    expect(split('Utbyte mellan chefer Scania Utveckla samarbetet')).toEqual({
      items: [
        { text: 'Utbyte mellan chefer Scania', offset: 0 },
        { text: 'Utveckla samarbetet', offset: 28 },
      ],
      unsure: ['chefer Scania'],
    });
  });

  it('a one-word item joins the next one, and is reported as unsure', () => {
    const { items, unsure } = split('Kommunens Ledarutbildning för chefer');
    expect(items.map((item) => item.text)).toEqual(['Kommunens Ledarutbildning för chefer']);
    expect(unsure).toEqual(['Kommunens']);
  });

  it('a sentence end always ends the item', () => {
    expect(split('Gott exempel. Trollhättan visar vägen').items.map((item) => item.text)).toEqual([
      'Gott exempel.',
      'Trollhättan visar vägen',
    ]);
  });
});
