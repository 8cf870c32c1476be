/**
 * The workflow and history pages in Chromium: each state passes axe (WCAG 2.1 AA) — the
 * checklist of a draft, the refusal to publish with its linked list, the correction form and
 * its field error, a correction's history — and the refusal's links are reached with the keyboard
 * and lead to the place in the workspace.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { assignToEvaluation } from '../../src/db/repositories/assignments.ts';
import { createEvaluation, setEvaluationStatus } from '../../src/db/repositories/evaluations.ts';
import { buildEvaluation, ensureTestEdition } from '../../src/db/testing.ts';
import { SESSION_COOKIE } from '../../src/web/auth/index.ts';
import { sessionFor, createTestAccount, type TestSession } from '../../src/web/auth/testing.ts';
import {
  describeBrowser,
  expectAccessible,
  startBrowserTestApp,
  type BrowserTestApp,
} from '../browser/harness.ts';

describeBrowser('workflow and history pages in Chromium', (getBrowser: () => Browser) => {
  let app: BrowserTestApp;
  let lead: TestSession;
  let incompleteId = '';
  let publishedId = '';
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    app = await startBrowserTestApp();
    const { db } = app.database;
    await ensureTestEdition(app.database);
    const complete = buildEvaluation();
    const incomplete = await createEvaluation(
      db,
      buildEvaluation({
        questions: complete.questions?.filter((q) => q.id !== '3.1'),
        findings: complete.findings?.filter((f) => !(f.area === 6 && f.kind === 'improvement')),
      }),
    );
    incompleteId = incomplete.id;
    await setEvaluationStatus(db, incompleteId, { status: 'review', expectedVersion: 1 });
    publishedId = (await createEvaluation(db, buildEvaluation({ year: 2014, status: 'published' })))
      .id;
    const { user } = await createTestAccount(db, { role: 'evaluator', displayName: 'Lea Lead' });
    for (const evaluationId of [incompleteId, publishedId]) {
      await assignToEvaluation(db, {
        evaluationId,
        userId: user.id,
        role: 'lead',
        actorUserId: null,
      });
    }
    lead = await sessionFor(db, user);
  });
  afterAll(async () => {
    await app?.dispose();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  const signedIn = async (): Promise<Page> => {
    context = await getBrowser().newContext({ locale: 'sv-SE' });
    await context.addCookies([
      { name: SESSION_COOKIE, value: lead.cookies[SESSION_COOKIE] ?? '', url: app.url },
    ]);
    return context.newPage();
  };

  it('refuses to publish with a linked list that passes axe and is reached with the keyboard', async () => {
    const page = await signedIn();
    const response = await page.goto(`${app.url}/utvarderingar/${incompleteId}/arbetsflode`);
    expect(response?.status()).toBe(200);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Publicera' }).click();
    await page.waitForLoadState('load');
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain('Utvärderingen kan inte publiceras än');
    expect(await alert.getByRole('link').allTextContents()).toEqual([
      'Fråga 3.1 (Fråga 3.1) saknar poäng.',
      'Område 6 (Område 6) saknar ett förbättringsområde.',
    ]);
    await expectAccessible(page);

    // Tab from the top of the page to the first missing item and follow it.
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (text.startsWith('Fråga 3.1')) break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/arbetsyta/${incompleteId}/omraden/3#q3-1-rubrik$`));
    expect(await page.locator('#q3-1-rubrik').count()).toBe(1);
  });

  it('asks why a published evaluation is corrected, next to the field, and shows the correction in the history', async () => {
    const page = await signedIn();
    await page.goto(`${app.url}/utvarderingar/${publishedId}/arbetsflode`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Påbörja rättelse' }).click();
    await page.waitForLoadState('load');
    // The browser's own check stops an empty required field; a reason of spaces reaches the server.
    await page.getByLabel('Varför rättas utvärderingen?').fill('   ');
    await page.getByRole('button', { name: 'Påbörja rättelse' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.field-error').textContent()).toContain(
      'Skriv varför utvärderingen rättas.',
    );
    await expectAccessible(page);
    await page.getByLabel('Varför rättas utvärderingen?').fill('Fel poäng på fråga 1.2');
    await page.getByRole('button', { name: 'Påbörja rättelse' }).click();
    await page.waitForURL(/klart=correct/);
    expect(await page.getByRole('status').textContent()).toContain('En rättelse är påbörjad');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Historik' }).click();
    await page.waitForURL(/historik$/);
    expect(await page.getByRole('row', { name: /Rättelse påbörjades/ }).textContent()).toContain(
      'Fel poäng på fråga 1.2',
    );
    await expectAccessible(page);
  });
});
