import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { openDatabase } from '../../db/client.ts';
import { listAudit } from '../../db/repositories/audit.ts';
import { getGapMapping } from '../../db/repositories/gap-mappings.ts';
import { createTestEnv, testDatabaseUrl } from '../../db/testing.ts';
import { importSeeds } from '../../use-cases/gap/testing.ts';
import type { CliIo } from '../io.ts';
import { runCommand } from './comparison-testing.ts';
import { registerGap } from './gap.ts';
import { registerGapMapping } from './gap-mapping.ts';

const kinds = testDatabaseUrl() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
const TIMEOUT = 60_000;

const both = (program: Command, io: CliIo) => {
  registerGap(program, io);
  registerGapMapping(program, io);
};

describe.each(kinds)('kompass gap and gap-mapping [%s]', (kind) => {
  let env: Record<string, string>;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ env, dispose } = await createTestEnv(kind));
    const database = await openDatabase({ env, cwd: process.cwd() });
    try {
      await importSeeds(database.db);
    } finally {
      await database.close();
    }
  }, TIMEOUT);
  afterAll(async () => {
    await dispose();
  });
  const run = (...args: string[]) => runCommand(both, env, args);

  it('prints per area the self-assessed level, the evaluated score and the difference for Södertälje', async () => {
    const result = await run('gap', '--municipality', '0181', '--json');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as {
      selfAssessment: { year: number; edition: string };
      evaluation: { year: number; edition: string };
      areas: Array<{
        number: number;
        selfAssessedLevel: number | null;
        evaluatedScore: number | null;
        difference: number | null;
        missing: Array<{ id: string; reason: string }>;
      }>;
    };
    expect(json.selfAssessment).toMatchObject({ year: 2009, edition: 'kvalitetskommun-2009' });
    expect(json.evaluation).toMatchObject({ year: 2006, edition: 'kk-2002' });
    expect(json.areas.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The 2006 analysis printed 66, 74,5, 87,5, 77, 73, 66, 50 and 83.
    expect(json.areas.map((a) => a.evaluatedScore)).toEqual([66, 74.5, 87.5, 77, 73, 66, 50, 83]);
    for (const area of json.areas) {
      expect(area.selfAssessedLevel).not.toBeNull();
      expect(area.difference).toBeCloseTo(
        (area.selfAssessedLevel ?? 0) - (area.evaluatedScore ?? 0),
        0,
      );
    }
    // Questions 8–10 had two boxes ticked: left out and named, not counted.
    const area5 = json.areas.find((a) => a.number === 5);
    expect(area5?.missing).toEqual([
      { id: '9', reason: 'multiple-ticked' },
      { id: '10', reason: 'multiple-ticked' },
    ]);
    const area3 = json.areas.find((a) => a.number === 3);
    expect(area3?.missing).toEqual([{ id: '8', reason: 'multiple-ticked' }]);
  });

  it('prints a table without --json', async () => {
    const result = await run('gap', '--municipality', '0181');
    expect(result.out).toContain('Södertälje (0181): self-assessment 2009 (kvalitetskommun-2009)');
    expect(result.out).toContain('(left out: 9 multiple-ticked, 10 multiple-ticked)');
  });

  it('refuses clearly when either side is missing or the kommun is unknown', async () => {
    expect(await run('gap', '--municipality', '0486', '--json')).toMatchObject({
      code: 1,
      err: 'Strängnäs has no submitted self-assessment: import its application (kompass import) or submit one first',
    });
    expect((await run('gap', '--municipality', '9999')).err).toBe(
      'municipality "9999" does not exist: give its four-digit kommunkod, e.g. 0181',
    );
  });

  it('gap-mapping set replaces a mapping, bumps its version and audits it; a bad file changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gap-mapping-'));
    const original = JSON.parse(
      readFileSync(
        new URL(
          '../../../frameworks/gap-mappings/kvalitetskommun-2009.kk-2002.json',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as { areas: Array<{ area: number; questions: string[] }> };
    const changed = {
      ...original,
      areas: original.areas.map((a) => (a.area === 3 ? { ...a, questions: ['20'] } : a)),
    };
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(changed));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...changed, areas: changed.areas.slice(1) }));

    const refused = await run('gap-mapping', 'set', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      'area 1 (Offentlighet och demokratisk kontroll) has no questions',
    );

    const result = await run('gap-mapping', 'set', good, '--reason', 'Område 3 bara fråga 20');
    expect(result).toMatchObject({
      code: 0,
      out: 'kvalitetskommun-2009 → kk-2002: replaced version 1, now version 2 (8 areas)\n',
    });
    const database = await openDatabase({ env, cwd: process.cwd() });
    try {
      const stored = await getGapMapping(database.db, 'kvalitetskommun-2009', 'kk-2002');
      expect(stored?.version).toBe(2);
      expect(stored?.mapping.areas.find((a) => a.area === 3)?.questions).toEqual(['20']);
      const audit = await listAudit(database.db, { entityType: 'gap_mapping' });
      expect(audit.map((e) => [e.action, e.entityId, e.reason])).toEqual([
        ['gap-mapping.replace', 'kvalitetskommun-2009/kk-2002', 'Område 3 bara fråga 20'],
      ]);
    } finally {
      await database.close();
    }
    // Area 3 now rests on question 20 alone, which Södertälje answered.
    const gap = JSON.parse((await run('gap', '--municipality', '0181', '--json')).out) as {
      mappingVersion: number;
      areas: Array<{ number: number; questions: string[]; missing: unknown[] }>;
    };
    expect(gap.mappingVersion).toBe(2);
    expect(gap.areas.find((a) => a.number === 3)).toMatchObject({ questions: ['20'], missing: [] });

    const list = await run('gap-mapping', 'list');
    expect(list.out).toContain('kvalitetskommun-2009 → kk-2002  version 2');
    expect(list.out).toContain('kvalitetskommun-2009 → kk-2016  version 1');
  });
});
