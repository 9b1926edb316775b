import { describe, expect, it } from 'vitest';
import { compileRatings } from '../matrix';
import { mulberry32 } from '../random';
import type { Rating } from '../types';
import { dawidSkene, dawidSkeneSupport } from './dawidSkene';
import { majorityVote } from './majority';

/** 1,000 items, 3 classes; raters with known confusion: two good (90% right), two noisy (50%), one adversarial (swaps classes). */
function simulate(seed: number) {
  const rand = mulberry32(seed);
  const K = 3;
  const truth: number[] = [];
  const ratings: Rating[] = [];
  const priors = [0.5, 0.3, 0.2];
  const draw = () => {
    const u = rand();
    return u < priors[0] ? 0 : u < priors[0] + priors[1] ? 1 : 2;
  };
  const other = (t: number) => (t + 1 + Math.floor(rand() * (K - 1))) % K;
  const raters: ((t: number) => number)[] = [
    (t) => (rand() < 0.9 ? t : other(t)), // good
    (t) => (rand() < 0.9 ? t : other(t)), // good
    (t) => (rand() < 0.5 ? t : other(t)), // noisy
    (t) => (rand() < 0.5 ? t : other(t)), // noisy
    (t) => (rand() < 0.9 ? (t + 1) % K : t), // adversarial: systematically says the next class
  ];
  for (let i = 0; i < 1000; i++) {
    const t = draw();
    truth.push(t);
    raters.forEach((rate, r) => ratings.push({ item: `i${i}`, rater: `r${r}`, value: `c${rate(t)}` }));
  }
  return { truth, matrix: compileRatings(ratings) };
}

describe('Dawid-Skene', () => {
  const { truth, matrix } = simulate(2024);
  const classOf = (v: unknown) => Number(String(v).slice(1));

  it('recovers the true labels more often than majority vote when one rater is adversarial', () => {
    const ds = dawidSkene(matrix);
    let dsRight = 0;
    ds.label.forEach((c, i) => (dsRight += classOf(ds.classes[c]) === truth[i] ? 1 : 0));
    // Majority vote gets credit 1/k for a k-way tie that includes the truth (its expected accuracy if ties were broken at random).
    let mvRight = 0;
    majorityVote(matrix).forEach((mv, i) => {
      if (mv.candidates.some((c) => classOf(c) === truth[i])) mvRight += 1 / mv.candidates.length;
    });
    expect(ds.converged).toBe(true);
    expect(dsRight / 1000).toBeGreaterThan(0.95);
    expect(dsRight / 1000).toBeGreaterThan(mvRight / 1000 + 0.05);
  });

  it('estimates each rater\'s confusion matrix: the adversarial rater maps class c to c+1', () => {
    const ds = dawidSkene(matrix);
    const K = ds.classes.length;
    const cell = (r: number, t: number, g: number) => ds.confusion[(r * K + t) * K + g];
    for (let t = 0; t < K; t++) {
      expect(cell(4, t, (t + 1) % K)).toBeGreaterThan(0.8);
      expect(cell(0, t, t)).toBeGreaterThan(0.8);
      const rowSum = [0, 1, 2].reduce((s, g) => s + cell(2, t, g), 0);
      expect(rowSum).toBeCloseTo(1, 12);
    }
    const priorSum = [...ds.priors].reduce((s, p) => s + p, 0);
    expect(priorSum).toBeCloseTo(1, 12);
    expect(ds.priors[0]).toBeGreaterThan(0.4);
  });

  it('gives posteriors that sum to 1 and is deterministic', () => {
    const a = dawidSkene(matrix);
    const b = dawidSkene(matrix);
    expect([...a.posterior]).toEqual([...b.posterior]);
    for (let i = 0; i < 10; i++) expect(a.posterior[i * 3] + a.posterior[i * 3 + 1] + a.posterior[i * 3 + 2]).toBeCloseTo(1, 12);
    expect(a.confidence[0]).toBe(Math.max(a.posterior[0], a.posterior[1], a.posterior[2]));
  });

  it('clamps items with gold labels, including a gold class nobody gave', () => {
    const m = compileRatings([
      { item: 'a', rater: 'x', value: 'safe' },
      { item: 'a', rater: 'y', value: 'safe' },
      { item: 'b', rater: 'x', value: 'harmful' },
      { item: 'b', rater: 'y', value: 'safe' },
    ]);
    const ds = dawidSkene(m, { gold: { a: 'harmful', b: 'borderline' } });
    expect(ds.classes).toEqual(['harmful', 'safe', 'borderline']);
    expect([...ds.posterior.subarray(0, 3)]).toEqual([1, 0, 0]);
    expect([...ds.posterior.subarray(3, 6)]).toEqual([0, 0, 1]);
    expect(Number.isFinite(ds.logLikelihood)).toBe(true);
  });

  it('stops at maxIterations without converging when asked to', () => {
    const ds = dawidSkene(matrix, { maxIterations: 1 });
    expect(ds.iterations).toBe(1);
    expect(ds.converged).toBe(false);
  });

  it('gives calibrated posteriors: among items at confidence ~0.9, ~90% are right (simulation with known truth)', () => {
    // 10 simulated workspaces of 400 items, 4 raters, 3 ratings per item, 5 ordered classes; each
    // rater has an accuracy from 0.55 to 0.92 and errs mostly to neighbouring classes.
    const runs: { confidence: number; right: boolean }[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const { truth, matrix } = simulateRaters(seed, { items: 400, raters: 4, perItem: 3, classes: 5 });
      expect(dawidSkeneSupport(matrix).supported).toBe(true);
      const ds = dawidSkene(matrix);
      matrix.items.forEach((id, i) => runs.push({ confidence: ds.confidence[i], right: ds.classes[ds.label[i]] === truth.get(id) }));
    }
    const bins = calibrationBins(runs, [0, 0.6, 0.7, 0.8, 0.85, 0.95, 1.0001]);
    const around90 = bins.find((b) => b.from === 0.85)!;
    expect(around90.n).toBeGreaterThan(200);
    expect(Math.abs(around90.accuracy - around90.confidence)).toBeLessThan(0.04);
    // Expected calibration error over every bin (Naeini et al. 2015): the confidence-weighted gap.
    const ece = bins.reduce((s, b) => s + (b.n / runs.length) * Math.abs(b.accuracy - b.confidence), 0);
    expect(ece).toBeLessThan(0.03);
    for (const b of bins) if (b.n >= 100) expect(Math.abs(b.accuracy - b.confidence)).toBeLessThan(0.06);
  });

  it('says when the data cannot carry the model: fewer than 3 raters, or too few ratings per parameter', () => {
    const two = simulateRaters(1, { items: 200, raters: 2, perItem: 2, classes: 3 }).matrix;
    expect(dawidSkeneSupport(two)).toMatchObject({ supported: false, reason: expect.stringMatching(/2 raters: the model needs at least 3/) });
    // 40 items and 3 raters on a 5-level scale: 120 ratings for 64 parameters.
    const small = simulateRaters(1, { items: 40, raters: 3, perItem: 3, classes: 5 }).matrix;
    expect(dawidSkeneSupport(small)).toMatchObject({ supported: false, parameters: 64, ratings: 120 });
    expect(dawidSkeneSupport(matrix)).toMatchObject({ supported: true, parameters: 32 });
  });
});

/** Ratings from raters with known confusion matrices: accuracy 0.55-0.92, errors mostly to neighbouring classes. */
function simulateRaters(seed: number, o: { items: number; raters: number; perItem: number; classes: number }) {
  const rand = mulberry32(seed);
  const K = o.classes;
  const draw = (p: number[]) => {
    let u = rand();
    for (let k = 0; k < p.length; k++) if ((u -= p[k]) < 0) return k;
    return p.length - 1;
  };
  const weights = Array.from({ length: K }, (_, k) => K - k);
  const priors = weights.map((w) => w / weights.reduce((a, b) => a + b));
  const confusion = Array.from({ length: o.raters }, () => {
    const accuracy = 0.55 + rand() * 0.37;
    return Array.from({ length: K }, (_, t) => {
      const w = Array.from({ length: K }, (_, g) => (g === t ? 0 : (0.5 + rand()) / (g - t) ** 2));
      const sum = w.reduce((a, b) => a + b);
      return w.map((x, g) => (g === t ? accuracy : ((1 - accuracy) * x) / sum));
    });
  });
  const truth = new Map<string, string>();
  const ratings: Rating[] = [];
  for (let i = 0; i < o.items; i++) {
    const item = `i${i}`;
    const t = draw(priors);
    truth.set(item, `c${t}`);
    const raters = [...Array(o.raters).keys()].map((r) => ({ r, u: rand() })).sort((a, b) => a.u - b.u).slice(0, o.perItem);
    for (const { r } of raters) ratings.push({ item, rater: `r${r}`, value: `c${draw(confusion[r][t])}` });
  }
  return { truth, matrix: compileRatings(ratings) };
}

function calibrationBins(runs: { confidence: number; right: boolean }[], edges: number[]) {
  return edges.slice(0, -1).map((from, b) => {
    const inBin = runs.filter((r) => r.confidence >= from && r.confidence < edges[b + 1]);
    const n = inBin.length;
    return { from, n, confidence: n ? inBin.reduce((s, r) => s + r.confidence, 0) / n : 0, accuracy: n ? inBin.filter((r) => r.right).length / n : 0 };
  });
}
