import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from './krippendorff';
import { compileRatings } from './matrix';
import { jaccardDistance, multiLabelAgreement, type SetRating } from './multiLabel';
import { mulberry32 } from './random';

describe('multi-label fields', () => {
  const labels = ['violence', 'self-harm', 'hate'];
  const rand = mulberry32(3);
  const ratings: SetRating[] = [];
  for (let i = 0; i < 80; i++) {
    const truth = labels.filter(() => rand() < 0.3);
    for (const rater of ['x', 'y', 'z']) {
      const value = labels.filter((l) => (truth.includes(l) ? rand() < 0.85 : rand() < 0.1));
      ratings.push({ item: `i${i}`, rater, value });
    }
  }

  it('measures each label as binary present/absent', () => {
    const r = multiLabelAgreement(ratings);
    expect(r.labels.map((l) => l.label)).toEqual(['hate', 'self-harm', 'violence']);
    for (const l of r.labels) {
      const binary = compileRatings(ratings.map((x) => ({ item: x.item, rater: x.rater, value: x.value.includes(l.label) ? 'present' : 'absent' })));
      expect(l.alpha.value).toBeCloseTo(krippendorffAlpha(binary).value!, 12);
      expect(l.prevalence).toBeCloseTo(ratings.filter((x) => x.value.includes(l.label)).length / ratings.length, 12);
    }
    const mean = r.labels.reduce((s, l) => s + l.alpha.value!, 0) / 3;
    expect(r.meanLabelAlpha.value).toBeCloseTo(mean, 12);
    expect(r.jaccardAlpha.value).toBeGreaterThan(0.3);
    expect(r.jaccardAlpha.value).toBeLessThan(1);
  });

  it('overall alpha uses the Jaccard set distance (hand example: 2/3)', () => {
    // Item 1: {a} vs {a,b}, δ = 1/2; item 2: {} vs {}. n = 4; Σ o δ = 2 * 1/2 = 1;
    // Σ n_c n_k δ over ordered pairs of the 4 values = 2 * (1/2 + 1 + 1 + 1 + 1) = 9; α = 1 - 3 * 1/9 = 2/3.
    const r = multiLabelAgreement([
      { item: '1', rater: 'x', value: ['a'] },
      { item: '1', rater: 'y', value: ['b', 'a'] },
      { item: '2', rater: 'x', value: [] },
      { item: '2', rater: 'y', value: [] },
    ]);
    expect(r.jaccardAlpha.value).toBeCloseTo(2 / 3, 12);
    expect(jaccardDistance(['a'], ['a', 'b'])).toBe(0.5);
    expect(jaccardDistance([], [])).toBe(0);
  });

  it('reports labels nobody used as not applicable, and ignores duplicates and order within a set', () => {
    const r = multiLabelAgreement(
      [
        { item: '1', rater: 'x', value: ['a', 'a', 'b'] },
        { item: '1', rater: 'y', value: ['b', 'a'] },
      ],
      { labels: ['c'] },
    );
    expect(r.jaccardAlpha.value).toBeNull();
    expect(r.labels.find((l) => l.label === 'c')!.alpha).toMatchObject({ value: null, reason: expect.any(String) });
    expect(r.meanLabelAlpha.value).toBeNull();
  });
});
