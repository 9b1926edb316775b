// Properties every coefficient must have, checked on random data.
import { describe, expect, it } from 'vitest';
import { cohenKappa, pairTable, scottPiFromTable } from './cohen';
import { cont3x3abstractors } from './fixtures';
import { fleissKappa } from './fleiss';
import { gwetAC1, gwetAC2 } from './gwet';
import { krippendorffAlpha } from './krippendorff';
import { compileRatings, compileTable, type RatingMatrix } from './matrix';
import { percentAgreement } from './percentAgreement';
import { randomUnits, shuffled, unitsToRatings } from './testing';
import { LEVELS, type Rating } from './types';

function nominalCoefficients(m: RatingMatrix) {
  return {
    po: percentAgreement(m).value,
    alpha: krippendorffAlpha(m, 'nominal').value,
    fleiss: fleissKappa(m).value,
    ac1: gwetAC1(m).value,
    cohen: m.raters.length === 2 ? cohenKappa(m).value : null,
  };
}

function close(a: Record<string, number | null>, b: Record<string, number | null>) {
  for (const k of Object.keys(a)) {
    if (a[k] === null) expect(b[k], k).toBeNull();
    else expect(b[k], k).toBeCloseTo(a[k]!, 10);
  }
}

describe('invariances', () => {
  const seeds = [1, 2, 3, 4, 5, 6];

  it('nominal coefficients do not change when categories are relabelled', () => {
    for (const seed of seeds) {
      const ratings = unitsToRatings(randomUnits(seed, 60, seed % 2 ? 2 : 4, 4, 0.6, seed % 3 ? 0 : 0.2));
      const names = ['harmful', 'safe', 'borderline', 'refusal']; // a relabelling that also changes the sort order
      const relabelled: Rating[] = ratings.map((r) => ({ ...r, value: names[(r.value as number) - 1] }));
      close(nominalCoefficients(compileRatings(ratings)), nominalCoefficients(compileRatings(relabelled)));
    }
  });

  it('coefficients do not change with the order of raters or of items (or of the input lines)', () => {
    for (const seed of seeds) {
      const ratings = unitsToRatings(randomUnits(seed, 50, 2 + (seed % 3), 5, 0.6, seed % 2 ? 0 : 0.2));
      const a = compileRatings(ratings);
      const b = compileRatings(shuffled(ratings, seed + 100)); // items and raters are numbered in first-seen order
      close(nominalCoefficients(a), nominalCoefficients(b));
      for (const level of LEVELS) expect(krippendorffAlpha(b, level).value).toBeCloseTo(krippendorffAlpha(a, level).value!, 10);
      expect(gwetAC2(b, 'quadratic').value).toBeCloseTo(gwetAC2(a, 'quadratic').value!, 10);
    }
  });

  it('perfect agreement gives 1 for every coefficient', () => {
    const units = Array.from({ length: 20 }, (_, i) => [1 + (i % 4), 1 + (i % 4), 1 + (i % 4)]);
    const three = compileTable(units);
    for (const level of LEVELS) expect(krippendorffAlpha(three, level).value).toBe(1);
    expect(fleissKappa(three).value).toBe(1);
    expect(gwetAC1(three).value).toBe(1);
    expect(percentAgreement(three).value).toBe(1);
    expect(cohenKappa(compileTable(units.map((u) => u.slice(0, 2)))).value).toBe(1);
  });
});

describe("Krippendorff's alpha and Scott's pi", () => {
  // For 2 raters, N items, no missing data, nominal: n = 2N pairable values, D_o = 1 - p_o and
  // D_e = (n² - Σ n_c²) / (n(n-1)) = n(1 - p_e)/(n-1) with Scott's p_e = Σ (n_c/n)². Hence
  // α = 1 - D_o/D_e = 1 - (n-1)/n · (1-p_o)/(1-p_e) = 1 - (1 - π)(2N-1)/(2N),
  // i.e. α = π + (1-π)/(2N): the small-sample correction Krippendorff (2004, Content Analysis, 2nd ed.,
  // sec. 11.3.1; 2011) describes as alpha's difference from pi.
  const relation = (pi: number, N: number) => 1 - ((1 - pi) * (2 * N - 1)) / (2 * N);

  it('holds on irrCAC cont3x3abstractors (published π 0.7962397, α 0.7972585, N = 100)', () => {
    expect(relation(0.7962397, 100)).toBeCloseTo(0.7972585, 6);
  });

  it('holds on random two-rater data without missing values', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const units = randomUnits(seed, 10 + seed * 13, 2, 2 + (seed % 5), 0.6, 0);
      const m = compileTable(units);
      const pi = scottPiFromTable(pairTable(m, 0, 1)).value!;
      expect(krippendorffAlpha(m).value).toBeCloseTo(relation(pi, units.length), 10);
    }
    expect(krippendorffAlpha(compileRatings(cont3x3Ratings())).value).toBeCloseTo(0.7972585, 6);
  });
});

function cont3x3Ratings(): Rating[] {
  const out: Rating[] = [];
  let u = 0;
  cont3x3abstractors.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let t = 0; t < count; t++, u++) out.push({ item: `${u}`, rater: 'a', value: i }, { item: `${u}`, rater: 'b', value: j });
    }),
  );
  return out;
}
