/**
 * Server-side rendering of an ECharts chart to an accessible SVG string, shared by the report's
 * radar, the municipality history lines and the key-figure charts: ECharts' SSR output without
 * inline styles (the CSP forbids them), labelled with `role="img"`, a `<title>` and a `<desc>`.
 *
 * Rendering is deterministic in the options and the size, and costs 5–15 ms of CPU per chart
 * (a municipality page draws nine), so the unlabelled SVG is kept in a bounded LRU keyed by
 * both: the same figures draw the same chart without ECharts. Nothing else is cached, so a
 * changed figure is a different key and never a stale chart.
 */
import * as echarts from 'echarts';
import { LRUCache } from 'lru-cache';

export interface ChartSize {
  width: number;
  height: number;
}

export interface SvgChart {
  options: echarts.EChartsOption;
  size: ChartSize;
  /** Prefix of the ids of the title and description, unique on the page. */
  id: string;
  title: string;
  /** A sentence for screen readers: what the chart shows and where the figures are. */
  description: string;
}

/** At most this many characters of SVG are kept (about 16 MB as UTF-16). */
const CACHE_CHARACTERS = 8_000_000;

const rendered = new LRUCache<string, string>({
  maxSize: CACHE_CHARACTERS,
  sizeCalculation: (svg, key) => svg.length + key.length,
});

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The SVG without CSS: ECharts writes text styles as `style` attributes and adds a `<style>`
 * with hover rules, both of which a Content Security Policy without 'unsafe-inline' blocks.
 * Styles become presentation attributes (`font-size="11px"`); the hover rules go (the chart is
 * static).
 */
export function withoutInlineStyles(svg: string): string {
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_match, declarations: string) =>
      declarations
        .split(';')
        .map((declaration) => declaration.trim())
        .filter((declaration) => declaration.includes(':'))
        .map((declaration) => {
          const at = declaration.indexOf(':');
          const property = declaration.slice(0, at).trim();
          const value = declaration
            .slice(at + 1)
            .trim()
            .replace(/"/g, '&quot;');
          return ` ${property}="${value}"`;
        })
        .join(''),
    );
}

function renderUnlabelled(options: echarts.EChartsOption, size: ChartSize): string {
  // Functions in the options (an axis label formatter) are left out of the key: they must
  // depend on the values they are given only, as the key-figure chart's number formatter does.
  const key = JSON.stringify([size.width, size.height, options]);
  const known = rendered.get(key);
  if (known !== undefined) return known;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption(options);
    const svg = withoutInlineStyles(chart.renderToSVGString());
    rendered.set(key, svg);
    return svg;
  } finally {
    chart.dispose();
  }
}

/**
 * The chart as an SVG string ready to inline, labelled by its title and description.
 *
 * @example
 * renderSvgChart({ options, size: { width: 640, height: 380 }, id: 'totalt',
 *   title: 'Totalt', description: 'Totalpoäng per utvärdering; siffrorna står i tabellen.' });
 */
export function renderSvgChart(chart: SvgChart): string {
  const { id } = chart;
  return renderUnlabelled(chart.options, chart.size)
    .replace(
      /^<svg\b/,
      `<svg role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"`,
    )
    .replace(
      /^(<svg[^>]*>)/,
      `$1<title id="${id}-title">${escapeXml(chart.title)}</title>` +
        `<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`,
    );
}
