// Dawid-Skene aggregation: EM estimates of each rater's confusion matrix and the class priors, giving
// a posterior probability of each class per item. Dawid, A. P. & Skene, A. M. (1979). Maximum
// likelihood estimation of observer error-rates using the EM algorithm. Applied Statistics 28(1), 20-28.
//
// Estimated by MAP-EM rather than plain maximum likelihood: every confusion row and the class priors
// get a Dirichlet prior (as in the Bayesian versions of the model: Passonneau & Carpenter 2014, "The
// benefits of a model of annotation", TACL 2; Paun et al. 2018, "Comparing Bayesian models of
// annotation", TACL 6). Maximum likelihood puts zeros in the cells a rater was never seen in, and a
// zero (or the 0.01 smoothing this file used before) turns one rating into near-certainty: on 40
// items and 3 raters it gave 0.99 to severity 2 from ratings 0 / 2 / 4. Deterministic: initialised
// from the (soft) majority vote, no randomness.
import { labelEntries, type LabelSource } from '../labels';
import type { RatingMatrix } from '../matrix';
import type { Value } from '../types';

/**
 * Dirichlet prior parameters: `agree` on a confusion row's diagonal (the rater gives the true class),
 * `disagree` on each other cell, `classes` on each class prior. The MAP estimate adds (parameter - 1)
 * pseudo-counts: by default 2 on the diagonal and 1 elsewhere (raters are assumed better than chance,
 * weakly), and 1 to each class. These defaults were chosen by simulation (shared/stats/aggregate/
 * dawidSkene.test.ts and the README's Statistics section): they kept posteriors calibrated across
 * 40-1,000 items, 3-6 raters, 2-5 classes and rater accuracies from 0.55 to 0.99.
 */
export interface DawidSkenePrior {
  agree: number;
  disagree: number;
  classes: number;
}

export const DEFAULT_DS_PRIOR: DawidSkenePrior = { agree: 3, disagree: 2, classes: 2 };

export interface DawidSkeneOptions {
  /** Stop after this many EM iterations (default 100). */
  maxIterations?: number;
  /** Converged when no posterior moves by more than this between iterations (default 1e-6). */
  tolerance?: number;
  /** Dirichlet priors (every parameter >= 1, so the MAP estimate exists). */
  prior?: DawidSkenePrior;
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
  /** 1 where the two most probable classes have the same posterior (to 1e-9): the model cannot choose. */
  tied: Uint8Array;
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
  const prior = opts.prior ?? DEFAULT_DS_PRIOR;
  if (!(prior.agree >= 1 && prior.disagree >= 1 && prior.classes >= 1)) throw new RangeError('Dirichlet prior parameters must be >= 1');
  if (!(prior.agree > 1 || prior.disagree > 1) || !(prior.classes > 1)) throw new RangeError('the prior must add pseudo-counts (a parameter > 1) so empty rows never divide by zero');
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
  const pseudoAgree = prior.agree - 1;
  const pseudoDisagree = prior.disagree - 1;
  let iterations = 0;
  let converged = false;
  let logLikelihood = 0;
  while (iterations < maxIterations) {
    iterations++;
    // M-step: π_c and π^(r)_cl from the current posteriors (Dawid & Skene 1979, eqs. 2.3-2.4), as the
    // mode of their Dirichlet posteriors: expected counts plus (prior parameter - 1).
    priors.fill(prior.classes - 1);
    for (let r = 0; r < R; r++) for (let c = 0; c < K; c++) for (let l = 0; l < K; l++) confusion[(r * K + c) * K + l] = l === c ? pseudoAgree : pseudoDisagree;
    rowSum.fill(pseudoAgree + (K - 1) * pseudoDisagree);
    let priorTotal = K * (prior.classes - 1);
    for (let i = 0; i < N; i++) {
      if (!active[i]) continue;
      priorTotal++;
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
    for (let c = 0; c < K; c++) priors[c] /= priorTotal;
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
  const tied = new Uint8Array(N);
  const confidence = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    if (!active[i]) continue;
    let best = 0;
    for (let c = 1; c < K; c++) if (T[i * K + c] > T[i * K + best]) best = c;
    for (let c = 0; c < K; c++) if (c !== best && Math.abs(T[i * K + c] - T[i * K + best]) < 1e-9) tied[i] = 1;
    label[i] = best;
    confidence[i] = T[i * K + best];
  }
  return { classes, posterior: T, label, tied, confidence, priors, confusion, iterations, converged, logLikelihood };
}

export interface DawidSkeneSupport {
  /** Whether the data can carry the model; when not, aggregate by majority vote instead. */
  supported: boolean;
  /** Why not, in words (absent when supported). */
  reason?: string;
  /** Free parameters of the model: R·K·(K−1) confusion cells and K−1 class priors. */
  parameters: number;
  ratings: number;
}

/** How much data Dawid-Skene's estimates need before they are used (see dawidSkeneSupport). */
export const DS_RATINGS_PER_PARAMETER = 10;
export const DS_MIN_ITEMS = 100;

/**
 * Whether Dawid-Skene's estimates can be trusted on these ratings. Two conditions:
 *   - Identifiability: a latent class model needs at least three conditionally independent ratings
 *     per item (Kruskal 1977; Allman, Matias & Rhodes 2009, Annals of Statistics 37(6A)): with two
 *     raters, many different confusion matrices explain the data equally well. So: 3 or more
 *     raters, and 3 or more ratings on at least half of the items.
 *   - Enough data: a rule of thumb, not a theorem. At least 100 items with 3 or more ratings and 10
 *     ratings per free parameter; in simulations (README, Statistics) MAP-EM's posteriors were
 *     calibrated from there (expected calibration error 0.01-0.03), and not below it (0.04-0.10 on
 *     40 items).
 */
export function dawidSkeneSupport(mat: RatingMatrix, classes = mat.categories.length): DawidSkeneSupport {
  const R = mat.counts.raters;
  const K = Math.max(2, classes);
  const parameters = R * K * (K - 1) + (K - 1);
  const ratings = mat.counts.ratings;
  const base = { parameters, ratings };
  if (R < 3) return { ...base, supported: false, reason: `${R} rater${R === 1 ? '' : 's'}: the model needs at least 3 to be identifiable` };
  let threePlus = 0;
  let items = 0;
  for (let i = 0; i < mat.items.length; i++) {
    const m = mat.itemStart[i + 1] - mat.itemStart[i];
    if (m > 0) items++;
    if (m >= 3) threePlus++;
  }
  if (threePlus * 2 < items) return { ...base, supported: false, reason: `only ${threePlus} of ${items} items have 3 or more ratings: the model needs 3 per item to be identifiable` };
  if (threePlus < DS_MIN_ITEMS) return { ...base, supported: false, reason: `${threePlus} items with 3 or more ratings: the estimates need at least ${DS_MIN_ITEMS}` };
  if (ratings < DS_RATINGS_PER_PARAMETER * parameters) {
    return { ...base, supported: false, reason: `${ratings} ratings for ${parameters} parameters (${R} raters, ${K} classes): the estimates need about ${DS_RATINGS_PER_PARAMETER * parameters}` };
  }
  return { ...base, supported: true };
}
