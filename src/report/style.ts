/**
 * The report's stylesheet, for the screen and for print (A4). Print rules: page numbers and a
 * running header in page-margin boxes (none on the title page), no table row split across
 * pages, headings kept with what follows, each chapter on a new page.
 */
export const REPORT_CSS = `
:root {
  --ink: #1a1a1a;
  --muted: #555;
  --accent: #1d4f91;
  --rule: #b9c3d0;
  --shade: #eef2f7;
  font-family: 'Liberation Sans', Arial, Helvetica, sans-serif;
  color: var(--ink);
  line-height: 1.45;
}
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem; font-size: 11pt; background: #fff; }
h1, h2, h3, h4, h5 { line-height: 1.2; color: var(--accent); break-after: avoid; page-break-after: avoid; }
h2 { font-size: 1.6em; margin: 0 0 0.8em; }
h3 { font-size: 1.25em; margin: 1.6em 0 0.6em; border-bottom: 2px solid var(--accent); padding-bottom: 0.2em; }
h4 { font-size: 1.05em; margin: 1em 0 0.3em; }
h5 { font-size: 0.95em; margin: 0.6em 0 0.2em; color: var(--ink); }
p, li { orphans: 3; widows: 3; }
.title-page { min-height: 24cm; display: flex; flex-direction: column; justify-content: center; }
.title-page .brand { font-size: 2.6em; font-weight: bold; color: var(--accent); margin: 0; letter-spacing: 0.02em; }
.title-page h1 { font-size: 2em; color: var(--ink); margin: 0.4em 0 1.2em; }
.title-page .period { display: block; font-size: 0.7em; font-weight: normal; color: var(--muted); margin-top: 0.4em; }
.title-page .evaluators ul { list-style: none; padding: 0; margin: 0 0 1em; }
.title-page .evaluators li { margin: 0.15em 0; }
.visually-plain { font-size: 1em; color: var(--muted); font-weight: normal; margin: 0 0 0.3em; }
.title-page .edition { color: var(--muted); }
.downloads ul { list-style: none; padding: 0; display: flex; gap: 1em; flex-wrap: wrap; }
.downloads a { color: var(--accent); }
.chapter { break-before: page; page-break-before: always; padding-top: 0.5em; }
table.figures { border-collapse: collapse; width: 100%; margin: 0.8em 0 1.2em; font-size: 0.95em; }
table.figures caption { text-align: left; font-size: 0.92em; color: var(--muted); padding-bottom: 0.4em; caption-side: top; }
table.figures th, table.figures td { border-bottom: 1px solid var(--rule); padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
table.figures thead th { background: var(--shade); border-bottom: 2px solid var(--accent); }
table.figures tfoot th, table.figures tfoot td, table.figures tr.sum th, table.figures tr.sum td { font-weight: bold; border-top: 2px solid var(--accent); }
table.figures .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.figures td.qid { white-space: nowrap; width: 2.5em; }
table.figures .col-current { font-weight: bold; }
.table-label { font-weight: bold; color: var(--ink); }
tr, li, .finding, figure, .facts dl > div { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
.notes { font-size: 0.88em; color: var(--muted); padding-left: 1.2em; }
figure.radar { margin: 1em 0; }
figure.radar .chart svg { display: block; width: 100%; height: auto; max-width: 12.5cm; margin: 0 auto; }
figure.radar figcaption { font-size: 0.92em; color: var(--muted); margin: 0.4em 0; }
table.chart-data { font-size: 0.85em; break-inside: avoid; page-break-inside: avoid; margin-top: 0.4em; }
table.chart-data .look { font-weight: normal; color: var(--muted); }
.area { break-before: auto; }
.area + .area { margin-top: 2em; }
table.area-head ul { margin: 0; padding-left: 1.1em; }
table.area-head td.score { font-size: 1.6em; font-weight: bold; color: var(--accent); width: 4em; vertical-align: middle; }
.text-block p { margin: 0.3em 0 0.7em; }
.findings { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.2em; margin: 1em 0; }
.findings > section { border-top: 3px solid var(--accent); background: var(--shade); padding: 0.2em 0.8em 0.6em; }
.findings .improvements { border-top-color: #b35900; }
.findings ul, .good-examples ul { margin: 0.2em 0; padding-left: 1.1em; }
.findings li, .good-examples li { margin: 0.25em 0; }
.empty { color: var(--muted); font-style: italic; }
.role-models { margin: 0.6em 0; }
.compare-with { margin: 1.2em 0 0.6em; border-left: 3px solid var(--rule); padding: 0 0 0 0.9em; }
.compare-with > p { margin: 0.2em 0 0.5em; color: var(--muted); font-size: 0.92em; }
.compare-with h5 { margin-top: 0.8em; }
.compare-with .own { margin: 0 0 0.3em; font-size: 0.92em; color: var(--muted); }
.compare-with ul.models { list-style: none; padding: 0; margin: 0.2em 0 0.4em; }
.compare-with ul.models > li { margin: 0.35em 0; }
.compare-with .model-name { font-weight: bold; }
.compare-with .texts { margin: 0.1em 0 0; padding-left: 1.1em; font-size: 0.95em; }
.compare-with .texts li { margin: 0.1em 0; }
.compare-with .kind { font-style: italic; color: var(--muted); }
.distribution-table { break-inside: auto; }
.distribution-table thead th:first-child { font-size: 1.05em; }
.facts dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.4em 1.5em; }
.facts dl > div { display: contents; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
.colophon { margin-top: 3em; font-size: 0.85em; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 0.5em; }
@media (max-width: 40rem) {
  .findings { grid-template-columns: 1fr; gap: 1em; }
}
@page {
  size: A4;
  margin: 20mm 18mm 20mm 18mm;
  @top-right { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 8.5pt; color: #555; }
  @bottom-center { content: "Sida " counter(page) " av " counter(pages); font-family: 'Liberation Sans', Arial, sans-serif; font-size: 9pt; color: #555; }
}
@page :first {
  @top-right { content: none; }
  @bottom-center { content: none; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .downloads { display: none; }
  a { color: inherit; text-decoration: none; }
  .findings > section { background: none; }
  table.figures thead th { background: none; }
}
`;
