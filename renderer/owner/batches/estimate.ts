// The cost of a batch design before it is created, with the same arithmetic as the planner
// (shared/sampling/batchPlan.ts): round(fraction × size) items get k raters, the rest one; gold is
// round(goldShare × size) items; assignments are balanced so loads differ by at most one.

export interface BatchDesign {
  size: number;
  k: number;
  /** Share of items that get k raters, 0..1. */
  fraction: number;
  /** 0..1 */
  goldShare: number;
  raters: number;
}

export interface BatchEstimate {
  overlapped: number;
  single: number;
  labels: number;
  gold: number;
  perRaterMin: number;
  perRaterMax: number;
}

export function estimateBatch(d: BatchDesign): BatchEstimate {
  const size = Math.max(0, Math.floor(d.size || 0));
  const k = Math.max(1, Math.floor(d.k || 1));
  const overlapped = k > 1 ? Math.round(Math.min(1, Math.max(0, d.fraction)) * size) : size;
  const single = size - overlapped;
  const labels = overlapped * k + single;
  const gold = Math.round(Math.min(1, Math.max(0, d.goldShare)) * size);
  const r = Math.max(0, d.raters);
  return {
    overlapped,
    single,
    labels,
    gold,
    perRaterMin: r ? Math.floor(labels / r) : 0,
    perRaterMax: r ? Math.ceil(labels / r) : 0,
  };
}

/** Suggestions for stratifying: sample metadata keys and grader scores (scores are binned). */
export const STRATIFY_SUGGESTIONS = ['metadata.topic', 'metadata.lang', 'metadata.source', 'metadata.turns', 'scores.toxicity', 'scores.graphic', 'scores.refusal'];

export const STRATIFY_PATTERN = /^(metadata|scores)\.[^.]+$/;

export function randomSeed(): number {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return (a[0] % 999_999) + 1;
}
