import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  describeBrowser,
  expectAccessible,
  startBrowserTestApp,
  type BrowserTestApp,
} from '../../../../test/browser/harness.ts';
import { retentionCutoff } from '../../../use-cases/privacy/erase-interviews.ts';
import { createScoredEvaluation } from '../../../use-cases/testing.ts';
import { signedInAs, type TestSession } from '../../auth/testing.ts';

describeBrowser('admin privacy page in Chromium', (getBrowser: () => Browser) => {
  let app: BrowserTestApp;
  let context: BrowserContext | undefined;
  let admin: TestSession;

  beforeAll(async () => {
    app = await startBrowserTestApp();
    admin = await signedInAs(app.database.db, { role: 'admin', displayName: 'Åsa Admin' });
    const old = (await createScoredEvaluation(app.database.db, { year: 2020 })).evaluationId;
    await createScoredEvaluation(app.database.db, { year: 2021 });
    await app.database.db.execute(sql`update evaluations set status = 'published',
      published_at = ${retentionCutoff(new Date(), 30).toISOString()}::timestamptz where id = ${old}`);
  });
  afterAll(async () => {
    await app?.dispose();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  const open = async (options: { javaScriptEnabled?: boolean } = {}): Promise<Page> => {
    context = await getBrowser().newContext({ locale: 'sv-SE', ...options });
    await context.addCookies(
      Object.entries(admin.cookies).map(([name, value]) => ({ name, value, url: app.url })),
    );
    return context.newPage();
  };

  it('passes axe, with refused forms too', async () => {
    const page = await open();
    page.setDefaultTimeout(15_000);
    const response = await page.goto(`${app.url}/admin/personuppgifter`);
    expect(response?.status()).toBe(200);
    await expectAccessible(page);

    // A refused retention: the summary links to the field, which says why.
    await page.getByLabel('Lagringstid i månader efter publicering').fill('0');
    await page.getByRole('button', { name: 'Spara lagringstid' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('mellan 1 och 600');
    await expectAccessible(page);

    await page.getByLabel('Lagringstid i månader efter publicering').fill('24');
    await page.getByRole('button', { name: 'Spara lagringstid' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Lagringstiden är sparad.');
    await expectAccessible(page);

    // Erasing without confirming is refused.
    await page.getByRole('button', { name: 'Radera utgångna intervjuuppgifter' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('raderas för gott');
    await expectAccessible(page);

    // The person export asks for an address or a name.
    await page.getByRole('button', { name: 'Hämta registerutdrag (JSON)' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain(
      'Skriv personens e-postadress eller namn.',
    );
    await expectAccessible(page);
  }, 180_000);

  it('erases without JavaScript: what expired, then one evaluation on request', async () => {
    const page = await open({ javaScriptEnabled: false });
    page.setDefaultTimeout(15_000);
    await page.goto(`${app.url}/admin/personuppgifter`);
    await page.getByLabel('Lagringstid i månader efter publicering').fill('24');
    await page.getByRole('button', { name: 'Spara lagringstid' }).click();
    await page.locator('#confirm-expired').check();
    await page.getByRole('button', { name: 'Radera utgångna intervjuuppgifter' }).click();
    expect(await page.getByRole('status').textContent()).toContain(
      'Intervjuuppgifterna i 1 utvärdering är raderade.',
    );
    await page.locator('#confirm-one').check();
    await page.getByRole('button', { name: 'Radera namn och anteckningar' }).click();
    expect(await page.getByRole('status').textContent()).toContain(
      'Namn och anteckningar i 1 intervju är raderade.',
    );
    expect(await page.locator('#evaluation').count()).toBe(0);
  }, 180_000);
});
