// Calibration of an automated grader (a score in [0, 1] per item) against a human binary consensus:
// agreement at a threshold (Cohen's kappa, precision, recall, F1) and a reliability table of score
// bins against the human positive rate (reliability diagram: DeGroot & Fienberg 1983; expected
// calibration error: Naeini, Cooper & Hauskrecht 2015).
import { quantileSorted } from './bootstrap';
import { kappaFromTable } from './cohen';
import { mulberry32, normalizeSeed } from './random';
import { coefficient, notApplicable, proportion, type Coefficient, type Proportion } from './types';

export interface GraderPair {
  item?: string;
  /** The grader's score in [0, 1]. */
  score: number;
  /** The human consensus: true = positive (e.g. harmful). */
  human: boolean;
}

export interface CalibrationBin {
  /** Score range [lo, hi) (the last bin includes 1). */
  lo: number;
  hi: number;
  n: number;
  /** Human positives in the bin. */
  positives: number;
  meanScore: number | null;
  humanPositiveRate: number | null;
}

export interface GraderCalibration {
  n: number;
  threshold: number;
  /** Confusion at the threshold (grader positive when score >= threshold). */
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  accuracy: Proportion;
  precision: Proportion;
  recall: Proportion;
  f1: Proportion;
  /** Cohen's kappa between the thresholded grader and the humans. */
  kappa: Coefficient;
  bins: CalibrationBin[];
  /** Σ_b (n_b / n) |mean score_b - human rate_b| over non-empty bins (Naeini et al. 2015, ECE); null without data. */
  expectedCalibrationError: number | null;
}

export function graderCalibration(pairs: readonly GraderPair[], opts: { threshold?: number; bins?: number } = {}): GraderCalibration {
  const threshold = opts.threshold ?? 0.5;
  const nBins = opts.bins ?? 10;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`threshold must be in [0, 1], got ${threshold}`);
  if (!Number.isSafeInteger(nBins) || nBins < 1) throw new RangeError(`bins must be a positive integer, got ${nBins}`);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const binN = new Float64Array(nBins);
  const binPos = new Float64Array(nBins);
  const binScore = new Float64Array(nBins);
  pairs.forEach((p, i) => {
    if (!(typeof p.score === 'number' && p.score >= 0 && p.score <= 1)) {
      throw new RangeError(`${p.item !== undefined ? `item ${JSON.stringify(p.item)}` : `pair ${i + 1}`}: score must be a number in [0, 1], got ${p.score}`);
    }
    const predicted = p.score >= threshold;
    if (predicted && p.human) tp++;
    else if (predicted) fp++;
    else if (p.human) fn++;
    else tn++;
    const b = Math.min(nBins - 1, Math.floor(p.score * nBins));
    binN[b]++;
    binScore[b] += p.score;
    if (p.human) binPos[b]++;
  });
  const n = pairs.length;
  const bins: CalibrationBin[] = [];
  let ece = 0;
  for (let b = 0; b < nBins; b++) {
    const meanScore = binN[b] ? binScore[b] / binN[b] : null;
    const rate = binN[b] ? binPos[b] / binN[b] : null;
    if (meanScore !== null && rate !== null) ece += (binN[b] / n) * Math.abs(meanScore - rate);
    bins.push({ lo: b / nBins, hi: (b + 1) / nBins, n: binN[b], positives: binPos[b], meanScore, humanPositiveRate: rate });
  }
  // Rows: grader (positive, negative); columns: humans (positive, negative).
  const k = kappaFromTable([
    [tp, fp],
    [fn, tn],
  ]);
  const counts = { items: n, pairableItems: n, ratings: 2 * n, raters: 2 };
  return {
    n,
    threshold,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    accuracy: proportion(tp + tn, n, 'no items'),
    precision: proportion(tp, tp + fp, 'the grader flagged no item at this threshold'), // precision = TP / (TP + FP)
    recall: proportion(tp, tp + fn, 'the humans marked no item positive'), // recall = TP / (TP + FN)
    f1: proportion(2 * tp, 2 * tp + fp + fn, 'no positives from either side'), // F1 = 2TP / (2TP + FP + FN) (van Rijsbergen 1979, F with β = 1)
    kappa: k.value === null ? notApplicable(k.reason!, counts) : coefficient(k.value, counts),
    bins,
    expectedCalibrationError: n ? ece : null,
  };
}

/**
 * Area under the ROC curve: the probability that a random human-positive item scores higher than a
 * random human-negative one, ties counting one half, computed from average ranks as the
 * Mann-Whitney U over n_pos n_neg (Bamber 1975; Hanley & McNeil 1982). Null without both classes.
 */
export function rocAuc(pairs: readonly GraderPair[]): { value: number | null; reason?: string; positives: number; negatives: number } {
  const order = pairs.map((p, i) => i).sort((a, b) => pairs[a].score - pairs[b].score);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && pairs[order[j + 1]].score === pairs[order[i]].score) j++;
    const rank = (i + j) / 2 + 1; // average rank of the tied run (1-based)
    for (let k = i; k <= j; k++) if (pairs[order[k]].human) (rankSum += rank), pos++;
    i = j + 1;
  }
  const neg = pairs.length - pos;
  if (pos === 0 || neg === 0) return { value: null, reason: pos === 0 ? 'the humans marked no item positive' : 'the humans marked every item positive', positives: pos, negatives: neg };
  return { value: (rankSum - (pos * (pos + 1)) / 2) / (pos * neg), positives: pos, negatives: neg };
}

export interface ThresholdPoint {
  /** Grader positive when score >= threshold. */
  threshold: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  flagged: number;
}

/**
 * Precision, recall and F1 at every distinct score used as the threshold, from the highest down (the
 * points of the precision-recall curve; Davis & Goadrich 2006). Precision is null where nothing is flagged.
 */
export function thresholdCurve(pairs: readonly GraderPair[]): ThresholdPoint[] {
  const sorted = [...pairs].sort((a, b) => b.score - a.score);
  const positives = pairs.reduce((n, p) => n + (p.human ? 1 : 0), 0);
  const out: ThresholdPoint[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length; ) {
    const t = sorted[i].score;
    for (; i < sorted.length && sorted[i].score === t; i++) sorted[i].human ? tp++ : fp++;
    const fn = positives - tp;
    out.push({
      threshold: t,
      precision: tp + fp ? tp / (tp + fp) : null, // TP / (TP + FP)
      recall: positives ? tp / positives : null, // TP / (TP + FN)
      f1: 2 * tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : null, // 2TP / (2TP + FP + FN) (van Rijsbergen 1979)
      flagged: tp + fp,
    });
  }
  return out;
}

/** The threshold with the highest F1 (the highest such threshold on a tie), or undefined without positives. */
export function bestF1Threshold(curve: readonly ThresholdPoint[]): ThresholdPoint | undefined {
  let best: ThresholdPoint | undefined;
  for (const p of curve) if (p.f1 !== null && (best === undefined || p.f1 > best.f1!)) best = p;
  return best;
}

/** The highest threshold whose recall reaches `recall` (the fewest items flagged for it), or undefined. */
export function thresholdForRecall(curve: readonly ThresholdPoint[], recall: number): ThresholdPoint | undefined {
  return curve.find((p) => p.recall !== null && p.recall >= recall - 1e-12);
}

export interface MetricInterval {
  interval: [number, number] | null;
  reason?: string;
  /** Resamples where the metric was defined. */
  defined: number;
}

export interface CalibrationIntervals {
  resamples: number;
  seed: number;
  confidence: number;
  kappa: MetricInterval;
  precision: MetricInterval;
  recall: MetricInterval;
  f1: MetricInterval;
  auc: MetricInterval;
}

/**
 * Percentile bootstrap intervals (Efron & Tibshirani 1993, ch. 13) for kappa, precision, recall and
 * F1 at the threshold and for ROC AUC: items resampled with replacement, seeded (mulberry32).
 */
export function bootstrapCalibration(pairs: readonly GraderPair[], opts: { threshold: number; resamples: number; seed: number; confidence?: number }): CalibrationIntervals {
  const { threshold, resamples } = opts;
  const confidence = opts.confidence ?? 0.95;
  if (!Number.isSafeInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  const seed = normalizeSeed(opts.seed);
  const rand = mulberry32(seed);
  const n = pairs.length;
  const draws: Record<'kappa' | 'precision' | 'recall' | 'f1' | 'auc', number[]> = { kappa: [], precision: [], recall: [], f1: [], auc: [] };
  const sample: GraderPair[] = new Array(n);
  for (let r = 0; r < resamples && n > 0; r++) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    for (let j = 0; j < n; j++) {
      const p = pairs[(rand() * n) | 0];
      sample[j] = p;
      const flagged = p.score >= threshold;
      if (flagged && p.human) tp++;
      else if (flagged) fp++;
      else if (p.human) fn++;
      else tn++;
    }
    if (tp + fp) draws.precision.push(tp / (tp + fp));
    if (tp + fn) draws.recall.push(tp / (tp + fn));
    if (2 * tp + fp + fn) draws.f1.push((2 * tp) / (2 * tp + fp + fn));
    const k = kappaFromTable([
      [tp, fp],
      [fn, tn],
    ]);
    if (k.value !== null) draws.kappa.push(k.value);
    const auc = rocAuc(sample).value;
    if (auc !== null) draws.auc.push(auc);
  }
  const tail = (1 - confidence) / 2;
  const interval = (values: number[]): MetricInterval => {
    if (values.length < Math.max(1, resamples / 2)) return { interval: null, reason: `undefined in ${resamples - values.length} of ${resamples} resamples`, defined: values.length };
    const sorted = Float64Array.from(values).sort();
    return { interval: [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)], defined: values.length };
  };
  return { resamples, seed, confidence, kappa: interval(draws.kappa), precision: interval(draws.precision), recall: interval(draws.recall), f1: interval(draws.f1), auc: interval(draws.auc) };
}
