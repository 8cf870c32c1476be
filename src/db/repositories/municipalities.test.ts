import { expect, it } from 'vitest';
import { describeDatabases } from '../testing.ts';
import {
  countMunicipalities,
  getMunicipalities,
  getMunicipality,
  listLan,
  listMunicipalities,
  searchMunicipalities,
} from './municipalities.ts';

describeDatabases(
  'municipalities repository',
  (getDb) => {
    it('holds all 290 municipalities after migrate, counted as a number', async () => {
      const count = await countMunicipalities(getDb().db);
      expect(count).toBe(290);
      expect(typeof count).toBe('number');
    });

    it('knows the seed reports’ municipalities with their län', async () => {
      const { db } = getDb();
      expect(await getMunicipality(db, '0486')).toEqual({
        code: '0486',
        name: 'Strängnäs',
        lanCode: '04',
        lanName: 'Södermanlands län',
      });
      expect(await getMunicipality(db, '0139')).toEqual({
        code: '0139',
        name: 'Upplands-Bro',
        lanCode: '01',
        lanName: 'Stockholms län',
      });
      expect(await getMunicipality(db, '0181')).toEqual({
        code: '0181',
        name: 'Södertälje',
        lanCode: '01',
        lanName: 'Stockholms län',
      });
      expect(await getMunicipality(db, '9999')).toBeUndefined();
    });

    it('lists a län’s municipalities in Swedish alphabetical order (Å Ä Ö last)', async () => {
      const names = (await listMunicipalities(getDb().db, { lanCode: '04' })).map((m) => m.name);
      expect(names).toEqual([
        'Eskilstuna',
        'Flen',
        'Gnesta',
        'Katrineholm',
        'Nyköping',
        'Oxelösund',
        'Strängnäs',
        'Trosa',
        'Vingåker',
      ]);
      const all = (await listMunicipalities(getDb().db)).map((m) => m.name);
      expect(all).toHaveLength(290);
      expect(all.slice(-4)).toEqual(['Östhammar', 'Östra Göinge', 'Överkalix', 'Övertorneå']);
    });

    it('searches by name ignoring case and accents, names starting with the query first', async () => {
      const { db } = getDb();
      expect((await searchMunicipalities(db, 'orebro')).map((m) => m.code)).toEqual(['1880']);
      expect((await searchMunicipalities(db, 'SÖDERTÄLJE')).map((m) => m.name)).toEqual([
        'Södertälje',
      ]);
      expect((await searchMunicipalities(db, 'ale')).map((m) => m.name)).toEqual([
        'Ale',
        'Härjedalen',
        'Malung-Sälen',
        'Salem',
        'Älvdalen',
      ]);
      expect((await searchMunicipalities(db, 'upplands')).map((m) => m.name)).toEqual([
        'Upplands Väsby',
        'Upplands-Bro',
      ]);
      expect(await searchMunicipalities(db, '%')).toEqual([]);
      expect(await searchMunicipalities(db, '  ')).toEqual([]);
      expect(await searchMunicipalities(db, 'a', { limit: 3 })).toHaveLength(3);
    });

    it('searches by kommunkod prefix', async () => {
      const { db } = getDb();
      expect((await searchMunicipalities(db, '0486')).map((m) => m.name)).toEqual(['Strängnäs']);
      expect((await searchMunicipalities(db, '01')).map((m) => m.code)).toHaveLength(26);
    });

    it('lists the 21 län with their municipality counts as numbers', async () => {
      const lan = await listLan(getDb().db);
      expect(lan).toHaveLength(21);
      expect(lan[0]).toEqual({ code: '01', name: 'Stockholms län', municipalityCount: 26 });
      expect(lan.reduce((sum, l) => sum + l.municipalityCount, 0)).toBe(290);
    });

    it('gets several by code, leaving unknown codes out', async () => {
      const found = await getMunicipalities(getDb().db, ['0181', '9999', '0139']);
      expect(found.map((m) => m.name)).toEqual(['Södertälje', 'Upplands-Bro']);
      expect(await getMunicipalities(getDb().db, [])).toEqual([]);
    });
  },
  { shared: true },
);
