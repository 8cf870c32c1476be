/**
 * The shared browser harness: one headless Chromium per test run (launched by
 * test/browser-global-setup.ts, or once per file when that setup is not configured), the app on
 * a random port over a fresh test database, and an accessibility check with axe.
 *
 * Without Chromium the suites show as skipped with the reason, except under `CI=true`, where
 * they fail: CI installs Chromium and must not skip the browser tests silently.
 *
 * @example
 * describeBrowser('start page', (getBrowser) => {
 *   it('passes axe', async () => {
 *     const context = await getBrowser().newContext();
 *     const page = await context.newPage();
 *     await page.goto(server.url);
 *     await expectAccessible(page);
 *   });
 * });
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPgliteTestDatabase, type TestDatabase } from '../../src/db/testing.ts';
import { startTestServer, type TestServer } from '../../src/web/testing.ts';
import { CHROMIUM_ARGS, CHROMIUM_MISSING, findChromium } from './chromium.ts';

/** The WCAG 2.1 A and AA rules, which every page must pass. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function sharedEndpoint(): string | undefined {
  try {
    return inject('kompassBrowserWs');
  } catch {
    return undefined; // not running under vitest's globalSetup
  }
}

/**
 * Declares a browser suite. `getBrowser()` returns the connected browser inside tests; create
 * pages from `browser.newContext()` (axe needs a context) and close the context afterwards.
 */
export function describeBrowser(name: string, body: (getBrowser: () => Browser) => void): void {
  const executablePath = findChromium(process.env);
  if (!executablePath) {
    if (process.env.CI === 'true') {
      describe(name, () => {
        it('runs in Chromium', () => {
          throw new Error(`CI=true but ${CHROMIUM_MISSING}`);
        });
      });
    } else {
      describe.skip(`${name} (skipped: ${CHROMIUM_MISSING})`, () => {
        body(() => {
          throw new Error('skipped');
        });
      });
    }
    return;
  }
  describe(name, () => {
    let browser: Browser | undefined;
    let owned = false;
    beforeAll(async () => {
      const endpoint = sharedEndpoint();
      if (endpoint) {
        browser = await chromium.connect(endpoint);
      } else {
        browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
        owned = true;
      }
    });
    afterAll(async () => {
      // Disconnecting from the shared browser leaves it running for the other files.
      await browser?.close();
      if (!owned) browser = undefined;
    });
    body(() => {
      if (!browser) throw new Error('getBrowser() is only available inside a test');
      return browser;
    });
  });
}

/** The app over a fresh migrated PGlite database, listening on 127.0.0.1 and a random port. */
export interface BrowserTestApp extends TestServer {
  database: TestDatabase['database'];
  /** Stops the server and disposes of the database. */
  dispose(): Promise<void>;
}

export async function startBrowserTestApp(): Promise<BrowserTestApp> {
  const test = await createPgliteTestDatabase();
  try {
    const server = await startTestServer(test.database);
    return {
      ...server,
      database: test.database,
      dispose: async () => {
        await server.close();
        await test.dispose();
      },
    };
  } catch (error) {
    await test.dispose();
    throw error;
  }
}

/** One line per axe violation: rule, impact, how many elements, and the first target. */
function describeViolations(violations: readonly Result[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} – ` +
        `${violation.nodes.length} element(s), e.g. ${JSON.stringify(violation.nodes[0]?.target)}`,
    )
    .join('\n');
}

/** Fails with a readable list when the page breaks any WCAG 2.1 A/AA rule axe checks. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  expect(describeViolations(results.violations), `axe on ${page.url()}`).toBe('');
}
