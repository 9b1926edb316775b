// Observed agreement p_o: for each item with 2 or more ratings, the share of agreeing rater pairs,
// averaged over those items (Fleiss 1971, P_i; extended to varying numbers of ratings as in
// Gwet 2014, Handbook of Inter-Rater Reliability, ch. 2, percent agreement for multiple raters).
import type { RatingMatrix } from './matrix';
import { profilesOf } from './profiles';
import { coefficient, notApplicable, type Coefficient } from './types';

export function percentAgreement(mat: RatingMatrix): Coefficient {
  const prof = profilesOf(mat);
  let items = 0;
  let sum = 0;
  for (let p = 0; p < prof.size; p++) {
    const m = prof.m[p];
    if (m < 2) continue;
    let agree = 0; // Σ_c n_ic (n_ic - 1): ordered pairs of ratings that agree
    for (let e = prof.start[p]; e < prof.start[p + 1]; e++) agree += prof.cnt[e] * (prof.cnt[e] - 1);
    sum += (prof.weight[p] * agree) / (m * (m - 1));
    items += prof.weight[p];
  }
  if (items === 0) return notApplicable('no item has 2 or more ratings', mat.counts);
  return coefficient(sum / items, mat.counts);
}
