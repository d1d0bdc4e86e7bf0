// Report charts as PNG images, drawn offline: echarts renders SVG on the server (no DOM, no
// browser) and resvg turns it into a PNG with the machine's fonts (see fonts.ts for Chinese).
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { PRIORITIES } from '../../domain/priority.js';
import type { TrendPoint } from '../../domain/reports/service-report.js';
import type { Translate } from '../../i18n/index.js';

export const CHART_SIZE = { width: 800, height: 400 } as const;

const FONT = { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' };
const PRIORITY_COLOURS = ['#c0392b', '#e67e22', '#2e86c1', '#7f8c8d'];

/** The chart as an SVG document (what resvg rasterises). */
export function chartSvg(option: EChartsOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...CHART_SIZE });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: 'sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    // Without dispose, echarts keeps a timer that holds the process open.
    chart.dispose();
  }
}

export function chartPng(option: EChartsOption): Buffer {
  return new Resvg(chartSvg(option), { font: FONT }).render().asPng();
}

/** Period labels: the month 'YYYY-MM', or a week's first day 'MM-DD'. */
function axisLabels(trend: readonly TrendPoint[]): string[] {
  return trend.map((point) => (point.period.kind === 'month' ? point.period.label : point.period.label.slice(5)));
}

/** Response and resolution attainment per period, in percent (gaps where nothing was settled). */
export function slaTrendOption(trend: readonly TrendPoint[], t: Translate): EChartsOption {
  const line = (name: string, values: (number | null)[]) => ({ name, type: 'line' as const, data: values.map((value) => (value === null ? null : Math.round(value * 10) / 10)), label: { show: true, formatter: '{c}%' }, connectNulls: false });
  return {
    title: { text: t('report.chart.sla.title'), left: 'center' },
    legend: { bottom: 0 },
    grid: { left: 60, right: 30, top: 50, bottom: 60 },
    xAxis: { type: 'category', data: axisLabels(trend) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [line(t('report.chart.sla.response'), trend.map((point) => point.response.rate)), line(t('report.chart.sla.resolution'), trend.map((point) => point.resolution.rate))],
  };
}

/** Incidents opened per period, stacked by priority. */
export function volumeOption(trend: readonly TrendPoint[], t: Translate): EChartsOption {
  return {
    title: { text: t('report.chart.volume.title'), left: 'center' },
    legend: { bottom: 0 },
    color: PRIORITY_COLOURS,
    grid: { left: 60, right: 30, top: 50, bottom: 60 },
    xAxis: { type: 'category', data: axisLabels(trend) },
    yAxis: { type: 'value', minInterval: 1 },
    series: PRIORITIES.map((priority) => ({ name: priority, type: 'bar' as const, stack: 'opened', data: trend.map((point) => point.openedByPriority[priority]) })),
  };
}
