// Compiles ratings once into a compact, integer-coded form that every coefficient computes from.
//
// Layout: items x raters, stored sparsely (compressed sparse rows, CSR) because rating designs are
// usually sparse (many raters, each seeing a few items). The ratings of item i are at offsets
// itemStart[i] .. itemStart[i+1]-1 of `rater` and `value`, sorted by rater; a missing rating is
// simply absent. `denseMatrix` gives the plain items x raters array with -1 for missing.
import type { Counts, Level, Rating, Value } from './types';

export interface RatingMatrix {
  /** Item ids; index = item code. */
  readonly items: readonly string[];
  /** Rater ids; index = rater code. */
  readonly raters: readonly string[];
  /** Category values; index = value code. Ascending for numbers, or in the order given to compileRatings. */
  readonly categories: readonly Value[];
  /** The numeric value of each category, or null when some category is not a number. */
  readonly numeric: Float64Array | null;
  /** True when the category order means something (all numbers, or an explicit order was given). */
  readonly ordered: boolean;
  /** CSR row offsets, length items + 1. */
  readonly itemStart: Int32Array;
  /** Rater code of each rating, sorted within an item. */
  readonly rater: Int32Array;
  /** Category code of each rating. */
  readonly value: Int32Array;
  /** Items with at least one rating, pairable items (2+ ratings), ratings, raters. */
  readonly counts: Counts;
}

export interface CompileOptions {
  /** Checks the values fit the level: numbers for interval and ratio (ratio: not negative), numbers or an order for ordinal. */
  level?: Level;
  /** The categories in their order (for ordinal data with labels such as "low" < "high"); may list unused categories. */
  order?: readonly Value[];
}

/** A string that is exactly how JavaScript prints a number ("3", "0.5", "-2") stands for that number. */
function canonicalNumber(s: string): number | undefined {
  if (s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) && String(n) === s ? n : undefined;
}

/** Any numeric spelling (" 3", "3.0", "1e2") at a level that needs numbers. */
function looseNumber(v: Value): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** The category a raw value belongs to: numbers and numeric strings unify ("3" is 3). */
export function normalizeValue(v: Value, numeric: boolean): Value | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  if (numeric) return looseNumber(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  return canonicalNumber(v) ?? v;
}

const describe = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** Sort order of categories: numbers ascending, then strings by UTF-16 code units. */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compiles ratings. A later rating by the same rater for the same item replaces the earlier one.
 * Items and raters keep their first-seen order. Throws RangeError for a value that does not fit.
 */
export function compileRatings(ratings: readonly Rating[], opts: CompileOptions = {}): RatingMatrix {
  const level = opts.level ?? 'nominal';
  const order = opts.order;
  const needNumbers = level === 'interval' || level === 'ratio' || (level === 'ordinal' && !order);
  const L = ratings.length;
  const itemOf = new Int32Array(L);
  const raterOf = new Int32Array(L);
  const catOf = new Int32Array(L);
  const itemMap = new Map<string, number>();
  const raterMap = new Map<string, number>();
  const rawMap = new Map<Value, number>();
  const catMap = new Map<Value, number>();
  const items: string[] = [];
  const raters: string[] = [];
  const cats: Value[] = [];
  if (order) {
    for (const raw of order) {
      const v = normalizeValue(raw, needNumbers);
      if (v === undefined) throw new RangeError(`order: ${describe(raw)} is not a valid value`);
      if (catMap.has(v)) throw new RangeError(`order: ${describe(raw)} is listed twice`);
      catMap.set(v, cats.length);
      cats.push(v);
    }
  }
  const where = (i: number) => `rating ${i + 1} (item ${describe(ratings[i].item)}, rater ${describe(ratings[i].rater)})`;
  // Ratings usually come grouped by item: remember the last item to skip most map lookups.
  let lastItem: string | undefined;
  let lastCode = -1;
  for (let i = 0; i < L; i++) {
    const r = ratings[i];
    if (typeof r.item !== 'string' || typeof r.rater !== 'string') throw new RangeError(`${where(i)}: item and rater must be strings`);
    let it: number | undefined;
    if (r.item === lastItem) it = lastCode;
    else {
      it = itemMap.get(r.item);
      if (it === undefined) {
        it = items.length;
        itemMap.set(r.item, it);
        items.push(r.item);
      }
      lastItem = r.item;
      lastCode = it;
    }
    let ra = raterMap.get(r.rater);
    if (ra === undefined) {
      ra = raters.length;
      raterMap.set(r.rater, ra);
      raters.push(r.rater);
    }
    let c = rawMap.get(r.value);
    if (c === undefined) {
      const v = normalizeValue(r.value, needNumbers);
      if (v === undefined) {
        throw new RangeError(
          needNumbers
            ? `${where(i)}: value ${describe(r.value)} is not a number (the ${level} level needs numbers${level === 'ordinal' ? ', or an explicit order' : ''})`
            : `${where(i)}: value must be a string or a finite number, got ${describe(r.value)}`,
        );
      }
      if (level === 'ratio' && (v as number) < 0) throw new RangeError(`${where(i)}: value ${v} is negative (the ratio level needs values >= 0)`);
      c = catMap.get(v);
      if (c === undefined) {
        if (order) throw new RangeError(`${where(i)}: value ${describe(r.value)} is not in the given order`);
        c = cats.length;
        catMap.set(v, c);
        cats.push(v);
      }
      rawMap.set(r.value, c);
    }
    itemOf[i] = it;
    raterOf[i] = ra;
    catOf[i] = c;
  }

  // Categories: the given order, else sorted (numbers ascending, then strings by code unit).
  let categories = cats;
  let remap: Int32Array | null = null;
  if (!order) {
    const idx = cats.map((_, i) => i).sort((a, b) => compareValues(cats[a], cats[b]));
    categories = idx.map((i) => cats[i]);
    remap = new Int32Array(cats.length);
    idx.forEach((old, i) => (remap![old] = i));
  }
  const allNumbers = categories.every((v) => typeof v === 'number');
  const numeric = allNumbers ? Float64Array.from(categories as number[]) : null;

  // Counting sort by item (stable), then by rater within an item; the last rating of a rater wins.
  const nItems = items.length;
  const start = new Int32Array(nItems + 1);
  for (let i = 0; i < L; i++) start[itemOf[i] + 1]++;
  for (let i = 0; i < nItems; i++) start[i + 1] += start[i];
  const pos = start.slice(0, nItems);
  const perm = new Int32Array(L);
  for (let i = 0; i < L; i++) perm[pos[itemOf[i]]++] = i;
  const outStart = new Int32Array(nItems + 1);
  const outRater = new Int32Array(L);
  const outValue = new Int32Array(L);
  let k = 0;
  let pairable = 0;
  for (let it = 0; it < nItems; it++) {
    const a = start[it];
    const b = start[it + 1];
    sortSegment(perm, a, b, raterOf);
    const before = k;
    for (let j = a; j < b; j++) {
      const idx = perm[j];
      // Sorted by (rater, input position): keep the last of each rater's run.
      if (j + 1 < b && raterOf[perm[j + 1]] === raterOf[idx]) continue;
      outRater[k] = raterOf[idx];
      outValue[k] = remap ? remap[catOf[idx]] : catOf[idx];
      k++;
    }
    if (k - before >= 2) pairable++;
    outStart[it + 1] = k;
  }
  return {
    items,
    raters,
    categories,
    numeric,
    ordered: allNumbers || Boolean(order),
    itemStart: outStart,
    rater: outRater.slice(0, k),
    value: outValue.slice(0, k),
    counts: { items: nItems, pairableItems: pairable, ratings: k, raters: raters.length },
  };
}

/** Sorts perm[a..b) by (key[perm[j]], perm[j]): insertion sort for the short runs items have. */
function sortSegment(perm: Int32Array, a: number, b: number, key: Int32Array): void {
  if (b - a > 32) {
    const seg = Array.from(perm.subarray(a, b)).sort((x, y) => key[x] - key[y] || x - y);
    perm.set(seg, a);
    return;
  }
  for (let j = a + 1; j < b; j++) {
    const x = perm[j];
    const kx = key[x];
    let i = j - 1;
    while (i >= a && (key[perm[i]] > kx || (key[perm[i]] === kx && perm[i] > x))) {
      perm[i + 1] = perm[i];
      i--;
    }
    perm[i + 1] = x;
  }
}

/**
 * Compiles a units x observers table (rows are items, columns raters; null/undefined = missing),
 * the layout reliability data are usually published in. Items are named "1", "2", ...; raters by
 * `raters` or "1", "2", ...
 */
export function compileTable(
  rows: readonly (readonly (Value | null | undefined)[])[],
  opts: CompileOptions & { raters?: readonly string[] } = {},
): RatingMatrix {
  const ratings: Rating[] = [];
  rows.forEach((row, i) =>
    row.forEach((value, j) => {
      if (value !== null && value !== undefined) ratings.push({ item: String(i + 1), rater: opts.raters?.[j] ?? String(j + 1), value });
    }),
  );
  return compileRatings(ratings, opts);
}

/** The plain items x raters array (row-major), category codes, -1 where a rating is missing. */
export function denseMatrix(m: RatingMatrix): Int32Array {
  const R = m.raters.length;
  const out = new Int32Array(m.items.length * R).fill(-1);
  for (let i = 0; i < m.items.length; i++) {
    for (let j = m.itemStart[i]; j < m.itemStart[i + 1]; j++) out[i * R + m.rater[j]] = m.value[j];
  }
  return out;
}

function countsOf(itemStart: Int32Array, rater: Int32Array): Counts {
  let items = 0;
  let pairable = 0;
  const seen = new Set<number>();
  for (let i = 0; i + 1 < itemStart.length; i++) {
    const mi = itemStart[i + 1] - itemStart[i];
    if (mi >= 1) items++;
    if (mi >= 2) pairable++;
  }
  for (let j = 0; j < rater.length; j++) seen.add(rater[j]);
  return { items, pairableItems: pairable, ratings: rater.length, raters: seen.size };
}

/**
 * Keeps the ratings for which keep(itemCode, raterCode, valueCode) is true; item, rater and
 * category codes are unchanged (an item may be left without ratings).
 */
export function filterRatings(m: RatingMatrix, keep: (item: number, rater: number, value: number) => boolean): RatingMatrix {
  const itemStart = new Int32Array(m.items.length + 1);
  const rater = new Int32Array(m.rater.length);
  const value = new Int32Array(m.value.length);
  let k = 0;
  for (let i = 0; i < m.items.length; i++) {
    for (let j = m.itemStart[i]; j < m.itemStart[i + 1]; j++) {
      if (!keep(i, m.rater[j], m.value[j])) continue;
      rater[k] = m.rater[j];
      value[k++] = m.value[j];
    }
    itemStart[i + 1] = k;
  }
  const r = rater.slice(0, k);
  return { ...m, itemStart, rater: r, value: value.slice(0, k), counts: countsOf(itemStart, r) };
}

/** Maps every category code through `map` onto new categories (e.g. harm sets onto present/absent). */
export function recodeCategories(m: RatingMatrix, map: Int32Array | readonly number[], categories: readonly Value[]): RatingMatrix {
  const value = new Int32Array(m.value.length);
  for (let j = 0; j < value.length; j++) {
    const c = map[m.value[j]];
    if (!(c >= 0 && c < categories.length)) throw new RangeError(`recodeCategories: category ${m.value[j]} maps to ${c}`);
    value[j] = c;
  }
  const allNumbers = categories.every((v) => typeof v === 'number');
  return {
    ...m,
    categories,
    numeric: allNumbers ? Float64Array.from(categories as number[]) : null,
    ordered: allNumbers,
    value,
  };
}

/** Whether the categories can be measured at `level`: null if fine, else the reason. */
export function levelProblem(m: RatingMatrix, level: Level): string | null {
  if (level === 'nominal') return null;
  if (level === 'ordinal') return m.ordered ? null : 'the ordinal level needs ordered categories (numbers, or an explicit order)';
  if (!m.numeric) return `the ${level} level needs numeric values`;
  if (level === 'ratio' && m.numeric.some((v) => v < 0)) return 'the ratio level needs values >= 0';
  return null;
}
