// Cohen's kappa for two raters, unweighted (Cohen 1960) and weighted (Cohen 1968), plus Scott's pi
// (Scott 1955) from the same contingency table.
import type { RatingMatrix } from './matrix';
import { coefficient, notApplicable, type Coefficient, type Counts } from './types';
import { agreementWeights, categoryPositions, type WeightScheme } from './weights';
import type { Level } from './types';

export interface TableKappa {
  value: number | null;
  reason?: string;
  /** Observed and chance agreement (weighted when weights are given). */
  po: number;
  pe: number;
  n: number;
}

/**
 * Kappa from a q x q contingency table (rows rater A, columns rater B) and optional q x q agreement
 * weights: κ_w = (p_o(w) - p_e(w)) / (1 - p_e(w)) with p_o(w) = Σ w_kl p_kl and p_e(w) = Σ w_kl p_k. p_.l
 * (Cohen 1968, weighted kappa; with identity weights it is Cohen 1960's kappa).
 */
export function kappaFromTable(table: readonly (readonly number[])[], weights?: ArrayLike<number>): TableKappa {
  const q = table.length;
  const rows = new Float64Array(q);
  const cols = new Float64Array(q);
  let n = 0;
  let po = 0;
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) {
      const x = table[k][l];
      rows[k] += x;
      cols[l] += x;
      n += x;
      po += x * (weights ? weights[k * q + l] : k === l ? 1 : 0);
    }
  }
  if (n === 0) return { value: null, reason: 'no item was rated by both', po: 0, pe: 0, n: 0 };
  let pe = 0;
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) pe += rows[k] * cols[l] * (weights ? weights[k * q + l] : k === l ? 1 : 0);
  }
  po /= n;
  pe /= n * n;
  if (pe >= 1 - 1e-12) return { value: null, reason: 'chance agreement is 1 (every rating is in one category)', po, pe, n };
  return { value: (po - pe) / (1 - pe), po, pe, n };
}

/** Scott's pi from a q x q table: p_e from the pooled marginals, Σ_k ((n_k. + n_.k) / 2n)² (Scott 1955, pi). */
export function scottPiFromTable(table: readonly (readonly number[])[]): TableKappa {
  const q = table.length;
  const pooled = new Float64Array(q);
  let n = 0;
  let agree = 0;
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) {
      pooled[k] += table[k][l];
      pooled[l] += table[k][l];
      n += table[k][l];
      if (k === l) agree += table[k][l];
    }
  }
  if (n === 0) return { value: null, reason: 'no item was rated by both', po: 0, pe: 0, n: 0 };
  let pe = 0;
  for (let k = 0; k < q; k++) pe += (pooled[k] / (2 * n)) ** 2;
  const po = agree / n;
  if (pe >= 1 - 1e-12) return { value: null, reason: 'chance agreement is 1 (every rating is in one category)', po, pe, n };
  return { value: (po - pe) / (1 - pe), po, pe, n };
}

/** The q x q table of two raters over the items both rated (rows the first rater). */
export function pairTable(mat: RatingMatrix, a: number, b: number): number[][] {
  const q = mat.categories.length;
  const table = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  for (let i = 0; i < mat.items.length; i++) {
    let va = -1;
    let vb = -1;
    for (let j = mat.itemStart[i]; j < mat.itemStart[i + 1]; j++) {
      if (mat.rater[j] === a) va = mat.value[j];
      else if (mat.rater[j] === b) vb = mat.value[j];
    }
    if (va >= 0 && vb >= 0) table[va][vb]++;
  }
  return table;
}

export interface CohenOptions {
  /** identity (default: Cohen 1960), linear or quadratic (Cohen 1968). */
  weights?: Extract<WeightScheme, 'identity' | 'linear' | 'quadratic'>;
  /** Places categories by value at the interval/ratio levels, by rank otherwise (default ordinal). */
  level?: Level;
  /** The two raters, when the matrix has more than two. */
  raters?: readonly [string, string];
}

/** Cohen's kappa between two raters over the items both rated; null unless there are exactly two raters (or `raters` names two). */
export function cohenKappa(mat: RatingMatrix, opts: CohenOptions = {}): Coefficient {
  let a: number;
  let b: number;
  if (opts.raters) {
    a = mat.raters.indexOf(opts.raters[0]);
    b = mat.raters.indexOf(opts.raters[1]);
    if (a < 0 || b < 0 || a === b) return notApplicable(`raters ${opts.raters.join(' and ')} are not two distinct raters of these data`, none);
  } else {
    if (mat.raters.length !== 2) return notApplicable(`Cohen's kappa needs exactly two raters (found ${mat.raters.length})`, mat.counts);
    a = 0;
    b = 1;
  }
  const table = pairTable(mat, a, b);
  const scheme = opts.weights ?? 'identity';
  const weights = scheme === 'identity' ? undefined : agreementWeights(scheme, categoryPositions(mat, opts.level ?? 'ordinal'));
  if (weights && !mat.ordered) return notApplicable('weighted kappa needs ordered categories', mat.counts);
  const k = kappaFromTable(table, weights);
  const n: Counts = { items: k.n, pairableItems: k.n, ratings: 2 * k.n, raters: 2 };
  return k.value === null ? notApplicable(k.reason!, n) : coefficient(k.value, n);
}

const none: Counts = { items: 0, pairableItems: 0, ratings: 0, raters: 0 };
