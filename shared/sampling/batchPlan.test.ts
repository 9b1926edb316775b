import { describe, expect, it } from 'vitest';
import { allocate, planBatch, type Candidate } from './batchPlan';

const candidates: Candidate[] = Array.from({ length: 1000 }, (_, i) => ({
  id: `s${String(i).padStart(4, '0')}`,
  stratum: i < 600 ? 'en' : i < 900 ? 'fr' : 'ar',
  gold: i % 20 === 0,
}));
const raters = ['alice', 'bob', 'carol', 'dan', 'erin'];
const base = { size: 200, seed: 7, strategy: 'random' as const, overlap: { k: 3 }, raters };

describe('planBatch', () => {
  it('gives the same batch for the same seed and inputs, whatever their order, and another for another seed', () => {
    const a = planBatch(candidates, base);
    const b = planBatch([...candidates].reverse(), { ...base, raters: [...raters].reverse() });
    expect(b).toEqual(a);
    const c = planBatch(candidates, { ...base, seed: 8 });
    expect(c.items.map((i) => i.sampleId)).not.toEqual(a.items.map((i) => i.sampleId));
    expect(new Set(a.items.map((i) => i.sampleId)).size).toBe(200);
  });

  it('stratifies in proportion to the strata sizes', () => {
    const plan = planBatch(candidates, { ...base, strategy: 'stratified' });
    // Non-gold candidates: en 570, fr 285, ar 95 of 950 -> 120, 60, 20 of 200.
    expect(plan.strata).toEqual({ ar: 20, en: 120, fr: 60 });
    const byStratum = (s: string) => plan.items.filter((i) => candidates.find((c) => c.id === i.sampleId)!.stratum === s).length;
    expect([byStratum('en'), byStratum('fr'), byStratum('ar')]).toEqual([120, 60, 20]);
  });

  it('allocates by largest remainders without exceeding a stratum', () => {
    expect(allocate({ a: 1, b: 1, c: 1 }, 2)).toEqual({ a: 1, b: 1, c: 0 });
    expect(allocate({ a: 10, b: 1 }, 5)).toEqual({ a: 5, b: 0 });
    expect(allocate({ a: 2, b: 100 }, 50)).toEqual({ a: 1, b: 49 });
    expect(allocate({ a: 2, b: 3 }, 10)).toEqual({ a: 2, b: 3 });
  });

  it('draws the asked share of gold items and never gives a rater the same item twice', () => {
    const plan = planBatch(candidates, { ...base, goldShare: 0.1 });
    expect(plan.items.filter((i) => i.gold)).toHaveLength(20);
    for (const item of plan.items) {
      expect(item.raters).toHaveLength(3);
      expect(new Set(item.raters).size).toBe(3);
    }
  });

  it('balances load across the pool (loads differ by at most one)', () => {
    for (const [size, k, fraction] of [[200, 3, 1], [101, 2, 0.3], [7, 4, 1]] as const) {
      const plan = planBatch(candidates, { ...base, size, overlap: { k, fraction } });
      const loads = Object.values(plan.load);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      const total = plan.items.reduce((s, i) => s + i.raters.length, 0);
      expect(loads.reduce((a, b) => a + b, 0)).toBe(total);
      expect(plan.items.filter((i) => i.raters.length === k)).toHaveLength(Math.round(fraction * size));
    }
  });

  it('explains what cannot be planned', () => {
    expect(() => planBatch(candidates, { ...base, overlap: { k: 6 } })).toThrow(/needs at least 6 raters; the pool has 5/);
    expect(() => planBatch(candidates, { ...base, size: 990, goldShare: 0 })).toThrow(/only 950 match/);
    expect(() => planBatch(candidates, { ...base, goldShare: 0.5 })).toThrow(/needs 100 gold items; the workspace has 50/);
    expect(() => planBatch(candidates, { ...base, raters: [] })).toThrow(/pool is empty/);
  });
});
