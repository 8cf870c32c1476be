/** Where Debian's Chromium lives and how to launch it (the flags STACK.md found to work here). */
import { existsSync } from 'node:fs';

/** Flags for headless Chromium in containers and CI; `headless` itself is Playwright's option. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** `CHROMIUM_PATH` when set (and present), else the first Chromium installed in the usual places. */
export function findChromium(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) return existsSync(configured) ? configured : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export const CHROMIUM_MISSING =
  'Chromium was not found (looked for CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser): ' +
  'install it with `apt-get install -y chromium` to run the browser tests';
