import { describe, expect, it } from 'vitest';
import { cohenKappa, kappaFromTable, scottPiFromTable } from './cohen';
import { cont3x3abstractors, krippendorff2011, ratingsFromTable, xeromammograms } from './fixtures';
import { compileRatings, compileTable } from './matrix';
import { agreementWeights } from './weights';

const fromTable = (t: number[][]) => compileRatings(ratingsFromTable(t));

describe("Cohen's kappa", () => {
  it('gives 0.4 on the Wikipedia 2x2 example (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)', () => {
    // p_o = 35/50 = 0.7, p_e = 0.5*0.6 + 0.5*0.4 = 0.5, kappa = 0.2/0.5 = 0.4
    expect(kappaFromTable([[20, 5], [10, 15]]).value).toBeCloseTo(0.4, 12);
    expect(cohenKappa(fromTable([[20, 5], [10, 15]])).value).toBeCloseTo(0.4, 12);
  });

  it('matches irrCAC (Gwet 2014) on cont3x3abstractors: kappa 0.7964094, quadratic 0.8921569, Scott pi 0.7962397', () => {
    const m = fromTable(cont3x3abstractors);
    expect(cohenKappa(m).value).toBeCloseTo(0.7964094, 6);
    expect(cohenKappa(m, { weights: 'quadratic' }).value).toBeCloseTo(0.8921569, 6);
    expect(scottPiFromTable(cont3x3abstractors).value).toBeCloseTo(0.7962397, 6);
    // Linear weights, by hand: w = 1, 0.5, 0. p_o = (13+20+56)/100 + 0.5 (7+4)/100 = 0.945.
    // Marginals rows 13 27 60, columns 13 24 63: p_e = (4597 + 0.5 * 3804) / 10000 = 0.6499.
    // kappa_lin = (0.945 - 0.6499) / (1 - 0.6499) = 0.842902...
    expect(cohenKappa(m, { weights: 'linear' }).value).toBeCloseTo(0.2951 / 0.3501, 10);
  });

  it('matches the xeromammogram example (Boyd et al. 1982; Altman 1991; Stata kap): 0.4728, linear 0.5684', () => {
    const m = fromTable(xeromammograms);
    expect(cohenKappa(m).value!.toFixed(4)).toBe('0.4728');
    expect(cohenKappa(m, { weights: 'linear' }).value!.toFixed(4)).toBe('0.5684');
    // Quadratic, by hand: weights 1, 8/9, 5/9, 0 for |i-j| = 0..3. Diagonal 54, |i-j|=1 cells 28, |i-j|=2 cells 3:
    // p_o = (54 + 28*8/9 + 3*5/9)/85; expected products 2227, 3427, 1444: p_e = (2227 + 3427*8/9 + 1444*5/9)/7225.
    const po = (54 + (28 * 8) / 9 + (3 * 5) / 9) / 85;
    const pe = (2227 + (3427 * 8) / 9 + (1444 * 5) / 9) / 7225;
    expect(cohenKappa(m, { weights: 'quadratic' }).value).toBeCloseTo((po - pe) / (1 - pe), 10);
    expect(cohenKappa(m, { weights: 'quadratic' }).value!.toFixed(4)).toBe('0.6714');
  });

  it('only uses items both raters rated, and reports the counts', () => {
    const m = compileRatings([
      { item: 'a', rater: 'x', value: 1 },
      { item: 'a', rater: 'y', value: 1 },
      { item: 'b', rater: 'x', value: 2 },
      { item: 'b', rater: 'y', value: 2 },
      { item: 'c', rater: 'x', value: 1 },
    ]);
    expect(cohenKappa(m)).toEqual({ value: 1, n: { items: 2, pairableItems: 2, ratings: 4, raters: 2 } });
  });

  it('is null with a reason for other than two raters, unless two are named', () => {
    const m = compileTable(krippendorff2011, { raters: ['A', 'B', 'C', 'D'] });
    expect(cohenKappa(m)).toMatchObject({ value: null, reason: expect.stringMatching(/exactly two raters \(found 4\)/) });
    expect(cohenKappa(m, { raters: ['A', 'B'] }).value).not.toBeNull();
    expect(cohenKappa(m, { raters: ['A', 'Z'] }).value).toBeNull();
  });

  it('is null with a reason when both raters used one category only', () => {
    const k = cohenKappa(fromTable([[5, 0], [0, 0]]));
    expect(k.value).toBeNull();
    expect(k.reason).toMatch(/chance agreement is 1/);
  });

  it('weights: linear and quadratic on ranks', () => {
    expect([...agreementWeights('linear', [1, 2, 3])]).toEqual([1, 0.5, 0, 0.5, 1, 0.5, 0, 0.5, 1]);
    expect([...agreementWeights('quadratic', [1, 2, 3])]).toEqual([1, 0.75, 0, 0.75, 1, 0.75, 0, 0.75, 1]);
  });
});
