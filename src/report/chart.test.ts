import { describe, expect, it } from 'vitest';
import { radarOptions, renderRadarSvg, wrapLabel } from './chart.ts';
import { withoutInlineStyles } from './svg-chart.ts';
import type { RadarModel } from './model.ts';

const radar: RadarModel = {
  title: 'Resultatprofil Strängnäs 2016',
  description: 'Spindeldiagram <med> "citat" & mer.',
  axes: Array.from({ length: 8 }, (_, i) => ({
    number: i + 1,
    name: `Område nummer ${String(i + 1)}`,
  })),
  series: [
    {
      key: 'current',
      name: 'Strängnäs 2016',
      kind: 'current',
      values: [63, 60, 60, 67, 64, 49, 66, 68],
    },
    {
      key: 'previous',
      name: 'Strängnäs 2014',
      kind: 'previous',
      values: [54, 49, 77, 55, 58, 37, 60, null],
    },
    {
      key: 'average',
      name: 'Medelvärde',
      kind: 'average',
      values: [55, 57, 68, 57, 59, 58, 54, 68],
    },
    { key: 'a', name: 'Kungsbacka 2011', kind: 'picked', values: [70, 70, 70, 70, 70, 70, 70, 70] },
    { key: 'b', name: 'Örebro 2012', kind: 'picked', values: [60, 60, 60, 60, 60, 60, 60, 60] },
  ],
};

describe('radar chart', () => {
  it('has eight axes from 0 to 100, no animation, a background and the report font', () => {
    const options = radarOptions(radar) as {
      animation: boolean;
      backgroundColor: string;
      radar: { indicator: Array<{ min: number; max: number }> };
      textStyle: { fontFamily: string };
    };
    expect(options.animation).toBe(false);
    expect(options.backgroundColor).toBe('#ffffff');
    expect(options.textStyle.fontFamily).toBe('Liberation Sans, Arial, Helvetica, sans-serif');
    expect(options.radar.indicator).toHaveLength(8);
    expect(options.radar.indicator.every((axis) => axis.min === 0 && axis.max === 100)).toBe(true);
  });

  it('tells series apart by line style and symbol, never by patterns', () => {
    const options = radarOptions(radar) as {
      series: Array<{ data: Array<{ symbol: string; lineStyle: { type: string } }> }>;
      aria?: unknown;
    };
    const data = options.series[0]?.data ?? [];
    const looks = data.map((item) => `${item.lineStyle.type}/${item.symbol}`);
    expect(new Set(looks).size).toBe(looks.length);
    expect(JSON.stringify(options)).not.toContain('decal');
  });

  it('renders an SVG with role="img", an escaped title and description, and no inline CSS', () => {
    const svg = renderRadarSvg(radar);
    expect(svg).toMatch(/^<svg role="img" aria-labelledby="radar-title radar-desc"/);
    expect(svg).toContain('<title id="radar-title">Resultatprofil Strängnäs 2016</title>');
    expect(svg).toContain('&lt;med&gt; &quot;citat&quot; &amp; mer.');
    expect(svg).not.toContain('<style');
    expect(svg).not.toContain(' style="');
    expect(svg).toContain('font-family="Liberation Sans, Arial, Helvetica, sans-serif"');
    expect(svg).toContain('Kungsbacka 2011');
  });

  it('turns style attributes into presentation attributes', () => {
    expect(withoutInlineStyles('<text style="font-size:11px;fill:#333;">x</text>')).toBe(
      '<text font-size="11px" fill="#333">x</text>',
    );
  });

  it('wraps long axis names on spaces', () => {
    expect(wrapLabel('6. Kommunen som arbetsgivare - personalpolitik')).toBe(
      '6. Kommunen som\narbetsgivare -\npersonalpolitik',
    );
  });
});

describe('rendered charts are reused only for the same figures', () => {
  it('labels a reused chart with its own id and title, and redraws changed figures', () => {
    const first = renderRadarSvg(radar, { width: 400, height: 300 }, 'forsta');
    const again = renderRadarSvg(
      { ...radar, title: 'Annan rubrik' },
      { width: 400, height: 300 },
      'andra',
    );
    expect(again).toContain('<title id="andra-title">Annan rubrik</title>');
    expect(again).not.toContain('forsta-title');
    // Same figures: the same drawing under the other label.
    const body = (svg: string) =>
      svg.replace(/^<svg[^>]*>(<title[^>]*>[^<]*<\/title><desc[^>]*>[^<]*<\/desc>)?/, '');
    expect(body(again)).toBe(body(first));
    const changed = renderRadarSvg(
      {
        ...radar,
        series: radar.series.map((s, i) =>
          i === 0 ? { ...s, values: s.values.map(() => 10) } : s,
        ),
      },
      { width: 400, height: 300 },
      'forsta',
    );
    expect(body(changed)).not.toBe(body(first));
  });
});
