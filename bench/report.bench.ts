/**
 * Report speed on Strängnäs 2016 (imported from its seed into an in-memory PGlite): loading the
 * model from the database, rendering the HTML (chart included), printing the PDF with a warm
 * browser, and printing the same PDF from a saved static copy of the HTML (`file://`), the floor
 * a print from our pipeline can approach. Medians of several runs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openPgliteMemory } from '../src/db/client.ts';
import { listEditions } from '../src/db/repositories/editions.ts';
import { ensurePgliteTemplate, readPgliteTemplate } from '../src/db/test-templates.ts';
import { loadMunicipalities } from '../src/reference/municipalities.ts';
import { renderRadarSvg } from '../src/report/chart.ts';
import { loadReportModel } from '../src/report/load.ts';
import { ReportPrinter } from '../src/report/pdf.ts';
import { renderReportHtml } from '../src/report/view.tsx';
import { importReport } from '../src/use-cases/import-report.ts';

interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

const SEED = 'kommunkompassen-strangnas-2016.txt';
const HTML_RUNS = 30;
const PDF_RUNS = 8;

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export async function run(): Promise<BenchFigure[]> {
  const database = await openPgliteMemory(readPgliteTemplate(await ensurePgliteTemplate()));
  const dir = mkdtempSync(join(tmpdir(), 'kompass-report-bench-'));
  let printer: ReportPrinter | undefined;
  try {
    const db = database.db;
    const outcome = await importReport({
      db,
      bytes: readFileSync(new URL(`../../shared/seeds/${SEED}`, import.meta.url)),
      source: SEED,
      editions: (await listEditions(db)).map((edition) => edition.definition),
      municipalities: loadMunicipalities(),
    });
    if (outcome.status === 'failed')
      throw new Error(`import failed: ${outcome.issues[0]?.message ?? ''}`);
    const id = outcome.evaluation.id;

    const loads: number[] = [];
    const charts: number[] = [];
    const renders: number[] = [];
    let html = '';
    for (let i = 0; i < HTML_RUNS; i += 1) {
      const load = await timed(() => loadReportModel(db, id));
      loads.push(load.ms);
      charts.push((await timed(() => renderRadarSvg(load.value.radar))).ms);
      const render = await timed(() => renderReportHtml(load.value));
      renders.push(render.ms);
      html = render.value;
    }
    const figures: BenchFigure[] = [
      { name: 'load the report model from PGlite (median)', value: median(loads), unit: 'ms' },
      { name: 'radar chart SVG (median)', value: median(charts), unit: 'ms' },
      { name: 'HTML report render, chart included (median)', value: median(renders), unit: 'ms' },
      { name: 'HTML report size', value: html.length / 1024, unit: 'KiB' },
    ];

    const launch = await timed(() => ReportPrinter.launch());
    printer = launch.value;
    const saved = join(dir, 'rapport.html');
    writeFileSync(saved, html);
    const url = pathToFileURL(saved).href;
    // Warm-up: the first print pays for fonts and the renderer process.
    await printer.print(html);
    await printer.printUrl(url);
    const pipeline: number[] = [];
    const floor: number[] = [];
    let pdfBytes = 0;
    for (let i = 0; i < PDF_RUNS; i += 1) {
      const full = await timed(async () => {
        const model = await loadReportModel(db, id);
        return printer?.print(renderReportHtml(model));
      });
      pipeline.push(full.ms);
      pdfBytes = full.value?.length ?? 0;
      floor.push((await timed(() => printer?.printUrl(url))).ms);
    }
    figures.push(
      { name: 'Chromium launch', value: launch.ms, unit: 'ms' },
      {
        name: 'PDF per report, warm browser: load + HTML + print (median)',
        value: median(pipeline),
        unit: 'ms',
      },
      {
        name: 'PDF from the saved static HTML, same browser (median)',
        value: median(floor),
        unit: 'ms',
      },
      {
        name: 'ratio: report PDF / static HTML PDF',
        value: median(pipeline) / median(floor),
        unit: '×',
      },
      { name: 'PDF size', value: pdfBytes / 1024, unit: 'KiB' },
    );
    return figures;
  } finally {
    await printer?.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
