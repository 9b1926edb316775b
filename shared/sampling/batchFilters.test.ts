import { describe, expect, it } from 'vitest';
import type { Sample } from '../samples/schema';
import { batchFiltersSchema, describeBatchDesign, matchesFilters } from './batchFilters';

const sample = (over: Partial<Sample>): Sample => ({ id: 's', input: 'q', output: 'a', ...over }) as Sample;

describe('batch filters', () => {
  it('match model, metadata (as text) and inclusive score bounds; a missing score never matches a bound', () => {
    const f = batchFiltersSchema.parse({ model: 'm1', metadata: { turns: '2' }, scoreAtLeast: { tox: 0.5 }, scoreAtMost: { tox: 0.9 } });
    expect(f.excludeBatched).toBe(true);
    expect(matchesFilters(sample({ model: 'm1', metadata: { turns: 2 }, scores: { tox: 0.5 } }), f)).toBe(true);
    expect(matchesFilters(sample({ model: 'm1', metadata: { turns: 2 }, scores: { tox: 0.9 } }), f)).toBe(true);
    expect(matchesFilters(sample({ model: 'm1', metadata: { turns: 2 }, scores: { tox: 0.91 } }), f)).toBe(false);
    expect(matchesFilters(sample({ model: 'm2', metadata: { turns: 2 }, scores: { tox: 0.6 } }), f)).toBe(false);
    expect(matchesFilters(sample({ model: 'm1', metadata: { turns: 3 }, scores: { tox: 0.6 } }), f)).toBe(false);
    expect(matchesFilters(sample({ model: 'm1', metadata: { turns: 2 } }), f)).toBe(false);
  });

  it('describe a batch design in one line', () => {
    expect(
      describeBatchDesign({ seed: 7, strategy: 'stratified', stratifyBy: 'metadata.topic', overlap: { k: 3, fraction: 0.2 }, goldShare: 0.1, filters: { model: 'm1', metadata: { lang: 'fr' }, scoreAtLeast: { tox: 0.5 } } }),
    ).toBe('stratified by metadata.topic · seed 7 · 3 raters per item on 20% · 10% gold · model m1 · lang = fr · tox >= 0.5');
    expect(describeBatchDesign({ seed: 1, strategy: 'random', overlap: { k: 1, fraction: 1 }, goldShare: 0 })).toBe('random · seed 1 · 1 rater per item');
  });
});
