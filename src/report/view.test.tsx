import { describe, expect, it } from 'vitest';
import { findEdition } from '../domain/framework/index.ts';
import { loadBuiltInCatalogue } from '../frameworks/index.ts';
import { buildReportModel, type ReportEvaluation } from './model.ts';
import { renderReportHtml } from './view.tsx';

const kk2016 = findEdition(loadBuiltInCatalogue(), 'kk-2016');
if (!kk2016) throw new Error('kk-2016 missing');

const evaluation: ReportEvaluation = {
  id: '00000000-0000-4000-8000-000000000002',
  municipalityCode: '0139',
  year: 2019,
  month: 3,
  editionId: 'kk-2016',
  kind: 'full',
  status: 'published',
  totalPrinted: null,
  facts: { evaluators: [{ name: 'Eva <b>Svensson</b>' }] },
  areas: kk2016.areas.map((area) => ({ number: area.number, score: 74.5, printed: null })),
  questions: kk2016.areas.flatMap((area) =>
    area.questions.map((q) => ({
      id: q.id,
      points: ((q.max ?? 0) * 74.5) / 100,
      achievedPrinted: null,
      maxPrinted: null,
      percentPrinted: null,
      justification: 'intern motivering',
      answer: null,
      flags: [],
    })),
  ),
  findings: [
    {
      id: 'f',
      area: 1,
      kind: 'strength',
      heading: null,
      text: 'Öppna <script>alert(1)</script> möten',
      referenceMunicipalityCode: null,
      position: 0,
    },
  ],
  texts: [],
  publishedAt: null,
  revision: 1,
};

describe('renderReportHtml', () => {
  const html = renderReportHtml(
    buildReportModel({
      evaluation,
      edition: kk2016,
      municipality: { code: '0139', name: 'Upplands-Bro' },
    }),
  );

  it('is a Swedish, self-contained document without scripts or outside requests', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain(
      '<title>Kommunkompassen: Analys av Upplands-Bro kommun, mars 2019</title>',
    );
  });

  it('escapes text from the evaluation', () => {
    expect(html).toContain('Öppna &lt;script>alert(1)&lt;/script> möten');
    expect(html).toContain('Eva &lt;b>Svensson&lt;/b>');
  });

  it('prints figures the Swedish way and the area sums from exact points', () => {
    // 74.5 per area prints 75 (half up); the total 596 of 800 is 75 %.
    expect(html).toContain('Summa område 1');
    expect(html).toMatch(
      /Summa område 1<\/th><td class="num">75<\/td><td class="num">100<\/td><td class="num">75\u00a0%<\/td>/,
    );
    expect(html).toMatch(
      /Alla huvudområden<\/th><td class="num">596<\/td><td class="num">800<\/td><td class="num">75\u00a0%<\/td>/,
    );
  });

  it('does not print justifications (they are the evaluators’ working notes)', () => {
    expect(html).not.toContain('intern motivering');
  });

  it('has print rules: A4, page numbers, no row split across pages, a running header', () => {
    expect(html).toContain('size: A4');
    expect(html).toContain('counter(page)');
    expect(html).toMatch(/tr, li[^{]*\{ break-inside: avoid;/);
    expect(html).toContain('@top-right { content: "Kommunkompassen · Upplands-Bro 2019"; }');
  });
});
