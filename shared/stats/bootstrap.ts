// Seeded bootstrap confidence intervals over items.
//
// Hayes & Krippendorff (2007), "Answering the call for a standard reliability measure for coding
// data", Communication Methods and Measures 1(1): bootstrap alpha by resampling; here, as the
// issue asks, pairable items are resampled with replacement and the percentile interval is
// reported (Efron & Tibshirani 1993, An Introduction to the Bootstrap, ch. 13). Each resample is
// computed exactly from per-item contributions (profiles weighted by how often they were drawn),
// which gives the same alpha as recomputing from the resampled raw ratings, at a fraction of the cost.
import { alphaEvaluator, type Distance } from './krippendorff';
import type { RatingMatrix } from './matrix';
import { mulberry32, normalizeSeed } from './random';
import type { Level } from './types';

export interface BootstrapOptions {
  /** Number of resamples (>= 1). */
  resamples: number;
  seed: number;
  /** Confidence level, default 0.95. */
  confidence?: number;
}

export interface BootstrapInterval {
  /** [lower, upper] percentile interval, or null (with reason) when alpha is undefined for the data or for too many resamples. */
  interval: [number, number] | null;
  reason?: string;
  resamples: number;
  seed: number;
  confidence: number;
  /** Resamples whose alpha was defined (the rest drew items with a single value, for example). */
  defined: number;
}

/** Percentile of sorted values, linear interpolation between order statistics (Hyndman & Fan 1996, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function checkOptions(opts: BootstrapOptions): { resamples: number; seed: number; confidence: number } {
  const { resamples } = opts;
  const confidence = opts.confidence ?? 0.95;
  if (!Number.isSafeInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be between 0 and 1, got ${confidence}`);
  return { resamples, seed: normalizeSeed(opts.seed), confidence };
}

/** Resampled alphas (null where undefined), in resample order; reproducible for a seed. */
export function bootstrapAlphaSamples(mat: RatingMatrix, level: Level | Distance, opts: BootstrapOptions): (number | null)[] | string {
  const { resamples, seed } = checkOptions(opts);
  const ev = alphaEvaluator(mat, level);
  if (typeof ev === 'string') return ev;
  const prof = ev.profiles;
  const point = ev.evaluate(prof.weight);
  if (point.value === null) return point.reason!;
  // The pool: the profile of every pairable item (items with < 2 ratings contribute nothing).
  let N = 0;
  for (let p = 0; p < prof.size; p++) if (prof.m[p] >= 2) N += prof.weight[p];
  const pool = new Int32Array(N);
  let k = 0;
  for (let i = 0; i < prof.itemProfile.length; i++) {
    const p = prof.itemProfile[i];
    if (p >= 0 && prof.m[p] >= 2) pool[k++] = p;
  }
  const rand = mulberry32(seed);
  const w = new Float64Array(prof.size);
  const out: (number | null)[] = [];
  for (let r = 0; r < resamples; r++) {
    w.fill(0);
    for (let j = 0; j < N; j++) w[pool[(rand() * N) | 0]]++;
    out.push(ev.evaluate(w).value);
  }
  return out;
}

/** Percentile bootstrap interval for Krippendorff's alpha at `level`, or with a distance (e.g. Jaccard between label sets). */
export function bootstrapAlpha(mat: RatingMatrix, level: Level | Distance, opts: BootstrapOptions): BootstrapInterval {
  const { resamples, seed, confidence } = checkOptions(opts);
  const base = { resamples, seed, confidence };
  const samples = bootstrapAlphaSamples(mat, level, opts);
  if (typeof samples === 'string') return { ...base, interval: null, reason: samples, defined: 0 };
  const defined = Float64Array.from(samples.filter((v): v is number => v !== null)).sort();
  // Fewer than half the resamples defined: the data are too thin for a meaningful interval.
  if (defined.length < Math.max(1, resamples / 2)) {
    return { ...base, interval: null, reason: `alpha was undefined in ${resamples - defined.length} of ${resamples} resamples`, defined: defined.length };
  }
  const tail = (1 - confidence) / 2;
  return { ...base, interval: [quantileSorted(defined, tail), quantileSorted(defined, 1 - tail)], defined: defined.length };
}
