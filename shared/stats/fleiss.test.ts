import { describe, expect, it } from 'vitest';
import { distrib6raters, fleiss1971Wikipedia, krippendorff2011, ratingsFromCounts } from './fixtures';
import { fleissKappa, fleissKappaFromCounts } from './fleiss';
import { compileRatings, compileTable } from './matrix';

describe("Fleiss' kappa", () => {
  it('gives 0.210 on the Fleiss (1971) / Wikipedia worked example (10 subjects, 14 raters, 5 categories)', () => {
    expect(fleissKappaFromCounts(fleiss1971Wikipedia).value!.toFixed(3)).toBe('0.210');
    const m = compileRatings(ratingsFromCounts(fleiss1971Wikipedia));
    expect(fleissKappa(m).value!.toFixed(3)).toBe('0.210');
    expect(fleissKappa(m).n).toEqual({ items: 10, pairableItems: 10, ratings: 140, raters: 14 });
  });

  it('matches irrCAC (Gwet 2014) on distrib.6raters: 0.4139265', () => {
    expect(fleissKappa(compileRatings(ratingsFromCounts(distrib6raters))).value).toBeCloseTo(0.4139265, 6);
  });

  it('is null with a reason when items have unequal numbers of ratings', () => {
    const k = fleissKappa(compileTable(krippendorff2011));
    expect(k.value).toBeNull();
    expect(k.reason).toMatch(/same number of ratings on every item \(items have 1 to 4\)/);
    expect(fleissKappaFromCounts([[2, 0], [1, 2]]).value).toBeNull();
  });

  it('is null with a reason when all ratings are identical', () => {
    const k = fleissKappaFromCounts([[3, 0], [3, 0]]);
    expect(k.value).toBeNull();
    expect(k.reason).toMatch(/one category/);
  });
});
