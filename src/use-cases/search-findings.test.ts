import { beforeAll, expect, it } from 'vitest';
import { importSeedReports } from '../api/fixtures.ts';
import { createEvaluation } from '../db/repositories/evaluations.ts';
import { describeDatabases } from '../db/testing.ts';
import { correctEvaluation } from './correct-evaluation.ts';
import { renderHeadline, searchFindings } from './search-findings.ts';

it('a headline becomes plain text and escaped HTML with <mark>', () => {
  expect(renderHeadline('Om <b> & \u0001dialog\u0002')).toEqual({
    snippet: 'Om <b> & dialog',
    snippetHtml: 'Om &lt;b&gt; &amp; <mark>dialog</mark>',
  });
});

describeDatabases(
  'searchFindings',
  (getDb) => {
    beforeAll(async () => {
      const { db } = getDb();
      await importSeedReports(db);
      await createEvaluation(db, {
        municipalityCode: '0428',
        year: 2017,
        editionId: 'kk-2016',
        kind: 'area-level',
        status: 'published',
        source: 'test',
        findings: [
          {
            area: 2,
            kind: 'good-example',
            text: 'Brukarundersökning för "barn & unga" 5 < 7 i skolan',
          },
        ],
      });
    });

    it('finds by stem, links to the area of the evaluation and marks the words', async () => {
      const result = await searchFindings({
        db: getDb().db,
        query: '  medborgardialogen ',
        area: 1,
      });
      expect(result).toMatchObject({ query: 'medborgardialogen', limit: 20, offset: 0 });
      expect(result.total).toBeGreaterThan(0);
      const hit = result.hits.find((candidate) => candidate.snippetHtml.includes('<mark>'));
      expect(hit?.snippetHtml).toMatch(/<mark>medborgardialog<\/mark>/i);
      expect(hit?.link).toEqual({
        evaluationId: hit?.evaluationId,
        area: 1,
        href: `/utvarderingar/${hit?.evaluationId ?? ''}#omrade-1`,
      });
      expect(hit?.kindLabel).toMatch(/Styrka|Förbättringsområde/);
    });

    it('escapes the text around the marks', async () => {
      const result = await searchFindings({
        db: getDb().db,
        query: 'brukarundersökningar',
        kinds: ['good-example'],
      });
      expect(result.hits).toHaveLength(1);
      expect(result.hits[0]?.snippetHtml).toBe(
        '<mark>Brukarundersökning</mark> för &quot;barn &amp; unga&quot; 5 &lt; 7 i skolan',
      );
    });

    it('keeps a published evaluation searchable while its correction is a draft', async () => {
      const { db } = getDb();
      const published = await createEvaluation(db, {
        municipalityCode: '0461',
        year: 2018,
        editionId: 'kk-2016',
        kind: 'area-level',
        status: 'published',
        source: 'test',
        findings: [{ area: 4, kind: 'strength', text: 'Rättelseprovet visar ledarforum' }],
      });
      const before = await searchFindings({ db, query: 'rättelseprovet' });
      expect(before.hits.map((hit) => hit.evaluationId)).toEqual([published.id]);
      const outcome = await correctEvaluation(db, {
        evaluationId: published.id,
        expectedVersion: published.version,
        actorUserId: null,
        reason: 'Fel poäng',
      });
      expect(outcome.ok).toBe(true);
      // The draft copy has the same text: still exactly one hit, the published revision.
      const during = await searchFindings({ db, query: 'rättelseprovet' });
      expect(during.hits.map((hit) => hit.evaluationId)).toEqual([published.id]);
      expect(during).toMatchObject({ total: 1, capped: false });
    });

    it('refuses an empty or 2,000-character query, bad filters and unknown codes', async () => {
      const { db } = getDb();
      await expect(searchFindings({ db, query: ' ' })).rejects.toMatchObject({
        code: 'invalid-input',
        field: 'q',
        userMessage: 'Skriv ett eller flera ord att söka efter.',
      });
      await expect(searchFindings({ db, query: 'x'.repeat(2000) })).rejects.toMatchObject({
        code: 'invalid-input',
        field: 'q',
      });
      await expect(searchFindings({ db, query: 'a', area: 0 })).rejects.toMatchObject({
        field: 'area',
      });
      await expect(searchFindings({ db, query: 'a', kinds: ['note'] })).rejects.toMatchObject({
        field: 'kind',
      });
      await expect(searchFindings({ db, query: 'a', limit: 1000 })).rejects.toMatchObject({
        field: 'limit',
      });
      await expect(searchFindings({ db, query: 'a', municipalityCode: '9999' })).rejects.toThrow(
        'no municipality has the kommunkod 9999',
      );
      await expect(searchFindings({ db, query: 'a', lanCode: '99' })).rejects.toThrow(
        'no län has the code 99',
      );
    });
  },
  { shared: true },
);
