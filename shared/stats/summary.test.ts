import { describe, expect, it } from 'vitest';
import { cont3x3abstractors, krippendorff2011, ratingsFromTable } from './fixtures';
import { compileRatings, compileTable } from './matrix';
import { agreementSummary } from './summary';

describe('agreementSummary', () => {
  it('nominal, 4 raters: AC1, no Cohen, Fleiss null with its reason, a bootstrap interval', () => {
    const s = agreementSummary(compileTable(krippendorff2011), 'nominal', { bootstrap: 200, seed: 9 });
    expect(s.krippendorffAlpha.value!.toFixed(3)).toBe('0.743');
    expect(s.gwetAC1!.value).toBeCloseTo(0.77544, 5);
    expect(s.gwetAC2).toBeUndefined();
    expect(s.cohenKappa).toBeUndefined();
    expect(s.fleissKappa.value).toBeNull();
    expect(s.ci!.krippendorffAlpha).toMatchObject({ resamples: 200, seed: 9 });
    expect(s.n).toEqual({ items: 12, pairableItems: 11, ratings: 41, raters: 4 });
  });

  it('ordinal, 2 raters: AC2 and the three Cohen kappas', () => {
    const s = agreementSummary(compileRatings(ratingsFromTable(cont3x3abstractors)), 'ordinal');
    expect(s.gwetAC1).toBeUndefined();
    expect(s.gwetAC2!.value).not.toBeNull();
    expect(s.cohenKappa!.value).toBeCloseTo(0.7964094, 6);
    expect(s.cohenKappaQuadratic!.value).toBeCloseTo(0.8921569, 6);
    expect(s.cohenKappaLinear!.value).not.toBeNull();
    expect(s.ci).toBeUndefined();
  });
});
