/**
 * A synthetic data set of published evaluations for benchmarks and load tests: `count` current,
 * published evaluations (default 5,000) spread over the 290 municipalities and the years
 * 2003–2024, each under the edition of its year (kk-2002 and kk-2020 as area-level results,
 * kk-2010 and kk-2016 fully scored per question), with findings and area texts of realistic
 * length (strengths and improvement areas of 60–300 characters, area prose of 500–1,500).
 * The text is generated from a word list: synthetic, never copied from a report. Deterministic
 * for a given seed. Written with bulk inserts (far faster than one transaction per evaluation).
 *
 * @example
 * const database = await openPgliteMemory(template);
 * const counts = await generateBenchData(database.db, { count: 5000 });
 */
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../src/db/client.ts';
import { listEditions } from '../src/db/repositories/editions.ts';
import { listMunicipalities } from '../src/db/repositories/municipalities.ts';
import { areaScores, areaTexts, evaluations, findings, questionScores } from '../src/db/schema.ts';
import { editionForYear, type Edition } from '../src/domain/framework/index.ts';

export interface GenerateOptions {
  /** Published evaluations to write (default 5,000; at most 290 × 22). */
  count?: number;
  /** PRNG seed (default 2024). */
  seed?: number;
  /** Evaluation rows per bulk insert (default 250). */
  batch?: number;
}

export interface GeneratedCounts {
  evaluations: number;
  areaScores: number;
  questionScores: number;
  findings: number;
  areaTexts: number;
  /** Total characters of finding and area text written. */
  textCharacters: number;
}

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  'kommunen',
  'förvaltningen',
  'nämnden',
  'kommunstyrelsen',
  'fullmäktige',
  'verksamheten',
  'ledningsgruppen',
  'enheten',
  'skolan',
  'hemtjänsten',
  'socialtjänsten',
  'medarbetarna',
  'politikerna',
  'chefer',
  'invånarna',
  'brukarna',
  'företagen',
  'föreningarna',
];
const VERBS = [
  'arbetar med',
  'utvecklar',
  'följer upp',
  'redovisar',
  'genomför',
  'planerar',
  'analyserar',
  'samordnar',
  'dokumenterar',
  'förbättrar',
  'prioriterar',
  'publicerar',
  'utvärderar',
  'införde',
  'har tagit fram',
  'behöver utveckla',
  'kan tydliggöra',
  'bör stärka',
];
/** Compound nouns as Swedish builds them: 25 × 16 = 400 subjects, none much more common. */
const PREFIXES = [
  'medborgar',
  'brukar',
  'verksamhets',
  'kvalitets',
  'resultat',
  'budget',
  'kompetens',
  'personal',
  'lednings',
  'styr',
  'uppföljnings',
  'service',
  'närings',
  'miljö',
  'skol',
  'omsorgs',
  'digitaliserings',
  'förbättrings',
  'samverkans',
  'informations',
  'kommunikations',
  'planerings',
  'risk',
  'jämförelse',
  'hållbarhets',
];
const SUFFIXES = [
  'dialog',
  'undersökning',
  'plan',
  'analys',
  'uppföljning',
  'strategi',
  'process',
  'rapport',
  'arbete',
  'modell',
  'forum',
  'nätverk',
  'mål',
  'system',
  'rutin',
  'policy',
];
const INFLECTIONS = ['', '', 'en', 'ar', 'er'];
const OBJECTS = PREFIXES.flatMap((prefix) => SUFFIXES.map((suffix) => `${prefix}${suffix}`));
const QUALIFIERS = [
  'på ett systematiskt sätt',
  'i hela organisationen',
  'med tydliga mål',
  'varje år',
  'tillsammans med invånarna',
  'utifrån brukarnas behov',
  'på webben',
  'i årsredovisningen',
  'genom nyckeltal',
  'med stöd av en handbok',
  'i samtliga förvaltningar',
  'för att nå alla grupper',
  'med återkoppling till medarbetarna',
  'som ett gott exempel för andra',
  'i budgetdialogen',
];
const HEADINGS = [
  'Medborgardialog och delaktighet',
  'Information till invånarna',
  'Brukarundersökningar',
  'Styrning och uppföljning',
  'Internkontroll',
  'Kvalitetsarbete',
  'Kompetensförsörjning',
  'Ledarskap',
  'Samverkan',
  'Näringsliv',
  'Digitalisering',
  'Förbättringsarbete',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function sentence(random: () => number): string {
  const object = `${pick(random, OBJECTS)}${pick(random, INFLECTIONS)}`;
  const text = `${pick(random, SUBJECTS)} ${pick(random, VERBS)} ${object} ${pick(random, QUALIFIERS)}`;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Sentences until at least `min` characters (and at most about `max`). */
function paragraph(random: () => number, min: number, max: number): string {
  const target = min + Math.floor(random() * (max - min));
  let text = sentence(random);
  while (text.length < target) text += ` ${sentence(random)}`;
  return text;
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Inserts rows in chunks that stay under PostgreSQL's 65,535 parameters per statement. */
async function insertChunked(db: Db, table: PgTable, rows: readonly Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = getTableConfig(table).columns.length;
  const size = Math.max(1, Math.floor(60_000 / columns));
  for (let start = 0; start < rows.length; start += size) {
    await db.insert(table).values(rows.slice(start, start + size) as never);
  }
}

/**
 * Writes the synthetic data set into a migrated, seeded database (municipalities and built-in
 * editions present). Returns what it wrote.
 */
export async function generateBenchData(
  db: Db,
  options: GenerateOptions = {},
): Promise<GeneratedCounts> {
  const count = options.count ?? 5000;
  const random = prng(options.seed ?? 2024);
  const batch = options.batch ?? 250;
  const catalogue: Edition[] = (await listEditions(db)).map((stored) => stored.definition);
  const codes = (await listMunicipalities(db)).map((municipality) => municipality.code);
  const years = Array.from({ length: 22 }, (_, index) => 2003 + index);
  const slots = codes.flatMap((code) => years.map((year) => ({ code, year })));
  if (count > slots.length) throw new Error(`at most ${slots.length} evaluations fit`);
  // A deterministic shuffle; the first `count` slots are evaluated.
  for (let i = slots.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [slots[i], slots[j]] = [slots[j] as (typeof slots)[number], slots[i] as (typeof slots)[number]];
  }

  const counts: GeneratedCounts = {
    evaluations: 0,
    areaScores: 0,
    questionScores: 0,
    findings: 0,
    areaTexts: 0,
    textCharacters: 0,
  };
  const publishedAt = new Date('2024-06-01T10:00:00Z');
  for (let start = 0; start < count; start += batch) {
    const evaluationRows: Record<string, unknown>[] = [];
    const areaRows: Record<string, unknown>[] = [];
    const questionRows: Record<string, unknown>[] = [];
    const findingRows: Record<string, unknown>[] = [];
    const textRows: Record<string, unknown>[] = [];
    for (const slot of slots.slice(start, Math.min(count, start + batch))) {
      const edition = editionForYear(catalogue, slot.year);
      if (!edition) throw new Error(`no edition for ${slot.year}`);
      const scored = edition.areas.every(
        (area) => area.questions.length > 0 && area.questions.every((q) => q.max !== null),
      );
      const id = uuid(random);
      const level = 0.35 + random() * 0.45; // how well this municipality does overall
      let total = 0;
      let position = 0;
      for (const area of edition.areas) {
        let areaScore = 0;
        if (scored) {
          for (const question of area.questions) {
            const max = question.max ?? 0;
            const share = Math.min(1, Math.max(0, level + (random() - 0.5) * 0.5));
            const points = Math.round(share * max * 4) / 4;
            areaScore += points;
            questionRows.push({
              evaluationId: id,
              questionId: question.id,
              points,
              achievedPrinted: Math.round(points),
              maxPrinted: max,
              percentPrinted: Math.round((points / max) * 100),
            });
          }
        } else {
          areaScore = Math.round(
            Math.min(100, Math.max(0, (level + (random() - 0.5) * 0.4) * 100)),
          );
        }
        total += areaScore;
        areaRows.push({
          evaluationId: id,
          areaNumber: area.number,
          score: areaScore,
          printed: Math.round(areaScore),
        });
        const kinds = [
          'strength',
          'strength',
          'strength',
          'improvement',
          'improvement',
          ...(random() < 0.4 ? ['good-example'] : []),
        ];
        for (const kind of kinds) {
          const text = paragraph(random, 60, 300);
          counts.textCharacters += text.length;
          findingRows.push({
            id: uuid(random),
            evaluationId: id,
            areaNumber: area.number,
            kind,
            heading: random() < 0.7 ? pick(random, HEADINGS) : null,
            text,
            position: position++,
          });
        }
        const body = paragraph(random, 500, 1500);
        counts.textCharacters += body.length;
        textRows.push({
          evaluationId: id,
          areaNumber: area.number,
          position: position++,
          heading: pick(random, HEADINGS),
          body,
        });
      }
      evaluationRows.push({
        id,
        municipalityCode: slot.code,
        year: slot.year,
        editionId: edition.id,
        kind: scored ? 'full' : 'area-level',
        status: 'published',
        source: 'bench:generated',
        totalPrinted: Math.round(total),
        publishedAt,
      });
    }
    await db.transaction(async (tx) => {
      await insertChunked(tx, evaluations, evaluationRows);
      await insertChunked(tx, areaScores, areaRows);
      await insertChunked(tx, questionScores, questionRows);
      await insertChunked(tx, findings, findingRows);
      await insertChunked(tx, areaTexts, textRows);
    });
    counts.evaluations += evaluationRows.length;
    counts.areaScores += areaRows.length;
    counts.questionScores += questionRows.length;
    counts.findings += findingRows.length;
    counts.areaTexts += textRows.length;
  }
  return counts;
}
