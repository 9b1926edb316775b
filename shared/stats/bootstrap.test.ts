import { describe, expect, it } from 'vitest';
import { bootstrapAlpha, bootstrapAlphaSamples, quantileSorted } from './bootstrap';
import { krippendorff2011 } from './fixtures';
import { krippendorffAlpha } from './krippendorff';
import { compileRatings, compileTable } from './matrix';
import { mulberry32 } from './random';
import { randomUnits, unitsToRatings } from './testing';
import type { Rating } from './types';

describe('bootstrap confidence interval for alpha', () => {
  const units = randomUnits(11, 300, 4, 4, 0.7, 0.15);
  const m = compileTable(units);

  it('is reproducible: same seed, same interval; another seed, another interval', () => {
    const a = bootstrapAlpha(m, 'nominal', { resamples: 500, seed: 42 });
    const b = bootstrapAlpha(m, 'nominal', { resamples: 500, seed: 42 });
    const c = bootstrapAlpha(m, 'nominal', { resamples: 500, seed: 43 });
    expect(a).toEqual(b);
    expect(a.interval).not.toEqual(c.interval);
    expect(a).toMatchObject({ resamples: 500, seed: 42, confidence: 0.95, defined: 500 });
  });

  it('contains the point estimate on reasonable data, at every level', () => {
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      const point = krippendorffAlpha(m, level).value!;
      const { interval } = bootstrapAlpha(m, level, { resamples: 400, seed: 7 });
      expect(interval![0]).toBeLessThan(point);
      expect(interval![1]).toBeGreaterThan(point);
      expect(interval![1] - interval![0]).toBeLessThan(0.25);
    }
  });

  it('computes each resample exactly as recomputing alpha from the resampled raw ratings would', () => {
    const seed = 5;
    const fast = bootstrapAlphaSamples(m, 'ordinal', { resamples: 20, seed }) as (number | null)[];
    // Replay the same draws: the pool is the pairable items in item order, drawn with mulberry32(seed).
    const pairable = units.filter((u) => u.filter((v) => v !== null).length >= 2);
    const rand = mulberry32(seed);
    for (let r = 0; r < 20; r++) {
      const ratings: Rating[] = [];
      for (let j = 0; j < pairable.length; j++) {
        const unit = pairable[(rand() * pairable.length) | 0];
        unit.forEach((v, k) => v !== null && ratings.push({ item: `draw${j}`, rater: `r${k}`, value: v }));
      }
      expect(fast[r]).toBeCloseTo(krippendorffAlpha(compileRatings(ratings, { level: 'ordinal' }), 'ordinal').value!, 10);
    }
  });

  it('reports null with a reason when alpha is undefined', () => {
    const same = compileTable([[1, 1], [1, 1]]);
    const r = bootstrapAlpha(same, 'nominal', { resamples: 10, seed: 1 });
    expect(r.interval).toBeNull();
    expect(r.reason).toMatch(/same value/);
  });

  it('checks its options', () => {
    expect(() => bootstrapAlpha(m, 'nominal', { resamples: 0, seed: 1 })).toThrow(/resamples/);
    expect(() => bootstrapAlpha(m, 'nominal', { resamples: 10, seed: 1.5 })).toThrow(/seed/);
  });

  it('percentiles interpolate between order statistics', () => {
    expect(quantileSorted([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([0, 10], 0.025)).toBeCloseTo(0.25, 12);
  });

  it('works on the small Krippendorff 2011 data', () => {
    const r = bootstrapAlpha(compileTable(krippendorff2011), 'nominal', { resamples: 1000, seed: 1 });
    expect(r.interval![0]).toBeLessThan(0.743);
    expect(r.interval![1]).toBeGreaterThan(0.743);
    expect(unitsToRatings(krippendorff2011)).toHaveLength(41);
  });
});
