/**
 * End to end in a real browser: a team evaluator signs in and shares a draft with the evaluated
 * municipality; a user of that kommun signs in, finds the draft under "Min kommun" in the menu,
 * reads it (marked as a shared draft, no interviews) and comments on one question; the evaluator
 * sees the comment (who, when, which question) in the workspace and replies, and the kommun
 * reads the reply. Every page on the way passes axe (WCAG 2.1 AA).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureTestEdition } from '../../src/db/testing.ts';
import { createScoredEvaluation } from '../../src/use-cases/testing.ts';
import { createTestAccount } from '../../src/web/auth/testing.ts';
import {
  describeBrowser,
  expectAccessible,
  startBrowserTestApp,
  type BrowserTestApp,
} from '../browser/harness.ts';

const PASSWORD = 'ett långt testlösenord';
const EVALUATOR = 'eva.utvarderare@example.se';
const KOMMUN = 'kim.kommun@example.se';
const COMMENT = 'Vi har börjat följa upp målen varje kvartal sedan i våras.';
const REPLY = 'Tack! Skicka gärna uppföljningsrapporten till oss.';

describeBrowser(
  'end to end: share a draft, the kommun comments, the team replies',
  (getBrowser: () => Browser) => {
    let app: BrowserTestApp;
    let evaluationId = '';
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      app = await startBrowserTestApp();
      const { db } = app.database;
      await ensureTestEdition(app.database);
      const evaluator = await createTestAccount(db, {
        role: 'evaluator',
        email: EVALUATOR,
        displayName: 'Eva Utvärderare',
        password: PASSWORD,
      });
      await createTestAccount(db, {
        role: 'municipality',
        municipalityCode: '0486',
        email: KOMMUN,
        displayName: 'Kim Kommunsson',
        password: PASSWORD,
      });
      evaluationId = (await createScoredEvaluation(db, { leadUserId: evaluator.user.id }))
        .evaluationId;
    });
    afterAll(async () => {
      for (const context of contexts) await context.close();
      await app?.dispose();
    });

    const signIn = async (email: string): Promise<Page> => {
      const context = await getBrowser().newContext({ locale: 'sv-SE' });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${app.url}/logga-in`);
      await page.getByLabel('E-postadress').fill(email);
      await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'));
      return page;
    };

    it('the kommun reads the shared draft and comments; the evaluator sees it and replies', async () => {
      // The evaluator shares the draft from the workspace.
      const evaluator = await signIn(EVALUATOR);
      await evaluator.goto(`${app.url}/arbetsyta/${evaluationId}`);
      await evaluator.getByRole('button', { name: 'Dela utkastet med kommunen' }).click();
      await evaluator.waitForLoadState('load');
      expect(await evaluator.getByText('Kommunens användare kan läsa utkastet.').count()).toBe(1);

      // The kommun finds it from the menu and reads it.
      const kommun = await signIn(KOMMUN);
      await kommun
        .getByRole('navigation', { name: 'Huvudmeny' })
        .getByRole('link', { name: 'Min kommun' })
        .click();
      await kommun.waitForURL(/\/min-kommun$/);
      await expectAccessible(kommun);
      await kommun.getByRole('link', { name: 'Strängnäs 2026' }).click();
      await kommun.waitForURL(new RegExp(`/min-kommun/utvarderingar/${evaluationId}$`));
      expect(await kommun.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Utkast: Strängnäs 2026',
      );
      expect(await kommun.locator('#utkast').textContent()).toContain('inte publicerat');
      expect(await kommun.content()).toContain('Motivering till fråga 2.1.');
      expect(await kommun.content()).not.toContain('Testperson Intervjuad');
      expect(await kommun.getByRole('button', { name: /Spara|Dela|Ta bort/ }).count()).toBe(0);
      await expectAccessible(kommun);

      // It comments on question 2.1.
      await kommun.getByLabel('Gäller').selectOption('fraga-2.1');
      await kommun.getByLabel('Kommentar', { exact: true }).fill(COMMENT);
      await kommun.getByRole('button', { name: 'Skicka kommentaren' }).click();
      await kommun.waitForURL(/kommenterat/);
      expect(await kommun.getByRole('status').textContent()).toContain('Din kommentar är sparad');
      await expectAccessible(kommun);

      // The evaluator sees who commented on what, and replies.
      await evaluator.reload();
      const comments = evaluator.locator('.comments');
      expect(await comments.textContent()).toContain(COMMENT);
      expect(await comments.textContent()).toContain('Kim Kommunsson (kommunen)');
      expect(await comments.textContent()).toContain('Gäller: Fråga 2.1');
      await expectAccessible(evaluator);
      await evaluator.getByLabel('Gäller').selectOption('fraga-2.1');
      await evaluator.getByLabel('Kommentar', { exact: true }).fill(REPLY);
      await evaluator.getByRole('button', { name: 'Skicka svaret' }).click();
      await evaluator.waitForURL(/#kommentarer$/);
      expect(await evaluator.locator('.comments').textContent()).toContain(REPLY);

      // The kommun reads the reply.
      await kommun.goto(`${app.url}/min-kommun/utvarderingar/${evaluationId}`);
      expect(await kommun.locator('.comments').textContent()).toContain(
        'Eva Utvärderare (utvärderare)',
      );
      expect(await kommun.locator('.comments').textContent()).toContain(REPLY);
    }, 240_000);
  },
);
