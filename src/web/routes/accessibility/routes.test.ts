import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeDatabases } from '../../../db/testing.ts';
import { buildApp } from '../../app.ts';
import { signedInAs } from '../../auth/testing.ts';
import {
  ACCESSIBILITY_PATH,
  accessibilityContactFromEnv,
  complianceOf,
  DEFAULT_ACCESSIBILITY_CONTACT,
  DIGG_REPORT_URL,
  SHORTCOMINGS,
} from './statement.ts';
import { renderAccessibilityPage } from './views.tsx';

const FOOTER_LINK = '<a href="/tillganglighet">Tillgänglighetsredogörelse</a>';

describe('accessibility statement content', () => {
  it('is partially compliant as long as a shortcoming is listed, fully compliant without any', () => {
    expect(SHORTCOMINGS.length).toBeGreaterThan(0);
    expect(complianceOf(SHORTCOMINGS)).toBe('partial');
    expect(complianceOf([])).toBe('full');
    const full = renderAccessibilityPage({ contact: 'a@b.se', shortcomings: [] });
    expect(full).toContain('är helt förenlig med lagen');
    expect(full).not.toContain('delvis förenlig');
  });

  it('reads the contact address from KOMPASS_ACCESSIBILITY_CONTACT, with a placeholder when unset or blank', () => {
    expect(accessibilityContactFromEnv({ KOMPASS_ACCESSIBILITY_CONTACT: ' webb@kommun.se ' })).toBe(
      'webb@kommun.se',
    );
    expect(accessibilityContactFromEnv({})).toBe(DEFAULT_ACCESSIBILITY_CONTACT);
    expect(accessibilityContactFromEnv({ KOMPASS_ACCESSIBILITY_CONTACT: '  ' })).toBe(
      DEFAULT_ACCESSIBILITY_CONTACT,
    );
  });

  it('escapes a hostile contact address instead of rendering markup', () => {
    const html = renderAccessibilityPage({ contact: '"><script>alert(1)</script>' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script>');
  });
});

describeDatabases(
  'accessibility statement page',
  (getDb) => {
    let app: FastifyInstance;
    beforeAll(async () => {
      vi.stubEnv('KOMPASS_ACCESSIBILITY_CONTACT', 'tillganglighet@kommun.example');
      app = await buildApp({ database: getDb() });
      vi.unstubAllEnvs();
    });
    afterAll(async () => {
      await app?.close();
    });

    it('answers GET /tillganglighet in Swedish to anyone, with every part DIGG’s model asks for', async () => {
      const response = await app.inject({ url: ACCESSIBILITY_PATH });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      const body = response.body;
      expect(body).toContain('<html lang="sv">');
      expect(body).toContain('<h1>Tillgänglighet för Kompass</h1>');
      expect(body).toContain('lagen (2018:1937) om tillgänglighet till digital offentlig service');
      for (const heading of [
        'Hur tillgänglig är webbplatsen?',
        'Vad kan du göra om du inte kan använda delar av webbplatsen?',
        'Rapportera brister i webbplatsens tillgänglighet',
        'Tillsyn',
        'Teknisk information om webbplatsens tillgänglighet',
        'Innehåll som inte är tillgängligt',
        'Oskäligt betungande anpassning',
        'Hur vi testat webbplatsen',
      ]) {
        expect(body).toContain(`>${heading}</h`);
      }
      expect(body).toContain('är delvis förenlig med lagen');
      expect(body).toContain(`href="${DIGG_REPORT_URL}"`);
      expect(body).toContain(
        '<a href="mailto:tillganglighet@kommun.example">tillganglighet@kommun.example</a>',
      );
      expect(body).not.toContain(DEFAULT_ACCESSIBILITY_CONTACT);
      expect(body).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">\d{1,2} [a-zäö]+ \d{4}<\/time>/);
      expect(body).toContain('test/browser/public-pages.test.ts');
      expect(body).toContain('src/web/routes/accessibility/browser.test.ts');
      // Marked as the current page in no menu, but present in the footer.
      expect(body).toContain(FOOTER_LINK);
    });

    it('uses the placeholder contact when the variable is unset, and a contact passed by the caller', async () => {
      const other = await buildApp({ database: getDb() });
      try {
        expect((await other.inject({ url: ACCESSIBILITY_PATH })).body).toContain(
          `mailto:${DEFAULT_ACCESSIBILITY_CONTACT}`,
        );
      } finally {
        await other.close();
      }
    });

    it('is linked from the footer of every page: public, signed in, errors', async () => {
      const { db } = getDb();
      const evaluator = await signedInAs(db, { role: 'evaluator' });
      for (const [url, cookies] of [
        ['/', {}],
        ['/kommuner', {}],
        ['/kommuner/0486', {}],
        ['/logga-in', {}],
        ['/finns-inte', {}],
        ['/arbetsyta', evaluator.cookies],
        ['/konto/losenord', evaluator.cookies],
      ] as const) {
        const response = await app.inject({ url, cookies });
        expect(response.body, url).toContain(FOOTER_LINK);
      }
    });
  },
  { shared: true },
);
