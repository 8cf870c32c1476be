import { describe, expect, it } from 'vitest';
import { loadMunicipalities } from '../../reference/municipalities.ts';
import { MunicipalityMatcher } from './municipality.ts';

const matcher = MunicipalityMatcher.for(loadMunicipalities());

describe('MunicipalityMatcher', () => {
  it.each([
    ['Upplands-Bro', '0139'],
    ['Upplands Bro', '0139'],
    ['UPPLANDS-BRO', '0139'],
    ['Upplands-Bros', '0139'],
    ['Södertäljes', '0181'],
    ['STRÄNGNÄS', '0486'],
    ['Upplands Väsby', '0114'],
  ])('reads %j as kommunkod %s', (printed, code) => {
    expect(matcher.lookup(printed)?.code).toBe(code);
  });

  it('gives the register spelling, not the printed one', () => {
    expect(matcher.lookup('Upplands Bro')).toEqual({ name: 'Upplands-Bro', code: '0139' });
  });

  it('never guesses a name that is not in the register', () => {
    expect(matcher.lookup('Bullerbyn')).toBeUndefined();
    expect(matcher.matchStart('Bullerbyn kommun 2011')).toBeUndefined();
  });

  it('matches the longest name at the start of a phrase', () => {
    expect(matcher.matchStart('Upplands Bro kommun i förhållande')?.municipality.code).toBe('0139');
    expect(matcher.matchStart('STRÄNGNÄS KOMMUN\nOKTOBER 2016')?.printed).toBe('STRÄNGNÄS');
  });

  it('finds names in running text, but not inside longer words', () => {
    const text = 'Kommuner som Lomma och Trollhättan; Södertäljebornas åsikter; Uddevallas arbete';
    expect(matcher.findAll(text).map((mention) => mention.printed)).toEqual([
      'Lomma',
      'Trollhättan',
      'Uddevallas',
    ]);
  });
});
