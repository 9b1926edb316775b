// Dawid-Skene aggregation: EM estimates of each rater's confusion matrix and the class priors, giving
// a posterior probability of each class per item. Dawid, A. P. & Skene, A. M. (1979). Maximum
// likelihood estimation of observer error-rates using the EM algorithm. Applied Statistics 28(1), 20-28.
// Deterministic: initialised from the (soft) majority vote, no randomness.
import { labelEntries, type LabelSource } from '../labels';
import type { RatingMatrix } from '../matrix';
import type { Value } from '../types';

export interface DawidSkeneOptions {
  /** Stop after this many EM iterations (default 100). */
  maxIterations?: number;
  /** Converged when no posterior moves by more than this between iterations (default 1e-6). */
  tolerance?: number;
  /** Additive (Dirichlet) smoothing of confusion rows and priors, so empty rows never divide by zero (default 0.01). */
  smoothing?: number;
  /** Known true labels: those items' posteriors are clamped to the gold class and anchor the confusion estimates. */
  gold?: LabelSource;
}

export interface DawidSkeneResult {
  /** The classes: the matrix's categories, plus any gold label nobody gave. */
  classes: Value[];
  /** Posterior P(true class = c | ratings), row-major items x classes. */
  posterior: Float64Array;
  /** Most probable class per item (index into classes; ties go to the lower index), -1 for an item without ratings or gold. */
  label: Int32Array;
  /** The posterior probability of that class. */
  confidence: Float64Array;
  /** Class priors. */
  priors: Float64Array;
  /** Rater confusion matrices, raters x classes x classes: [r][true][given] = P(rater r says `given` | true class). */
  confusion: Float64Array;
  iterations: number;
  converged: boolean;
  /** Log-likelihood of the ratings under the final parameters. */
  logLikelihood: number;
}

export function dawidSkene(mat: RatingMatrix, opts: DawidSkeneOptions = {}): DawidSkeneResult {
  const maxIterations = opts.maxIterations ?? 100;
  const tolerance = opts.tolerance ?? 1e-6;
  const s = opts.smoothing ?? 0.01;
  if (!(s > 0)) throw new RangeError('smoothing must be > 0');
  const N = mat.items.length;
  const R = mat.raters.length;
  const classes: Value[] = [...mat.categories];
  const code = new Map<Value, number>(classes.map((c, i) => [c, i]));
  const gold = new Int32Array(N).fill(-1);
  if (opts.gold) {
    const itemIndex = new Map(mat.items.map((id, i) => [id, i]));
    for (const [item, v] of labelEntries(opts.gold)) {
      const i = itemIndex.get(item);
      if (i === undefined) continue;
      let c = code.get(v);
      if (c === undefined) {
        c = classes.length;
        code.set(v, c);
        classes.push(v);
      }
      gold[i] = c;
    }
  }
  const K = classes.length;
  const T = new Float64Array(N * K); // posteriors
  const active = new Uint8Array(N); // items with ratings or gold
  // Initialise from the soft majority vote: T_ic = n_ic / m_i (the starting values Dawid & Skene 1979 suggest).
  for (let i = 0; i < N; i++) {
    const a = mat.itemStart[i];
    const b = mat.itemStart[i + 1];
    if (gold[i] >= 0) T[i * K + gold[i]] = 1;
    else for (let j = a; j < b; j++) T[i * K + mat.value[j]] += 1 / (b - a);
    active[i] = gold[i] >= 0 || b > a ? 1 : 0;
  }
  const priors = new Float64Array(K);
  const confusion = new Float64Array(R * K * K);
  const rowSum = new Float64Array(R * K);
  const logp = new Float64Array(K);
  let iterations = 0;
  let converged = false;
  let logLikelihood = 0;
  while (iterations < maxIterations) {
    iterations++;
    // M-step: π_c and π^(r)_cl from the current posteriors (Dawid & Skene 1979, eqs. 2.3-2.4), smoothed.
    priors.fill(s);
    confusion.fill(s);
    rowSum.fill(K * s);
    let active_n = 0;
    for (let i = 0; i < N; i++) {
      if (!active[i]) continue;
      active_n++;
      for (let c = 0; c < K; c++) priors[c] += T[i * K + c];
      for (let j = mat.itemStart[i]; j < mat.itemStart[i + 1]; j++) {
        const r = mat.rater[j];
        const l = mat.value[j];
        for (let c = 0; c < K; c++) {
          const t = T[i * K + c];
          confusion[(r * K + c) * K + l] += t;
          rowSum[r * K + c] += t;
        }
      }
    }
    for (let c = 0; c < K; c++) priors[c] /= active_n + K * s;
    for (let rc = 0; rc < R * K; rc++) for (let l = 0; l < K; l++) confusion[rc * K + l] /= rowSum[rc];
    const logPrior = priors.map(Math.log);
    const logConf = confusion.map(Math.log);

    // E-step: T_ic ∝ π_c Π_r π^(r)_{c, label_r(i)} (Dawid & Skene 1979, eq. 2.5), in logs.
    let maxChange = 0;
    logLikelihood = 0;
    for (let i = 0; i < N; i++) {
      if (!active[i]) continue;
      for (let c = 0; c < K; c++) logp[c] = logPrior[c];
      for (let j = mat.itemStart[i]; j < mat.itemStart[i + 1]; j++) {
        const base = mat.rater[j] * K * K + mat.value[j];
        for (let c = 0; c < K; c++) logp[c] += logConf[base + c * K];
      }
      let mx = -Infinity;
      for (let c = 0; c < K; c++) if (logp[c] > mx) mx = logp[c];
      let z = 0;
      for (let c = 0; c < K; c++) z += Math.exp(logp[c] - mx);
      if (gold[i] >= 0) {
        logLikelihood += logp[gold[i]];
        continue; // clamped
      }
      logLikelihood += mx + Math.log(z);
      for (let c = 0; c < K; c++) {
        const v = Math.exp(logp[c] - mx) / z;
        maxChange = Math.max(maxChange, Math.abs(v - T[i * K + c]));
        T[i * K + c] = v;
      }
    }
    if (maxChange < tolerance) {
      converged = true;
      break;
    }
  }
  const label = new Int32Array(N).fill(-1);
  const confidence = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    if (!active[i]) continue;
    let best = 0;
    for (let c = 1; c < K; c++) if (T[i * K + c] > T[i * K + best]) best = c;
    label[i] = best;
    confidence[i] = T[i * K + best];
  }
  return { classes, posterior: T, label, confidence, priors, confusion, iterations, converged, logLikelihood };
}
