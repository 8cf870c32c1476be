/**
 * End to end in Chromium: a municipality user of Södertälje signs in, starts a self-assessment,
 * answers the questionnaire, writes a narrative, enters key figures (adding a row without
 * JavaScript), saves the draft and comes back to it, is refused with the list of what is missing,
 * submits, and sees the frozen self-assessment with its key figures as a chart; the printable view
 * and the imported 2009 application (whose double ticks it resolves, with a reason) follow. Every
 * page on the way passes axe (WCAG 2.1 AA).
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAudit } from '../../src/db/repositories/audit.ts';
import { listEditions } from '../../src/db/repositories/editions.ts';
import { listSelfAssessments } from '../../src/db/repositories/self-assessments.ts';
import { loadMunicipalities } from '../../src/reference/municipalities.ts';
import { importReport } from '../../src/use-cases/import-report.ts';
import { SESSION_COOKIE } from '../../src/web/auth/index.ts';
import { createTestAccount, signedInAs } from '../../src/web/auth/testing.ts';
import {
  describeBrowser,
  expectAccessible,
  startBrowserTestApp,
  type BrowserTestApp,
} from '../browser/harness.ts';

const EMAIL = 'kvalitet@sodertalje.example.se';
const PASSWORD = 'ett långt lösenord för kommunen';
const SCALE = ['Ej alls', 'Delvis', 'I hög grad', 'Fullt ut'];
const APPLICATION = 'sodertalje-kvalitetskommun-ansokan-2009.txt';

/** Ticks an answer to question `id` in its radio group (found by its legend). */
async function answer(page: Page, id: number, option: string): Promise<void> {
  await page
    .getByRole('group', { name: new RegExp(`^${String(id)}\\. `) })
    .getByLabel(option, { exact: true })
    .check();
}

describeBrowser('end to end: fill in and submit a self-assessment', (getBrowser: () => Browser) => {
  let app: BrowserTestApp;
  let importedId = '';
  let userId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startBrowserTestApp();
    const { db } = app.database;
    const account = await createTestAccount(db, {
      role: 'municipality',
      municipalityCode: '0181',
      email: EMAIL,
      password: PASSWORD,
      displayName: 'Kvalitetsstrateg Södertälje',
    });
    userId = account.user.id;
    const outcome = await importReport({
      db,
      bytes: readFileSync(new URL(`../../../shared/seeds/${APPLICATION}`, import.meta.url)),
      source: APPLICATION,
      editions: (await listEditions(db)).map((edition) => edition.definition),
      municipalities: loadMunicipalities(),
    });
    if (outcome.status === 'failed') throw new Error(JSON.stringify(outcome.issues));
    importedId = outcome.evaluation.id;
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await app?.dispose();
  });

  it('a municipality user fills in, saves, resumes and submits a self-assessment', async () => {
    const context = await getBrowser().newContext({ locale: 'sv-SE' });
    contexts.push(context);
    const page = await context.newPage();

    await page.goto(`${app.url}/logga-in?next=/sjalvvardering`);
    await page.getByLabel('E-postadress').fill(EMAIL);
    await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(/\/sjalvvardering$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Självvärdering');
    await expectAccessible(page);

    // Start the 2026 round.
    await page.getByLabel('År', { exact: true }).fill('2026');
    await page.getByRole('button', { name: 'Starta självvärdering' }).click();
    await page.waitForURL(/\/sjalvvardering\/[0-9a-f-]{36}$/);
    const path = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Självvärdering Södertälje 2026',
    );
    await expectAccessible(page);

    // Answer the first 25 questions, a narrative and a key figure; add a row and save.
    for (let id = 1; id <= 25; id += 1) await answer(page, id, SCALE[id % 4] ?? 'Delvis');
    await page
      .getByLabel('Beskrivning av arbetet i tema 1')
      .fill('Medborgarpaneler i alla kommundelar sedan 2024.');
    await page.getByLabel('Nyckeltal, rad 1').fill('Nöjd medborgar-index');
    await page.getByLabel('Enhet, rad 1').fill('index');
    await page.getByLabel('År, rad 1').fill('2024');
    await page.getByLabel('Mål, rad 1').fill('60');
    await page.getByLabel('Utfall, rad 1').fill('57,5');
    await page.getByLabel('Tema, rad 1').selectOption('1');
    await page.getByRole('button', { name: 'Lägg till rad' }).click();
    await page.waitForURL(/klart=sparat&rader=1/);
    expect(await page.getByRole('status').textContent()).toContain('Utkastet är sparat.');
    await page.getByLabel('Nyckeltal, rad 2').fill('Nöjd medborgar-index');
    await page.getByLabel('Enhet, rad 2').fill('index');
    await page.getByLabel('År, rad 2').fill('2025');
    await page.getByLabel('Mål, rad 2').fill('62');
    await page.getByLabel('Utfall, rad 2').fill('61');
    await page.getByRole('button', { name: 'Spara utkast' }).first().click();
    await page.waitForURL(/klart=sparat$/);
    await expectAccessible(page);

    // Resume later, in a fresh visit: what was saved is there.
    await page.goto(`${app.url}${path}`);
    await expect
      .poll(() =>
        page
          .getByRole('group', { name: /^2\. / })
          .getByLabel('I hög grad', { exact: true })
          .isChecked(),
      )
      .toBe(true);
    expect(await page.getByLabel('Utfall, rad 1').inputValue()).toBe('57,5');
    expect(await page.locator('svg[role="img"]').count()).toBe(1);

    // Answer all but question 50 and submit: refused, with the missing question linked.
    for (let id = 26; id <= 49; id += 1) await answer(page, id, SCALE[id % 4] ?? 'Delvis');
    await page.getByRole('button', { name: 'Skicka in' }).click();
    await page.waitForLoadState('load');
    const missing = page.getByRole('link', { name: 'Fråga 50 (tema 4) saknar svar.' });
    expect(await missing.count()).toBe(1);
    expect(await page.getByRole('alert').first().textContent()).toContain('1 fråga saknar svar');
    await expectAccessible(page);
    await missing.click();
    await answer(page, 50, 'Fullt ut');
    await page.getByRole('button', { name: 'Skicka in' }).click();
    await page.waitForURL(/klart=inskickat$/);
    expect(await page.getByRole('status').textContent()).toContain(
      'Självvärderingen är inskickad.',
    );
    // Frozen: no form any more; the answers, the narrative and the chart are shown.
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.getByText('Medborgarpaneler i alla kommundelar sedan 2024.').count()).toBe(1);
    expect(
      await page
        .getByRole('img', { name: 'Nöjd medborgar-index (index): mål och utfall per år' })
        .count(),
    ).toBe(1);
    await expectAccessible(page);

    // The printable view.
    await page.getByRole('link', { name: 'Utskriftsvänlig version' }).click();
    await page.waitForURL(/\/utskrift$/);
    expect(
      await page.getByRole('table', { name: /Nöjd medborgar-index: mål och utfall/ }).count(),
    ).toBe(1);
    await expectAccessible(page);

    const [stored] = await listSelfAssessments(app.database.db, { municipalityCode: '0181' });
    expect(stored).toMatchObject({ year: 2026, status: 'review', answered: 50 });
  }, 240_000);

  it('resolves a double tick of the imported application with a reason', async () => {
    const context = await getBrowser().newContext({ locale: 'sv-SE' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}/logga-in?next=/sjalvvardering/${importedId}`);
    await page.getByLabel('E-postadress').fill(EMAIL);
    await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(new RegExp(`/sjalvvardering/${importedId}$`));
    expect(await page.getByText(/Behöver lösas/).count()).toBe(3);
    await expectAccessible(page);

    const form = page.locator(`form[action$="/fragor/9"]`);
    await form.getByLabel('I hög grad', { exact: true }).check();
    await form.getByRole('button', { name: 'Spara svaret på fråga 9' }).click();
    await page.waitForLoadState('load');
    // No reason: refused next to the field, and the page still passes axe.
    expect(await page.locator('#reason-9-fel').textContent()).toContain('Skriv varför');
    await expectAccessible(page);
    await page.getByLabel('Motivering för fråga 9').fill('Enligt kvalitetsrådets protokoll.');
    await page
      .locator(`form[action$="/fragor/9"]`)
      .getByLabel('I hög grad', { exact: true })
      .check();
    await page.getByRole('button', { name: 'Spara svaret på fråga 9' }).click();
    await page.waitForURL(/klart=lost$/);
    expect(await page.getByText(/Behöver lösas/).count()).toBe(2);
    expect(
      await page.getByRole('table', { name: /Svar som valts efter importen/ }).textContent(),
    ).toContain('Enligt kvalitetsrådets protokoll.');
    await expectAccessible(page);
    const entry = (await listAudit(app.database.db, { evaluationId: importedId })).find(
      (item) => item.action === 'self-assessment.resolve' && item.field === 'answer',
    );
    expect(entry).toMatchObject({
      newValue: 'I hög grad',
      reason: 'Enligt kvalitetsrådets protokoll.',
      actor: { id: userId },
    });
  }, 120_000);

  it('an admin’s list (with the kommun to choose) and an evaluator’s read view pass axe', async () => {
    const { db } = app.database;
    for (const role of ['admin', 'evaluator'] as const) {
      const session = await signedInAs(db, { role });
      const context = await getBrowser().newContext({ locale: 'sv-SE' });
      contexts.push(context);
      await context.addCookies([
        { name: SESSION_COOKIE, value: session.cookies[SESSION_COOKIE] ?? '', url: app.url },
      ]);
      const page = await context.newPage();
      await page.goto(`${app.url}/sjalvvardering`);
      expect(await page.getByLabel('Kommun', { exact: true }).count()).toBe(
        role === 'admin' ? 1 : 0,
      );
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Södertälje 2009' }).click();
      await page.waitForURL(new RegExp(`/sjalvvardering/${importedId}$`));
      expect(await page.locator('form[action*="/fragor/"]').count()).toBe(role === 'admin' ? 2 : 0);
      await expectAccessible(page);
    }
  }, 120_000);
});
