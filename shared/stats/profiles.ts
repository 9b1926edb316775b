// Per-item category counts, deduplicated: items whose ratings form the same multiset of values
// (e.g. {2, 2, 3}) share one "profile". Every coefficient here depends on an item only through
// that multiset, so computing per profile with a weight (how many items have it) is exact, and a
// bootstrap resample is just a new weight vector (Hayes & Krippendorff 2007 resample units; here
// a unit's whole contribution is reused instead of being recomputed from raw ratings).
import type { RatingMatrix } from './matrix';

export interface Profiles {
  /** Profile index of each item; -1 for an item without ratings. */
  readonly itemProfile: Int32Array;
  /** Number of profiles P. */
  readonly size: number;
  /** Ratings per item of each profile (m_u). */
  readonly m: Int32Array;
  /** CSR offsets (length P + 1) into cat/cnt: the distinct categories of a profile and their counts n_uc. */
  readonly start: Int32Array;
  readonly cat: Int32Array;
  readonly cnt: Int32Array;
  /** How many items have each profile. */
  readonly weight: Float64Array;
}

const cache = new WeakMap<RatingMatrix, Profiles>();

/** The profiles of a matrix (computed once per matrix and cached). */
export function profilesOf(mat: RatingMatrix): Profiles {
  let p = cache.get(mat);
  if (!p) {
    p = buildProfiles(mat);
    cache.set(mat, p);
  }
  return p;
}

function buildProfiles(mat: RatingMatrix): Profiles {
  const nItems = mat.items.length;
  const C = mat.categories.length;
  const compactKeys = C < 0xd800 && mat.raters.length < 0xd800; // one UTF-16 unit per code, no surrogates
  const itemProfile = new Int32Array(nItems).fill(-1);
  const index = new Map<string, number>();
  const m: number[] = [];
  const start: number[] = [0];
  const cat: number[] = [];
  const cnt: number[] = [];
  const weight: number[] = [];
  let scratch = new Int32Array(16);
  for (let i = 0; i < nItems; i++) {
    const a = mat.itemStart[i];
    const len = mat.itemStart[i + 1] - a;
    if (len === 0) continue;
    if (len > scratch.length) scratch = new Int32Array(len * 2);
    for (let j = 0; j < len; j++) scratch[j] = mat.value[a + j];
    // Insertion sort: items have few ratings.
    for (let j = 1; j < len; j++) {
      const x = scratch[j];
      let k = j - 1;
      while (k >= 0 && scratch[k] > x) {
        scratch[k + 1] = scratch[k];
        k--;
      }
      scratch[k + 1] = x;
    }
    let key = '';
    for (let j = 0; j < len; ) {
      const c = scratch[j];
      let e = j + 1;
      while (e < len && scratch[e] === c) e++;
      key += compactKeys ? String.fromCharCode(c, e - j) : `${c}:${e - j},`;
      j = e;
    }
    let p = index.get(key);
    if (p === undefined) {
      p = weight.length;
      index.set(key, p);
      weight.push(0);
      m.push(len);
      for (let j = 0; j < len; ) {
        const c = scratch[j];
        let e = j + 1;
        while (e < len && scratch[e] === c) e++;
        cat.push(c);
        cnt.push(e - j);
        j = e;
      }
      start.push(cat.length);
    }
    weight[p]++;
    itemProfile[i] = p;
  }
  return {
    itemProfile,
    size: weight.length,
    m: Int32Array.from(m),
    start: Int32Array.from(start),
    cat: Int32Array.from(cat),
    cnt: Int32Array.from(cnt),
    weight: Float64Array.from(weight),
  };
}
