import { describe, expect, it } from 'vitest';
import { guidelinePackSchema, type GuidelinePack } from '../guidelines/schema';
import { majorityPrefill } from './prefill';

// The adjudicator's starting point is the raters' strict majority; a field they split on stays empty
// and is named, whatever its type (a 1-1 split used to pre-fill the lower level, "No", or drop an option).

const opt = (value: string) => ({ value, title: value.toUpperCase(), description: `${value} means ${value}.` });
const pack: GuidelinePack = guidelinePackSchema.parse({
  id: 'tiny',
  version: '1.0.0',
  title: 'Tiny',
  description: 'Every field type once.',
  changelog: [{ version: '1.0.0', changes: ['First.'] }],
  rubric: '# Tiny',
  fields: [
    { type: 'multi_select', key: 'cats', title: 'Categories', description: 'Which.', options: ['hate', 'privacy', 'none'].map(opt) },
    { type: 'ordinal', key: 'sev', title: 'Severity', description: 'How bad.', levels: [0, 1, 2, 3].map((v) => ({ value: v, title: `L${v}`, description: `Level ${v}.` })) },
    { type: 'single_choice', key: 'ref', title: 'Refusal', description: 'Did it.', options: ['complied', 'refused'].map(opt) },
    { type: 'boolean', key: 'expert', title: 'Expert', description: 'Needs one.' },
    { type: 'text', key: 'why', title: 'Why', description: 'Because.' },
  ],
});

const label = (cats: string[], sev: number, ref: string, expert: boolean, why = 'mine') => ({ values: { cats, sev, ref, expert, why } });

describe('majorityPrefill', () => {
  it('pre-fills a strict majority of three, and never a rater\'s text', () => {
    const p = majorityPrefill(pack, [label(['hate'], 2, 'complied', true), label(['hate', 'privacy'], 2, 'complied', true), label(['hate'], 3, 'refused', false)]);
    expect(p.values).toEqual({ cats: ['hate'], sev: 2, ref: 'complied', expert: true });
    expect(p.splits).toEqual([]);
  });

  it('leaves every field of a 1-1 split empty and names it, with each side\'s votes', () => {
    const p = majorityPrefill(pack, [label(['hate'], 1, 'complied', true), label(['privacy'], 3, 'refused', false)]);
    expect(p.values).toEqual({});
    expect(p.splits).toEqual([
      { field: 'cats', votes: [{ value: 'hate', count: 1 }, { value: 'privacy', count: 1 }] },
      { field: 'sev', votes: [{ value: '1', count: 1 }, { value: '3', count: 1 }] },
      { field: 'ref', votes: [{ value: 'complied', count: 1 }, { value: 'refused', count: 1 }] },
      { field: 'expert', votes: [{ value: 'true', count: 1 }, { value: 'false', count: 1 }] },
    ]);
    // Not the lower middle level (1), as the pre-fill once gave for a split like this one.
    expect(p.values).not.toHaveProperty('sev');
  });

  it('keeps a multi-select option both raters chose and names the one only half chose', () => {
    const p = majorityPrefill(pack, [label(['hate', 'privacy'], 2, 'complied', false), label(['hate'], 2, 'complied', false)]);
    expect(p.values).toEqual({ cats: ['hate'], sev: 2, ref: 'complied', expert: false });
    expect(p.splits).toEqual([{ field: 'cats', votes: [{ value: 'privacy', count: 1 }] }]);
  });

  it('a plurality is not a majority: 2-1-1 of four leaves the level empty', () => {
    const p = majorityPrefill(pack, [label(['none'], 0, 'complied', false), label(['none'], 0, 'complied', false), label(['none'], 1, 'complied', false), label(['none'], 2, 'complied', false)]);
    expect(p.values).toEqual({ cats: ['none'], ref: 'complied', expert: false });
    expect(p.splits).toEqual([{ field: 'sev', votes: [{ value: '0', count: 2 }, { value: '1', count: 1 }, { value: '2', count: 1 }] }]);
  });

  it('starts empty with no labels', () => {
    expect(majorityPrefill(pack, [])).toEqual({ values: {}, splits: [] });
  });
});
