import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestEnv, describePostgresMissing, testDatabaseUrl } from '../../db/testing.ts';
import type { Edition } from '../../domain/framework/index.ts';
import { loadBuiltInCatalogue } from '../../frameworks/index.ts';
import type { CliIo } from '../io.ts';
import { main } from '../main.ts';

async function kompass(args: string[], env: Record<string, string>, cwd: string) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), env, cwd };
  const code = await main(['node', 'kompass', ...args], io);
  return { code, out, err };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function workDir(): string {
  return mkdtempSync(join(tmpdir(), 'kompass-frameworks-'));
}

/** The 2020 edition as an admin would complete it: its areas with five questions each. */
function edition2020WithQuestions(id: string): Edition {
  const base = loadBuiltInCatalogue().find((edition) => edition.id === 'kk-2020');
  if (!base) throw new Error('kk-2020 missing from the catalogue');
  const maxes = [15, 20, 25, 25, 15];
  return {
    ...base,
    id,
    name: 'Kommunkompassen 2020 med frågor',
    areas: base.areas.map((area) => ({
      ...area,
      questions: maxes.map((max, index) => ({
        id: `${area.number}.${index + 1}`,
        text: `Fråga ${area.number}.${index + 1}`,
        max,
      })),
    })),
  };
}

describe('kompass frameworks (built-in catalogue, no database needed)', () => {
  it('--json prints every edition in full as a JSON array', async () => {
    const { code, out } = await kompass(['frameworks', '--json'], {}, workDir());
    expect(code).toBe(0);
    const editions = JSON.parse(out) as Edition[];
    expect(editions.map((e) => e.id)).toEqual([
      'kk-2002',
      'kk-2010',
      'kk-2016',
      'kk-2020',
      'kvalitetskommun-2009',
    ]);
    const kk2010 = editions.find((e) => e.id === 'kk-2010');
    expect(kk2010?.areas.flatMap((a) => a.questions)).toHaveLength(45);
  });

  it('show <id> --json prints one edition with areas, questions and max points', async () => {
    const { code, out } = await kompass(['frameworks', 'show', 'kk-2016', '--json'], {}, workDir());
    expect(code).toBe(0);
    const edition = JSON.parse(out) as Edition;
    expect(edition).toMatchObject({ id: 'kk-2016', kind: 'kommunkompassen' });
    expect(edition.areas[1]?.questions).toHaveLength(5);
    expect(edition.areas[7]?.questions).toHaveLength(7);
    expect(edition.areas[0]?.questions[0]).toMatchObject({ id: '1.1', max: 15 });
  });

  it('show names the known editions when the id is unknown', async () => {
    const { code, err } = await kompass(['frameworks', 'show', 'kk-1999'], {}, workDir());
    expect(code).toBe(1);
    expect(err).toContain('no edition "kk-1999"; known editions: kk-2002, kk-2010');
  });

  it('every command has --help', async () => {
    for (const args of [['frameworks'], ['frameworks', 'show'], ['frameworks', 'add']]) {
      const { code, out } = await kompass([...args, '--help'], {}, workDir());
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage: kompass frameworks/);
    }
  });
});

function addSuite(kind: 'pglite' | 'postgres') {
  describe(`kompass frameworks add [${kind}]`, () => {
    async function setup() {
      const test = await createTestEnv(kind);
      cleanups.push(test.dispose);
      return { env: test.env, cwd: workDir() };
    }

    it('adds a valid edition, which then lists with the built-in ones', async () => {
      const { env, cwd } = await setup();
      writeFileSync(
        join(cwd, 'kk-2020q.json'),
        JSON.stringify(edition2020WithQuestions('kk-2020q')),
      );
      const added = await kompass(['frameworks', 'add', 'kk-2020q.json'], env, cwd);
      expect(added).toMatchObject({ code: 0, err: '' });
      expect(added.out).toContain('Added kk-2020q');

      const listed = await kompass(['frameworks', '--json'], env, cwd);
      const ids = (JSON.parse(listed.out) as Edition[]).map((e) => e.id);
      expect(ids).toContain('kk-2020q');
      const shown = await kompass(['frameworks', 'show', 'kk-2020q', '--json'], env, cwd);
      expect((JSON.parse(shown.out) as Edition).areas[0]?.questions).toHaveLength(5);

      const again = await kompass(['frameworks', 'add', 'kk-2020q.json'], env, cwd);
      expect(again.code).toBe(1);
      expect(again.err).toContain('edition "kk-2020q" already exists');
    });

    it('refuses a file that breaks the rules, naming the file, the edition and the field, and stores nothing', async () => {
      const { env, cwd } = await setup();
      const broken = edition2020WithQuestions('kk-broken');
      const area3 = broken.areas[2];
      if (!area3?.questions[0] || !area3.questions[1]) throw new Error('fixture');
      area3.questions[0].max = 10; // area 3 now sums to 95
      area3.questions[1].id = '3.1'; // duplicate question id
      const area5 = broken.areas[4];
      if (!area5?.questions[0]) throw new Error('fixture');
      area5.questions[0].max = 0;
      writeFileSync(join(cwd, 'broken.json'), JSON.stringify(broken, null, 2));

      const result = await kompass(['frameworks', 'add', 'broken.json'], env, cwd);
      expect(result.code).toBe(1);
      expect(result.err).toContain('broken.json was not added');
      expect(result.err).toMatch(/broken\.json.*edition "kk-broken".*area 3.*sum to 95.*100/);
      expect(result.err).toMatch(/broken\.json.*edition "kk-broken".*3\.1/);
      expect(result.err).toMatch(/broken\.json.*edition "kk-broken".*area 5.*max/);

      const listed = await kompass(['frameworks', '--json'], env, cwd);
      expect((JSON.parse(listed.out) as Edition[]).map((e) => e.id)).not.toContain('kk-broken');
    });

    it('refuses invalid JSON with its line and a built-in id', async () => {
      const { env, cwd } = await setup();
      writeFileSync(join(cwd, 'bad.json'), '{\n  "id": "x",\n  oops\n}');
      const bad = await kompass(['frameworks', 'add', 'bad.json'], env, cwd);
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/bad\.json:3:\d+: not valid JSON/);

      writeFileSync(join(cwd, 'kk-2020.json'), JSON.stringify(edition2020WithQuestions('kk-2020')));
      const clash = await kompass(['frameworks', 'add', 'kk-2020.json'], env, cwd);
      expect(clash.code).toBe(1);
      expect(clash.err).toContain('edition "kk-2020" is a built-in edition');
    });
  });
}

addSuite('pglite');
if (testDatabaseUrl()) addSuite('postgres');
else describePostgresMissing('kompass frameworks add');
