// Gwet's AC1 (nominal) and AC2 (weighted) for any number of raters with missing ratings, and the
// Brennan-Prediger coefficient, as in Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed.,
// ch. 4-5, and the irrCAC package's gwet.ac1.raw / bp.coeff.raw: observed agreement over items with
// 2+ ratings, category shares π_k averaged over every item with at least one rating.
import type { RatingMatrix } from './matrix';
import { profilesOf } from './profiles';
import { coefficient, notApplicable, type Coefficient, type Level } from './types';
import { agreementWeights, categoryPositions, type WeightScheme } from './weights';

interface Parts {
  pa: number;
  pis: Float64Array;
  q: number;
  /** Σ_k Σ_l w_kl */
  tw: number;
}

function parts(mat: RatingMatrix, w: Float64Array): Parts | string {
  const prof = profilesOf(mat);
  const q = mat.categories.length;
  const pis = new Float64Array(q);
  let rated = 0;
  let pairable = 0;
  let pa = 0;
  for (let p = 0; p < prof.size; p++) {
    const wt = prof.weight[p];
    const m = prof.m[p];
    if (wt === 0 || m === 0) continue;
    rated += wt;
    const a = prof.start[p];
    const b = prof.start[p + 1];
    for (let e = a; e < b; e++) pis[prof.cat[e]] += (wt * prof.cnt[e]) / m; // π_k = (1/n) Σ_i r_ik / r_i (Gwet 2008, BJMSP 61:29-48, AC1 chance agreement; irrCAC pi.vec)
    if (m < 2) continue;
    // p_a = (1/n'') Σ_i Σ_k r_ik (r*_ik - 1) / (r_i (r_i - 1)), r*_ik = Σ_l w_kl r_il (Gwet 2014, ch. 4, weighted percent agreement; irrCAC sum.q)
    let s = 0;
    for (let e = a; e < b; e++) {
      const k = prof.cat[e];
      let star = 0;
      for (let f = a; f < b; f++) star += w[k * q + prof.cat[f]] * prof.cnt[f];
      s += prof.cnt[e] * (star - 1);
    }
    pa += (wt * s) / (m * (m - 1));
    pairable += wt;
  }
  if (pairable === 0) return 'no item has 2 or more ratings';
  if (q < 2) return 'only one category on the scale';
  for (let k = 0; k < q; k++) pis[k] /= rated;
  let tw = 0;
  for (let i = 0; i < w.length; i++) tw += w[i];
  return { pa: pa / pairable, pis, q, tw };
}

function gwet(mat: RatingMatrix, w: Float64Array): Coefficient {
  const r = parts(mat, w);
  if (typeof r === 'string') return notApplicable(r, mat.counts);
  let s = 0;
  for (let k = 0; k < r.q; k++) s += r.pis[k] * (1 - r.pis[k]);
  const pe = (r.tw / (r.q * (r.q - 1))) * s; // p_e = T_w / (q(q-1)) Σ_k π_k (1 - π_k) (Gwet 2008, AC1; Gwet 2014, AC2 with T_w = Σ w_kl)
  if (pe >= 1 - 1e-12) return notApplicable('chance agreement is 1', mat.counts);
  return coefficient((r.pa - pe) / (1 - pe), mat.counts); // AC = (p_a - p_e) / (1 - p_e) (Gwet 2008, definition of AC1)
}

const identity = (q: number) => agreementWeights('identity', new Float64Array(q));

/** Gwet's AC1 (nominal categories). */
export function gwetAC1(mat: RatingMatrix): Coefficient {
  return gwet(mat, identity(mat.categories.length));
}

/** Gwet's AC2: AC1 with agreement weights (default quadratic; positions by value at interval/ratio levels, by rank otherwise). */
export function gwetAC2(mat: RatingMatrix, scheme: WeightScheme = 'quadratic', level: Level = 'ordinal'): Coefficient {
  if (scheme !== 'identity' && !mat.ordered) return notApplicable('weighted AC2 needs ordered categories', mat.counts);
  return gwet(mat, agreementWeights(scheme, categoryPositions(mat, level)));
}

/** Brennan & Prediger (1981) coefficient: chance agreement T_w / q² (1/q unweighted), Gwet 2014 ch. 2 & 4. */
export function brennanPrediger(mat: RatingMatrix, scheme: WeightScheme = 'identity', level: Level = 'ordinal'): Coefficient {
  if (scheme !== 'identity' && !mat.ordered) return notApplicable('weighted Brennan-Prediger needs ordered categories', mat.counts);
  const r = parts(mat, agreementWeights(scheme, categoryPositions(mat, level)));
  if (typeof r === 'string') return notApplicable(r, mat.counts);
  const pe = r.tw / (r.q * r.q);
  if (pe >= 1 - 1e-12) return notApplicable('chance agreement is 1', mat.counts);
  return coefficient((r.pa - pe) / (1 - pe), mat.counts);
}
