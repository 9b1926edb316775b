// Breakdowns the store layer shows next to the headline coefficients: every rater pair, each rater
// against the others and against a reference (gold) label set, and the confusion matrix of two
// label sources. Pure functions over a compiled RatingMatrix or label maps.
import { kappaFromTable } from './cohen';
import { krippendorffAlpha } from './krippendorff';
import { labelEntries, type LabelSource } from './labels';
import { compareValues, filterRatings, type RatingMatrix } from './matrix';
import { coefficient, notApplicable, proportion, type Coefficient, type Counts, type Level, type Proportion, type Value } from './types';
import { agreementWeights, categoryPositions, type WeightScheme } from './weights';

const twoRaterCounts = (n: number): Counts => ({ items: n, pairableItems: n, ratings: 2 * n, raters: 2 });

function kappaCoefficient(table: number[][], weights: Float64Array | undefined, n: number): Coefficient {
  const k = kappaFromTable(table, weights);
  return k.value === null ? notApplicable(k.reason!, twoRaterCounts(n)) : coefficient(k.value, twoRaterCounts(n));
}

export interface RaterPair {
  raterA: string;
  raterB: string;
  /** Items both rated. */
  sharedItems: number;
  /** Share of shared items with the same label. */
  agreement: Proportion;
  /** Cohen's kappa over the shared items (weighted if asked). */
  kappa: Coefficient;
  /** The kappa's agreement weights: identity is unweighted Cohen (1960). */
  weights: WeightScheme;
}

/**
 * Agreement and Cohen's kappa for every pair of raters over the items they share (Cohen 1960; weighted,
 * Cohen 1968). `weights` (linear/quadratic) places categories as categoryPositions(level) does.
 */
export function pairwiseRaters(mat: RatingMatrix, opts: { weights?: WeightScheme; level?: Level } = {}): RaterPair[] {
  const R = mat.raters.length;
  const q = mat.categories.length;
  const scheme = opts.weights ?? 'identity';
  const weights = scheme === 'identity' ? undefined : agreementWeights(scheme, categoryPositions(mat, opts.level ?? 'ordinal'));
  const tables = new Map<number, number[][]>();
  for (let i = 0; i < mat.items.length; i++) {
    const a = mat.itemStart[i];
    const b = mat.itemStart[i + 1];
    for (let j = a; j < b; j++) {
      for (let k = j + 1; k < b; k++) {
        // Ratings within an item are sorted by rater, so rater[j] < rater[k].
        const key = mat.rater[j] * R + mat.rater[k];
        let t = tables.get(key);
        if (!t) tables.set(key, (t = Array.from({ length: q }, () => new Array<number>(q).fill(0))));
        t[mat.value[j]][mat.value[k]]++;
      }
    }
  }
  const out: RaterPair[] = [];
  for (let x = 0; x < R; x++) {
    for (let y = x + 1; y < R; y++) {
      const t = tables.get(x * R + y);
      let n = 0;
      let agree = 0;
      if (t) {
        for (let c = 0; c < q; c++) {
          for (let d = 0; d < q; d++) n += t[c][d];
          agree += t[c][c];
        }
      }
      out.push({
        raterA: mat.raters[x],
        raterB: mat.raters[y],
        sharedItems: n,
        agreement: proportion(agree, n, 'no shared items'),
        kappa: t ? kappaCoefficient(t, weights, n) : notApplicable('no shared items', twoRaterCounts(0)),
        weights: scheme,
      });
    }
  }
  return out;
}

export interface RaterSummary {
  rater: string;
  /** Items this rater rated. */
  items: number;
  /** Of those, items someone else rated too. */
  sharedItems: number;
  /** Share of agreeing (this rater, other rater) pairs over all such pairs on shared items. */
  agreementWithOthers: Proportion;
  /**
   * Cohen's kappa between this rater and the majority label of the other raters, over the items where
   * the others have a unique majority (a leave-one-out consensus).
   */
  kappaVsOthers: Coefficient;
  /** The weights of kappaVsOthers (identity: unweighted). */
  kappaWeights: WeightScheme;
  /** Krippendorff's alpha of the data without this rater: how much the rater pulls reliability up or down. */
  alphaWithout: Coefficient;
}

/** Each rater against the others; `weights` weights the kappa (linear, quadratic: Cohen 1968) with categories placed as categoryPositions(level). */
export function perRater(mat: RatingMatrix, level: Level = 'nominal', weights: WeightScheme = 'identity'): RaterSummary[] {
  const w = weights === 'identity' ? undefined : agreementWeights(weights, categoryPositions(mat, level));
  const R = mat.raters.length;
  const q = mat.categories.length;
  const items = new Float64Array(R);
  const shared = new Float64Array(R);
  const pairs = new Float64Array(R);
  const agreePairs = new Float64Array(R);
  const tables = Array.from({ length: R }, () => Array.from({ length: q }, () => new Array<number>(q).fill(0)));
  const counts = new Int32Array(q);
  for (let i = 0; i < mat.items.length; i++) {
    const a = mat.itemStart[i];
    const b = mat.itemStart[i + 1];
    const m = b - a;
    counts.fill(0);
    for (let j = a; j < b; j++) counts[mat.value[j]]++;
    for (let j = a; j < b; j++) {
      const r = mat.rater[j];
      const v = mat.value[j];
      items[r]++;
      if (m < 2) continue;
      shared[r]++;
      pairs[r] += m - 1;
      agreePairs[r] += counts[v] - 1;
      // Majority of the others: counts without this rating.
      counts[v]--;
      let best = -1;
      let bestCount = 0;
      let tie = false;
      for (let c = 0; c < q; c++) {
        if (counts[c] > bestCount) {
          best = c;
          bestCount = counts[c];
          tie = false;
        } else if (counts[c] === bestCount && bestCount > 0) tie = true;
      }
      counts[v]++;
      if (best >= 0 && !tie) tables[r][v][best]++;
    }
  }
  return mat.raters.map((rater, r) => {
    const n = tables[r].reduce((s, row) => s + row.reduce((t, x) => t + x, 0), 0);
    return {
      rater,
      items: items[r],
      sharedItems: shared[r],
      agreementWithOthers: proportion(agreePairs[r], pairs[r], 'no item shared with another rater'),
      kappaVsOthers: n ? kappaCoefficient(tables[r], w, n) : notApplicable('no item where the other raters have a unique majority', twoRaterCounts(0)),
      kappaWeights: weights,
      alphaWithout: R > 2 ? krippendorffAlpha(filterRatings(mat, (_i, rr) => rr !== r), level) : notApplicable('fewer than 2 raters would remain', mat.counts),
    };
  });
}

export interface ReferenceComparison {
  rater: string;
  /** Items this rater rated that have a reference label. */
  compared: number;
  correct: number;
  accuracy: Proportion;
  /** Cohen's kappa between the rater and the reference over the compared items. */
  kappa: Coefficient;
}

/** Each rater against a reference (gold) label per item: accuracy and Cohen's kappa, with counts. */
export function raterVsReference(mat: RatingMatrix, reference: LabelSource): ReferenceComparison[] {
  const codes = new Map<Value, number>();
  mat.categories.forEach((c, i) => codes.set(c, i));
  const itemIndex = new Map<string, number>();
  mat.items.forEach((id, i) => itemIndex.set(id, i));
  const ref = new Int32Array(mat.items.length).fill(-1);
  const extra: Value[] = [];
  for (const [item, v] of labelEntries(reference)) {
    const i = itemIndex.get(item);
    if (i === undefined) continue;
    let c = codes.get(v);
    if (c === undefined) {
      c = mat.categories.length + extra.length;
      codes.set(v, c);
      extra.push(v);
    }
    ref[i] = c;
  }
  const q = mat.categories.length + extra.length;
  const tables = mat.raters.map(() => Array.from({ length: q }, () => new Array<number>(q).fill(0)));
  for (let i = 0; i < mat.items.length; i++) {
    if (ref[i] < 0) continue;
    for (let j = mat.itemStart[i]; j < mat.itemStart[i + 1]; j++) tables[mat.rater[j]][mat.value[j]][ref[i]]++;
  }
  return mat.raters.map((rater, r) => {
    let n = 0;
    let correct = 0;
    tables[r].forEach((row, c) => {
      for (const x of row) n += x;
      correct += row[c];
    });
    return {
      rater,
      compared: n,
      correct,
      accuracy: proportion(correct, n, 'no rated item has a reference label'),
      kappa: n ? kappaCoefficient(tables[r], undefined, n) : notApplicable('no rated item has a reference label', twoRaterCounts(0)),
    };
  });
}

export interface ConfusionMatrix {
  /** Categories of both sources, sorted; rows are source A, columns source B. */
  categories: Value[];
  counts: number[][];
  /** Items labelled by both. */
  n: number;
  agreement: Proportion;
  kappa: Coefficient;
}

/** Confusion matrix of a field between two label sources over the items both labelled (rows: a, columns: b). */
export function confusionMatrix(a: LabelSource, b: LabelSource): ConfusionMatrix {
  const bMap = new Map(labelEntries(b));
  const pairs: [Value, Value][] = [];
  for (const [item, va] of labelEntries(a)) {
    const vb = bMap.get(item);
    if (vb !== undefined) pairs.push([va, vb]);
  }
  const categories = [...new Set(pairs.flat())].sort(compareValues);
  const index = new Map(categories.map((c, i) => [c, i]));
  const counts = categories.map(() => new Array<number>(categories.length).fill(0));
  let agree = 0;
  for (const [va, vb] of pairs) {
    counts[index.get(va)!][index.get(vb)!]++;
    if (va === vb) agree++;
  }
  const n = pairs.length;
  return {
    categories,
    counts,
    n,
    agreement: proportion(agree, n, 'no item is labelled by both sources'),
    kappa: n ? kappaCoefficient(counts, undefined, n) : notApplicable('no item is labelled by both sources', twoRaterCounts(0)),
  };
}

