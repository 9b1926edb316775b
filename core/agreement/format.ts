import { fieldAlpha, fieldStatus, THRESHOLD_LABEL, thresholdReason } from '../../shared/agreement/threshold';
import { scopeLine } from '../../shared/agreement/scope';
import type { Coefficient } from '../../shared/stats';
import type { AgreementReport } from './report';

const num = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? 'n/a' : v.toFixed(digits));

function coef(c: Coefficient | undefined, ci?: [number, number] | null): string {
  if (!c) return 'n/a';
  if (c.value === null) return `n/a (${c.reason})`;
  return `${num(c.value)}${ci ? ` [${num(ci[0])}, ${num(ci[1])}]` : ''}  (n: ${c.n.pairableItems} pairable items, ${c.n.ratings} ratings, ${c.n.raters} raters)`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)];
}

const WEIGHTS: Record<string, string> = { identity: 'unweighted', linear: 'linear weights', quadratic: 'quadratic weights' };

/** The readable form of `concord agreement --workspace`. */
export function formatReport(r: AgreementReport, threshold: number): string {
  const out: string[] = [
    `Agreement under ${r.guideline.id}@${r.guideline.version}`,
    scopeLine(r),
    `${r.counts.raters} raters; ${r.counts.gold} gold items, ${r.counts.adjudicated} adjudicated`,
    `Threshold alpha >= ${threshold}: a field meets it when its 95% CI's lower bound is at or above it, is below when the upper bound is under it, and is uncertain otherwise`,
  ];
  for (const f of r.fields) {
    out.push('', `## ${f.title} (${f.key}, ${f.type}, ${f.level})`);
    const fa = fieldAlpha(f);
    const status = fieldStatus(f, threshold);
    const ciNote = fa.interval?.interval ? ` (bootstrap, ${fa.interval.resamples} resamples, seed ${fa.interval.seed})` : '';
    out.push(`Threshold: ${THRESHOLD_LABEL[status]} (${thresholdReason(status, fa.ci, threshold)})${ciNote}`);
    if (f.summary) {
      out.push(`Krippendorff's alpha: ${coef(f.summary.krippendorffAlpha, fa.ci)}`);
      if (f.intervalAlpha) out.push(`  (interval metric: ${num(f.intervalAlpha.value)})`);
      out.push(`Percent agreement:    ${coef(f.summary.percentAgreement)}`);
      out.push(`Fleiss' kappa:        ${coef(f.summary.fleissKappa)}`);
      if (f.summary.gwetAC1) out.push(`Gwet's AC1:           ${coef(f.summary.gwetAC1)}`);
      if (f.summary.gwetAC2) out.push(`Gwet's AC2:           ${coef(f.summary.gwetAC2)}`);
    }
    if (f.setAlpha) out.push(`Alpha over whole sets (Jaccard distance): ${coef(f.setAlpha, fa.ci)}`, `Mean per-category alpha: ${num(f.meanCategoryAlpha?.value)}`);
    if (f.categories) {
      out.push(
        '',
        ...table(
          ['Category', 'Alpha', 'CI', 'Threshold', 'Agreement', 'Prevalence', 'Items'],
          f.categories.map((c) => {
            const ci = c.summary.ci?.krippendorffAlpha.interval ?? null;
            const s = fieldStatus({ ...f, summary: c.summary }, threshold);
            return [c.title, num(c.summary.krippendorffAlpha.value), ci ? `[${num(ci[0])}, ${num(ci[1])}]` : '', THRESHOLD_LABEL[s], num(c.summary.percentAgreement.value), num(c.prevalence, 2), String(c.summary.n.pairableItems)];
          }),
        ),
      );
    }
    if (f.perRater.length) {
      const gold = new Map(f.vsGold.map((g) => [g.rater, g]));
      out.push(
        '',
        ...table(
          ['Rater', 'Items', 'Agree w/ others', `Kappa vs others (${WEIGHTS[f.perRater[0].kappaWeights]})`, 'Alpha without', 'Gold acc.', 'Gold n'],
          f.perRater.map((p) => [p.rater, String(p.items), num(p.agreementWithOthers.value), num(p.kappaVsOthers.value), num(p.alphaWithout.value), num(gold.get(p.rater)?.accuracy.value), String(gold.get(p.rater)?.compared ?? 0)]),
        ),
      );
    }
    if (f.pairwise.length) {
      out.push('', `Pairwise Cohen's kappa (${WEIGHTS[f.pairwise[0].weights]}${f.type === 'multi_select' ? ', whole category sets' : ''}):`);
      for (const p of f.pairwise) out.push(`  ${p.raterA} / ${p.raterB}: ${num(p.kappa.value)} on ${p.sharedItems} shared items`);
    }
  }
  if (r.byVersion.length > 1) {
    out.push('', '## By guideline version');
    for (const v of r.byVersion) out.push(`${v.version} (${v.labels} labels): ${v.alpha.map((a) => `${a.field} ${num(a.alpha.value)}`).join(', ')}`);
  }
  return out.join('\n') + '\n';
}
