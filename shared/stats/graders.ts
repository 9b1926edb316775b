// Calibration of an automated grader (a score in [0, 1] per item) against a human binary consensus:
// agreement at a threshold (Cohen's kappa, precision, recall, F1) and a reliability table of score
// bins against the human positive rate (reliability diagram: DeGroot & Fienberg 1983; expected
// calibration error: Naeini, Cooper & Hauskrecht 2015).
import { kappaFromTable } from './cohen';
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
