/**
 * PDF printing: Debian's headless Chromium (through playwright-core) prints the HTML report with
 * its print CSS. One browser serves many reports: launch a `ReportPrinter` once, print, close.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Flags for headless Chromium in containers and CI (docs: /work/shared/STACK.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** How to get Chromium, for messages. */
export const CHROMIUM_INSTALL_HINT =
  'install it with `apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a ' +
  'Chromium or Chrome executable';

/** Chromium is not installed (or CHROMIUM_PATH points nowhere). */
export class ChromiumMissingError extends Error {
  constructor(detail: string) {
    super(`Chromium is needed to print PDF reports but ${detail}: ${CHROMIUM_INSTALL_HINT}`);
    this.name = 'ChromiumMissingError';
  }
}

/** `CHROMIUM_PATH` when set (and present), else the first Chromium installed in the usual places. */
export function findChromium(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) return existsSync(configured) ? configured : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export interface PrintOptions {
  /** Tagged (accessible) PDF: headings, tables and lists as structure. Default true. */
  tagged?: boolean;
  /** The PDF's document outline from the headings. Default true. */
  outline?: boolean;
}

/**
 * A headless Chromium that prints HTML documents to PDF. Pages are opened per print and closed
 * after, so one printer serves any number of reports, one after the other or in parallel.
 *
 * @example
 * const printer = await ReportPrinter.launch();
 * try {
 *   writeFileSync('rapport.pdf', await printer.print(html));
 * } finally {
 *   await printer.close();
 * }
 */
export class ReportPrinter {
  private constructor(private readonly browser: Browser) {}

  /** Launches Chromium; throws ChromiumMissingError when it is not installed. */
  static async launch(
    env: Readonly<Record<string, string | undefined>> = process.env,
  ): Promise<ReportPrinter> {
    const executablePath = findChromium(env);
    if (!executablePath) {
      const where = env.CHROMIUM_PATH?.trim()
        ? `CHROMIUM_PATH (${env.CHROMIUM_PATH.trim()}) does not exist`
        : `it was not found (looked in ${CANDIDATES.join(', ')})`;
      throw new ChromiumMissingError(where);
    }
    const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    return new ReportPrinter(browser);
  }

  /** Prints one self-contained HTML document (no requests are made) to an A4 PDF. */
  async print(html: string, options: PrintOptions = {}): Promise<Buffer> {
    const context = await this.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      // The report needs nothing from the network; refuse anything it might ask for.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        tagged: options.tagged ?? true,
        outline: options.outline ?? true,
      });
    } finally {
      await context.close();
    }
  }

  /** Prints a saved HTML file by URL (`file://…`): the floor the benchmark compares with. */
  async printUrl(url: string, options: PrintOptions = {}): Promise<Buffer> {
    const context = await this.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        tagged: options.tagged ?? true,
        outline: options.outline ?? true,
      });
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
