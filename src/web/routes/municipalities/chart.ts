/**
 * The municipality page's history chart: scores over the evaluations of one municipality as a
 * server-rendered ECharts line chart (SVG, no JavaScript), in the pattern of the report's radar
 * (src/report/chart.ts): `role="img"`, a `<title>` and a `<desc>`, no inline styles, and the
 * page prints the same figures as a table beside it. Lines differ by dash and symbol too, so
 * they are told apart without colour.
 */
import type * as echarts from 'echarts';
import { CHART_FONT } from '../../../report/chart.ts';
import { renderSvgChart, type ChartSize } from '../../../report/svg-chart.ts';

export interface LineSeries {
  name: string;
  /** One value per category; null where the evaluation has none (a gap in the line). */
  values: ReadonlyArray<number | null>;
}

export interface LineChartModel {
  title: string;
  /** A sentence for screen readers: what the chart shows and where the figures are. */
  description: string;
  /** The x axis, in order (e.g. "2014", "2016"). */
  categories: readonly string[];
  /** The y axis runs from 0 to this. */
  max: number;
  series: readonly LineSeries[];
}

const COLORS = [
  '#1d4f91',
  '#b35900',
  '#2e7d32',
  '#7b1fa2',
  '#00838f',
  '#ad1457',
  '#4d4d4d',
  '#8d6e00',
];
const SYMBOLS = ['circle', 'triangle', 'rect', 'diamond', 'pin', 'roundRect', 'arrow', 'circle'];
const LINE_TYPES = ['solid', 'dashed', 'dotted'] as const;

export function lineOptions(model: LineChartModel): echarts.EChartsOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT, fontSize: 12, color: '#1a1a1a' },
    grid: { left: 48, right: 24, top: 24, bottom: model.series.length > 4 ? 96 : 64 },
    legend: {
      bottom: 0,
      itemGap: 14,
      textStyle: { fontFamily: CHART_FONT, fontSize: 12 },
      data: model.series.map((series, index) => ({
        name: series.name,
        icon: SYMBOLS[index % SYMBOLS.length] ?? 'circle',
      })),
    },
    xAxis: {
      type: 'category',
      data: [...model.categories],
      boundaryGap: model.categories.length === 1,
      axisLabel: { color: '#1a1a1a' },
      axisLine: { lineStyle: { color: '#6b6b6b' } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: model.max,
      axisLabel: { color: '#1a1a1a' },
      splitLine: { lineStyle: { color: '#d9d9d9' } },
    },
    series: model.series.map((series, index) => {
      const color = COLORS[index % COLORS.length] ?? '#1d4f91';
      return {
        type: 'line' as const,
        name: series.name,
        silent: true,
        connectNulls: false,
        data: [...series.values],
        symbol: SYMBOLS[index % SYMBOLS.length] ?? 'circle',
        symbolSize: 8,
        lineStyle: {
          color,
          width: 2,
          type: LINE_TYPES[Math.floor(index / 3) % LINE_TYPES.length] ?? 'solid',
        },
        itemStyle: { color },
      };
    }),
  };
}

/**
 * The chart as an SVG string ready to inline, labelled by its title and description. `id`
 * prefixes the ids of both, so two charts can share a page.
 *
 * @example
 * renderLineSvg({ title: 'Totalt', description: '…', categories: ['2014'], max: 800,
 *   series: [{ name: 'Totalt', values: [437] }] }, 'totalt');
 */
export function renderLineSvg(
  model: LineChartModel,
  id: string,
  size: ChartSize = { width: 640, height: 380 },
): string {
  return renderSvgChart({
    options: lineOptions(model),
    size,
    id,
    title: model.title,
    description: model.description,
  });
}
