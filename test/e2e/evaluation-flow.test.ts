/**
 * End to end in a real browser (Debian's Chromium through playwright-core, the shared browser of
 * test/browser/harness.ts): an evaluator gets an account with a one-time password, as
 * `kompass user add` makes it, signs in, is made to change the password, creates an evaluation in
 * the workspace, scores every question and writes a strength and an improvement area for every
 * area, submits it for review and publishes it with the keyboard, and the public finds it on the
 * municipality's page. Every page of the workflow on the way passes axe (WCAG 2.1 AA).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/db/repositories/users.ts';
import { ensureTestEdition } from '../../src/db/testing.ts';
import { generateOneTimePassword, hashPassword } from '../../src/web/auth/credentials.ts';
import {
  describeBrowser,
  expectAccessible,
  startBrowserTestApp,
  type BrowserTestApp,
} from '../browser/harness.ts';

const EMAIL = 'utvarderare@example.se';
const NEW_PASSWORD = 'ett nytt och långt lösenord';
const AREAS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Presses Tab until the focused element is the control named `name`, then returns. */
async function tabTo(page: Page, name: string, maxTabs = 80): Promise<void> {
  for (let i = 0; i < maxTabs; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return element ? (element.textContent ?? '').trim() : '';
    });
    if (focused === name) return;
  }
  throw new Error(`"${name}" was not reached with the Tab key`);
}

describeBrowser(
  'end to end: sign in, create, score, publish, find it',
  (getBrowser: () => Browser) => {
    let app: BrowserTestApp;
    let oneTimePassword = '';
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      app = await startBrowserTestApp();
      await ensureTestEdition(app.database);
      oneTimePassword = generateOneTimePassword();
      await createUser(
        app.database.db,
        {
          email: EMAIL,
          role: 'evaluator',
          displayName: 'Eva Utvärderare',
          passwordHash: await hashPassword(oneTimePassword),
          mustChangePassword: true,
        },
        { actorUserId: null },
      );
    });
    afterAll(async () => {
      for (const context of contexts) await context.close();
      await app?.dispose();
    });

    const open = async () => {
      const context = await getBrowser().newContext({ locale: 'sv-SE' });
      contexts.push(context);
      return context.newPage();
    };

    it('runs an evaluation from the first sign-in to the public page', async () => {
      const page = await open();

      // Sign in with the one-time password; the password page comes first.
      await page.goto(`${app.url}/logga-in`);
      await page.getByLabel('E-postadress').fill(EMAIL);
      await page.getByLabel('Lösenord', { exact: true }).fill(oneTimePassword);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL(/\/konto\/losenord/);
      await page.getByLabel('Engångslösenord').fill(oneTimePassword);
      await page.getByLabel('Nytt lösenord', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Nytt lösenord en gång till').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Byt lösenord' }).click();
      await page.waitForURL(/\/konto\/losenord\?bytt/);

      // Create the evaluation in the workspace.
      await page.goto(`${app.url}/arbetsyta/ny`);
      await page.getByLabel('Kommun', { exact: true }).selectOption('0486');
      await page.getByLabel('Utgåva av Kommunkompassen').selectOption('test-2010');
      await page.getByLabel('År', { exact: true }).fill('2012');
      await page.getByRole('button', { name: 'Skapa utkast' }).click();
      await page.waitForURL(/\/arbetsyta\/[0-9a-f-]{36}$/);
      const id = /\/arbetsyta\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
      expect(id).not.toBe('');

      // The workflow page lists what is missing, each item a link; it passes axe.
      await page.goto(`${app.url}/utvarderingar/${id}/arbetsflode`);
      await expect.poll(() => page.getByRole('link', { name: /saknar poäng/ }).count()).toBe(16);
      await expectAccessible(page);

      // Score every question and write one strength and one improvement area per area.
      for (const area of AREAS) {
        await page.goto(`${app.url}/arbetsyta/${id}/omraden/${area}`);
        for (const question of [`${area}.1`, `${area}.2`]) {
          const prefix = `q${question.replace('.', '-')}-`;
          await page.getByLabel(`Poäng för fråga ${question}`).fill(area % 2 === 0 ? '20' : '17,5');
          await page.locator(`#${prefix}justification`).fill(`Motivering för fråga ${question}`);
          await page.getByRole('button', { name: `Spara fråga ${question}` }).click();
          await page.waitForLoadState('load');
          expect(await page.locator('.error-summary').count(), `fråga ${question}`).toBe(0);
        }
        await page.locator('#f0-kind').selectOption('strength');
        await page.locator('#f0-text').fill(`En styrka i område ${area}`);
        await page.locator('#f1-kind').selectOption('improvement');
        await page.locator('#f1-text').fill(`Ett förbättringsområde i område ${area}`);
        await page
          .getByRole('button', { name: `Spara texter och fynd för område ${area}` })
          .click();
        await page.waitForLoadState('load');
        expect(await page.locator('.error-summary').count(), `område ${area}`).toBe(0);
      }

      // Submit and publish, with the keyboard only.
      await page.goto(`${app.url}/utvarderingar/${id}/arbetsflode`);
      await expect
        .poll(() => page.getByText('Allt som krävs för att publicera finns').count())
        .toBe(1);
      await tabTo(page, 'Lämna till granskning');
      await page.keyboard.press('Enter');
      await page.waitForURL(/klart=submit/);
      await expect.poll(() => page.getByRole('status').textContent()).toContain('granskning');
      await expectAccessible(page);
      await tabTo(page, 'Publicera');
      await page.keyboard.press('Enter');
      await page.waitForURL(/klart=publish/);
      expect(await page.getByRole('status').textContent()).toContain(
        'Utvärderingen är publicerad.',
      );
      await expectAccessible(page);

      // The history shows both steps, by the evaluator; it passes axe.
      await page.goto(`${app.url}/utvarderingar/${id}/historik`);
      expect(await page.getByRole('row', { name: /Publicerades/ }).textContent()).toContain(
        'Eva Utvärderare',
      );
      await expectAccessible(page);

      // The public finds it from the municipality's page.
      const visitor = await open();
      await visitor.goto(`${app.url}/kommuner/0486`);
      await visitor.locator(`a[href="/utvarderingar/${id}"]`).first().click();
      await visitor.waitForURL(new RegExp(`/utvarderingar/${id}$`));
      expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toContain('Strängnäs');
      expect(await visitor.content()).toContain('En styrka i område 3');
      await expectAccessible(visitor);
    }, 240_000);
  },
);
