import { describe, expect, it } from 'vitest';
import { bestF1Threshold, bootstrapCalibration, graderCalibration, rocAuc, thresholdCurve, thresholdForRecall } from './graders';
import { mulberry32 } from './random';

describe('grader calibration', () => {
  // Ten items, one per score bin. At threshold 0.5: TP 4 (0.55 0.75 0.85 0.95), FP 1 (0.65),
  // FN 1 (0.35), TN 4. Precision = recall = F1 = accuracy = 0.8; kappa: p_o 0.8, p_e 0.5*0.5 + 0.5*0.5 = 0.5, so 0.6.
  // ECE = (0.05+0.15+0.25+0.65+0.45+0.45+0.65+0.25+0.15+0.05)/10 = 0.31.
  const humans = [false, false, false, true, false, true, false, true, true, true];
  const pairs = humans.map((human, i) => ({ item: `i${i}`, score: 0.05 + i / 10, human }));

  it('reports the confusion, precision, recall, F1 and kappa at the threshold', () => {
    const c = graderCalibration(pairs);
    expect([c.truePositives, c.falsePositives, c.falseNegatives, c.trueNegatives]).toEqual([4, 1, 1, 4]);
    expect(c.precision.value).toBeCloseTo(0.8, 12);
    expect(c.recall.value).toBeCloseTo(0.8, 12);
    expect(c.f1.value).toBeCloseTo(0.8, 12);
    expect(c.accuracy.value).toBeCloseTo(0.8, 12);
    expect(c.kappa.value).toBeCloseTo(0.6, 12);
    expect(c.kappa.n.items).toBe(10);
  });

  it('tabulates score bins against the human positive rate', () => {
    const c = graderCalibration(pairs);
    expect(c.bins).toHaveLength(10);
    expect(c.bins[3]).toMatchObject({ lo: 0.3, hi: 0.4, n: 1, positives: 1, humanPositiveRate: 1 });
    expect(c.bins[3].meanScore).toBeCloseTo(0.35, 12);
    expect(c.expectedCalibrationError).toBeCloseTo(0.31, 12);
    expect(graderCalibration([{ score: 1, human: true }]).bins[9].n).toBe(1); // 1.0 falls in the last bin
  });

  it('moves with the threshold and says why a ratio is undefined', () => {
    const c = graderCalibration(pairs, { threshold: 0.99, bins: 5 });
    expect(c.truePositives + c.falsePositives).toBe(0);
    expect(c.precision).toMatchObject({ value: null, reason: expect.stringMatching(/flagged no item/) });
    expect(c.recall.value).toBe(0);
    expect(c.bins.map((b) => b.n)).toEqual([2, 2, 2, 2, 2]);
    expect(graderCalibration([]).expectedCalibrationError).toBeNull();
  });

  it('rejects scores outside [0, 1]', () => {
    expect(() => graderCalibration([{ item: 'x', score: 1.2, human: true }])).toThrow(/item "x": score must be a number in \[0, 1\]/);
  });

  it('gives ROC AUC as the Mann-Whitney U over n_pos n_neg, ties counting one half', () => {
    // Positives at ranks 4, 6, 8, 9, 10: U = 37 - 5*6/2 = 22, AUC = 22 / (5*5) = 0.88.
    expect(rocAuc(pairs)).toEqual({ value: 22 / 25, positives: 5, negatives: 5 });
    // One tie between a positive and a negative: it counts one half.
    expect(rocAuc([{ score: 0.5, human: true }, { score: 0.5, human: false }, { score: 0.9, human: true }]).value).toBeCloseTo((0.5 + 1) / 2, 12);
    expect(rocAuc([{ score: 0.5, human: true }])).toMatchObject({ value: null, reason: expect.stringMatching(/every item positive/) });
  });

  it('walks every threshold: the precision-recall curve, the F1-best threshold and the one for a recall', () => {
    const curve = thresholdCurve(pairs);
    expect(curve).toHaveLength(10);
    expect(curve[0]).toMatchObject({ threshold: pairs[9].score, precision: 1, recall: 0.2, flagged: 1 });
    expect(curve[0].f1).toBeCloseTo(1 / 3, 12);
    // At 0.35: TP 5, FP 2, FN 0: F1 = 10/12, the best; at 0.55 recall first reaches 0.8 (TP 4 of 5).
    const best = bestF1Threshold(curve)!;
    expect(best.threshold).toBe(pairs[3].score);
    expect(best.f1).toBeCloseTo(10 / 12, 12);
    expect(thresholdForRecall(curve, 0.8)).toMatchObject({ threshold: pairs[5].score, recall: 0.8, precision: 0.8 });
    expect(thresholdForRecall(curve, 1)!.threshold).toBe(pairs[3].score);
    // The curve agrees with graderCalibration at every threshold.
    for (const p of curve) {
      const c = graderCalibration(pairs, { threshold: p.threshold });
      expect([p.precision, p.recall, p.f1]).toEqual([c.precision.value, c.recall.value, c.f1.value]);
    }
  });

  it('recovers a known calibration from simulated graded samples', () => {
    const rand = mulberry32(7);
    const n = 20_000;
    const scores = Array.from({ length: n }, () => rand());
    // Calibrated: P(human positive | score s) = s. Over-confident: P = s^2, so ECE -> E|s - s^2| = 1/6.
    const calibrated = scores.map((score) => ({ score, human: rand() < score }));
    const overconfident = scores.map((score) => ({ score, human: rand() < score * score }));
    const c = graderCalibration(calibrated);
    expect(c.expectedCalibrationError!).toBeLessThan(0.02);
    for (const b of c.bins) expect(Math.abs(b.humanPositiveRate! - b.meanScore!)).toBeLessThan(0.04);
    expect(graderCalibration(overconfident, { bins: 20 }).expectedCalibrationError!).toBeCloseTo(1 / 6, 1);
    // With s uniform and y ~ Bernoulli(s), AUC = 4 * integral of a(a - a^2/2) = 5/6.
    expect(rocAuc(calibrated).value!).toBeCloseTo(5 / 6, 2);
  });

  it('gives seeded percentile bootstrap intervals that hold the point estimates', () => {
    const rand = mulberry32(3);
    const data = Array.from({ length: 400 }, () => {
      const score = rand();
      return { score, human: rand() < score };
    });
    const a = bootstrapCalibration(data, { threshold: 0.5, resamples: 300, seed: 11 });
    expect(bootstrapCalibration(data, { threshold: 0.5, resamples: 300, seed: 11 })).toEqual(a);
    const point = graderCalibration(data, { threshold: 0.5 });
    for (const [k, v] of [['kappa', point.kappa.value], ['precision', point.precision.value], ['recall', point.recall.value], ['f1', point.f1.value], ['auc', rocAuc(data).value]] as const) {
      const ci = a[k].interval!;
      expect(ci[0], k).toBeLessThan(v!);
      expect(ci[1], k).toBeGreaterThan(v!);
      expect(ci[1] - ci[0], k).toBeLessThan(0.25);
    }
    expect(bootstrapCalibration([{ score: 0.9, human: true }], { threshold: 0.5, resamples: 10, seed: 1 }).kappa).toMatchObject({ interval: null });
  });
});
