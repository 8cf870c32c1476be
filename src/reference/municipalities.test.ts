import { describe, expect, it } from 'vitest';
import { loadMunicipalities, parseMunicipalityCsv } from './municipalities.ts';

describe('municipality register', () => {
  it('holds all 290 municipalities with their län', () => {
    const all = loadMunicipalities();
    expect(all).toHaveLength(290);
    expect(all.find((m) => m.code === '0486')).toEqual({
      code: '0486',
      name: 'Strängnäs',
      lanCode: '04',
      lanName: 'Södermanlands län',
    });
    expect(all.find((m) => m.code === '0139')?.name).toBe('Upplands-Bro');
    expect(all.find((m) => m.code === '0181')?.name).toBe('Södertälje');
  });

  it('refuses a row whose code does not start with its länskod, naming the line', () => {
    const csv = 'kommunkod,kommun,lanskod,lan\n0486,Strängnäs,05,Södermanlands län\n';
    expect(() => parseMunicipalityCsv(csv, 'x.csv')).toThrow(/x\.csv:2: kommunkod "0486"/);
  });

  it('refuses a file without the expected header', () => {
    expect(() => parseMunicipalityCsv('code,name\n', 'x.csv')).toThrow(
      /x\.csv:1: expected the header/,
    );
  });
});
