import { cleanChars, decodeEntities, splitLines } from '../text/chars.ts';
import { removePageHeaders } from '../text/page-headers.ts';

/** Control characters that are never text (tab, line feed and carriage return are kept). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * A report's text after character clean-up and with running page headers taken out, with a
 * map from offsets back to 1-based line numbers of the original file. Clean-up never adds or
 * removes a line (a line that held only a header becomes empty), so the numbers match what an
 * editor shows for the file as given.
 */
export class SourceText {
  readonly text: string;
  readonly lines: readonly string[];
  private readonly starts: number[];

  constructor(raw: string) {
    const cleaned = splitLines(raw).map((line) =>
      cleanChars(decodeEntities(line.replace(CONTROL, ' '))),
    );
    this.lines = removePageHeaders(cleaned).lines.map((line) => line ?? '');
    this.text = this.lines.join('\n');
    this.starts = [];
    let offset = 0;
    for (const line of this.lines) {
      this.starts.push(offset);
      offset += line.length + 1;
    }
  }

  /** The 1-based line number of a character offset in `text`. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** The offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1] ?? 0;
  }
}
