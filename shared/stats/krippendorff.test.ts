import { describe, expect, it } from 'vitest';
import { distrib6raters, krippendorff2011, cont3x3abstractors, ratingsFromCounts, ratingsFromTable } from './fixtures';
import { coincidenceMatrix, krippendorffAlpha, krippendorffAlphaWithDistance } from './krippendorff';
import { compileRatings, compileTable } from './matrix';
import { naiveAlpha, randomUnits } from './testing';
import { LEVELS } from './types';

const fixed3 = (v: number | null) => (v === null ? null : v.toFixed(3));

describe("Krippendorff's alpha", () => {
  const m = compileTable(krippendorff2011);

  it('reproduces the published values of Krippendorff (2011), 4 observers x 12 units with missing data', () => {
    expect(fixed3(krippendorffAlpha(m, 'nominal').value)).toBe('0.743');
    expect(fixed3(krippendorffAlpha(m, 'ordinal').value)).toBe('0.815');
    expect(fixed3(krippendorffAlpha(m, 'interval').value)).toBe('0.849');
    expect(fixed3(krippendorffAlpha(m, 'ratio').value)).toBe('0.797');
    expect(krippendorffAlpha(m, 'nominal').n).toEqual({ items: 12, pairableItems: 11, ratings: 41, raters: 4 });
  });

  it('builds the coincidence matrix of the 2011 paper (n = 40, marginals 9 13 10 5 3)', () => {
    const { o, marginals, n } = coincidenceMatrix(m);
    expect(n).toBe(40);
    expect([...marginals]).toEqual([9, 13, 10, 5, 3]);
    expect(o[0]).toBe(7); // o_11
    expect(o[1]).toBeCloseTo(4 / 3, 12); // o_12
    expect(o[4 * 5 + 4]).toBe(3); // o_55
  });

  it('matches irrCAC (Gwet 2014) on distrib.6raters (0.4204384) and cont3x3abstractors (0.7972585)', () => {
    expect(krippendorffAlpha(compileRatings(ratingsFromCounts(distrib6raters)), 'nominal').value).toBeCloseTo(0.4204384, 6);
    expect(krippendorffAlpha(compileRatings(ratingsFromTable(cont3x3abstractors)), 'nominal').value).toBeCloseTo(0.7972585, 6);
  });

  it('agrees with a literal implementation of the definitions on random data at every level', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const units = randomUnits(seed, 40 + seed * 7, 2 + (seed % 5), 2 + (seed % 7), 0.5, 0.25);
      const mat = compileTable(units);
      for (const level of LEVELS) {
        const expected = naiveAlpha(units, level);
        const got = krippendorffAlpha(mat, level).value;
        if (expected === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(expected, 10);
      }
    }
  });

  it('is null with a reason, never NaN or 0, when all ratings are identical', () => {
    const same = compileTable([
      [1, 1],
      [1, 1, 1],
    ]);
    for (const level of LEVELS) {
      const a = krippendorffAlpha(same, level);
      expect(a.value).toBeNull();
      expect(a.reason).toMatch(/same value/);
    }
  });

  it('is null with a reason when no item has two ratings, and ignores unpairable items', () => {
    const lonely = compileTable([[1, null], [null, 2]]);
    expect(krippendorffAlpha(lonely).value).toBeNull();
    expect(krippendorffAlpha(lonely).reason).toMatch(/2 or more ratings/);
    const withSingles = compileTable([...krippendorff2011, [5, null, null, null], [null, null, 2, null]]);
    expect(krippendorffAlpha(withSingles, 'interval').value).toBeCloseTo(krippendorffAlpha(m, 'interval').value!, 12);
  });

  it('refuses metric levels for labels that are not numbers, with a reason', () => {
    const labels = compileRatings([
      { item: 'a', rater: 'x', value: 'safe' },
      { item: 'a', rater: 'y', value: 'harmful' },
    ]);
    expect(krippendorffAlpha(labels, 'interval')).toMatchObject({ value: null, reason: expect.stringMatching(/numeric/) });
    expect(krippendorffAlpha(labels, 'ordinal')).toMatchObject({ value: null, reason: expect.stringMatching(/ordered/) });
  });

  it('takes a custom distance: the nominal distance gives nominal alpha', () => {
    expect(krippendorffAlphaWithDistance(m, (a, b) => (a === b ? 0 : 1)).value).toBeCloseTo(krippendorffAlpha(m).value!, 12);
  });
});
