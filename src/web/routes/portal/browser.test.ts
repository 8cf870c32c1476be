import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  describeBrowser,
  expectAccessible,
  startBrowserTestApp,
  type BrowserTestApp,
} from '../../../../test/browser/harness.ts';
import { getWorkspaceEvaluation } from '../../../db/repositories/workspace.ts';
import { shareEvaluation } from '../../../use-cases/share-evaluation.ts';
import { createScoredEvaluation } from '../../../use-cases/testing.ts';
import { signedInAs, type TestSession } from '../../auth/testing.ts';

describeBrowser('Min kommun in Chromium', (getBrowser: () => Browser) => {
  let app: BrowserTestApp;
  let context: BrowserContext | undefined;
  let kommun: TestSession;
  let evaluationId = '';

  beforeAll(async () => {
    app = await startBrowserTestApp();
    const { db } = app.database;
    const scored = await createScoredEvaluation(db, { unscored: ['4.1'] });
    evaluationId = scored.evaluationId;
    await shareEvaluation(db, {
      actorUserId: scored.leadUserId,
      evaluationId,
      expectedVersion: (await getWorkspaceEvaluation(db, evaluationId))?.version ?? 0,
      shared: true,
    });
    kommun = await signedInAs(db, { role: 'municipality', municipalityCode: '0486' });
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
      Object.entries(kommun.cookies).map(([name, value]) => ({ name, value, url: app.url })),
    );
    return context.newPage();
  };

  it('the list and the shared draft pass axe, and so does a refused comment', async () => {
    const page = await open();
    for (const path of ['/min-kommun', `/min-kommun/utvarderingar/${evaluationId}`]) {
      const response = await page.goto(`${app.url}${path}`);
      expect(response?.status(), path).toBe(200);
      await expectAccessible(page);
    }
    await page.getByRole('button', { name: 'Skicka kommentaren' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('fältet är tomt');
    await expectAccessible(page);
  }, 120_000);

  it('without JavaScript: a comment on an area is saved and shown with its area', async () => {
    const page = await open({ javaScriptEnabled: false });
    page.setDefaultTimeout(8000);
    await page.goto(`${app.url}/min-kommun/utvarderingar/${evaluationId}`);
    await page.getByLabel('Gäller').selectOption('omrade-4');
    await page.getByLabel('Kommentar', { exact: true }).fill('Fråga 4.1 saknar poäng.');
    await page.getByRole('button', { name: 'Skicka kommentaren' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Din kommentar är sparad');
    expect(await page.locator('.comments').textContent()).toContain('Gäller: Område 4');
  });
});
