import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import type { AgreementView } from '../../shared/api/types';
import { alphaBars, alphaChart, kappaWeightsLabel, confusionChart, overTimeChart, pairwiseChart, raterChart, throughputChart, versionChart } from '../../shared/charts/agreementCharts';
import { fieldAlpha, THRESHOLD_LABEL, thresholdReason, type ThresholdStatus } from '../../shared/agreement/threshold';
import { scopeLine } from '../../shared/agreement/scope';
import { agreementView } from '../agreement/view';
import type { ReportOptions } from '../agreement/report';
import type { GradersView } from '../../shared/graders/types';
import { InputError } from '../errors';
import { writeFileAtomic } from '../export/writeAtomic';
import { graderReport } from '../graders/graderReport';
import { gradersSection } from './gradersSection';
import type { Workspace } from '../workspace/workspace';

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const num = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : v.toFixed(3));

/** The same ECharts options the dashboard draws, rendered to SVG on the server (no script in the report). */
export function renderSvg(option: EChartsOption, width = 960, height = 380): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const STATUS_CLASS: Record<ThresholdStatus, string> = { meets: 'meets', below: 'below', uncertain: 'uncertain', 'not-measurable': 'na' };

function coefficientTable(view: AgreementView): string {
  const rows = alphaBars(view)
    .map((b) => {
      const what = b.kind === 'category' ? esc(b.label) : b.kind === 'set' ? 'whole category sets (Jaccard)' : 'the field';
      // The CI is in its own column: the note only says why where there is no verdict from it.
      const note = b.status === 'not-measurable' ? esc(b.reason ?? '') : b.ci ? '' : esc(thresholdReason(b.status, b.ci, view.threshold));
      return `<tr class="${STATUS_CLASS[b.status]}${b.kind === 'category' ? ' cat' : ''}"><td>${esc(b.fieldTitle)}</td><td>${what}</td><td class="n">${num(b.alpha)}</td><td class="n">${b.ci ? `[${num(b.ci[0])}, ${num(b.ci[1])}]` : ''}</td><td class="n">${b.n}</td><td><span class="flag">${esc(THRESHOLD_LABEL[b.status])}</span> <span class="why">${note}</span></td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>Field</th><th>Measured on</th><th>Alpha</th><th>95% CI</th><th>Pairable items</th><th>Against the threshold</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** What the report is computed on and how: scope, versions, intervals, threshold rule, date. */
function methodNote(view: AgreementView, generatedAt: Date): string {
  const r = view.report;
  const interval = r.fields.map((f) => fieldAlpha(f).interval).find((i) => i);
  const ci = interval ? `95% percentile bootstrap intervals over items, ${interval.resamples} resamples, seed ${interval.seed}` : 'no confidence intervals (bootstrap off)';
  return `<dl class="meta">
<dt>Scope</dt><dd>${esc(scopeLine(r))}</dd>
<dt>Guideline</dt><dd>${esc(r.guideline.id)}@${esc(r.guideline.version)}${r.mapped ? `; labels made under ${esc(r.versions.join(' and '))}, compared through the declared mapping` : `; labels made under ${esc(r.versions.join(', ') || r.guideline.version)}`}</dd>
<dt>Intervals</dt><dd>${ci}</dd>
<dt>Threshold</dt><dd>alpha &ge; ${view.threshold}: met when the CI's lower bound is at or above it, below when its upper bound is under it, uncertain otherwise</dd>
<dt>Kappas</dt><dd>Cohen's kappa with quadratic weights on ordinal fields, unweighted otherwise</dd>
<dt>Generated</dt><dd>${esc(generatedAt.toISOString().replace('T', ' ').slice(0, 16))} UTC</dd>
</dl>`;
}

function raterTables(view: AgreementView): string {
  return view.report.fields
    .filter((f) => f.perRater.length)
    .map((f) => {
      const gold = new Map(f.vsGold.map((g) => [g.rater, g]));
      const rows = f.perRater
        .map((r) => `<tr><td>${esc(r.rater)}</td><td class="n">${r.items}</td><td class="n">${num(r.agreementWithOthers.value)}</td><td class="n">${num(r.kappaVsOthers.value)}</td><td class="n">${num(r.alphaWithout.value)}</td><td class="n">${num(gold.get(r.rater)?.accuracy.value)}</td><td class="n">${gold.get(r.rater)?.compared ?? 0}</td></tr>`)
        .join('');
      return `<h3>${esc(f.title)}</h3><table><thead><tr><th>Rater</th><th>Items</th><th>Agreement with others</th><th>Kappa vs consensus (${esc(kappaWeightsLabel(f))})</th><th>Alpha without</th><th>Gold accuracy</th><th>Gold items</th></tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('\n');
}

export function reportHtml(view: AgreementView, title: string, generatedAt = new Date(), graders?: GradersView | string): string {
  const r = view.report;
  const figure = (option: EChartsOption | null, height?: number) => (option ? `<figure>${renderSvg(option, 960, height)}</figure>` : '');
  const perField = r.fields
    .filter((f) => f.summary)
    .map((f) => `<section><h3>${esc(f.title)}</h3>${figure(pairwiseChart(f), 360)}${figure(raterChart(f), 320)}${figure(confusionChart(f), 380)}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>
body{font:14px/1.5 Inter,system-ui,sans-serif;color:#343a40;max-width:1000px;margin:32px auto;padding:0 20px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 8px;border-bottom:1px solid #dee2e6;padding-bottom:4px}h3{font-size:15px;margin:20px 0 6px}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:10px 0 4px;color:#495057}.meta dt{color:#868e96}.meta dd{margin:0}table{border-collapse:collapse;width:100%;margin:8px 0 16px}th,td{padding:4px 8px;border-bottom:1px solid #e9ecef;text-align:left}th{white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr.cat td:first-child{color:#adb5bd}td:first-child{white-space:nowrap}.flag{display:inline-block;padding:0 6px;border-radius:4px;font-size:12px;font-weight:600;white-space:nowrap}.why{color:#868e96;font-size:12px}
tr.meets .flag{background:#e6fcf5;color:#087f5b}tr.below .flag{background:#fff4e6;color:#d9480f}tr.uncertain .flag{background:#fff9db;color:#e67700}tr.na .flag{background:#f1f3f5;color:#868e96}tr.below td.n{color:#d9480f;font-weight:600}tr.na td{color:#adb5bd}figure{margin:8px 0}
.kpi{display:inline-block;margin:8px 24px 8px 0}.kpi b{display:block;font-size:20px}
.n{text-align:right}.note{color:#868e96}.ci{display:block;color:#868e96;font-size:12px}.pair{display:flex;gap:16px;flex-wrap:wrap}.pair figure{flex:0 0 460px;margin:8px 0}figcaption{font-size:13px;color:#868e96}
</style></head><body>
<h1>${esc(title)}</h1>
${methodNote(view, generatedAt)}
<div><span class="kpi"><b>${r.counts.labels}</b>labels</span><span class="kpi"><b>${r.counts.items}</b>items</span><span class="kpi"><b>${r.counts.pairableItems}</b>with 2+ raters</span><span class="kpi"><b>${r.counts.raters}</b>raters</span><span class="kpi"><b>${r.counts.gold}</b>gold items</span><span class="kpi"><b>${r.counts.adjudicated}</b>adjudicated</span></div>
<h2>Agreement by field and category</h2>
${figure(alphaChart(view), 420)}
${coefficientTable(view)}
<h2>Raters</h2>
${raterTables(view)}
${perField}
<h2>Over time and across guideline versions</h2>
${figure(overTimeChart(view), 300)}
${figure(versionChart(view), 300)}
<h2>Throughput</h2>
${figure(throughputChart(view), 300)}
${graders === undefined ? '' : gradersSection(graders, (o, w, h) => renderSvg(o, w, h))}
</body></html>
`;
}

/** `concord report`: a standalone HTML file (inline SVG charts, no scripts, no network). */
export function writeReport(ws: Workspace, out: string, opts: ReportOptions = {}): AgreementView {
  // The dashboard's defaults (200 resamples, seed 1) unless asked otherwise: an option passed as undefined keeps them.
  const bootstrap = opts.bootstrap ?? 200;
  const seed = opts.seed ?? 1;
  const view = agreementView(ws, { ...opts, bootstrap, seed });
  // The graders' section is computed on the same scope (a batch's items, when one is asked for).
  let graders: GradersView | string;
  try {
    graders = graderReport(ws, { batch: opts.batch, bootstrap, seed });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    graders = e.message; // e.g. a guideline without a severity field: the section says why
  }
  const html = reportHtml(view, 'Concord agreement report', new Date(), graders);
  writeFileAtomic(out, (put) => put(html));
  return view;
}
