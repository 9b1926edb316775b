import { describe, expect, it } from 'vitest';
import { cont3x3abstractors, distrib6raters, krippendorff2011, ratingsFromCounts, ratingsFromTable } from './fixtures';
import { brennanPrediger, gwetAC1, gwetAC2 } from './gwet';
import { compileRatings, compileTable } from './matrix';
import { percentAgreement } from './percentAgreement';

describe("Gwet's AC1 / AC2 and Brennan-Prediger (values published in the irrCAC README and weighting vignette, Gwet 2014)", () => {
  it('2 raters (cont3x3abstractors): AC1 0.8493305, Brennan-Prediger 0.835, AC2 quadratic 0.9402369', () => {
    const m = compileRatings(ratingsFromTable(cont3x3abstractors));
    expect(gwetAC1(m).value).toBeCloseTo(0.8493305, 6);
    expect(brennanPrediger(m).value).toBeCloseTo(0.835, 6);
    expect(gwetAC2(m, 'quadratic').value).toBeCloseTo(0.9402369, 6);
  });

  it('4 raters with missing ratings (cac.raw4raters = Krippendorff 2011 data): p_a 0.8181818, AC1 0.77544, BP 0.77273, AC2 quadratic 0.914', () => {
    const m = compileTable(krippendorff2011);
    expect(percentAgreement(m).value).toBeCloseTo(0.8181818, 6);
    expect(gwetAC1(m).value).toBeCloseTo(0.77544, 5);
    expect(brennanPrediger(m).value).toBeCloseTo(0.77273, 5);
    expect(gwetAC2(m, 'quadratic', 'interval').value).toBeCloseTo(0.914, 3);
  });

  it('6 raters (distrib.6raters): AC1 0.4448007, Brennan-Prediger 0.4388889', () => {
    const m = compileRatings(ratingsFromCounts(distrib6raters));
    expect(gwetAC1(m).value).toBeCloseTo(0.4448007, 6);
    expect(brennanPrediger(m).value).toBeCloseTo(0.4388889, 6);
  });

  it('is null with a reason when only one category was used, or nothing is pairable', () => {
    expect(gwetAC1(compileTable([[1, 1], [1, 1]]))).toMatchObject({ value: null, reason: expect.stringMatching(/one category/) });
    expect(gwetAC1(compileTable([[1, null], [null, 2]]))).toMatchObject({ value: null, reason: expect.stringMatching(/2 or more/) });
  });
});
