// The dashboard's chart options. Most come straight from shared/charts/agreementCharts.ts (the same
// figures as the HTML report), adapted for a card: the card's heading replaces the chart title,
// and tooltips that show dataset strings get formatters that escape them. One builder is new:
// `alphaRowsChart`, a horizontal version of alphaChart that keeps long category titles readable,
// groups categories under their field and lists the values in a right-hand column.
import type { EChartsOption } from 'echarts';
import type { FieldAgreement } from '../../../shared/agreement/reportTypes';
import type { AgreementView } from '../../../shared/api/types';
import { alphaBars, confusionChart, overTimeChart, pairwiseChart, palette, raterChart, statusColor, throughputChart, valueTitle, versionChart, type AlphaBar } from '../../../shared/charts/agreementCharts';
import { chartText, htmlText } from '../../charts/escape';
import { THRESHOLD_LABEL, thresholdReason } from '../../../shared/agreement/threshold';
import { fmt3, fmtCi, fmtPercent } from './format';

type Obj = Record<string, unknown>;

/** Drops the option's title (the card has a heading) and moves the legend and plot up. */
export function withoutTitle(option: EChartsOption, gridTop?: number): EChartsOption {
  const { title: _title, ...rest } = option;
  void _title;
  const legend =
    option.legend && !Array.isArray(option.legend)
      ? { ...(option.legend as Obj), top: 0, left: 0, itemGap: 14, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11.5 }, type: 'plain' }
      : option.legend;
  const grid = option.grid && !Array.isArray(option.grid) ? { ...(option.grid as Obj), top: gridTop ?? (legend ? 40 : 14) } : option.grid;
  return { ...rest, legend, grid } as EChartsOption;
}

/** Axis-triggered tooltips: the category, then each series' value (3 decimals, n/a when undefined); names escaped. */
export function axisTooltip(format: (value: unknown, seriesIndex: number) => string = (v) => fmt3(typeof v === 'number' ? v : null)) {
  return {
    trigger: 'axis' as const,
    axisPointer: { type: 'shadow' as const },
    formatter: (params: unknown) => {
      const list = (Array.isArray(params) ? params : [params]) as { marker?: unknown; seriesName?: string; seriesIndex?: number; value?: unknown; axisValueLabel?: string }[];
      const head = `<b>${htmlText(list[0]?.axisValueLabel ?? '')}</b>`;
      // `marker` is ECharts' own colour swatch (built from the option's colours, never from data).
      const rows = list.map((p) => `${typeof p.marker === 'string' ? p.marker : ''}${htmlText(p.seriesName)}&nbsp;&nbsp;<b>${format(p.value, p.seriesIndex ?? 0)}</b>`);
      return [head, ...rows].join('<br/>');
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Alpha by field and category

/** A bar of the alpha chart (shared/charts: the same rows as the HTML report), with the category's prevalence. */
export interface AlphaRow extends AlphaBar {
  prevalence?: number;
}

/** One row per single-valued field; a multi-select field gives its whole-set alpha, then one row per category. */
export function alphaRows(view: AgreementView): AlphaRow[] {
  const prevalence = new Map(view.report.fields.flatMap((f) => (f.categories ?? []).map((c) => [`${f.key}\u0000${c.title}`, c.prevalence] as const)));
  return alphaBars(view).map((b) => (b.kind === 'category' ? { ...b, prevalence: prevalence.get(`${b.field}\u0000${b.label}`) } : b));
}

export const ALPHA_ROW_HEIGHT = 24;

export function alphaRowsHeight(rows: AlphaRow[]): number {
  return Math.max(160, rows.length * ALPHA_ROW_HEIGHT + 70);
}

/** Horizontal bars of alpha with CI whiskers; rows under the threshold in the warning colour, undefined ones grey. */
export function alphaRowsChart(rows: AlphaRow[], threshold: number): EChartsOption {
  const low = Math.min(0, ...rows.flatMap((r) => [r.alpha ?? 0, r.ci?.[0] ?? 0]));
  const min = Math.floor(low * 10) / 10;
  const colorOf = (r: AlphaRow) => statusColor[r.status];
  const ids = rows.map((_, i) => String(i));
  const axisBase = { type: 'category' as const, inverse: true, data: ids, axisTick: { show: false } };
  return {
    animation: false,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', color: palette.ink },
    grid: { left: 16, right: 8, top: 22, bottom: 22, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { dataIndex, seriesType } = p as { dataIndex: number; seriesType: string };
        const r = seriesType === 'custom' ? rows[(p as { value: number[] }).value[2]] : rows[dataIndex];
        if (!r) return '';
        const head = r.kind === 'category' ? `${htmlText(r.fieldTitle)} › <b>${htmlText(r.label)}</b>` : `<b>${htmlText(r.label)}</b>${r.kind === 'set' ? ' (whole category sets)' : ''}`;
        const lines = [
          head,
          `α = <b>${fmt3(r.alpha)}</b>${r.ci ? ` &nbsp;95% CI ${fmtCi(r.ci)}` : ''}`,
          `${r.n} pairable items${r.prevalence !== undefined ? ` · prevalence ${fmtPercent(r.prevalence)}` : ''}`,
        ];
        if (r.alpha === null && r.reason) lines.push(`<span style="color:${palette.muted}">${htmlText(r.reason)}</span>`);
        else lines.push(`<span style="color:${statusColor[r.status]}">${THRESHOLD_LABEL[r.status]}: ${thresholdReason(r.status, r.ci, threshold)}</span>`);
        return lines.join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      min,
      max: 1,
      interval: 0.2,
      position: 'top',
      axisLabel: { fontSize: 11, color: palette.muted, formatter: (v: number) => (Math.abs(v) < 1e-9 ? '0' : v.toFixed(1)) },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    yAxis: [
      {
        ...axisBase,
        data: rows.map((r, i) => ({ value: String(i), textStyle: r.kind === 'category' ? { color: palette.ink, fontWeight: 400 } : { color: palette.ink, fontWeight: 650 } })),
        axisLine: { lineStyle: { color: palette.grid } },
        axisLabel: { fontSize: 12, width: 210, overflow: 'truncate', formatter: (v: string) => chartText(rows[Number(v)]?.label ?? '') },
      },
      {
        ...axisBase,
        position: 'right',
        axisLine: { show: false },
        data: rows.map((r, i) => ({ value: String(i), textStyle: { color: r.status === 'not-measurable' ? palette.muted : r.status === 'below' ? palette.below : palette.ink, fontWeight: r.status === 'below' ? 700 : 500 } })),
        axisLabel: { fontSize: 12, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', formatter: (v: string) => fmt3(rows[Number(v)]?.alpha) },
      },
    ],
    series: [
      {
        name: 'alpha',
        type: 'bar',
        barWidth: 12,
        data: rows.map((r) => ({ value: r.alpha ?? 0, itemStyle: { color: colorOf(r), opacity: r.kind === 'category' ? 0.85 : 1, borderRadius: 2 } })),
        markLine: {
          symbol: 'none',
          silent: true,
          animation: false,
          lineStyle: { type: 'dashed', color: palette.below, width: 1.5 },
          label: { show: true, position: 'end', formatter: `threshold ${threshold}`, color: palette.below, fontSize: 11 },
          data: [{ xAxis: threshold }],
        },
      },
      {
        name: '95% CI',
        type: 'custom',
        renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: [number, number]) => number[]; size: (p: [number, number]) => number[] }) => {
          const lo = api.coord([api.value(0), api.value(2)]);
          const hi = api.coord([api.value(1), api.value(2)]);
          const h = Math.min(5, (api.size([0, 1])[1] ?? 20) * 0.22);
          const style = { stroke: palette.ink, lineWidth: 1.25 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
              { type: 'line', shape: { x1: lo[0], y1: lo[1] - h, x2: lo[0], y2: lo[1] + h }, style },
              { type: 'line', shape: { x1: hi[0], y1: hi[1] - h, x2: hi[0], y2: hi[1] + h }, style },
            ],
          };
        },
        encode: { x: [0, 1], y: 2 },
        data: rows.flatMap((r, i) => (r.ci && r.alpha !== null ? [[r.ci[0], r.ci[1], i]] : [])),
        z: 10,
      } as never,
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Per field: pairwise kappa, raters, confusion

export function pairwiseOption(field: FieldAgreement): EChartsOption | null {
  const option = pairwiseChart(field);
  if (!option) return null;
  const raters = [...new Set(field.pairwise.flatMap((p) => [p.raterA, p.raterB]))].sort();
  const pair = (a: string, b: string) => field.pairwise.find((p) => (p.raterA === a && p.raterB === b) || (p.raterA === b && p.raterB === a));
  return {
    ...withoutTitle(option),
    grid: { left: 8, right: 12, top: 8, bottom: 52, containLabel: true },
    xAxis: { ...((option.xAxis ?? {}) as Obj), data: raters.map(chartText), axisLabel: { fontSize: 12, rotate: raters.length > 5 ? 30 : 0 } },
    yAxis: { ...((option.yAxis ?? {}) as Obj), data: raters.map(chartText), inverse: true, axisLabel: { fontSize: 12 } },
    visualMap: { ...((option.visualMap ?? {}) as Obj), itemHeight: 140, itemWidth: 12, bottom: 0 },
    tooltip: {
      position: 'top',
      formatter: (p: unknown) => {
        const [x, y] = (p as { value: [number, number, unknown] }).value;
        const a = raters[x];
        const b = raters[y];
        if (a === undefined || b === undefined) return '';
        if (a === b) return `<b>${htmlText(a)}</b> with itself`;
        const r = pair(a, b);
        if (!r) return '';
        const lines = [`<b>${htmlText(a)}</b> × <b>${htmlText(b)}</b>`, `Cohen's κ = <b>${fmt3(r.kappa.value)}</b>`, `agreement ${fmtPercent(r.agreement.value)} on ${r.sharedItems} shared items`];
        if (r.kappa.value === null && r.kappa.reason) lines.push(htmlText(r.kappa.reason));
        return lines.join('<br/>');
      },
    },
  };
}

const RATER_SERIES = ['with the others', 'κ vs consensus', 'gold accuracy'];

export function raterOption(field: FieldAgreement): EChartsOption {
  const option = raterChart(field);
  return {
    ...withoutTitle(option, 44),
    grid: { left: 8, right: 12, top: 44, bottom: 8, containLabel: true },
    xAxis: { ...((option.xAxis ?? {}) as Obj), data: field.perRater.map((r) => chartText(r.rater)), axisLabel: { fontSize: 12, interval: 0 } },
    yAxis: { ...((option.yAxis ?? {}) as Obj), axisLabel: { fontSize: 11 } },
    tooltip: axisTooltip(),
    series: (option.series as Obj[]).map((s, i) => ({ ...s, name: RATER_SERIES[i] ?? s.name, barMaxWidth: 22, barGap: '15%' })),
  } as EChartsOption;
}

export function confusionOption(field: FieldAgreement): EChartsOption | null {
  const option = confusionChart(field);
  const m = field.confusionVsConsensus;
  if (!option || !m) return null;
  const names = m.categories.map((c) => valueTitle(field, c));
  return {
    ...withoutTitle(option),
    grid: { left: 8, right: 12, top: 8, bottom: 52, containLabel: true },
    xAxis: { ...((option.xAxis ?? {}) as Obj), data: names.map(chartText), name: 'consensus', nameLocation: 'middle', nameGap: 28, axisLabel: { fontSize: 12, rotate: 0, width: 90, overflow: 'truncate', interval: 0 } },
    yAxis: { ...((option.yAxis ?? {}) as Obj), data: names.map(chartText), inverse: true, axisLabel: { fontSize: 12, width: 120, overflow: 'truncate' } },
    visualMap: { ...((option.visualMap ?? {}) as Obj), show: false },
    tooltip: {
      position: 'top',
      formatter: (p: unknown) => {
        const [x, y, n] = (p as { value: [number, number, unknown] }).value;
        const rater = names[y];
        const consensus = names[x];
        if (rater === undefined || consensus === undefined) return '';
        return `rater: <b>${htmlText(rater)}</b><br/>consensus: <b>${htmlText(consensus)}</b><br/>${typeof n === 'number' ? n : 0} labels`;
      },
    },
  } as EChartsOption;
}

// ---------------------------------------------------------------------------------------------
// Over time, across versions, throughput

/** The owner's threshold as a dashed line on a value axis (added to the first series). */
function thresholdLine(threshold: number) {
  return {
    symbol: 'none',
    silent: true,
    animation: false,
    lineStyle: { type: 'dashed', color: palette.below, width: 1, opacity: 0.8 },
    label: { show: true, position: 'insideEndTop', formatter: `threshold ${threshold}`, color: palette.below, fontSize: 10 },
    data: [{ yAxis: threshold }],
  };
}

/** Series and categories named by field title rather than key. */
function titled(view: AgreementView) {
  const titles = new Map(view.report.fields.map((f) => [f.key, f.title]));
  return (key: unknown) => chartText(titles.get(String(key)) ?? String(key));
}

export function overTimeOption(view: AgreementView): EChartsOption {
  const option = overTimeChart(view);
  const title = titled(view);
  const single = view.overTime.length === 1;
  return {
    ...withoutTitle(option, 48),
    grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
    yAxis: { ...((option.yAxis ?? {}) as Obj), min: (v: { min: number }) => Math.min(0, Math.floor(v.min * 10) / 10), axisLabel: { fontSize: 11 } },
    tooltip: { ...axisTooltip(), axisPointer: { type: 'line' } },
    series: (option.series as Obj[]).map((s, i) => ({ ...s, name: title(s.name), symbolSize: single ? 10 : 6, showSymbol: true, markLine: i === 0 ? thresholdLine(view.threshold) : undefined })),
  } as EChartsOption;
}

export function versionOption(view: AgreementView): EChartsOption {
  const option = versionChart(view);
  return {
    ...withoutTitle(option, 48),
    grid: { left: 8, right: 16, top: 48, bottom: 22, containLabel: true },
    xAxis: { ...((option.xAxis ?? {}) as Obj), data: view.report.fields.map((f) => chartText(f.title)), axisLabel: { fontSize: 11, interval: 0, width: 120, overflow: 'break', lineHeight: 14 } },
    yAxis: { ...((option.yAxis ?? {}) as Obj), min: (v: { min: number }) => Math.min(0, Math.floor(v.min * 10) / 10), axisLabel: { fontSize: 11 } },
    tooltip: axisTooltip(),
    series: (option.series as Obj[]).map((s, i) => ({ ...s, name: chartText(s.name), barMaxWidth: 28, markLine: i === 0 ? thresholdLine(view.threshold) : undefined })),
  } as EChartsOption;
}

export function throughputOption(view: AgreementView): EChartsOption {
  const option = throughputChart(view);
  return {
    ...withoutTitle(option, 56),
    grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
    xAxis: { ...((option.xAxis ?? {}) as Obj), data: view.report.throughput.map((t) => chartText(t.rater)), axisLabel: { fontSize: 12, interval: 0 } },
    // Headroom above the tallest bar: when every rater has the same rate the bars would touch the frame.
    yAxis: (option.yAxis as Obj[]).map((a, i) => ({ ...a, boundaryGap: [0, '15%'], nameTextStyle: { fontSize: 11, color: palette.muted, align: i === 0 ? 'left' : 'right' }, axisLabel: { fontSize: 11 } })),
    tooltip: axisTooltip((v, i) => (typeof v !== 'number' ? 'n/a' : i === 0 ? `${Math.round(v)} / h` : `${v.toFixed(1)} s`)),
    series: (option.series as Obj[]).map((s) => (s.type === 'bar' ? { ...s, barMaxWidth: 36 } : { ...s, symbolSize: 8 })),
  } as EChartsOption;
}
