import { describe, expect, it } from 'vitest';
import { compileRatings } from '../matrix';
import { mulberry32 } from '../random';
import type { Rating } from '../types';
import { dawidSkene } from './dawidSkene';
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
});
