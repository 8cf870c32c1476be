import { beforeAll, expect, it } from 'vitest';
import { HIDDEN_WORD, createUnpublished, importSeedReports } from '../../api/fixtures.ts';
import { describeDatabases } from '../testing.ts';
import { createEvaluation, setEvaluationStatus } from './evaluations.ts';
import { HIGHLIGHT_START, HIGHLIGHT_STOP, searchPublishedTexts } from './search.ts';

describeDatabases(
  'search repository',
  (getDb) => {
    let supersededId = '';
    beforeAll(async () => {
      const { db } = getDb();
      await importSeedReports(db);
      await createUnpublished(db);
      // A published evaluation with a good example and an area text, later withdrawn to review,
      // and one published with texts under headings.
      const withdrawn = await createEvaluation(db, {
        municipalityCode: '0481',
        year: 2017,
        editionId: 'kk-2016',
        kind: 'area-level',
        status: 'published',
        source: 'test',
        findings: [{ area: 2, kind: 'good-example', text: `Tillbakadragen ${HIDDEN_WORD}` }],
      });
      await setEvaluationStatus(db, withdrawn.id, { status: 'review', expectedVersion: 1 });
      const published = await createEvaluation(db, {
        municipalityCode: '0428',
        year: 2017,
        editionId: 'kk-2016',
        kind: 'area-level',
        status: 'published',
        source: 'test',
        findings: [
          { area: 3, kind: 'good-example', text: 'Årliga brukarundersökningar i hemtjänsten' },
        ],
        texts: [
          { area: 3, heading: 'Brukarundersökningar', body: 'Resultaten redovisas på webben.' },
        ],
      });
      supersededId = published.id;
    });

    it('stems Swedish: "medborgardialogen" finds "medborgardialog"', async () => {
      const page = await searchPublishedTexts(getDb().db, { query: 'medborgardialogen' });
      expect(page.total).toBeGreaterThan(0);
      expect(page.hits.some((hit) => /medborgardialog/i.test(hit.headline))).toBe(true);
      expect(page.hits.map((hit) => hit.municipalityCode)).toContain('0486');
    });

    it('stems Swedish: "brukarundersökningar" finds "brukarundersökning" in every kind', async () => {
      const page = await searchPublishedTexts(getDb().db, {
        query: 'brukarundersökning',
        limit: 100,
      });
      const kinds = new Set(page.hits.map((hit) => hit.kind));
      expect(kinds).toEqual(new Set(['strength', 'improvement', 'good-example', 'text']));
      const text = page.hits.find((hit) => hit.kind === 'text');
      expect(text).toMatchObject({
        id: `${supersededId}:0`,
        heading: 'Brukarundersökningar',
        area: 3,
        year: 2017,
      });
    });

    it('highlights the matched words in the text and in the heading', async () => {
      const page = await searchPublishedTexts(getDb().db, {
        query: 'medborgardialogen',
        limit: 100,
      });
      const marked = new RegExp(`${HIGHLIGHT_START}medborgardialog${HIGHLIGHT_STOP}`, 'i');
      const inText = page.hits.find((hit) => marked.test(hit.headline));
      expect(inText?.headline).toMatch(marked);
      const inHeading = page.hits.find((hit) => hit.heading?.match(/medborgardialog/i));
      expect(inHeading?.headingHeadline).toMatch(marked);
      const withoutHeading = page.hits.find((hit) => hit.heading === null);
      expect(withoutHeading?.headingHeadline ?? null).toBeNull();
    });

    it('drafts, evaluations under review and withdrawn ones never appear', async () => {
      const page = await searchPublishedTexts(getDb().db, { query: HIDDEN_WORD });
      expect(page).toEqual({ total: 0, capped: false, hits: [] });
    });

    it('ranks heading matches above text matches and orders ties by year', async () => {
      const page = await searchPublishedTexts(getDb().db, { query: 'brukarundersökningar' });
      const ranks = page.hits.map((hit) => hit.rank);
      expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
      expect(page.hits[0]?.heading).toMatch(/brukarundersökning/i);
    });

    it('filters by area, years, municipality, län and kind', async () => {
      const { db } = getDb();
      const all = await searchPublishedTexts(db, { query: 'medborgare', limit: 100 });
      const area1 = await searchPublishedTexts(db, { query: 'medborgare', area: 1, limit: 100 });
      expect(area1.hits.every((hit) => hit.area === 1)).toBe(true);
      expect(area1.total).toBeLessThan(all.total);
      const since2012 = await searchPublishedTexts(db, { query: 'medborgare', yearFrom: 2012 });
      expect(since2012.hits.every((hit) => hit.year >= 2012)).toBe(true);
      const upplandsBro = await searchPublishedTexts(db, {
        query: 'medborgare',
        municipalityCode: '0139',
      });
      expect(upplandsBro.total).toBeGreaterThan(0);
      expect(upplandsBro.hits.every((hit) => hit.municipalityCode === '0139')).toBe(true);
      const sodermanland = await searchPublishedTexts(db, { query: 'medborgare', lanCode: '04' });
      expect(sodermanland.hits.every((hit) => hit.lanCode === '04')).toBe(true);
      const improvements = await searchPublishedTexts(db, {
        query: 'medborgare',
        kinds: ['improvement'],
      });
      expect(improvements.hits.every((hit) => hit.kind === 'improvement')).toBe(true);
      expect(await searchPublishedTexts(db, { query: 'medborgare', kinds: [] })).toEqual({
        total: 0,
        capped: false,
        hits: [],
      });
    });

    it('pages through the hits with the same total', async () => {
      const { db } = getDb();
      const first = await searchPublishedTexts(db, { query: 'medborgare', limit: 3 });
      const second = await searchPublishedTexts(db, { query: 'medborgare', limit: 3, offset: 3 });
      expect(second.total).toBe(first.total);
      expect(second.hits[0]?.id).not.toBe(first.hits[0]?.id);
      const beyond = await searchPublishedTexts(db, { query: 'medborgare', offset: 10_000 });
      expect(beyond).toEqual({ total: first.total, capped: false, hits: [] });
    });

    it('ranks a broad query among a capped set of candidates and says the total is a lower bound', async () => {
      const { db } = getDb();
      const all = await searchPublishedTexts(db, { query: 'medborgare', limit: 100 });
      expect(all.capped).toBe(false);
      expect(all.total).toBeGreaterThan(4);
      const capped = await searchPublishedTexts(db, {
        query: 'medborgare',
        limit: 100,
        candidateCap: 2,
      });
      expect(capped.capped).toBe(true);
      expect(capped.total).toBeLessThanOrEqual(4);
      expect(capped.hits.length).toBeGreaterThan(0);
      const ranks = capped.hits.map((hit) => hit.rank);
      expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
      // The filters apply before the cap: a narrow filter still finds its texts.
      const upplandsBro = await searchPublishedTexts(db, {
        query: 'medborgare',
        municipalityCode: '0139',
        limit: 100,
      });
      const narrowed = await searchPublishedTexts(db, {
        query: 'medborgare',
        municipalityCode: '0139',
        limit: 100,
        candidateCap: 1000,
      });
      expect(narrowed.hits.map((hit) => hit.id)).toEqual(upplandsBro.hits.map((hit) => hit.id));
    });

    it('a query of stop words only matches nothing', async () => {
      expect(await searchPublishedTexts(getDb().db, { query: 'och att' })).toEqual({
        total: 0,
        capped: false,
        hits: [],
      });
    });
  },
  { shared: true },
);
