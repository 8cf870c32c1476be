import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createEvaluation } from '../../src/db/repositories/evaluations.ts';
import { loadDemoData } from '../../src/use-cases/load-demo-data.ts';
import { listPublishedEvaluations } from '../../src/web/queries/public.ts';
import { publicEvaluation } from '../../src/web/testing.ts';
import {
  describeBrowser,
  expectAccessible,
  startBrowserTestApp,
  type BrowserTestApp,
} from './harness.ts';

describeBrowser('public pages in Chromium', (getBrowser: () => Browser) => {
  let app: BrowserTestApp;
  let context: BrowserContext | undefined;
  const evaluations = new Map<string, string>();
  let draftId = '';

  beforeAll(async () => {
    app = await startBrowserTestApp();
    await loadDemoData(app.database.db);
    for (const item of await listPublishedEvaluations(app.database.db)) {
      evaluations.set(`${item.municipalityCode}-${item.year}`, item.id);
    }
    draftId = (
      await createEvaluation(app.database.db, publicEvaluation({ year: 2019, status: 'draft' }))
    ).id;
  });
  afterAll(async () => {
    await app?.dispose();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  const open = async (options: { javaScriptEnabled?: boolean } = {}) => {
    context = await getBrowser().newContext({ locale: 'sv-SE', ...options });
    return context.newPage();
  };

  const pages: Array<[string, () => string, number]> = [
    ['the start page', () => '/', 200],
    ['the municipality list', () => '/kommuner', 200],
    ['a search with results', () => '/kommuner?q=upp&lan=01', 200],
    ['a search refused with a field error', () => '/kommuner?lan=99', 400],
    ['a municipality with evaluations', () => '/kommuner/0486', 200],
    ['a municipality without evaluations', () => '/kommuner/0180', 200],
    [
      'Strängnäs 2016 with its previous result and the average',
      () => `/utvarderingar/${evaluations.get('0486-2016')}`,
      200,
    ],
    ['Upplands-Bro 2011', () => `/utvarderingar/${evaluations.get('0139-2011')}`, 200],
    [
      'Södertälje 2006 (older edition, half points)',
      () => `/utvarderingar/${evaluations.get('0181-2006')}`,
      200,
    ],
    ['the not-found page', () => '/finns-inte', 404],
    ['the search form', () => '/sok', 200],
    ['a search with highlighted hits', () => '/sok?q=medborgardialogen&omrade=1', 200],
    ['a search refused (empty query)', () => '/sok?q=', 400],
    ['the averages form', () => '/medelvarden', 200],
    ['a national average', () => '/medelvarden?utgava=kk-2010&fran=2010', 200],
    ['an average refused (bad year)', () => '/medelvarden?utgava=kk-2010&fran=tio', 400],
    ['the comparison picker', () => '/jamfor', 200],
    [
      'a comparison across editions (radar, ranks, note)',
      () =>
        `/jamfor?utvardering=${evaluations.get('0486-2016')}&utvardering=${evaluations.get('0139-2011')}` +
        `&utvardering=${evaluations.get('0181-2006')}`,
      200,
    ],
    [
      'a question table refused across editions',
      () =>
        `/jamfor?utvardering=${evaluations.get('0486-2016')}&utvardering=${evaluations.get('0139-2011')}&fragor=1`,
      400,
    ],
  ];

  for (const [what, path, status] of pages) {
    it(`${what} passes axe (WCAG 2.1 AA)`, async () => {
      const page = await open();
      const response = await page.goto(`${app.url}${path()}`);
      expect(response?.status()).toBe(status);
      await expectAccessible(page);
    });
  }

  it('shows a draft to nobody: the public page is 404', async () => {
    const page = await open();
    const response = await page.goto(`${app.url}/utvarderingar/${draftId}`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sidan finns inte');
  });

  it('makes the skip link the first tab stop, visible, and moving focus to main', async () => {
    const page = await open();
    await page.goto(`${app.url}/kommuner/0486`);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      href: document.activeElement?.getAttribute('href'),
    }));
    expect(first).toEqual({ text: 'Hoppa till innehållet', href: '#main' });
    const box = await page.locator('.skip-link').boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect(box?.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The next tab stop is the first link inside main, not the header again.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  });

  it('lets a keyboard user search: tab to the field, type, press Enter', async () => {
    const page = await open();
    await page.goto(`${app.url}/kommuner`);
    for (let i = 0; i < 10; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'q')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('strängnäs');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    expect(await page.locator('tbody th a').allTextContents()).toEqual(['Strängnäs']);
  });

  it('searches by name and län with JavaScript turned off (a plain GET form)', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(`${app.url}/kommuner`);
    await page.getByLabel('Kommunens namn eller kommunkod').fill('s');
    await page.getByLabel('Län').selectOption({ label: 'Södermanlands län' });
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.waitForURL(/lan=04/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('s');
    const names = await page.locator('tbody th a').allTextContents();
    expect(names).toContain('Strängnäs');
    expect(names).not.toContain('Stockholm');
    expect(await page.locator('caption').textContent()).toMatch(/^Sökresultat \(\d+\)$/);
  });

  it('picks evaluations to compare with JavaScript turned off, and removes one', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(`${app.url}/jamfor`);
    await page.getByLabel('Kommun').selectOption({ label: 'Strängnäs' });
    await page.getByLabel('År (tomt: den senaste)').fill('2016');
    await page.getByRole('button', { name: 'Lägg till' }).click();
    await page.waitForURL(/utvardering=/);
    await page.getByLabel('Kommun').selectOption({ label: 'Upplands-Bro' });
    await page.getByRole('button', { name: 'Lägg till' }).click();
    await page.waitForURL(/utvardering=.*utvardering=/);
    const table = page.getByRole('table', { name: /Poäng per område/ });
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'Område',
      'Strängnäs 2016',
      'Upplands-Bro 2011',
    ]);
    expect(await page.locator('#olika-utgavor').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Ta bort Strängnäs 2016 ur jämförelsen' }).click();
    await page.waitForURL((url) => url.searchParams.getAll('utvardering').length === 1);
    expect(await page.locator('section[aria-labelledby="valda"] li').count()).toBe(1);
  });

  it('searches good examples with filters with JavaScript turned off', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(`${app.url}/sok`);
    await page.getByLabel('Sökord').fill('medborgardialogen');
    await page.getByLabel('Kommun').selectOption({ label: 'Strängnäs' });
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.waitForURL(/q=medborgardialogen/);
    const hits = page.locator('.search-hit');
    expect(await hits.count()).toBeGreaterThan(0);
    expect(await hits.first().locator('mark').first().textContent()).toMatch(/medborgardialog/i);
    await hits.first().getByRole('link').click();
    await page.waitForURL(/\/rapport#omrade-\d$/);
    const anchor = new URL(page.url()).hash;
    expect(await page.locator(anchor).count()).toBe(1);
  });

  it('searches by kommunkod with JavaScript turned off, and follows the link', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(`${app.url}/kommuner`);
    await page.getByLabel('Kommunens namn eller kommunkod').fill('0139');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.waitForURL(/q=0139/);
    await page.getByRole('link', { name: 'Upplands-Bro' }).click();
    await page.waitForURL(/\/kommuner\/0139$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Upplands-Bro');
  });
});
