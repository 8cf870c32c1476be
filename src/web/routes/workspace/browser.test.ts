import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  describeBrowser,
  expectAccessible,
  startBrowserTestApp,
  type BrowserTestApp,
} from '../../../../test/browser/harness.ts';
import { createScoredEvaluation } from '../../../use-cases/testing.ts';
import { signedInAs, type TestSession } from '../../auth/testing.ts';

describeBrowser('evaluation workspace in Chromium', (getBrowser: () => Browser) => {
  let app: BrowserTestApp;
  let context: BrowserContext | undefined;
  let lead: TestSession;
  let evaluationId = '';
  let sourceId = '';
  let interviewId = '';

  beforeAll(async () => {
    app = await startBrowserTestApp();
    lead = await signedInAs(app.database.db, { role: 'evaluator', displayName: 'Lea Ledare' });
    ({ evaluationId, sourceId, interviewId } = await createScoredEvaluation(app.database.db, {
      leadUserId: lead.user.id,
      unscored: ['4.1', '4.2'],
    }));
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
      Object.entries(lead.cookies).map(([name, value]) => ({ name, value, url: app.url })),
    );
    return context.newPage();
  };

  it('the list, the new-evaluation form, the overview and an area page pass axe', async () => {
    const page = await open();
    for (const path of [
      '/arbetsyta',
      '/arbetsyta/ny',
      `/arbetsyta/${evaluationId}`,
      `/arbetsyta/${evaluationId}/omraden/1`,
    ]) {
      const response = await page.goto(`${app.url}${path}`);
      expect(response?.status(), path).toBe(200);
      await expectAccessible(page);
    }
    // A refused form: the error summary and the messages next to the fields.
    await page.getByLabel('Poäng för fråga 1.1').fill('7,3');
    await page.getByRole('button', { name: 'Spara fråga 1.1' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('steg om 0,5');
    await expectAccessible(page);
  }, 120_000);

  it('the edit pages of a source and an interview pass axe, also with a refused form', async () => {
    const page = await open();
    for (const path of [
      `/arbetsyta/${evaluationId}/kallor/${sourceId}/andra`,
      `/arbetsyta/${evaluationId}/intervjuer/${interviewId}/andra`,
    ]) {
      const response = await page.goto(`${app.url}${path}`);
      expect(response?.status(), path).toBe(200);
      await expectAccessible(page);
    }
    await page.getByLabel('Datum').fill('');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('ÅÅÅÅ-MM-DD');
    await expectAccessible(page);
  }, 120_000);

  it('without JavaScript: a refused score shows the reason next to the field, a good one saves and totals on reload', async () => {
    const page = await open({ javaScriptEnabled: false });
    page.setDefaultTimeout(8000);
    await page.goto(`${app.url}/arbetsyta/${evaluationId}/omraden/4`);
    await page.getByLabel('Poäng för fråga 4.1').fill('61');
    await page.getByLabel('Motivering').first().fill('För högt');
    await page.getByRole('button', { name: 'Spara fråga 4.1' }).click();
    expect(await page.locator('.field-error').first().textContent()).toContain('utanför 0–60');
    expect(await page.getByRole('alert').first().textContent()).toContain('utanför 0–60');
    await page.getByLabel('Poäng för fråga 4.1').fill('42,5');
    await page.getByRole('button', { name: 'Spara fråga 4.1' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Sparat: fråga 4.1');
    expect(await page.locator('#omradessumma').textContent()).toMatch(
      /Området:\s*42,5\s*av 100 poäng/,
    );
  });

  it('with JavaScript: the totals follow what is typed, marked as not saved', async () => {
    const page = await open();
    await page.goto(`${app.url}/arbetsyta/${evaluationId}/omraden/4`);
    const summary = page.locator('#omradessumma');
    const area = summary.locator('[data-area-points]');
    const before = Number(((await area.textContent()) ?? '').replace(',', '.'));
    expect(await summary.locator('[data-unsaved]').isVisible()).toBe(false);
    await page.getByLabel('Poäng för fråga 4.2').fill('10');
    expect(Number(((await area.textContent()) ?? '').replace(',', '.'))).toBe(before + 10);
    expect(await summary.locator('[data-unsaved]').isVisible()).toBe(true);
  });
});
