/**
 * The report options page and the report it shapes, in Chromium (no scripts of their own): every state
 * passes axe (WCAG 2.1 AA), the form is used by its labels, and the saved choices show in the
 * report (Strängnäs 2016 from the demo data, as an admin: imported evaluations have no team).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  describeBrowser,
  expectAccessible,
  startBrowserTestApp,
  type BrowserTestApp,
} from '../../../../test/browser/harness.ts';
import { listEvaluations } from '../../../db/repositories/evaluations.ts';
import { loadDemoData } from '../../../use-cases/load-demo-data.ts';
import { signedInAs, type TestSession } from '../../auth/testing.ts';

describeBrowser('report options in Chromium', (getBrowser: () => Browser) => {
  let app: BrowserTestApp;
  let context: BrowserContext | undefined;
  let admin: TestSession;
  let strangnas = '';

  beforeAll(async () => {
    app = await startBrowserTestApp();
    const { db } = app.database;
    await loadDemoData(db);
    const [found] = (
      await listEvaluations(db, { municipalityCode: '0486', status: 'published' })
    ).filter((item) => item.year === 2016);
    strangnas = found?.id ?? '';
    admin = await signedInAs(db, { role: 'admin', displayName: 'Ada Admin' });
  }, 120_000);
  afterAll(async () => {
    await app?.dispose();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  const open = async (): Promise<Page> => {
    // The pages have no scripts of their own (axe needs JavaScript to run its checks).
    context = await getBrowser().newContext({ locale: 'sv-SE' });
    await context.addCookies(
      Object.entries(admin.cookies).map(([name, value]) => ({ name, value, url: app.url })),
    );
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  };

  it('the form, its errors and the saved state pass axe, and the report shows the choices', async () => {
    const page = await open();
    const response = await page.goto(`${app.url}/utvarderingar/${strangnas}/rapportval`);
    expect(response?.status()).toBe(200);
    await expectAccessible(page);
    expect(
      await page.getByLabel('Det medelvärde som kommunens rapport publicerade').isChecked(),
    ).toBe(true);

    // A refused form: the summary links to the field, the message sits next to it.
    await page
      .getByLabel('Ett medelvärde som Kompass beräknar ur publicerade utvärderingar')
      .check();
    await page.getByLabel('Från och med år').fill('20x0');
    await page.getByRole('button', { name: 'Spara rapportvalen' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('Från och med');
    await expectAccessible(page);

    await page.getByLabel('Från och med år').fill('2010');
    await page
      .getByLabel('Jämförelse 1', { exact: true })
      .selectOption({ label: 'Upplands-Bro 2011' });
    await page.getByRole('button', { name: 'Spara rapportvalen' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Rapportvalen är sparade',
    );
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Visa den publicerade rapporten' }).click();
    await page.waitForLoadState('load');
    const report = await page.content();
    expect(report).toContain('Upplands-Bro 2011');
    expect(report).toContain('(1 utvärdering)');
    expect(report).toContain('Kommuner som det kan vara intressant att jämföra sig med');
    await expectAccessible(page);
  }, 240_000);
});
