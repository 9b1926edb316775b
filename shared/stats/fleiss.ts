// Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters"): defined only
// when every item has the same number m >= 2 of ratings; otherwise not applicable (null).
import type { RatingMatrix } from './matrix';
import { profilesOf } from './profiles';
import { coefficient, notApplicable, type Coefficient, type Counts } from './types';

/** Fleiss' kappa from a subjects x categories table of counts (each row must sum to the same m). */
export function fleissKappaFromCounts(counts: readonly (readonly number[])[], n?: Counts): Coefficient {
  const N = counts.length;
  const q = N ? counts[0].length : 0;
  const m = N ? counts[0].reduce((s, x) => s + x, 0) : 0;
  const ns: Counts = n ?? { items: N, pairableItems: m >= 2 ? N : 0, ratings: N * m, raters: m };
  if (N === 0) return notApplicable('no items', ns);
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of counts) {
    const s = row.reduce((a, x) => a + x, 0);
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  if (lo !== hi) return notApplicable(`Fleiss' kappa needs the same number of ratings on every item (items have ${lo} to ${hi})`, ns);
  if (m < 2) return notApplicable('Fleiss\' kappa needs 2 or more ratings per item', ns);
  const p = new Float64Array(q);
  let Pbar = 0;
  for (const row of counts) {
    let sq = 0;
    for (let j = 0; j < q; j++) {
      sq += row[j] * row[j];
      p[j] += row[j];
    }
    Pbar += (sq - m) / (m * (m - 1)); // P_i = (Σ_j n_ij² - m) / (m(m-1)) (Fleiss 1971, agreement on subject i)
  }
  Pbar /= N; // P̄ (Fleiss 1971, mean observed agreement)
  let Pe = 0;
  for (let j = 0; j < q; j++) Pe += (p[j] / (N * m)) ** 2; // P̄_e = Σ_j p_j², p_j = Σ_i n_ij / (N m) (Fleiss 1971, chance agreement)
  if (Pe >= 1 - 1e-12) return notApplicable('chance agreement is 1 (every rating is in one category)', ns);
  return coefficient((Pbar - Pe) / (1 - Pe), ns); // κ = (P̄ - P̄_e) / (1 - P̄_e) (Fleiss 1971, kappa)
}

/** Fleiss' kappa of a rating matrix; null with a reason when items have unequal numbers of ratings. */
export function fleissKappa(mat: RatingMatrix): Coefficient {
  const prof = profilesOf(mat);
  const q = mat.categories.length;
  const rows: number[][] = [];
  for (let p = 0; p < prof.size; p++) {
    if (prof.weight[p] === 0) continue;
    const row = new Array<number>(q).fill(0);
    for (let e = prof.start[p]; e < prof.start[p + 1]; e++) row[prof.cat[e]] = prof.cnt[e];
    for (let t = 0; t < prof.weight[p]; t++) rows.push(row);
  }
  return fleissKappaFromCounts(rows, mat.counts);
}
