import { describe, expect, it } from 'vitest';
import { graderCalibration } from './graders';

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
});
