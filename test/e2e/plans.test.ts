/**
 * End to end in a real browser: closing the loop after an evaluation. A Södertälje user signs
 * in and reads the gap analysis (its real 2009 application against the 2006 analysis); a
 * Strängnäs user signs in, goes from the published 2016 evaluation to its follow-up and action
 * plan, creates an action on an improvement area (a refused form first), completes it and notes
 * the progress; and edits the kommun's värdegrund. Every page on the way passes axe (WCAG 2.1 AA).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { listActions } from '../../src/db/repositories/actions.ts';
import { listEvaluations } from '../../src/db/repositories/evaluations.ts';
import { importSeeds } from '../../src/use-cases/gap/testing.ts';
import { loadDemoData } from '../../src/use-cases/load-demo-data.ts';
import { createTestAccount } from '../../src/web/auth/testing.ts';
import {
  describeBrowser,
  expectAccessible,
  startBrowserTestApp,
  type BrowserTestApp,
} from '../browser/harness.ts';

const PASSWORD = 'ett långt lösenord för e2e';

describeBrowser('end to end: gap analysis and action plans', (getBrowser: () => Browser) => {
  let app: BrowserTestApp;
  let context: BrowserContext | undefined;
  let strangnas2016 = '';

  beforeAll(async () => {
    app = await startBrowserTestApp();
    const { db } = app.database;
    await importSeeds(db);
    await loadDemoData(db);
    const [evaluation] = await listEvaluations(db, {
      municipalityCode: '0486',
      editionId: 'kk-2016',
      status: 'published',
    });
    strangnas2016 = evaluation?.id ?? '';
    await createTestAccount(db, {
      role: 'municipality',
      municipalityCode: '0181',
      email: 'kvalitet@sodertalje.example.se',
      password: PASSWORD,
    });
    await createTestAccount(db, {
      role: 'municipality',
      municipalityCode: '0486',
      email: 'plan@strangnas.example.se',
      password: PASSWORD,
    });
    await createTestAccount(db, { role: 'admin', email: 'admin@example.se', password: PASSWORD });
  }, 120_000);
  afterAll(async () => {
    await app?.dispose();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function signIn(email: string): Promise<Page> {
    context = await getBrowser().newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.url}/logga-in`);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'));
    return page;
  }

  it('see the gap analysis: Södertälje against its evaluators, per area', async () => {
    const page = await signIn('kvalitet@sodertalje.example.se');
    await page.goto(`${app.url}/kommuner/0181`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Gapanalys: självvärdering mot utvärdering' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Gapanalys: Södertälje');
    const table = page.getByRole('table', { name: 'Självvärdering och utvärdering per område' });
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(9); // the header and eight areas
    const area2 = await rows.nth(2).textContent();
    expect(area2).toContain('2. Tillgänglighet och brukarorientering');
    expect(area2).toContain('74,5');
    expect(await table.textContent()).toContain('fråga 9 (två rutor ikryssade, behöver lösas)');
    expect(await table.textContent()).toMatch(/Kommunen skattar sig [\d,]+ poäng (högre|lägre)/);
    await expectAccessible(page);
  }, 120_000);

  it('create an action on an improvement area and complete it', async () => {
    const page = await signIn('plan@strangnas.example.se');
    await page.goto(`${app.url}/utvarderingar/${strangnas2016}`);
    await page.getByRole('link', { name: 'Uppföljning och åtgärder' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Uppföljning: Strängnäs',
    );
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Åtgärdsplan för den här utvärderingen' }).click();
    await expectAccessible(page);
    await page
      .getByRole('link', { name: 'Lägg till en åtgärd för det här förbättringsområdet' })
      .first()
      .click();

    // Refused first: no owner, and a due date before the start.
    await page.getByLabel('Åtgärd (vad ska göras)').fill('Återrapportera dialogerna årligen');
    await page.getByLabel('Startdatum').fill('2026-03-01');
    await page.getByLabel('Klart senast').fill('2026-02-01');
    await page.getByRole('button', { name: 'Lägg till åtgärden' }).click();
    const summary = await page.getByRole('alert').textContent();
    expect(summary).toContain('Skriv vem som ansvarar');
    expect(summary).toContain('Slutdatumet ligger före startdatumet (2026-03-01)');
    await expectAccessible(page);

    await page.getByLabel('Ansvarig').fill('Kommunledningskontoret');
    await page.getByLabel('Klart senast').fill('2026-09-30');
    await page.getByRole('button', { name: 'Lägg till åtgärden' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Åtgärd: Återrapportera dialogerna årligen');
    await expectAccessible(page);

    await page.getByLabel('Datum', { exact: true }).fill('2026-04-15');
    await page
      .getByLabel('Anteckning', { exact: true })
      .fill('Första redovisningen gjord i kommunstyrelsen.');
    await page.getByRole('button', { name: 'Spara anteckningen' }).click();
    await page.getByLabel('Status').selectOption({ label: 'Klar' });
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    const facts = await page.locator('dl.facts').textContent();
    expect(facts).toContain('Klar');
    expect(await page.locator('ol.notes').textContent()).toContain(
      'Första redovisningen gjord i kommunstyrelsen.',
    );
    await expectAccessible(page);
    const [stored] = await listActions(app.database.db);
    expect(stored).toMatchObject({ status: 'done', owner: 'Kommunledningskontoret', version: 2 });

    await page.goto(`${app.url}/atgarder/forsenade`);
    expect(await page.textContent('main')).toContain('Inga åtgärder är försenade.');
    await expectAccessible(page);
  }, 180_000);

  it('the värdegrund editor passes axe, also with a refused form, and the public page shows the value', async () => {
    const page = await signIn('plan@strangnas.example.se');
    await page.goto(`${app.url}/kommuner/0486/vardegrund`);
    await expectAccessible(page);
    await page.getByLabel('Länk till dokumentet (frivilligt)').fill('strangnas.se');
    await page.getByRole('button', { name: 'Lägg till' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Skriv värdets namn');
    await expectAccessible(page);
    await page.getByLabel('Namn', { exact: true }).fill('Tillit');
    await page.getByLabel('Länk till dokumentet (frivilligt)').fill('');
    await page.getByRole('button', { name: 'Lägg till' }).click();
    await page.goto(`${app.url}/kommuner/0486`);
    expect(await page.getByRole('region', { name: 'Värdegrund' }).textContent()).toContain(
      'Tillit',
    );
    await expectAccessible(page);
  }, 120_000);

  it('the admin page for the gap mappings passes axe, also with a refused file', async () => {
    const page = await signIn('admin@example.se');
    await page.goto(`${app.url}/admin/gapmappningar`);
    await expectAccessible(page);
    await page.getByLabel('Kopplingsfil (JSON)').fill('{"schemaVersion": 1,}');
    await page.getByLabel('Varför kopplingen ändras').fill('Prov');
    await page.getByRole('button', { name: 'Spara kopplingen' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('not valid JSON');
    await expectAccessible(page);
  }, 120_000);
});
