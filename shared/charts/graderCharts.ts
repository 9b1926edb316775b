// Chart specifications for one automated grader, built from its GraderReport: the dashboard draws
// them in the browser and `concord report` renders them to SVG, so both show the same figures.
import type { EChartsOption } from 'echarts';
import type { GraderReport } from '../graders/types';
import { palette } from './agreementCharts';

const base: EChartsOption = { animation: false, textStyle: { fontFamily: 'Inter, system-ui, sans-serif', color: palette.ink } };
const unitAxis = (name: string) => ({
  type: 'value' as const,
  min: 0,
  max: 1,
  interval: 0.2,
  name,
  nameLocation: 'middle' as const,
  nameGap: 28,
  nameTextStyle: { color: palette.muted, fontSize: 11 },
  axisLabel: { fontSize: 11 },
  splitLine: { lineStyle: { color: palette.grid } },
});
const grid = { left: 52, right: 20, top: 28, bottom: 46 };
const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Reliability diagram (DeGroot & Fienberg 1983): per score bin, the mean score against the share of
 * items the humans marked positive; the diagonal is perfect calibration.
 */
export function reliabilityChart(g: GraderReport): EChartsOption {
  const points = g.bins.filter((b) => b.n > 0).map((b) => [round(b.meanScore!), round(b.humanPositiveRate!), b.n]);
  return {
    ...base,
    grid,
    legend: { top: 0, left: 48, itemWidth: 14, textStyle: { fontSize: 11 }, data: ['grader', 'perfectly calibrated'] },
    tooltip: { trigger: 'item', formatter: (p: unknown) => { const v = (p as { value: number[] }).value; return v.length > 2 ? `mean score ${v[0]}<br>human positive rate ${v[1]}<br>${v[2]} items` : ''; } },
    xAxis: unitAxis('mean grader score in the bin'),
    yAxis: unitAxis('human positive rate'),
    series: [
      { name: 'perfectly calibrated', type: 'line', data: [[0, 0], [1, 1]], symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: palette.muted, width: 1 }, itemStyle: { color: palette.muted } },
      {
        name: 'grader',
        type: 'line',
        data: points,
        symbol: 'circle',
        symbolSize: (v: number[]) => Math.max(6, Math.min(18, 4 + Math.sqrt(v[2]) * 1.5)),
        lineStyle: { color: palette.accent, width: 2 },
        itemStyle: { color: palette.accent },
      },
    ],
  };
}

/** Precision against recall as the threshold moves (Davis & Goadrich 2006), the chosen and the F1-best thresholds marked. */
export function precisionRecallChart(g: GraderReport): EChartsOption {
  const curve = g.curve.filter((p) => p.precision !== null && p.recall !== null).map((p) => [round(p.recall!), round(p.precision!), p.threshold]);
  const marks: { name: string; value: number[]; color: string }[] = [];
  if (g.precision.value !== null && g.recall.value !== null) marks.push({ name: `at ${g.threshold}`, value: [round(g.recall.value), round(g.precision.value)], color: palette.below });
  if (g.bestF1?.precision != null && g.bestF1.recall !== null) marks.push({ name: 'best F1', value: [round(g.bestF1.recall), round(g.bestF1.precision)], color: palette.ok });
  return {
    ...base,
    grid,
    legend: { top: 0, left: 48, itemWidth: 14, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'item', formatter: (p: unknown) => { const v = (p as { value: number[] }).value; return `recall ${v[0]}<br>precision ${v[1]}${v.length > 2 ? `<br>threshold ${round(v[2])}` : ''}`; } },
    xAxis: unitAxis('recall'),
    yAxis: unitAxis('precision'),
    series: [
      { name: 'all thresholds', type: 'line', step: 'end', data: curve, symbol: 'none', lineStyle: { color: palette.accent, width: 2 }, itemStyle: { color: palette.accent } },
      ...marks.map((m) => ({ name: m.name, type: 'line' as const, data: [m.value], symbol: 'circle', symbolSize: 11, lineStyle: { opacity: 0 }, itemStyle: { color: m.color, borderColor: '#fff', borderWidth: 2 }, z: 5 })),
    ],
  };
}
