/**
 * The radar chart (spindeldiagram) of a report: pure ECharts options from the report model, and
 * their server-side SVG rendering, so the HTML page and the PDF show the same vector chart
 * without JavaScript. ECharts' own `aria` adds nothing in SSR: the SVG gets `role="img"`, a
 * `<title>` and a `<desc>` here, and the view prints the data table beside it. Series differ by
 * line style and symbol (pattern fills made Chromium's PDF slow and large).
 */
import type * as echarts from 'echarts';
import type { RadarModel, RadarSeries } from './model.ts';
import { renderSvgChart, type ChartSize } from './svg-chart.ts';

export const CHART_FONT = 'Liberation Sans, Arial, Helvetica, sans-serif';
export const CHART_WIDTH = 620;
export const CHART_HEIGHT = 470;

/** Colour, line and symbol per series, told apart without colour too. */
interface SeriesLook {
  color: string;
  lineType: 'solid' | 'dashed' | 'dotted';
  width: number;
  symbol: string;
  area: boolean;
}

const LOOKS: Record<RadarSeries['kind'], SeriesLook> = {
  current: { color: '#1d4f91', lineType: 'solid', width: 3, symbol: 'circle', area: true },
  previous: { color: '#b35900', lineType: 'dashed', width: 2, symbol: 'triangle', area: false },
  average: { color: '#4d4d4d', lineType: 'dotted', width: 2, symbol: 'rect', area: false },
  picked: { color: '#2e7d32', lineType: 'dashed', width: 2, symbol: 'diamond', area: false },
};
/** Further picked municipalities: other colours and symbols. */
const PICKED_EXTRA: Array<Pick<SeriesLook, 'color' | 'symbol' | 'lineType'>> = [
  { color: '#2e7d32', symbol: 'diamond', lineType: 'dashed' },
  { color: '#7b1fa2', symbol: 'pin', lineType: 'solid' },
  { color: '#00838f', symbol: 'roundRect', lineType: 'dotted' },
  { color: '#ad1457', symbol: 'arrow', lineType: 'dashed' },
];

/** Wraps an axis name on spaces so no line is longer than `width` characters. */
export function wrapLabel(text: string, width = 18): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** The series' look: the style the legend and the data table describe. */
export function seriesLooks(radar: RadarModel): SeriesLook[] {
  let picked = 0;
  return radar.series.map((series) => {
    if (series.kind !== 'picked') return LOOKS[series.kind];
    const extra = PICKED_EXTRA[picked % PICKED_EXTRA.length] ?? PICKED_EXTRA[0];
    picked += 1;
    return { ...LOOKS.picked, ...extra };
  });
}

/** ECharts options for the radar: 0–100 on each axis, one series per column of the summary. */
export function radarOptions(radar: RadarModel): echarts.EChartsOption {
  const looks = seriesLooks(radar);
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT, fontSize: 12, color: '#1a1a1a' },
    legend: {
      bottom: 0,
      itemGap: 18,
      textStyle: { fontFamily: CHART_FONT, fontSize: 12 },
      data: radar.series.map((series, index) => ({
        name: series.name,
        icon: looks[index]?.symbol ?? 'circle',
      })),
      itemWidth: 14,
      itemHeight: 14,
    },
    radar: {
      center: ['50%', '48%'],
      radius: '62%',
      startAngle: 90,
      splitNumber: 5,
      shape: 'polygon',
      axisName: { color: '#1a1a1a', fontFamily: CHART_FONT, fontSize: 11 },
      axisLabel: { show: false },
      splitLine: { lineStyle: { color: '#c8c8c8' } },
      splitArea: { show: false },
      axisLine: { lineStyle: { color: '#9a9a9a' } },
      indicator: radar.axes.map((axis) => ({
        name: wrapLabel(`${String(axis.number)}. ${axis.name}`),
        min: 0,
        max: 100,
      })),
    },
    series: [
      {
        type: 'radar',
        silent: true,
        data: radar.series.map((series, index) => {
          const look = looks[index] ?? LOOKS.picked;
          return {
            name: series.name,
            // ECharts has no "unknown" on a radar axis: 0 is drawn, and the table says "–".
            value: series.values.map((value) => value ?? 0),
            symbol: look.symbol,
            symbolSize: series.kind === 'current' ? 7 : 8,
            lineStyle: { color: look.color, type: look.lineType, width: look.width },
            itemStyle: { color: look.color },
            ...(look.area ? { areaStyle: { color: look.color, opacity: 0.12 } } : {}),
          };
        }),
      },
    ],
  };
}

/**
 * The radar as an SVG string with `role="img"`, `aria-labelledby` and a `<title>`/`<desc>`:
 * ready to inline in the HTML report. `id` prefixes the ids of the title and description.
 *
 * @example
 * const svg = renderRadarSvg(model.radar); // "<svg role="img" …"
 */
export function renderRadarSvg(
  radar: RadarModel,
  size: ChartSize = { width: CHART_WIDTH, height: CHART_HEIGHT },
  id = 'radar',
): string {
  return renderSvgChart({
    options: radarOptions(radar),
    size,
    id,
    title: radar.title,
    description: radar.description,
  });
}
