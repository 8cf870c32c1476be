import { describe, expect, it } from 'vitest';
import { lineAt, normalizeReportText } from './normalize.ts';
import { readSeed } from './test-seeds.ts';

describe('normalizeReportText: characters', () => {
  it('removes the BOM and reads CRLF and lone CR as line breaks, keeping line numbers', () => {
    const { lines } = normalizeReportText('\ufeffFörsta\r\n\r\nAndra\rTredje');
    expect(lines.map((line) => [line.line, line.text])).toEqual([
      [1, 'Första'],
      [3, 'Andra Tredje'],
    ]);
  });

  it('composes decomposed accents and turns odd spaces into plain ones', () => {
    const { lines } = normalizeReportText('Stra\u0308ngna\u0308s\u00a0kommun\u202f2016');
    expect(lines[0]?.text).toBe('Strängnäs kommun 2016');
  });

  it('decodes HTML entities after reading tags, so an escaped tag stays text', () => {
    const { lines } = normalizeReportText('Delta &amp; påverka &lt;b&gt; &#229;r');
    expect(lines[0]?.text).toBe('Delta & påverka <b> år');
    expect(lines[0]?.bold).toBe(false);
  });
});

describe('normalizeReportText: markup', () => {
  it('reads markdown headings with their level and bold markers', () => {
    const { lines } = normalizeReportText('### **Brukarundersökningar**\n#### Allmänt');
    expect(lines[0]).toMatchObject({ heading: 3, bold: true, text: 'Brukarundersökningar' });
    expect(lines[1]).toMatchObject({ heading: 4, bold: false, text: 'Allmänt' });
  });

  it('keeps italic information: a bullet is italic only when all of it is', () => {
    const { lines } = normalizeReportText(
      ['- *Följ upp policyn.*', '- Ett projekt: *ATT – i takt med tiden*. Gott exempel.'].join(
        '\n',
      ),
    );
    expect(lines[0]).toMatchObject({ bullet: true, italic: true, text: 'Följ upp policyn.' });
    expect(lines[1]).toMatchObject({ bullet: true, italic: false });
    expect(lines[1]?.text).toBe('Ett projekt: ATT – i takt med tiden. Gott exempel.');
  });

  it.each(['•', '●', '-', '–', '*', '\uf0b7'])('recognises %j as a bullet', (glyph) => {
    const { lines } = normalizeReportText(`${glyph} Punkt ett\n${glyph} Punkt två`);
    expect(lines.map((line) => [line.bullet, line.text])).toEqual([
      [true, 'Punkt ett'],
      [true, 'Punkt två'],
    ]);
  });

  it('splits tab-separated cells and reads HTML lists inside a cell as bullet spans', () => {
    const { lines } = normalizeReportText(
      'agerande <ul style="x"> <li>• Deltar i nätverk</li> <li>• <i>Kursiv</i></li> </ul>\t<b>44</b>',
    );
    const cells = lines[0]?.cells ?? [];
    expect(cells.map((cell) => cell.text)).toEqual(['agerande Deltar i nätverk Kursiv', '44']);
    expect(cells[0]?.spans).toEqual([
      { text: 'agerande', bullet: false, bold: false, italic: false },
      { text: 'Deltar i nätverk', bullet: true, bold: false, italic: false },
      { text: 'Kursiv', bullet: true, bold: false, italic: true },
    ]);
    expect(cells[1]?.bold).toBe(true);
  });

  it('splits plain bullet glyphs inside one cell into separate items', () => {
    const { lines } = normalizeReportText('• Första punkten • Andra punkten\t• Tredje');
    expect(lines[0]?.cells?.[0]?.spans.map((span) => [span.bullet, span.text])).toEqual([
      [true, 'Första punkten'],
      [true, 'Andra punkten'],
    ]);
  });

  it('reads markdown pipe tables and drops separator rows', () => {
    const { lines } = normalizeReportText('| a | b |\n|---|---|\n| 1 | 2 |');
    expect(lines.map((line) => line.cells?.map((cell) => cell.text))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('turns checkboxes of every kind into ☒ and ☐', () => {
    const { lines } = normalizeReportText(
      '<input type="checkbox"/> Delvis <input checked="" type="checkbox"/> Fullt ut [x] Ja [ ] Nej ☑',
    );
    expect(lines[0]?.text).toBe('☐ Delvis ☒ Fullt ut ☒ Ja ☐ Nej ☒');
  });
});

describe('normalizeReportText: wrapping', () => {
  it('joins lines wrapped inside a paragraph and repairs words hyphenated at the break', () => {
    const { lines } = normalizeReportText(
      'Detta skapar goda förutsättningar för jäm-\nförelser med medborgar-\noch brukarundersökningar.\n\nNytt stycke.',
    );
    expect(lines.map((line) => line.text)).toEqual([
      'Detta skapar goda förutsättningar för jämförelser med medborgar- och brukarundersökningar.',
      'Nytt stycke.',
    ]);
    const paragraph = lines[0];
    if (!paragraph) throw new Error('no paragraph');
    expect(lineAt(paragraph, paragraph.text.indexOf('jämförelser'))).toBe(1);
    expect(lineAt(paragraph, paragraph.text.indexOf('förelser'))).toBe(2);
    expect(lineAt(paragraph, paragraph.text.indexOf('brukar'))).toBe(3);
  });

  it('joins a wrapped list item, with its italic markers on different lines', () => {
    const { lines } = normalizeReportText(
      '- *Arbeta utifrån strategin,\ngenomföra aktiviteter.*\n- Nästa',
    );
    expect(lines.map((line) => [line.italic, line.text])).toEqual([
      [true, 'Arbeta utifrån strategin, genomföra aktiviteter.'],
      [false, 'Nästa'],
    ]);
  });

  it('never joins table rows or headings with their neighbours', () => {
    const { lines } = normalizeReportText('## Område 1\nRubriker\tPoäng\nText under');
    expect(lines.map((line) => line.text)).toEqual(['Område 1', 'Rubriker\tPoäng', 'Text under']);
  });

  it('keeps lines apart when asked not to unwrap', () => {
    const { lines } = normalizeReportText('en\ntvå', { unwrap: false });
    expect(lines.map((line) => line.text)).toEqual(['en', 'två']);
  });
});

describe('normalizeReportText: running headers', () => {
  const header = (page: number): string =>
    `Sveriges Kommuner och Landsting 2009-10-01 ${page} (27)`;

  it('removes "text N (M)" headers that start each one-line page, and joins the pages', () => {
    const raw = [
      'RAPPORT 1 (27) Omslag',
      `${header(2)} Början av en mening som går över till nästa sida med jäm-`,
      `${header(3)} förelser och mer.`,
      `${header(4)} Sista sidan.`,
    ].join('\n');
    const { lines, removed } = normalizeReportText(raw);
    expect(removed.map((item) => [item.line, item.page])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.text).toBe(
      'Omslag Början av en mening som går över till nästa sida med jämförelser och mer. Sista sidan.',
    );
  });

  it('removes the same header in the middle of a line (pages joined by another run)', () => {
    const raw = `Text ${header(2)} mer text ${header(3)} ännu mer ${header(4)} slut`;
    expect(normalizeReportText(raw).lines[0]?.text).toBe('Text mer text ännu mer slut');
  });

  it('removes a header wrapped over two lines, keeping every other line number', () => {
    const raw = ['första', 'andra', 'tredje']
      .map(
        (word, index) =>
          `Slutet av ${word} sidan.\nSveriges Kommuner och\nLandsting 2009-10-01 ${String(index + 2)} (27) Ny sida`,
      )
      .join('\n');
    const { lines, removed } = normalizeReportText(raw);
    expect(removed.map((item) => [item.line, item.text])).toEqual([
      [2, 'Sveriges Kommuner och Landsting 2009-10-01 2 (27)'],
      [5, 'Sveriges Kommuner och Landsting 2009-10-01 3 (27)'],
      [8, 'Sveriges Kommuner och Landsting 2009-10-01 4 (27)'],
    ]);
    expect(lines[0]?.text).toBe(
      'Slutet av första sidan. Ny sida Slutet av andra sidan. Ny sida Slutet av tredje sidan. Ny sida',
    );
    expect(lines[0]?.parts.map((part) => part.line)).toEqual([1, 3, 4, 6, 7, 9]);
  });

  it('keeps a sentence that ends every page, though it repeats before each header', () => {
    const raw = [2, 3, 4]
      .map(
        (page) => `Se nästa sida. Sveriges Kommuner och Landsting 2009-10-01 ${String(page)} (27)`,
      )
      .join('\n');
    expect(normalizeReportText(raw).lines[0]?.text).toBe(
      'Se nästa sida. Se nästa sida. Se nästa sida.',
    );
  });

  it('removes page-number footers that count up, and keeps other numbers', () => {
    const raw = ['Stycke ett.', '', '7', '', 'Stycke två.', '8', 'Stycke tre.', '9', '100'];
    const { lines, removed } = normalizeReportText(raw.join('\n'));
    expect(removed.map((item) => item.text)).toEqual(['7', '8', '9']);
    expect(lines.map((line) => line.text)).toEqual(['Stycke ett.', 'Stycke två. Stycke tre. 100']);
  });

  it('leaves "N (M)" in the text alone when it does not repeat as a header', () => {
    const { lines, removed } = normalizeReportText('Se tabell 2 (3) nedan.');
    expect(removed).toEqual([]);
    expect(lines[0]?.text).toBe('Se tabell 2 (3) nedan.');
  });

  it('takes all 20 page headers out of the Södertälje 2006 analysis', () => {
    const { lines, removed } = normalizeReportText(readSeed('kommunkompassen-sodertalje-2006.txt'));
    expect(removed).toHaveLength(20);
    expect(removed.map((item) => item.page)).toEqual(
      Array.from({ length: 20 }, (_, index) => index + 1),
    );
    const text = lines.map((line) => line.text).join('\n');
    expect(text).not.toContain('Landsting 2009-10-01');
    expect(text).not.toMatch(/\d+ \(27\)/);
    expect(text).toContain('lära genom jämförelser med andra kommuner');
  });
});
