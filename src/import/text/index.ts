export { cleanChars, collapseSpaces, decodeEntities, splitLines } from './chars.ts';
export {
  BULLET_GLYPHS,
  LINE_BULLET,
  normalizeCheckboxes,
  parseInline,
  type Span,
} from './inline.ts';
export {
  lineAt,
  normalizeReportText,
  type Cell,
  type LinePart,
  type NormalizeOptions,
  type NormalizedReport,
  type ReportLine,
} from './normalize.ts';
export { parseSwedishNumber, printedDecimals } from './numbers.ts';
export { removePageHeaders, type HeaderRemoval, type RemovedHeader } from './page-headers.ts';
