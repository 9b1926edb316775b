// Automated graders checked against humans: each score in the workspace (an Inspect scorer, any
// `scores` column) against the final human label export writes (adjudicated, else aggregated, else
// the only rater's), made binary by the owner's definition of a positive. An unresolved item (its
// raters' labels give no label the guideline allows) has no final label yet: left out, and counted.
import type { GraderReport, GradersView, HumanPositive } from '../../shared/graders/types';
import type { Field } from '../../shared/guidelines/schema';
import { bestF1Threshold, bootstrapCalibration, graderCalibration, rocAuc, thresholdCurve, thresholdForRecall, type GraderPair } from '../../shared/stats';
import { InputError } from '../errors';
import { labeledRows, type ExportMethod } from '../export/exportLabels';
import { findBatch } from '../agreement/labelSets';
import { prepared } from '../store/prepared';
import { activeGuidelineRef, getGuideline } from '../workspace/guidelines';
import { iterateSamples } from '../workspace/samples';
import type { Workspace } from '../workspace/workspace';

export interface GraderOptions {
  /** Only these score keys (default: every score in the workspace). */
  scores?: string[];
  /** Human positive: `field` has `positive` (or includes it, for a multi-select) ... */
  field?: string;
  positive?: string;
  /** ... or the severity field is at least this. */
  severityAtLeast?: number;
  /** Grader positive when score >= threshold (default 0.5). */
  threshold?: number;
  /** Also report the highest threshold that reaches this recall. */
  recall?: number;
  batch?: string;
  method?: ExportMethod;
  bins?: number;
  bootstrap?: number;
  seed?: number;
}

const CURVE_POINTS = 200;

/** The owner's definition of a human positive, checked against the active guideline. */
function humanPositive(ws: Workspace, opts: GraderOptions): { def: HumanPositive & { description: string }; test: (values: Record<string, unknown>) => boolean | undefined } {
  const ref = activeGuidelineRef(ws);
  const pack = ref && getGuideline(ws, ref);
  if (!pack) throw new InputError('the workspace has no active guideline');
  const fields = pack.fields as Field[];
  if (opts.field !== undefined && opts.severityAtLeast !== undefined) throw new InputError('give either --field with --positive, or --severity-at-least, not both');
  if (opts.field !== undefined) {
    const f = fields.find((x) => x.key === opts.field);
    if (!f) throw new InputError(`the guideline ${ref.id}@${ref.version} has no field "${opts.field}" (fields: ${fields.map((x) => x.key).join(', ')})`);
    if (opts.positive === undefined) throw new InputError(`--field ${opts.field} needs --positive VALUE: which value counts as positive`);
    const want = opts.positive;
    const known = f.type === 'boolean' ? ['true', 'false'] : f.type === 'text' ? undefined : f.type === 'ordinal' ? f.levels.map((l) => String(l.value)) : f.options.map((o) => String(o.value));
    if (known && !known.includes(want)) throw new InputError(`"${want}" is not a value of ${opts.field} (values: ${known.join(', ')})`);
    const test = (values: Record<string, unknown>) => {
      const v = values[f.key];
      if (v === null || v === undefined) return undefined;
      return Array.isArray(v) ? v.map(String).includes(want) : String(v) === want;
    };
    return { def: { kind: 'value', field: f.key, value: want, description: f.type === 'multi_select' ? `${f.title} includes "${want}"` : `${f.title} is "${want}"` }, test };
  }
  if (opts.positive !== undefined) throw new InputError('--positive goes with --field');
  const severity = fields.find((x) => x.key === 'severity' && x.type === 'ordinal');
  if (!severity) throw new InputError(`the guideline has no ordinal "severity" field: say what a human positive is with --field KEY --positive VALUE`);
  const atLeast = opts.severityAtLeast ?? 1;
  const test = (values: Record<string, unknown>) => {
    const v = values.severity;
    return typeof v === 'number' ? v >= atLeast : undefined;
  };
  return { def: { kind: 'severity', field: 'severity', atLeast, description: `${severity.title} at least ${atLeast}` }, test };
}

/** Every checked score's calibration against the final human labels. */
export function graderReport(ws: Workspace, opts: GraderOptions = {}): GradersView {
  const threshold = opts.threshold ?? 0.5;
  if (!(threshold >= 0 && threshold <= 1)) throw new InputError(`--threshold must be between 0 and 1, not ${threshold}`);
  if (opts.recall !== undefined && !(opts.recall > 0 && opts.recall <= 1)) throw new InputError(`--recall must be in (0, 1], not ${opts.recall}`);
  const resamples = opts.bootstrap ?? 200;
  const seed = opts.seed ?? 1;
  const method = opts.method ?? 'adjudicated-then-dawid-skene';
  const { def, test } = humanPositive(ws, opts);

  // A batch by id or name, as agreement and the report take it: its items.
  const batch = opts.batch !== undefined ? findBatch(ws, opts.batch) : undefined;
  const inBatch = batch && new Set(prepared(ws.db, 'SELECT sample_id FROM batch_items WHERE batch_id = ?').pluck().all(batch.id) as string[]);
  // Each labelled item's human side: positive or not, undefined without the field, null when unresolved.
  const human = new Map<string, boolean | undefined | null>();
  for (const r of labeledRows(ws, method).rows) if (!inBatch || inBatch.has(r.sample.id)) human.set(r.sample.id, r.concord.values === null ? null : test(r.concord.values));

  const pairs = new Map<string, GraderPair[]>();
  const leftOut = new Map<string, GraderReport['leftOut']>();
  const range = new Map<string, [number, number]>();
  for (const { sample } of iterateSamples(ws)) {
    if (!sample.scores || (inBatch && !inBatch.has(sample.id))) continue;
    for (const [key, score] of Object.entries(sample.scores)) {
      if (opts.scores && !opts.scores.includes(key)) continue;
      const r = range.get(key);
      range.set(key, r ? [Math.min(r[0], score), Math.max(r[1], score)] : [score, score]);
      const out = leftOut.get(key) ?? { unlabelled: 0, unresolved: 0, noHumanValue: 0 };
      leftOut.set(key, out);
      const h = human.get(sample.id);
      if (!human.has(sample.id)) out.unlabelled++;
      else if (h === null) out.unresolved++;
      else if (h === undefined) out.noHumanValue++;
      else (pairs.get(key) ?? pairs.set(key, []).get(key)!).push({ item: sample.id, score, human: h });
    }
  }
  for (const key of opts.scores ?? []) if (!range.has(key)) throw new InputError(`no sample has a score "${key}"${inBatch ? ` in batch ${opts.batch}` : ''}`);

  const graders: GraderReport[] = [];
  const skipped: GradersView['skipped'] = [];
  for (const key of [...range.keys()].sort()) {
    const [lo, hi] = range.get(key)!;
    if (lo < 0 || hi > 1) {
      skipped.push({ key, reason: `scores from ${lo} to ${hi}: calibration needs scores in [0, 1]` });
      continue;
    }
    const p = pairs.get(key) ?? [];
    const c = graderCalibration(p, { threshold, bins: opts.bins });
    const curve = thresholdCurve(p);
    const best = bestF1Threshold(curve);
    const forRecall = opts.recall !== undefined ? thresholdForRecall(curve, opts.recall) : undefined;
    const step = Math.max(1, Math.ceil(curve.length / CURVE_POINTS));
    graders.push({
      key,
      n: c.n,
      leftOut: leftOut.get(key)!,
      positives: c.truePositives + c.falseNegatives,
      threshold,
      truePositives: c.truePositives,
      falsePositives: c.falsePositives,
      falseNegatives: c.falseNegatives,
      trueNegatives: c.trueNegatives,
      kappa: c.kappa,
      precision: c.precision,
      recall: c.recall,
      f1: c.f1,
      auc: (({ value, reason }) => (reason ? { value, reason } : { value }))(rocAuc(p)),
      intervals: p.length && resamples > 0 ? bootstrapCalibration(p, { threshold, resamples, seed }) : null,
      bins: c.bins,
      expectedCalibrationError: c.expectedCalibrationError,
      bestF1: best ?? null,
      forRecall: forRecall ? { ...forRecall, target: opts.recall! } : null,
      curve: curve.filter((_, i) => i % step === 0 || i === curve.length - 1),
    });
  }
  const labelled = [...human.values()].filter((h) => h !== null).length;
  return { human: def, method, threshold, batch: batch?.name ?? null, bootstrap: { resamples, seed }, labelled, unresolved: human.size - labelled, graders, skipped };
}
