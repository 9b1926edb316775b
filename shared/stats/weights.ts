// Agreement weights for weighted coefficients (weighted kappa, AC2, Brennan-Prediger): w_kl in [0, 1],
// 1 on the diagonal, q x q row-major. Definitions as in Gwet (2014), Handbook of Inter-Rater
// Reliability, 4th ed., ch. 3 (and the irrCAC package's weights.gen.r).
import type { RatingMatrix } from './matrix';
import type { Level } from './types';

export type WeightScheme = 'identity' | 'linear' | 'quadratic' | 'ordinal' | 'ratio';

/**
 * Where each category sits on the scale: its numeric value at the interval and ratio levels (when
 * the categories are numbers), otherwise its rank 1..q (ordinal: only the order counts).
 */
export function categoryPositions(mat: RatingMatrix, level: Level): Float64Array {
  if ((level === 'interval' || level === 'ratio') && mat.numeric) return Float64Array.from(mat.numeric);
  return Float64Array.from(mat.categories, (_, i) => i + 1);
}

/** The q x q agreement-weight matrix of a scheme for categories at `positions` (ascending). */
export function agreementWeights(scheme: WeightScheme, positions: ArrayLike<number>): Float64Array {
  const q = positions.length;
  const w = new Float64Array(q * q);
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < q; k++) {
    min = Math.min(min, positions[k]);
    max = Math.max(max, positions[k]);
  }
  const range = max - min;
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) {
      const a = positions[k];
      const b = positions[l];
      let v: number;
      if (k === l) v = 1;
      else if (scheme === 'identity' || range === 0) v = 0;
      // Linear weights 1 - |k-l|/(max-min) (Cicchetti & Allison 1971; irrCAC linear.weights).
      else if (scheme === 'linear') v = 1 - Math.abs(a - b) / range;
      // Quadratic weights 1 - (k-l)²/(max-min)² (Fleiss & Cohen 1973; irrCAC quadratic.weights).
      else if (scheme === 'quadratic') v = 1 - ((a - b) / range) ** 2;
      else if (scheme === 'ordinal') {
        // Ordinal weights on ranks: 1 - C(|k-l|+1, 2) / C(q, 2) (Gwet 2014 ch. 3; irrCAC ordinal.weights).
        const nkl = Math.abs(k - l) + 1;
        v = 1 - (nkl * (nkl - 1)) / 2 / ((q * (q - 1)) / 2);
      } else {
        // Ratio weights 1 - ((k-l)/(k+l))² / ((max-min)/(max+min))² (Gwet 2014 ch. 3; irrCAC ratio.weights).
        const r = a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
        const rmax = max + min === 0 ? 0 : (range / (max + min)) ** 2;
        v = rmax === 0 ? 0 : 1 - r / rmax;
      }
      w[k * q + l] = v;
    }
  }
  return w;
}

/** The weights a level calls for in AC2: ordinal weights for ordinal data, quadratic for interval, ratio for ratio (Gwet 2014 ch. 3). */
export function defaultScheme(level: Level): WeightScheme {
  return level === 'nominal' ? 'identity' : level === 'ordinal' ? 'ordinal' : level === 'interval' ? 'quadratic' : 'ratio';
}
