// Planning a labeling batch: which samples (seeded random or stratified), how many raters each
// (the overlap design), which are gold, and who labels what (balanced assignment). Pure and
// deterministic: the same candidates, options and seed always give the same plan.
import { mulberry32, normalizeSeed, randomInt } from '../stats/random';

export interface Candidate {
  id: string;
  /** The stratum for stratified sampling (a metadata value or a score bin); ignored otherwise. */
  stratum?: string;
  /** Has a gold (reference) label. */
  gold?: boolean;
}

export interface OverlapDesign {
  /** Raters per item for the overlapped share. */
  k: number;
  /** Share of items (0-1] labeled by k raters; the rest get 1 rater. Default 1: every item gets k. */
  fraction?: number;
}

export interface BatchPlanOptions {
  size: number;
  seed: number;
  strategy: 'random' | 'stratified';
  overlap: OverlapDesign;
  /** Share of the batch drawn from gold items (0-1). */
  goldShare?: number;
  raters: string[];
}

export interface PlannedItem {
  sampleId: string;
  gold: boolean;
  raters: string[];
}

export interface BatchPlan {
  items: PlannedItem[];
  /** Items per stratum (stratified plans), for checking proportions. */
  strata?: Record<string, number>;
  load: Record<string, number>;
}

export class PlanError extends Error {}

/** Draws n ids without replacement: a partial Fisher-Yates shuffle over a stable (sorted) order. */
function draw(ids: string[], n: number, rand: () => number): string[] {
  const a = [...ids].sort();
  const m = Math.min(n, a.length);
  for (let i = 0; i < m; i++) {
    const j = i + randomInt(rand, a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, m);
}

/**
 * Proportional allocation of n over strata by the largest-remainder (Hamilton) method, each stratum
 * capped at its size; leftover seats go to the largest remainders, ties by stratum name.
 */
export function allocate(sizes: Record<string, number>, n: number): Record<string, number> {
  const names = Object.keys(sizes).sort();
  const total = names.reduce((s, k) => s + sizes[k], 0);
  const out: Record<string, number> = {};
  if (total === 0) return out;
  const target = Math.min(n, total);
  const quotas = names.map((k) => ({ k, q: (sizes[k] * target) / total }));
  let given = 0;
  for (const { k, q } of quotas) given += out[k] = Math.min(Math.floor(q), sizes[k]);
  const order = [...quotas].sort((a, b) => b.q - Math.floor(b.q) - (a.q - Math.floor(a.q)) || (a.k < b.k ? -1 : 1));
  while (given < target) {
    let progressed = false;
    for (const { k } of order) {
      if (given >= target) break;
      if (out[k] < sizes[k]) {
        out[k]++;
        given++;
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  return out;
}

function sample(cands: Candidate[], n: number, strategy: BatchPlanOptions['strategy'], rand: () => number): { ids: string[]; strata?: Record<string, number> } {
  if (strategy === 'random') return { ids: draw(cands.map((c) => c.id), n, rand) };
  const groups = new Map<string, string[]>();
  for (const c of cands) {
    const s = c.stratum ?? '(none)';
    groups.set(s, [...(groups.get(s) ?? []), c.id]);
  }
  const sizes = Object.fromEntries([...groups].map(([k, v]) => [k, v.length]));
  const alloc = allocate(sizes, n);
  const ids = Object.keys(alloc)
    .sort()
    .flatMap((k) => draw(groups.get(k)!, alloc[k], rand));
  return { ids, strata: alloc };
}

/** Plans a batch: sampled items, gold share, overlap, and a balanced assignment of raters. */
export function planBatch(candidates: Candidate[], opts: BatchPlanOptions): BatchPlan {
  const { size, overlap } = opts;
  const raters = [...new Set(opts.raters)].sort();
  if (!Number.isInteger(size) || size < 1) throw new PlanError(`batch size must be a whole number >= 1, not ${size}`);
  if (!Number.isInteger(overlap.k) || overlap.k < 1) throw new PlanError(`overlap must be a whole number >= 1, not ${overlap.k}`);
  if (raters.length === 0) throw new PlanError('the rater pool is empty');
  if (overlap.k > raters.length) throw new PlanError(`overlap ${overlap.k} needs at least ${overlap.k} raters; the pool has ${raters.length}`);
  const fraction = overlap.fraction ?? 1;
  if (!(fraction > 0 && fraction <= 1)) throw new PlanError(`the overlapped fraction must be in (0, 1], not ${fraction}`);
  const goldShare = opts.goldShare ?? 0;
  if (!(goldShare >= 0 && goldShare <= 1)) throw new PlanError(`the gold share must be in [0, 1], not ${goldShare}`);

  const rand = mulberry32(normalizeSeed(opts.seed));
  const gold = candidates.filter((c) => c.gold);
  const plain = candidates.filter((c) => !c.gold);
  const goldWanted = Math.round(size * goldShare);
  if (goldWanted > gold.length) throw new PlanError(`a gold share of ${goldShare} needs ${goldWanted} gold items; the workspace has ${gold.length}`);
  if (size - goldWanted > plain.length) throw new PlanError(`the batch needs ${size - goldWanted} non-gold samples; only ${plain.length} match`);

  const goldIds = draw(gold.map((c) => c.id), goldWanted, rand);
  const { ids: plainIds, strata } = sample(plain, size - goldWanted, opts.strategy, rand);
  // Interleave gold among the rest in a seeded order, so gold items look like any other item.
  const goldSet = new Set(goldIds);
  const ordered = draw([...goldIds, ...plainIds], size, rand);

  // Which items get k raters: a seeded choice of round(fraction * size) of them.
  const overlapped = new Set(draw(ordered, Math.round(fraction * size), rand));
  const load: Record<string, number> = Object.fromEntries(raters.map((r) => [r, 0]));
  const tieBreak = Object.fromEntries(draw(raters, raters.length, rand).map((r, i) => [r, i]));
  const items = ordered.map((sampleId): PlannedItem => {
    const m = overlapped.has(sampleId) ? overlap.k : 1;
    // Least-loaded raters first: loads never differ by more than one across the pool.
    const chosen = [...raters].sort((a, b) => load[a] - load[b] || tieBreak[a] - tieBreak[b]).slice(0, m);
    for (const r of chosen) load[r]++;
    return { sampleId, gold: goldSet.has(sampleId), raters: chosen.sort() };
  });
  return { items, strata, load };
}
