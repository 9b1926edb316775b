import { describe, expect, it } from 'vitest';
import { confusionMatrix, pairwiseRaters, perRater, raterVsReference } from './breakdowns';
import { cohenKappa } from './cohen';
import { cont3x3abstractors, krippendorff2011, ratingsFromTable } from './fixtures';
import { krippendorffAlpha } from './krippendorff';
import { compileRatings, compileTable } from './matrix';

describe('pairwise rater matrix', () => {
  it('gives every pair its shared items, agreement and Cohen kappa', () => {
    const m = compileTable(krippendorff2011, { raters: ['A', 'B', 'C', 'D'] });
    const pairs = pairwiseRaters(m);
    // Raters are numbered in first-seen order (C has no rating on unit 1, so D comes before C).
    expect(pairs.map((p) => `${p.raterA}${p.raterB}`)).toEqual(['AB', 'AD', 'AC', 'BD', 'BC', 'DC']);
    // A and B share units 1-9 and differ only on unit 6.
    expect(pairs[0].sharedItems).toBe(9);
    expect(pairs[0].agreement.value).toBeCloseTo(8 / 9, 12);
    for (const p of pairs) expect(p.kappa.value).toBeCloseTo(cohenKappa(m, { raters: [p.raterA, p.raterB] }).value!, 12);
  });

  it('reproduces the two-rater kappa and weighted kappa', () => {
    const m = compileRatings(ratingsFromTable(cont3x3abstractors));
    expect(pairwiseRaters(m)[0].kappa.value).toBeCloseTo(0.7964094, 6);
    expect(pairwiseRaters(m, { weights: 'quadratic' })[0].kappa.value).toBeCloseTo(0.8921569, 6);
  });
});

describe('per rater', () => {
  // a: x=1 y=1 z=2; b: all 1; c: x=2 y=2 z=1.
  const m = compileTable([[1, 1, 2], [1, 1, 1], [2, 2, 1]], { raters: ['x', 'y', 'z'] });

  it('each rater against the others', () => {
    const [x, , z] = perRater(m);
    expect(x.agreementWithOthers.value).toBeCloseTo(4 / 6, 12);
    expect(z.agreementWithOthers.value).toBeCloseTo(2 / 6, 12);
    // z against the others' majority (1, 1, 2): table [[1,1],[1,0]], p_o = 1/3, p_e = 5/9, kappa = -0.5.
    expect(z.kappaVsOthers.value).toBeCloseTo(-0.5, 12);
    expect(z.kappaVsOthers.n.items).toBe(3);
    // x: the others tie on a and c, so only b counts, where chance agreement is 1.
    expect(x.kappaVsOthers).toMatchObject({ value: null, reason: expect.stringMatching(/chance agreement/) });
    expect(z.alphaWithout.value).toBe(1);
    expect(z.alphaWithout.value!).toBeGreaterThan(krippendorffAlpha(m).value!);
  });

  it('each rater against a gold label set: accuracy and kappa with counts', () => {
    const [x, , z] = raterVsReference(m, { 1: 1, 2: 1, 3: 2, 99: 1 });
    expect(x).toMatchObject({ rater: 'x', compared: 3, correct: 3, accuracy: { value: 1, n: 3 } });
    expect(x.kappa.value).toBe(1);
    expect(z).toMatchObject({ compared: 3, correct: 1 });
    expect(z.kappa.value).toBeCloseTo(-0.5, 12);
    expect(raterVsReference(m, new Map([['1', 'unknown label']]))[0]).toMatchObject({ compared: 1, correct: 0 });
  });
});

describe('confusion matrix between two label sources', () => {
  it('counts items labelled by both, rows the first source', () => {
    const c = confusionMatrix({ a: 'safe', b: 'harmful', c: 'safe', d: 'x' }, new Map([['a', 'safe'], ['b', 'safe'], ['c', 'safe']]));
    expect(c.categories).toEqual(['harmful', 'safe']);
    expect(c.counts).toEqual([[0, 1], [0, 2]]);
    expect(c.n).toBe(3);
    expect(c.agreement.value).toBeCloseTo(2 / 3, 12);
    // p_o = 2/3, p_e = (1*0 + 2*3)/9 = 2/3: kappa 0, a real 0 (not a stand-in for "undefined").
    expect(c.kappa.value).toBeCloseTo(0, 12);
    expect(confusionMatrix({}, {}).kappa).toMatchObject({ value: null });
  });
});
