import { describe, expect, it } from 'vitest';
import { packV1, packV2, packV3 } from './fixtures';
import { commonTaxonomy, mapForward, toCommonValues } from './mapping';
import type { GuidelinePack } from './schema';
import { validatePack } from './validate';

function valid(doc: unknown): GuidelinePack {
  const r = validatePack(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.pack;
}
const v1 = valid(packV1());
const v2 = valid(packV2());
const v3 = valid(packV3());

describe('commonTaxonomy', () => {
  it('groups split and merged values, naming each group by its single old (split) or new (merge) value', () => {
    const common = commonTaxonomy(v1, v2);
    expect(common.versions).toEqual(['1.0.0', '1.1.0']);
    expect(common.fields.map((f) => f.key)).toEqual(['categories', 'severity', 'refusal', 'expert', 'notes']);
    expect(common.fields[0].values).toEqual([
      { value: 'ac', members: { '1.0.0': ['a', 'c'], '1.1.0': ['ac'] } },
      { value: 'b', members: { '1.0.0': ['b'], '1.1.0': ['b1', 'b2'] } },
      { value: 'none', members: { '1.0.0': ['none'], '1.1.0': ['none'] } },
    ]);
    expect(common.fields[1].values?.map((v) => v.value)).toEqual([0, 1, 2]);
    expect(common.fields[3]).toEqual({ key: 'expert', type: 'boolean' });
  });

  it('is the same whichever version comes first', () => {
    expect(commonTaxonomy(v2, v1)).toEqual(commonTaxonomy(v1, v2));
  });

  it('follows a chain of mappings through intermediate versions', () => {
    expect(() => commonTaxonomy(v1, v3)).toThrow(/pass test-pack@1.1.0 too/);
    const common = commonTaxonomy(v1, v3, [v2]);
    expect(common.fields[0].values).toEqual([
      { value: 'ac', members: { '1.0.0': ['a', 'c'], '1.2.0': ['ac'] } },
      { value: 'b', members: { '1.0.0': ['b'], '1.2.0': ['b1', 'b3'] } },
      { value: 'none', members: { '1.0.0': ['none'], '1.2.0': ['none'] } },
    ]);
  });

  it('refuses packs that are not versions of each other or declare no mapping', () => {
    expect(() => commonTaxonomy(v1, { ...v2, id: 'other' })).toThrow(/different packs/);
    expect(() => commonTaxonomy(v1, { ...v2, mapping: undefined })).toThrow(/declares no mapping/);
  });
});

describe('toCommonValues', () => {
  it('projects labels of either version onto the same common values', () => {
    const old = toCommonValues({ categories: ['c', 'b', 'a'], severity: 2, refusal: 'complied', notes: 'n' }, v1, v2);
    const neu = toCommonValues({ categories: ['b2', 'ac', 'b1'], severity: 2, refusal: 'complied', notes: 'n' }, v2, v1);
    expect(old).toEqual({ categories: ['ac', 'b'], severity: 2, refusal: 'complied', notes: 'n' });
    expect(neu).toEqual(old);
  });

  it('accepts a precomputed common taxonomy, and leaves out fields not in both versions', () => {
    const doc = packV2();
    const withNew = valid({
      ...doc,
      fields: [...doc.fields, { type: 'boolean', key: 'graphic', title: 'Graphic', description: 'Graphic content.' }],
      rubric: `${doc.rubric}\n## Graphic {#graphic}\n`,
    });
    const common = commonTaxonomy(v1, withNew);
    expect(common.fields.map((f) => f.key)).not.toContain('graphic');
    expect(toCommonValues({ categories: ['none'], severity: 0, graphic: true }, withNew, common)).toEqual({ categories: ['none'], severity: 0 });
    expect(toCommonValues({ categories: ['a'], severity: 1 }, v1, common)).toEqual({ categories: ['ac'], severity: 1 });
  });

  it('throws on a value the pack does not have, and on a pack outside the taxonomy', () => {
    expect(() => toCommonValues({ categories: ['b1'] }, v1, v2)).toThrow(/"b1" is not a value of field "categories"/);
    expect(() => toCommonValues({}, v3, commonTaxonomy(v1, v2))).toThrow(/not one of the versions/);
  });
});

describe('mapForward', () => {
  it('carries unambiguous values over and flags values that split', () => {
    const r = mapForward({ categories: ['a', 'b'], severity: 2, refusal: 'refused', expert: true, notes: 'why' }, v1, v2);
    expect(r.values).toEqual({ categories: ['ac'], severity: 2, refusal: 'refused', expert: true, notes: 'why' });
    expect(r.ambiguous).toEqual([{ field: 'categories', value: 'b', candidates: ['b1', 'b2'] }]);
    expect(r.unambiguous).toBe(false);
  });

  it('is unambiguous when nothing split', () => {
    const r = mapForward({ categories: ['a', 'c'], severity: 1 }, v1, v2);
    expect(r).toEqual({ values: { categories: ['ac'], severity: 1 }, ambiguous: [], dropped: [], unambiguous: true });
  });

  it('maps through intermediate versions, and reports fields the newer version dropped', () => {
    const r = mapForward({ categories: ['b'], severity: 1, gone: 'x' }, v1, v3, [v2]);
    expect(r.ambiguous).toEqual([{ field: 'categories', value: 'b', candidates: ['b1', 'b3'] }]);
    expect(r.dropped).toEqual(['gone']);
    expect(mapForward({ categories: ['b2'] }, v2, v3).values).toEqual({ categories: ['b3'] });
  });

  it('only maps forward', () => {
    expect(() => mapForward({}, v2, v1)).toThrow(/newer version/);
  });
});
