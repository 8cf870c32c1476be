/**
 * Key-figure charts: one per series, target (dashed, triangles) against result (solid, circles)
 * per year, rendered on the server as SVG with ECharts (the pattern of src/report/chart.ts), so
 * the page and its printed view show the chart without JavaScript. The SVG carries `role="img"`,
 * a `<title>` and a `<desc>` that reads every value; the page prints the data table beside it.
 * Loaded on first use (ECharts is large).
 */
import type * as echarts from 'echarts';
import { CHART_FONT } from '../../../report/chart.ts';
import { renderSvgChart } from '../../../report/svg-chart.ts';
import { MISSING, formatNumber } from '../../../report/format.ts';
import type { KeyFigureSeries } from '../../../use-cases/self-assessment/rules.ts';

export const KEY_FIGURE_CHART = { width: 560, height: 300 };

interface LineLook {
  color: string;
  lineType: 'solid' | 'dashed';
  symbol: string;
}
const TARGET: LineLook = { color: '#b35900', lineType: 'dashed', symbol: 'triangle' };
const RESULT: LineLook = { color: '#1d4f91', lineType: 'solid', symbol: 'circle' };

const withUnit = (value: number | null, unit: string | null) =>
  value === null ? MISSING : `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;

/** The chart's title: "Sjukfrånvaro (%): mål och utfall per år". */
export function keyFigureChartTitle(series: KeyFigureSeries): string {
  return `${series.name}${series.unit ? ` (${series.unit})` : ''}: mål och utfall per år`;
}

/** Every value in words, for the SVG's description: "2006: mål 86 %, utfall 82 %. …". */
export function keyFigureChartDescription(series: KeyFigureSeries): string {
  return series.points
    .map(
      (point) =>
        `${String(point.year)}: mål ${withUnit(point.target, series.unit)}, utfall ${withUnit(point.result, series.unit)}`,
    )
    .join('. ');
}

/** ECharts options: years on the x axis, a target and a result line. */
export function keyFigureOptions(series: KeyFigureSeries): echarts.EChartsOption {
  const years = series.points.map((point) => String(point.year));
  const line = (
    name: string,
    look: LineLook,
    values: Array<number | null>,
  ): echarts.LineSeriesOption => ({
    type: 'line',
    name,
    silent: true,
    connectNulls: false,
    data: values,
    symbol: look.symbol,
    symbolSize: 9,
    lineStyle: { color: look.color, type: look.lineType, width: 2.5 },
    itemStyle: { color: look.color },
  });
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT, fontSize: 12, color: '#1a1a1a' },
    grid: { left: 56, right: 24, top: 24, bottom: 64 },
    legend: {
      bottom: 0,
      textStyle: { fontFamily: CHART_FONT, fontSize: 12 },
      data: [
        { name: 'Mål', icon: TARGET.symbol },
        { name: 'Utfall', icon: RESULT.symbol },
      ],
    },
    xAxis: { type: 'category', data: years, axisLabel: { color: '#1a1a1a' } },
    yAxis: {
      type: 'value',
      name: series.unit ?? '',
      axisLabel: { color: '#1a1a1a', formatter: (value: number) => formatNumber(value) },
      splitLine: { lineStyle: { color: '#d6d6d6' } },
    },
    series: [
      line(
        'Mål',
        TARGET,
        series.points.map((point) => point.target),
      ),
      line(
        'Utfall',
        RESULT,
        series.points.map((point) => point.result),
      ),
    ],
  };
}

/**
 * The chart of one series as an accessible SVG string. `id` must be unique on the page.
 *
 * @example
 * renderKeyFigureSvg(series, 'nyckeltal-1'); // "<svg role="img" aria-labelledby=…"
 */
export function renderKeyFigureSvg(series: KeyFigureSeries, id: string): string {
  return renderSvgChart({
    options: keyFigureOptions(series),
    size: KEY_FIGURE_CHART,
    id,
    title: keyFigureChartTitle(series),
    description: keyFigureChartDescription(series),
  });
}

/** The charts of all series, by series name. */
export function renderKeyFigureCharts(series: readonly KeyFigureSeries[]): Map<string, string> {
  return new Map(
    series.map((item, index) => [
      item.name,
      renderKeyFigureSvg(item, `nyckeltal-${String(index + 1)}`),
    ]),
  );
}
