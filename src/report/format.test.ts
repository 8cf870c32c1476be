import { describe, expect, it } from 'vitest';
import { genitive } from './format.ts';

describe('genitive', () => {
  it('adds an s, except after s, x or z', () => {
    expect(genitive('Kungsbacka')).toBe('Kungsbackas');
    expect(genitive('Upplands-Bro')).toBe('Upplands-Bros');
    expect(genitive('Strängnäs')).toBe('Strängnäs');
    expect(genitive('Ystads')).toBe('Ystads');
  });
});
