// Helpers shared by the statistics tests (pure; no test-runner imports so the benchmark may use them too).
import { mulberry32 } from './random';
import type { Level, Rating } from './types';

/**
 * Straight-from-the-definition Krippendorff's alpha (Krippendorff 2011): builds the coincidence matrix
 * pair by pair and evaluates the metric differences literally (the ordinal one as the sum over
 * n_g). Slow, simple, independent of the optimised implementation: the tests compare the two.
 */
export function naiveAlpha(units: (number | null)[][], level: Level): number | null {
  const values = [...new Set(units.flat().filter((v): v is number => v !== null))].sort((a, b) => a - b);
  const idx = new Map(values.map((v, i) => [v, i]));
  const C = values.length;
  const o = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  for (const unit of units) {
    const vs = unit.filter((v): v is number => v !== null);
    const m = vs.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) o[idx.get(vs[i])!][idx.get(vs[j])!] += 1 / (m - 1);
  }
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  const delta = (c: number, k: number): number => {
    if (level === 'nominal') return c === k ? 0 : 1;
    if (level === 'interval') return (values[c] - values[k]) ** 2;
    if (level === 'ratio') return values[c] + values[k] === 0 ? 0 : ((values[c] - values[k]) / (values[c] + values[k])) ** 2;
    const [lo, hi] = c < k ? [c, k] : [k, c];
    let s = 0;
    for (let g = lo; g <= hi; g++) s += nc[g];
    return (s - (nc[c] + nc[k]) / 2) ** 2;
  };
  let num = 0;
  let den = 0;
  for (let c = 0; c < C; c++) {
    for (let k = 0; k < C; k++) {
      num += o[c][k] * delta(c, k);
      den += nc[c] * nc[k] * delta(c, k);
    }
  }
  return den === 0 ? null : 1 - ((n - 1) * num) / den;
}

/** Random units x raters data: a true value per unit, each rater right with probability `accuracy`, some missing. */
export function randomUnits(seed: number, units: number, raters: number, categories: number, accuracy = 0.6, missing = 0.2): (number | null)[][] {
  const rand = mulberry32(seed);
  return Array.from({ length: units }, () => {
    const truth = 1 + Math.floor(rand() * categories);
    return Array.from({ length: raters }, () => (rand() < missing ? null : rand() < accuracy ? truth : 1 + Math.floor(rand() * categories)));
  });
}

export function unitsToRatings(units: (number | null)[][]): Rating[] {
  const out: Rating[] = [];
  units.forEach((row, u) => row.forEach((v, r) => v !== null && out.push({ item: `u${u + 1}`, rater: `r${r + 1}`, value: v })));
  return out;
}

/** Fisher-Yates shuffle with a seeded generator (returns a new array). */
export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const rand = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
