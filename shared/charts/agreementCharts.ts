// Chart specifications for the agreement dashboard and the standalone HTML report, as ECharts
// options built from the same AgreementView: the app draws them in the browser, `concord report`
// renders them to SVG on the server, so both always show the same figures.
import type { EChartsOption } from 'echarts';
import type { AgreementView } from '../api/types';
import type { FieldAgreement } from '../agreement/reportTypes';
import { fieldAlpha, thresholdStatus, type ThresholdStatus } from '../agreement/threshold';

export const palette = { ok: '#2b8a7e', below: '#d9480f', uncertain: '#f08c00', na: '#adb5bd', ink: '#343a40', grid: '#e9ecef', accent: '#4c6ef5', muted: '#868e96' };

/** A threshold status's colour, everywhere a figure is coloured by it. */
export const statusColor: Record<ThresholdStatus, string> = { meets: palette.ok, below: palette.below, uncertain: palette.uncertain, 'not-measurable': palette.na };
const base: EChartsOption = { animation: false, textStyle: { fontFamily: 'Inter, system-ui, sans-serif', color: palette.ink }, grid: { left: 56, right: 24, top: 72, bottom: 40, containLabel: true } };

export interface AlphaBar {
  /** The field's title, or the category's. */
  label: string;
  field: string;
  fieldTitle: string;
  /** A single-valued field's alpha, a multi-select field's alpha over whole sets, or one of its categories. */
  kind: 'field' | 'set' | 'category';
  alpha: number | null;
  ci: [number, number] | null;
  reason?: string;
  n: number;
  status: ThresholdStatus;
}

/** Alpha per field (whole sets for multi-select) and per category of multi-select fields, with bootstrap CIs and their threshold status. */
export function alphaBars(view: AgreementView): AlphaBar[] {
  const out: AlphaBar[] = [];
  for (const f of view.report.fields) {
    const fa = fieldAlpha(f);
    if (fa.alpha) {
      out.push({ label: f.title, field: f.key, fieldTitle: f.title, kind: f.summary ? 'field' : 'set', alpha: fa.alpha.value, ci: fa.ci, reason: fa.alpha.reason, n: fa.alpha.n.pairableItems, status: thresholdStatus(fa.alpha.value, fa.ci, view.threshold) });
    }
    for (const c of f.categories ?? []) {
      const a = c.summary.krippendorffAlpha;
      const ci = c.summary.ci?.krippendorffAlpha.interval ?? null;
      out.push({ label: c.title, field: f.key, fieldTitle: f.title, kind: 'category', alpha: a.value, ci, reason: a.reason, n: a.n.pairableItems, status: thresholdStatus(a.value, ci, view.threshold) });
    }
  }
  return out;
}

/** Bars of alpha with CI whiskers; bars under the owner's threshold stand out, undefined ones are grey. */
export function alphaChart(view: AgreementView): EChartsOption {
  const bars = alphaBars(view);
  const t = view.threshold;
  return {
    ...base,
    title: { text: "Krippendorff's alpha by field and category", subtext: `dashed line: threshold ${t} · whiskers: 95% CI · colour: meets / uncertain / below by the CI`, left: 0, textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 11, color: palette.muted } },
    tooltip: { trigger: 'axis' },
    grid: { left: 110, right: 24, top: 64, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: bars.map((b) => b.label), axisLabel: { rotate: 30, interval: 0, fontSize: 11, width: 150, overflow: 'truncate' } },
    yAxis: { type: 'value', min: (v: { min: number }) => Math.min(0, Math.floor(v.min * 10) / 10), max: 1, splitLine: { lineStyle: { color: palette.grid } } },
    series: [
      {
        name: 'alpha',
        type: 'bar',
        barMaxWidth: 28,
        data: bars.map((b) => ({
          value: b.alpha ?? 0,
          itemStyle: { color: statusColor[b.status] },
          label: b.alpha === null ? { show: true, position: 'top', formatter: 'n/a', color: palette.muted } : undefined,
        })),
        markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: palette.below }, label: { show: false }, data: [{ yAxis: t }] },
      },
      {
        name: '95% CI',
        type: 'custom',
        renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: [number, number]) => number[]; size: (p: [number, number]) => number[] }) => {
          const x = api.value(0);
          const lo = api.coord([x, api.value(1)]);
          const hi = api.coord([x, api.value(2)]);
          const w = (api.size([1, 0])[0] ?? 20) * 0.15;
          const style = { stroke: palette.ink, lineWidth: 1.5 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
              { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style },
              { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style },
            ],
          };
        },
        encode: { x: 0, y: [1, 2] },
        data: bars.flatMap((b, i) => (b.ci ? [[i, b.ci[0], b.ci[1]]] : [])),
        z: 10,
      } as never,
    ],
  };
}

function heatmap(title: string, xs: string[], ys: string[], cells: [number, number, number | null][], range: [number, number], fmt = (v: number) => v.toFixed(2)): EChartsOption {
  return {
    ...base,
    title: { text: title, left: 0, textStyle: { fontSize: 14 } },
    tooltip: { position: 'top' },
    grid: { left: 40, right: 24, top: 40, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: xs, splitArea: { show: true }, axisLabel: { interval: 0, fontSize: 11, width: Math.max(60, Math.floor(760 / Math.max(1, xs.length))), overflow: 'truncate' } },
    yAxis: { type: 'category', data: ys, splitArea: { show: true }, axisLabel: { fontSize: 11, width: 180, overflow: 'truncate' } },
    visualMap: { min: range[0], max: range[1], calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160, text: [fmt(range[1]), fmt(range[0])], inRange: { color: ['#fff5f5', '#ffd8a8', '#96f2d7', '#0ca678'] } },
    series: [
      {
        type: 'heatmap',
        data: cells.map(([x, y, v]) => [x, y, v ?? '-']),
        label: { show: true, fontSize: 11, formatter: (p: { value: unknown }) => { const v = (p.value as unknown[])[2]; return typeof v === 'number' ? fmt(v) : 'n/a'; } },
      },
    ],
  };
}

/** A value as people read it: its title in the guideline (an ordinal level with its number: "3 · High"). */
export function valueTitle(field: FieldAgreement, value: unknown): string {
  const v = field.values?.find((x) => String(x.value) === String(value));
  if (!v) return String(value);
  return field.type === 'ordinal' ? `${v.value} · ${v.title}` : v.title;
}

/** Which kappa a field's pairwise and per-rater figures are: "quadratic weights" or "unweighted". */
export function kappaWeightsLabel(field: FieldAgreement): string {
  const w = field.pairwise[0]?.weights ?? field.perRater[0]?.kappaWeights ?? 'identity';
  return w === 'identity' ? 'unweighted' : `${w} weights`;
}

/** Cohen's kappa for every pair of raters on the items they share (null when no pair's kappa is defined). */
export function pairwiseChart(field: FieldAgreement): EChartsOption | null {
  if (!field.pairwise.some((p) => p.kappa.value !== null)) return null;
  const raters = [...new Set(field.pairwise.flatMap((p) => [p.raterA, p.raterB]))].sort();
  const cells: [number, number, number | null][] = [];
  for (const p of field.pairwise) {
    const a = raters.indexOf(p.raterA);
    const b = raters.indexOf(p.raterB);
    cells.push([a, b, p.kappa.value], [b, a, p.kappa.value]);
  }
  raters.forEach((_, i) => cells.push([i, i, 1]));
  return heatmap(`Pairwise Cohen's kappa (${kappaWeightsLabel(field)}): ${field.title}`, raters, raters, cells, [-0.2, 1]);
}

/** Each rater's label against the majority of the others (pooled counts). */
export function confusionChart(field: FieldAgreement): EChartsOption | null {
  const m = field.confusionVsConsensus;
  if (!m || m.categories.length < 2) return null;
  const names = m.categories.map((c) => valueTitle(field, c));
  const cells: [number, number, number][] = [];
  m.counts.forEach((row, i) => row.forEach((n, j) => cells.push([j, i, n])));
  const max = Math.max(1, ...cells.map((c) => c[2]));
  return { ...heatmap(`Confusion: ${field.title} (rater, rows) vs consensus (columns)`, names, names, cells, [0, max], (v) => String(v)) };
}

/** Per rater: agreement with the others, kappa against their consensus, accuracy on gold. */
export function raterChart(field: FieldAgreement): EChartsOption {
  const raters = field.perRater.map((r) => r.rater);
  const gold = new Map(field.vsGold.map((g) => [g.rater, g.accuracy.value]));
  return {
    ...base,
    title: { text: `Raters: ${field.title}`, left: 0, textStyle: { fontSize: 14 } },
    legend: { top: 30, left: 0, itemGap: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: raters },
    yAxis: { type: 'value', min: -0.2, max: 1, splitLine: { lineStyle: { color: palette.grid } } },
    series: [
      { name: 'agreement with others', type: 'bar', data: field.perRater.map((r) => r.agreementWithOthers.value), itemStyle: { color: palette.accent } },
      { name: `kappa vs consensus (${kappaWeightsLabel(field)})`, type: 'bar', data: field.perRater.map((r) => r.kappaVsOthers.value), itemStyle: { color: palette.ok } },
      { name: 'gold accuracy', type: 'bar', data: raters.map((r) => gold.get(r) ?? null), itemStyle: { color: '#f59f00' } },
    ],
  };
}

export function overTimeChart(view: AgreementView): EChartsOption {
  const fields = view.report.fields;
  return {
    ...base,
    title: { text: 'Agreement over time (cumulative alpha)', left: 0, textStyle: { fontSize: 14 } },
    legend: { top: 30, left: 0, itemGap: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: view.overTime.map((d) => d.day) },
    yAxis: { type: 'value', max: 1, splitLine: { lineStyle: { color: palette.grid } } },
    series: fields.map((f) => ({ name: f.title, type: 'line', connectNulls: true, data: view.overTime.map((d) => d.alpha[f.key]) })),
  };
}

export function versionChart(view: AgreementView): EChartsOption {
  const versions = view.report.byVersion;
  const fields = view.report.fields;
  return {
    ...base,
    title: { text: 'Alpha by guideline version', left: 0, textStyle: { fontSize: 14 } },
    legend: { top: 30, left: 0, itemGap: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: fields.map((f) => f.title), axisLabel: { interval: 0, width: 150, overflow: 'truncate' } },
    yAxis: { type: 'value', max: 1, splitLine: { lineStyle: { color: palette.grid } } },
    series: versions.map((v) => ({ name: `${v.version} (${v.labels} labels)`, type: 'bar', data: fields.map((f) => v.alpha.find((a) => a.field === f.key)?.alpha.value ?? null) })),
  };
}

export function throughputChart(view: AgreementView): EChartsOption {
  const t = view.report.throughput;
  return {
    ...base,
    title: { text: 'Throughput', left: 0, textStyle: { fontSize: 14 } },
    legend: { top: 30, left: 0, itemGap: 36 },
    // Room between the legend and the axis names above the plot.
    grid: { left: 56, right: 56, top: 96, bottom: 40, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: t.map((r) => r.rater) },
    yAxis: [
      { type: 'value', name: 'labels / hour', splitLine: { lineStyle: { color: palette.grid } } },
      { type: 'value', name: 'median s / item', splitLine: { show: false } },
    ],
    series: [
      { name: 'labels per hour', type: 'bar', data: t.map((r) => (r.labelsPerHour === null ? null : Math.round(r.labelsPerHour))), itemStyle: { color: palette.accent } },
      { name: 'median seconds per item', type: 'line', yAxisIndex: 1, data: t.map((r) => r.medianSecondsPerItem), itemStyle: { color: palette.below } },
    ],
  };
}
