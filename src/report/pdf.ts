/**
 * PDF printing: Debian's headless Chromium (through playwright-core) prints the HTML report with
 * its print CSS. One browser serves many reports: launch a `ReportPrinter` once, print, close.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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
 * A headless Chromium that prints HTML documents to PDF. It keeps its pages open between prints
 * (opening a page costs 250–500 ms here, more than printing a report), one per concurrent
 * print, so one printer serves any number of reports, one after the other or in parallel.
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
  private readonly idle: Page[] = [];
  private context: Promise<BrowserContext> | undefined;

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

  /** A page to print with: an idle one, or a new one in the printer's context. */
  private async takePage(): Promise<Page> {
    const page = this.idle.pop();
    if (page) return page;
    this.context ??= this.browser.newContext({ javaScriptEnabled: false });
    const created = await (await this.context).newPage();
    await created.emulateMedia({ media: 'print' });
    return created;
  }

  private async withPage(fn: (page: Page) => Promise<Buffer>): Promise<Buffer> {
    const page = await this.takePage();
    let healthy = false;
    try {
      const result = await fn(page);
      healthy = true;
      return result;
    } finally {
      if (healthy) this.idle.push(page);
      else await page.close().catch(() => undefined);
    }
  }

  /** Prints one self-contained HTML document (no requests are made) to an A4 PDF. */
  async print(html: string, options: PrintOptions = {}): Promise<Buffer> {
    return this.withPage(async (page) => {
      // The report needs nothing from the network: set the document directly, no navigation.
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf(pdfOptions(options));
    });
  }

  /** Prints a saved HTML file by URL (`file://…`): the floor the benchmark compares with. */
  async printUrl(url: string, options: PrintOptions = {}): Promise<Buffer> {
    return this.withPage(async (page) => {
      await page.goto(url, { waitUntil: 'load' });
      return page.pdf(pdfOptions(options));
    });
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

function pdfOptions(options: PrintOptions) {
  return {
    format: 'A4',
    printBackground: true,
    preferCSSPageSize: true,
    tagged: options.tagged ?? true,
    outline: options.outline ?? true,
  };
}
