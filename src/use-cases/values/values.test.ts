import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit.ts';
import { listSources } from '../../db/repositories/sources.ts';
import { listValues } from '../../db/repositories/values.ts';
import { describeDatabases } from '../../db/testing.ts';
import { DEMO_DIR } from '../load-demo-data.ts';
import { createScoredEvaluation } from '../testing.ts';
import { addValuesSource } from './add-values-source.ts';
import { loadDemoValues, readDemoValues } from './load-demo-values.ts';
import { removeValue, saveValue } from './save-value.ts';

const VALUES_DIR = join(DEMO_DIR, 'values');
const SEED = readFileSync(
  new URL('../../../../shared/seeds/sodertalje-vardegrund-2008.txt', import.meta.url),
  'utf8',
);

const blank = { meaning: '', office: '', officeMeaning: '', documentUrl: '', adoptedYear: '' };

it('the demo värdegrund keeps the names as adopted but writes every meaning in our own words', () => {
  const [sodertalje] = readDemoValues(VALUES_DIR);
  expect(sodertalje?.values.values.map((v) => v.name)).toEqual([
    'Medborgaren först',
    'Respekt för individen',
    'Mer än förväntat',
    'Utgå alltid från samhällsuppdraget',
    'Olikheter är en styrka',
  ]);
  const seedText = SEED.replace(/\s+/g, ' ').toLowerCase();
  for (const value of sodertalje?.values.values ?? []) {
    for (const text of [value.meaning, value.officeMeaning ?? '']) {
      const words = text.toLowerCase().split(/\s+/);
      // No run of seven words appears in the seed document.
      for (let i = 0; i + 7 <= words.length; i += 1) {
        expect(seedText.includes(words.slice(i, i + 7).join(' ')), text).toBe(false);
      }
    }
  }
});

describeDatabases('värdegrund', (getDb) => {
  it('adds, changes and removes values in order, each audited with old and new', async () => {
    const { db } = getDb();
    const first = await saveValue(db, {
      ...blank,
      name: 'Öppenhet',
      meaning: 'Vi berättar vad vi gör.',
      adoptedYear: '2012',
      actorUserId: null,
      municipalityCode: '0486',
      thisYear: 2026,
    });
    const second = await saveValue(db, {
      ...blank,
      name: 'Helhetssyn',
      actorUserId: null,
      municipalityCode: '0486',
      thisYear: 2026,
    });
    if (!first.ok || !second.ok) throw new Error('not saved');
    await saveValue(db, {
      ...blank,
      name: 'Öppenhet',
      meaning: 'Vi berättar vad vi gör och varför.',
      office: 'Kommunledningskontoret',
      officeMeaning: 'Handlingar publiceras samma dag.',
      actorUserId: null,
      municipalityCode: '0486',
      valueId: first.value.id,
      thisYear: 2026,
    });
    await removeValue(db, {
      actorUserId: null,
      municipalityCode: '0486',
      valueId: second.value.id,
    });
    const values = await listValues(db, '0486');
    expect(values.map((v) => [v.position, v.name, v.office, v.adoptedYear])).toEqual([
      [1, 'Öppenhet', 'Kommunledningskontoret', null],
    ]);
    const audit = await listAudit(db, { entityType: 'municipality_value' });
    expect(audit.map((e) => e.action)).toEqual([
      'values.add',
      'values.add',
      'values.update',
      'values.remove',
    ]);
    expect(audit[2]?.oldValue).toMatchObject({
      meaning: 'Vi berättar vad vi gör.',
      adoptedYear: 2012,
    });
  });

  it('refuses a missing name, an office meaning without an office, a bad link and a future year', async () => {
    const { db } = getDb();
    const result = await saveValue(db, {
      name: '',
      meaning: '',
      office: '',
      officeMeaning: 'Något',
      documentUrl: 'www.example.se',
      adoptedYear: '2030',
      actorUserId: null,
      municipalityCode: '0486',
      thisYear: 2026,
    });
    expect(!result.ok && result.issues.map((i) => i.field)).toEqual([
      'name',
      'office',
      'documentUrl',
      'adoptedYear',
    ]);
    expect(await listValues(db, '0486')).toEqual([]);
  });

  it('does not let one kommun change another’s value', async () => {
    const { db } = getDb();
    const saved = await saveValue(db, {
      ...blank,
      name: 'Öppenhet',
      actorUserId: null,
      municipalityCode: '0486',
      thisYear: 2026,
    });
    if (!saved.ok) throw new Error('not saved');
    await expect(
      removeValue(db, { actorUserId: null, municipalityCode: '0181', valueId: saved.value.id }),
    ).rejects.toThrow('does not exist');
  });

  it('loads Södertälje’s demo värdegrund once and adds it to an evaluation as a "vardegrund" source', async () => {
    const { db } = getDb();
    expect(await loadDemoValues(db, VALUES_DIR)).toEqual(['sodertalje.json']);
    expect(await loadDemoValues(db, VALUES_DIR)).toEqual([]);
    expect((await listValues(db, '0181')).map((v) => v.adoptedYear)).toEqual([
      2008, 2008, 2008, 2008, 2008,
    ]);
    const scored = await createScoredEvaluation(db, { municipalityCode: '0181' });
    const added = await addValuesSource(db, {
      actorUserId: scored.leadUserId,
      evaluationId: scored.evaluationId,
    });
    expect(added.ok).toBe(true);
    const source = (await listSources(db, scored.evaluationId)).find(
      (s) => s.documentType === 'vardegrund',
    );
    expect(source?.title).toBe('Värdegrund, Södertälje (antagen 2008)');
    expect(source?.notes).toContain('Medborgaren först: Värdering.');
    expect(source?.notes).toContain('För Utbildningskontoret:');

    const elsewhere = await createScoredEvaluation(db, { municipalityCode: '0486' });
    const refused = await addValuesSource(db, {
      actorUserId: elsewhere.leadUserId,
      evaluationId: elsewhere.evaluationId,
    });
    expect(!refused.ok && refused.issues[0]?.message).toBe(
      'Strängnäs har ingen värdegrund registrerad. Kommunen eller en administratör lägger in den på kommunens sida.',
    );
  });
});
