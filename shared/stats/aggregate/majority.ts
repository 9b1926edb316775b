// Majority vote: the label most raters gave each item, with ties reported as ties (never broken silently).
import type { RatingMatrix } from '../matrix';
import type { Value } from '../types';

export interface MajorityLabel {
  item: string;
  /** The winning label, or null on a tie (or when the item has no ratings). */
  label: Value | null;
  tie: boolean;
  /** The label(s) with the most votes: one unless tied. */
  candidates: Value[];
  /** Votes for the top label (each candidate's count when tied). */
  votes: number;
  ratings: number;
  /** votes / ratings: the top label's share of the ratings (null without ratings). */
  confidence: number | null;
}

export function majorityVote(mat: RatingMatrix): MajorityLabel[] {
  const q = mat.categories.length;
  const counts = new Int32Array(q);
  const out: MajorityLabel[] = [];
  for (let i = 0; i < mat.items.length; i++) {
    const a = mat.itemStart[i];
    const b = mat.itemStart[i + 1];
    counts.fill(0);
    let best = 0;
    for (let j = a; j < b; j++) best = Math.max(best, ++counts[mat.value[j]]);
    const candidates: Value[] = [];
    if (best > 0) for (let c = 0; c < q; c++) if (counts[c] === best) candidates.push(mat.categories[c]);
    const tie = candidates.length > 1;
    out.push({
      item: mat.items[i],
      label: candidates.length === 1 ? candidates[0] : null,
      tie,
      candidates,
      votes: best,
      ratings: b - a,
      confidence: b > a ? best / (b - a) : null,
    });
  }
  return out;
}

/**
 * How sure a majority is, smoothed: Laplace's rule of succession, (agreeing + 1) / (ratings + 2)
 * (Laplace 1814, Essai philosophique sur les probabilités), the estimated chance that one more rater
 * would agree with the chosen value. Unlike the raw vote share, two agreeing raters give 0.75, not 1.
 */
export function laplaceConfidence(agreeing: number, ratings: number): number {
  return (agreeing + 1) / (ratings + 2);
}
