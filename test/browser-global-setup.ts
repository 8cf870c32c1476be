/**
 * vitest globalSetup: launches Debian's Chromium once per test run (when it is installed) and
 * hands its WebSocket endpoint to the browser tests, which connect instead of launching their
 * own. See test/browser/harness.ts.
 */
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS, findChromium } from './browser/chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared browser's endpoint, or undefined when Chromium is not installed. */
    kompassBrowserWs: string | undefined;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const executablePath = findChromium(process.env);
  if (!executablePath) {
    project.provide('kompassBrowserWs', undefined);
    return;
  }
  const server = await chromium.launchServer({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  project.provide('kompassBrowserWs', server.wsEndpoint());
  return async () => {
    await server.close();
  };
}
