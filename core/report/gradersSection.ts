// The HTML report's Graders section: the dashboard's table, reliability diagram and precision-recall
// curve (the same chart specifications, rendered to SVG) for each automated score.
import { precisionRecallChart, reliabilityChart } from '../../shared/charts/graderCharts';
import type { GradersView } from '../../shared/graders/types';
import type { MetricInterval } from '../../shared/stats';

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const num = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : v.toFixed(3));
const ci = (m: MetricInterval | undefined) => (m?.interval ? `<span class="ci">[${num(m.interval[0])}, ${num(m.interval[1])}]</span>` : '');

/** The section's HTML; `svg` renders an ECharts option to inline SVG (htmlReport.ts renderSvg). */
export function gradersSection(view: GradersView | string, svg: (option: ReturnType<typeof reliabilityChart>, width: number, height: number) => string): string {
  if (typeof view === 'string') return `<h2>Automated graders against humans</h2><p class="note">Not computed: ${esc(view)}</p>`;
  const method = view.method.endsWith('majority') ? 'majority vote' : 'Dawid-Skene';
  const head = `<h2>Automated graders against humans</h2>
<p class="note">Human positive: ${esc(view.human.description)}, on the final label (adjudicated, else ${method}, else the only rater's) of ${view.labelled} items${view.batch ? ` in batch “${esc(view.batch)}”` : ''}${view.unresolved ? ` (${view.unresolved} unresolved, awaiting adjudication, left out)` : ''} · grader positive: score &ge; ${view.threshold} · 95% bootstrap intervals, ${view.bootstrap.resamples} resamples, seed ${view.bootstrap.seed}.</p>`;
  if (!view.graders.length) return `${head}<p class="note">No sample carries an automated score${view.skipped.length ? ` that can be checked (${view.skipped.map((s) => `${esc(s.key)}: ${esc(s.reason)}`).join('; ')})` : ''}.</p>`;
  const rows = view.graders
    .map((g) => {
      const i = g.intervals ?? undefined;
      return `<tr><td>${esc(g.key)}</td><td class="n">${g.n}</td><td class="n">${g.leftOut.unlabelled + g.leftOut.unresolved + g.leftOut.noHumanValue}</td><td class="n">${num(g.kappa.value)}${ci(i?.kappa)}</td><td class="n">${num(g.precision.value)}${ci(i?.precision)}</td><td class="n">${num(g.recall.value)}${ci(i?.recall)}</td><td class="n">${num(g.f1.value)}${ci(i?.f1)}</td><td class="n">${num(g.auc.value)}${ci(i?.auc)}</td><td class="n">${num(g.expectedCalibrationError)}</td><td class="n">${g.bestF1 ? `${num(g.bestF1.threshold)} (F1 ${num(g.bestF1.f1)})` : 'n/a'}</td></tr>`;
    })
    .join('');
  const table = `<table><thead><tr><th>Score</th>${['n', 'Left out', `Kappa at ${view.threshold}`, 'Precision', 'Recall', 'F1', 'ROC AUC', 'ECE', 'Best F1 at'].map((h) => `<th class="n">${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;
  const skipped = view.skipped.length ? `<p class="note">Not checked: ${view.skipped.map((s) => `${esc(s.key)} (${esc(s.reason)})`).join('; ')}.</p>` : '';
  const perGrader = view.graders
    .filter((g) => g.n > 0)
    .map((g) => {
      const bins = g.bins
        .filter((b) => b.n > 0)
        .map((b) => `<tr><td>[${b.lo.toFixed(1)}, ${b.hi.toFixed(1)}${b.hi >= 1 ? ']' : ')'}</td><td class="n">${b.n}</td><td class="n">${b.positives}</td><td class="n">${num(b.meanScore)}</td><td class="n">${num(b.humanPositiveRate)}</td></tr>`)
        .join('');
      return `<section><h3>${esc(g.key)}</h3><p class="note">n ${g.n}, ${g.positives} human positive; expected calibration error ${num(g.expectedCalibrationError)}.</p>
<div class="pair"><figure><figcaption>Reliability diagram</figcaption>${svg(reliabilityChart(g), 460, 300)}</figure><figure><figcaption>Precision and recall as the threshold moves</figcaption>${svg(precisionRecallChart(g), 460, 300)}</figure></div>
<table><thead><tr><th>Score bin</th><th class="n">Items</th><th class="n">Human positive</th><th class="n">Mean score</th><th class="n">Human positive rate</th></tr></thead><tbody>${bins}</tbody></table></section>`;
    })
    .join('\n');
  return `${head}\n${table}\n${skipped}\n${perGrader}`;
}
