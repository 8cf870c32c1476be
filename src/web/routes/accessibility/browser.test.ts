import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  describeBrowser,
  expectAccessible,
  startBrowserTestApp,
  type BrowserTestApp,
} from '../../../../test/browser/harness.ts';

describeBrowser('accessibility statement in Chromium', (getBrowser: () => Browser) => {
  let app: BrowserTestApp;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    app = await startBrowserTestApp();
  });
  afterAll(async () => {
    await app?.dispose();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  it('passes axe (WCAG 2.1 AA)', async () => {
    context = await getBrowser().newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    const response = await page.goto(`${app.url}/tillganglighet`);
    expect(response?.status()).toBe(200);
    await expectAccessible(page);
  });

  it('is reached from the footer with the keyboard alone, with JavaScript turned off', async () => {
    context = await getBrowser().newContext({ locale: 'sv-SE', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/kommuner/0486`);
    const link = page.getByRole('contentinfo').getByRole('link', {
      name: 'Tillgänglighetsredogörelse',
    });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tillganglighet$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Tillgänglighet för Kompass',
    );
  });
});
