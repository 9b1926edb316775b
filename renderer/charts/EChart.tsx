import { Loader, Text, useComputedColorScheme } from '@mantine/core';
import type { EChartsOption } from 'echarts';
import { useEffect, useRef, useState } from 'react';
import type { EChartsType } from './echarts';

// A React wrapper around one ECharts instance (canvas renderer): created on mount, resized with
// its container (ResizeObserver), given a fresh option whenever `option` changes (not merged with
// the previous one), disposed on unmount. Text drawn on the canvas (axis labels, legends, titles)
// is never HTML; tooltips are, so formatters must escape dataset strings (see ./escape.ts).
//
// ECharts itself is loaded on first use, as its own chunk: screens without charts (the rater's
// queue and label screens) do not download or parse it.

type ECharts = typeof import('./echarts');

let loaded: ECharts | null = null;
let loading: Promise<ECharts> | null = null;

function loadECharts(): Promise<ECharts> {
  loading ??= import('./echarts').then((m) => (loaded = m));
  return loading;
}

export interface EChartProps {
  option: EChartsOption;
  /** CSS height of the chart; the width follows the container. */
  height: number | string;
  /** What the chart shows, for assistive technology (the canvas itself is opaque to it). */
  label: string;
  testId?: string;
  className?: string;
}

const DARK_TEXT = '#c9c9c9';
const DARK_GRID = '#3b3d42';

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Adapts an option (built for a light page) to the app: confined tooltips, dark scheme colours. */
function prepare(option: EChartsOption, dark: boolean): EChartsOption {
  const tooltip = option.tooltip && !Array.isArray(option.tooltip) ? { confine: true, transitionDuration: 0.1, ...option.tooltip } : option.tooltip;
  // People who asked their system for less motion get charts that appear at once.
  const animation = option.animation ?? !reducedMotion();
  if (!dark) return { ...option, tooltip, animation };
  const recolorAxes = (axes: EChartsOption['xAxis']) => {
    if (!axes) return axes;
    const one = (a: Record<string, unknown>) => ({
      ...a,
      splitLine: a.splitLine && (a.splitLine as { show?: boolean }).show !== false ? { ...(a.splitLine as object), lineStyle: { color: DARK_GRID } } : a.splitLine,
      splitArea: a.splitArea ? { ...(a.splitArea as object), areaStyle: { color: ['rgba(255,255,255,0.02)', 'rgba(255,255,255,0.05)'] } } : a.splitArea,
    });
    return (Array.isArray(axes) ? axes.map((a) => one(a as Record<string, unknown>)) : one(axes as Record<string, unknown>)) as EChartsOption['xAxis'];
  };
  return {
    ...option,
    tooltip,
    animation,
    backgroundColor: 'transparent',
    textStyle: { ...(option.textStyle as object), color: DARK_TEXT },
    xAxis: recolorAxes(option.xAxis),
    yAxis: recolorAxes(option.yAxis as EChartsOption['xAxis']) as EChartsOption['yAxis'],
  };
}

export function EChart({ option, height, label, testId, className }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [lib, setLib] = useState<ECharts | null>(loaded);
  const [failed, setFailed] = useState(false);
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const dark = scheme === 'dark';

  useEffect(() => {
    if (lib) return;
    let live = true;
    loadECharts().then(
      (m) => live && setLib(m),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [lib]);

  // One instance per mount (and per colour scheme: ECharts themes are fixed at init).
  useEffect(() => {
    const el = ref.current;
    if (!el || !lib) return;
    const instance = lib.init(el, dark ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = instance;
    let frame = 0;
    // Resize on the next frame: resizing inside the observer callback can trigger the browser's
    // "ResizeObserver loop" error, which the app would report as a failure.
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!instance.isDisposed()) instance.resize();
      });
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      instance.dispose();
      if (chart.current === instance) chart.current = null;
    };
  }, [dark, lib]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || instance.isDisposed()) return;
    instance.setOption(prepare(option, dark), { notMerge: true, lazyUpdate: true });
  }, [option, dark, lib]);

  return (
    <div className={className} style={{ position: 'relative', height, width: '100%' }} data-testid={testId} data-ready={lib ? 'true' : 'false'}>
      <div ref={ref} style={{ position: 'absolute', inset: 0 }} role="img" aria-label={label} />
      {!lib && (
        <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          {failed ? (
            <Text size="sm" c="dimmed">
              The chart could not be loaded.
            </Text>
          ) : (
            <Loader size="sm" type="dots" />
          )}
        </div>
      )}
    </div>
  );
}
