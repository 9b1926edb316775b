// Krippendorff's alpha for any number of raters, missing data allowed, from the coincidence matrix.
// Source: Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
// Communication, University of Pennsylvania (departmental paper 43). Notation follows it: n_uc is
// the number of values c in unit u, m_u the values in unit u, o_ck the coincidences, n_c their
// marginals, n the number of pairable values. Units with fewer than 2 values are not pairable.
import { levelProblem, type RatingMatrix } from './matrix';
import { profilesOf, type Profiles } from './profiles';
import { coefficient, notApplicable, type Coefficient, type Level } from './types';

/** A distance between two category codes, 0 for equal categories (a squared difference function δ²). */
export type Distance = (a: number, b: number) => number;

export interface AlphaResult {
  value: number | null;
  reason?: string;
  /** Pairable values n, observed disagreement D_o, expected disagreement D_e. */
  pairableValues: number;
  observed: number;
  expected: number;
}

/** Prepared computation of alpha for one matrix and metric, evaluated for any weighting of its item profiles. */
export interface AlphaEvaluator {
  readonly profiles: Profiles;
  /** Alpha when profile p counts w[p] times (w = profiles.weight gives the data's own alpha). */
  evaluate(w: Float64Array): AlphaResult;
}

type Kind = 'nominal' | 'interval' | 'ordinal' | 'pairwise';

/** Prepares alpha at a level or with a custom distance; a string is the reason it cannot be computed. */
export function alphaEvaluator(mat: RatingMatrix, metric: Level | Distance): AlphaEvaluator | string {
  if (typeof metric === 'string') {
    const problem = levelProblem(mat, metric);
    if (problem) return problem;
  }
  const prof = profilesOf(mat);
  const C = mat.categories.length;
  const values = mat.numeric;
  let kind: Kind;
  let delta: Distance | null = null;
  if (typeof metric === 'function') {
    kind = 'pairwise';
    delta = metric;
  } else if (metric === 'nominal') kind = 'nominal';
  else if (metric === 'ordinal') kind = 'ordinal';
  else if (metric === 'interval') kind = 'interval';
  else {
    kind = 'pairwise';
    const v = values!;
    // Ratio metric δ²_ck = ((c-k)/(c+k))² (Krippendorff 2011, "ratio metric").
    delta = (a, b) => (v[a] + v[b] === 0 ? 0 : ((v[a] - v[b]) / (v[a] + v[b])) ** 2);
  }

  // Observed disagreement per profile, Σ_c Σ_k n_uc n_uk δ²_ck / (m_u - 1), when δ does not depend on the data.
  const fixedDo = kind === 'ordinal' ? null : new Float64Array(prof.size);
  if (fixedDo) {
    for (let p = 0; p < prof.size; p++) {
      const mu = prof.m[p];
      if (mu < 2) continue;
      fixedDo[p] = profileDisagreement(prof, p, kind, delta, values) / (mu - 1);
    }
  }
  const nc = new Float64Array(C);
  const ranks = new Float64Array(C);

  return {
    profiles: prof,
    evaluate(w: Float64Array): AlphaResult {
      nc.fill(0);
      let n = 0;
      for (let p = 0; p < prof.size; p++) {
        const wp = w[p];
        if (wp === 0 || prof.m[p] < 2) continue;
        n += wp * prof.m[p];
        for (let e = prof.start[p]; e < prof.start[p + 1]; e++) nc[prof.cat[e]] += wp * prof.cnt[e];
      }
      if (n === 0) return { value: null, reason: 'no item has 2 or more ratings, so nothing is pairable', pairableValues: 0, observed: 0, expected: 0 };
      let used = 0;
      for (let c = 0; c < C; c++) if (nc[c] > 0) used++;
      if (used < 2) {
        return { value: null, reason: 'all pairable ratings have the same value, so expected disagreement is 0', pairableValues: n, observed: 0, expected: 0 };
      }

      let sumDo = 0; // Σ_c Σ_k o_ck δ²_ck
      let sumDe = 0; // Σ_c Σ_k n_c n_k δ²_ck
      if (kind === 'ordinal') {
        // Ordinal metric δ²_ck = (Σ_{g=c..k} n_g - (n_c + n_k)/2)² (Krippendorff 2011, "ordinal metric"),
        // which equals (r_k - r_c)² for the mid-ranks r_g = Σ_{h<g} n_h + n_g/2: the interval metric on mid-ranks.
        let cum = 0;
        for (let c = 0; c < C; c++) {
          ranks[c] = cum + nc[c] / 2;
          cum += nc[c];
        }
        centre(ranks, nc, n);
        for (let p = 0; p < prof.size; p++) {
          const wp = w[p];
          if (wp === 0 || prof.m[p] < 2) continue;
          sumDo += (wp * profileDisagreement(prof, p, 'interval', null, ranks)) / (prof.m[p] - 1);
        }
        sumDe = intervalExpected(nc, ranks, n);
      } else {
        for (let p = 0; p < prof.size; p++) if (w[p] !== 0) sumDo += w[p] * fixedDo![p];
        if (kind === 'nominal') {
          // Nominal: Σ_{c≠k} n_c n_k = n² - Σ_c n_c² (Krippendorff 2011, "nominal data").
          let sq = 0;
          for (let c = 0; c < C; c++) sq += nc[c] * nc[c];
          sumDe = n * n - sq;
        } else if (kind === 'interval') {
          const v = Float64Array.from(values!);
          centre(v, nc, n);
          sumDe = intervalExpected(nc, v, n);
        } else {
          for (let c = 0; c < C; c++) {
            if (nc[c] === 0) continue;
            for (let k = c + 1; k < C; k++) if (nc[k] !== 0) sumDe += 2 * nc[c] * nc[k] * delta!(c, k);
          }
        }
      }
      const observed = sumDo / n;
      const expected = sumDe / (n * (n - 1));
      if (!(sumDe > 0)) {
        return { value: null, reason: 'expected disagreement is 0 (the values do not differ under this metric)', pairableValues: n, observed, expected };
      }
      // α = 1 - D_o/D_e = 1 - (n-1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck (Krippendorff 2011, general form for all metrics).
      const value = 1 - ((n - 1) * sumDo) / sumDe;
      return { value, pairableValues: n, observed, expected };
    },
  };
}

/** Σ over ordered pairs of distinct values in profile p of n_c n_k δ²_ck (without the 1/(m_u-1) factor). */
function profileDisagreement(prof: Profiles, p: number, kind: Kind, delta: Distance | null, values: Float64Array | null): number {
  const a = prof.start[p];
  const b = prof.start[p + 1];
  if (kind === 'nominal') {
    // Σ_{c≠k} n_uc n_uk = m_u² - Σ_c n_uc².
    let sq = 0;
    for (let e = a; e < b; e++) sq += prof.cnt[e] * prof.cnt[e];
    return prof.m[p] * prof.m[p] - sq;
  }
  let s = 0;
  for (let e = a; e < b; e++) {
    for (let f = e + 1; f < b; f++) {
      const d = kind === 'interval' ? (values![prof.cat[e]] - values![prof.cat[f]]) ** 2 : delta!(prof.cat[e], prof.cat[f]);
      s += prof.cnt[e] * prof.cnt[f] * d;
    }
  }
  return 2 * s;
}

/** Shifts values to mean 0 under the marginals (interval differences are unchanged; keeps sums well-conditioned). */
function centre(v: Float64Array, nc: Float64Array, n: number): void {
  let s = 0;
  for (let c = 0; c < v.length; c++) s += nc[c] * v[c];
  const mean = s / n;
  for (let c = 0; c < v.length; c++) v[c] -= mean;
}

/** Interval metric δ²_ck = (c-k)² (Krippendorff 2011, "interval metric"): Σ_c Σ_k n_c n_k (v_c - v_k)² = 2(n Σ n_c v_c² - (Σ n_c v_c)²). */
function intervalExpected(nc: Float64Array, v: Float64Array, n: number): number {
  let s1 = 0;
  let s2 = 0;
  for (let c = 0; c < v.length; c++) {
    s1 += nc[c] * v[c];
    s2 += nc[c] * v[c] * v[c];
  }
  return 2 * (n * s2 - s1 * s1);
}

function toCoefficient(mat: RatingMatrix, ev: AlphaEvaluator | string): Coefficient {
  if (typeof ev === 'string') return notApplicable(ev, mat.counts);
  const r = ev.evaluate(ev.profiles.weight);
  return r.value === null ? notApplicable(r.reason!, mat.counts) : coefficient(r.value, mat.counts);
}

/** Krippendorff's alpha at a level of measurement (nominal by default). */
export function krippendorffAlpha(mat: RatingMatrix, level: Level = 'nominal'): Coefficient {
  return toCoefficient(mat, alphaEvaluator(mat, level));
}

/**
 * Krippendorff's alpha with a custom distance δ² between category codes (e.g. a set distance for
 * multi-label fields); the distance must be symmetric and 0 between equal categories.
 */
export function krippendorffAlphaWithDistance(mat: RatingMatrix, distance: Distance): Coefficient {
  return toCoefficient(mat, alphaEvaluator(mat, distance));
}

/**
 * The coincidence matrix o_ck = Σ_u Σ_{i≠j} [v_ui = c][v_uj = k] / (m_u - 1) (Krippendorff 2011,
 * "coincidences within units"), row-major categories x categories, with marginals n_c and n.
 */
export function coincidenceMatrix(mat: RatingMatrix): { categories: RatingMatrix['categories']; o: Float64Array; marginals: Float64Array; n: number } {
  const prof = profilesOf(mat);
  const C = mat.categories.length;
  const o = new Float64Array(C * C);
  const marginals = new Float64Array(C);
  let n = 0;
  for (let p = 0; p < prof.size; p++) {
    const mu = prof.m[p];
    if (mu < 2) continue;
    const w = prof.weight[p] / (mu - 1);
    n += prof.weight[p] * mu;
    for (let e = prof.start[p]; e < prof.start[p + 1]; e++) {
      const c = prof.cat[e];
      const nc = prof.cnt[e];
      marginals[c] += prof.weight[p] * nc;
      for (let f = prof.start[p]; f < prof.start[p + 1]; f++) {
        const k = prof.cat[f];
        o[c * C + k] += w * (c === k ? nc * (nc - 1) : nc * prof.cnt[f]);
      }
    }
  }
  return { categories: mat.categories, o, marginals, n };
}
