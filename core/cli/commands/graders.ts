import type { GradersView } from '../../../shared/graders/types';
import type { MetricInterval } from '../../../shared/stats';
import { UsageError } from '../../errors';
import { graderReport } from '../../graders/graderReport';
import { contract } from '../../../shared/api/contract';
import { concordCommand } from '../../../shared/cli/concordCommand';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { methodFlag } from './export';

const usage = concordCommand(
  'graders --workspace DIR [--score KEY]... [--field KEY --positive VALUE | --severity-at-least N] [--threshold X] [--recall R] [--batch ID] [--method adjudicated-then-dawid-skene|adjudicated-then-majority] [--bins N] [--bootstrap N] [--seed S] [--json]',
);

function number(flag: string, v: string | undefined, check: (n: number) => boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${flag} got "${v}", which is not allowed here`);
  return n;
}

const f3 = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : v.toFixed(3));
const ci = (m: MetricInterval | undefined) => (m?.interval ? ` [${f3(m.interval[0])}, ${f3(m.interval[1])}]` : '');

export function formatGraders(v: GradersView): string {
  const out = [
    `Human positive: ${v.human.description}; final labels: adjudicated, else ${v.method.replace('adjudicated-then-', '')}, else the only rater's (${v.labelled} items with a final label${v.batch ? ` in batch ${v.batch}` : ''}${v.unresolved ? `; ${v.unresolved} unresolved, awaiting adjudication, left out` : ''}).`,
    `Grader positive: score >= ${v.threshold}. Intervals: 95% percentile bootstrap, ${v.bootstrap.resamples} resamples, seed ${v.bootstrap.seed}.`,
  ];
  if (!v.graders.length && !v.skipped.length) out.push('', 'No sample has an automated score.');
  for (const g of v.graders) {
    const i = g.intervals;
    out.push(
      '',
      `${g.key}: n ${g.n} (${g.positives} human positive); left out: ${g.leftOut.unlabelled} unlabelled, ${g.leftOut.unresolved} unresolved, ${g.leftOut.noHumanValue} without ${v.human.field}`,
      `  at ${g.threshold}: TP ${g.truePositives}  FP ${g.falsePositives}  FN ${g.falseNegatives}  TN ${g.trueNegatives}`,
      `  kappa ${f3(g.kappa.value)}${ci(i?.kappa)}  precision ${f3(g.precision.value)}${ci(i?.precision)}  recall ${f3(g.recall.value)}${ci(i?.recall)}  F1 ${f3(g.f1.value)}${ci(i?.f1)}`,
      `  ROC AUC ${f3(g.auc.value)}${ci(i?.auc)}${g.auc.reason ? ` (${g.auc.reason})` : ''}  expected calibration error ${f3(g.expectedCalibrationError)}`,
      `  best F1 ${f3(g.bestF1?.f1)} at threshold ${f3(g.bestF1?.threshold)}${g.forRecall ? `; recall >= ${g.forRecall.target} from threshold ${f3(g.forRecall.threshold)} (precision ${f3(g.forRecall.precision)})` : ''}`,
      `  reliability (score bin: n, mean score, human rate): ${g.bins.filter((b) => b.n).map((b) => `[${b.lo.toFixed(1)}, ${b.hi.toFixed(1)}) ${b.n}, ${f3(b.meanScore)}, ${f3(b.humanPositiveRate)}`).join('; ')}`,
    );
  }
  for (const s of v.skipped) out.push('', `${s.key}: not checked: ${s.reason}`);
  return out.join('\n') + '\n';
}

export const gradersCommand: Command = {
  usage,
  run(argv, io, ctx) {
    const { values } = parseFlags(
      argv,
      {
        workspace: { type: 'string' },
        score: { type: 'string', multiple: true },
        field: { type: 'string' },
        positive: { type: 'string' },
        'severity-at-least': { type: 'string' },
        threshold: { type: 'string' },
        recall: { type: 'string' },
        batch: { type: 'string' },
        method: { type: 'string' },
        bins: { type: 'string' },
        bootstrap: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    const dir = requireFlag(values.workspace, 'workspace', usage);
    const method = methodFlag(values.method);
    const opts = {
      scores: values.score,
      field: values.field,
      positive: values.positive,
      severityAtLeast: number('severity-at-least', values['severity-at-least'], Number.isInteger),
      threshold: number('threshold', values.threshold, (n) => n >= 0 && n <= 1),
      recall: number('recall', values.recall, (n) => n > 0 && n <= 1),
      batch: values.batch,
      method,
      bins: number('bins', values.bins, (n) => Number.isInteger(n) && n >= 1 && n <= 100),
      bootstrap: number('bootstrap', values.bootstrap, (n) => Number.isInteger(n) && n >= 0 && n <= 10_000),
      seed: number('seed', values.seed, Number.isSafeInteger),
    };
    return withActor(dir, ctx, 'graders', contract.graders.access, (ws) => {
      const view = graderReport(ws, opts);
      if (values.json) printJson(io, view);
      else io.out(formatGraders(view));
      return 0;
    });
  },
};
