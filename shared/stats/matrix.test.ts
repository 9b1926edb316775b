import { describe, expect, it } from 'vitest';
import { compileRatings, compileTable, denseMatrix, filterRatings } from './matrix';

describe('compileRatings', () => {
  it('codes items and raters in first-seen order, categories sorted, and counts', () => {
    const m = compileRatings([
      { item: 'b', rater: 'y', value: 3 },
      { item: 'a', rater: 'x', value: 1 },
      { item: 'b', rater: 'x', value: 2 },
    ]);
    expect(m.items).toEqual(['b', 'a']);
    expect(m.raters).toEqual(['y', 'x']);
    expect(m.categories).toEqual([1, 2, 3]);
    expect(m.counts).toEqual({ items: 2, pairableItems: 1, ratings: 3, raters: 2 });
    expect([...denseMatrix(m)]).toEqual([2, 1, -1, 0]);
  });

  it('lets a later rating by the same rater for the same item replace the earlier one', () => {
    const m = compileRatings([
      { item: 'a', rater: 'x', value: 'safe' },
      { item: 'a', rater: 'y', value: 'safe' },
      { item: 'a', rater: 'x', value: 'harmful' },
    ]);
    expect(m.counts.ratings).toBe(2);
    expect(m.categories[m.value[0]]).toBe('harmful');
  });

  it('treats numeric strings as numbers, and sorts numbers before strings', () => {
    const m = compileRatings([
      { item: 'a', rater: 'x', value: '2' },
      { item: 'a', rater: 'y', value: 2 },
      { item: 'b', rater: 'x', value: 'n/a' },
      { item: 'b', rater: 'y', value: 10 },
    ]);
    expect(m.categories).toEqual([2, 10, 'n/a']);
    expect(m.numeric).toBeNull();
    expect(m.ordered).toBe(false);
  });

  it('takes an explicit order for ordinal labels and rejects values outside it', () => {
    const order = ['low', 'medium', 'high'];
    const m = compileRatings([{ item: 'a', rater: 'x', value: 'high' }, { item: 'a', rater: 'y', value: 'low' }], { level: 'ordinal', order });
    expect(m.categories).toEqual(order);
    expect(m.ordered).toBe(true);
    expect(() => compileRatings([{ item: 'a', rater: 'x', value: 'extreme' }], { level: 'ordinal', order })).toThrow(/not in the given order/);
    expect(() => compileRatings([{ item: 'a', rater: 'x', value: 'low' }], { level: 'ordinal' })).toThrow(/not a number/);
  });

  it('needs numbers at the interval and ratio levels, and no negative ratio values', () => {
    expect(() => compileRatings([{ item: 'a', rater: 'x', value: 'high' }], { level: 'interval' })).toThrow(/rating 1 .*not a number/);
    expect(compileRatings([{ item: 'a', rater: 'x', value: ' 3.5 ' }], { level: 'interval' }).categories).toEqual([3.5]);
    expect(() => compileRatings([{ item: 'a', rater: 'x', value: -1 }], { level: 'ratio' })).toThrow(/negative/);
    expect(() => compileRatings([{ item: 'a', rater: 'x', value: Number.NaN }])).toThrow(/finite/);
  });

  it('handles items with many ratings (sorts raters beyond the insertion-sort size)', () => {
    const ratings = Array.from({ length: 100 }, (_, i) => ({ item: 'a', rater: `r${99 - (i % 50)}`, value: i }));
    const m = compileRatings(ratings);
    expect(m.counts.ratings).toBe(50);
    expect(m.categories[m.value[m.rater.indexOf(m.raters.indexOf('r99'))]]).toBe(50); // the later of r99's two ratings
  });

  it('filterRatings drops ratings and recounts', () => {
    const m = compileTable([[1, 2], [3, null]]);
    const f = filterRatings(m, (_i, r) => r !== 1);
    expect(f.counts).toEqual({ items: 2, pairableItems: 0, ratings: 2, raters: 1 });
  });
});
