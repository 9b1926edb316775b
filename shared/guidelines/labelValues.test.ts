import { describe, expect, it } from 'vitest';
import { packV1 } from './fixtures';
import { cleanLabelValues, conditionHolds, validateLabelValues } from './labelValues';
import { validatePack } from './validate';

const pack = (() => {
  const r = validatePack(packV1());
  if (!r.ok) throw new Error('fixture invalid');
  return r.pack;
})();

const errors = (values: unknown) => validateLabelValues(pack, values).map((e) => `${e.field}: ${e.message}`);

describe('validateLabelValues', () => {
  it('accepts a valid label, with optional fields left out', () => {
    expect(errors({ categories: ['a', 'b'], severity: 1 })).toEqual([]);
    expect(errors({ categories: ['none'], severity: 0, refusal: 'refused', expert: false, notes: '' })).toEqual([]);
    expect(errors({ categories: ['c'], severity: 2, notes: 'because', refusal: null })).toEqual([]);
  });

  it('reports unknown fields', () => {
    expect(errors({ categories: ['a'], severity: 1, sevrity: 2 })).toEqual(['sevrity: unknown field (test-pack@1.0.0 has: categories, severity, refusal, expert, notes)']);
  });

  it('reports values that are not options', () => {
    expect(errors({ categories: ['a', 'zz'], severity: 1, refusal: 'maybe' })).toEqual([
      'categories: "zz" is not an option (options: a, b, c, none)',
      'refusal: "maybe" is not an option (options: complied, refused)',
    ]);
  });

  it('reports ordinal values out of range or not whole numbers', () => {
    expect(errors({ categories: ['a'], severity: 3 })).toEqual(['severity: 3 is out of range (0-2)']);
    expect(errors({ categories: ['a'], severity: -1 })).toEqual(['severity: -1 is out of range (0-2)']);
    expect(errors({ categories: ['a'], severity: 1.5 })).toEqual(['severity: must be a whole number from 0 to 2, not 1.5']);
    expect(errors({ categories: ['a'], severity: '1' })).toEqual(['severity: must be a whole number from 0 to 2, not "1"']);
  });

  it('reports required fields that are missing or empty', () => {
    expect(errors({})).toEqual(['categories: required: select at least one option', 'severity: required: choose a level (0-2)']);
    expect(errors({ categories: [], severity: null })).toEqual(['categories: required: select at least one option', 'severity: required: choose a level (0-2)']);
  });

  it('reports required text that is missing, through a rule', () => {
    expect(errors({ categories: ['a'], severity: 2 })).toEqual(['notes: explain severity 2']);
    expect(errors({ categories: ['a'], severity: 2, notes: '   ' })).toEqual(['notes: explain severity 2']);
    expect(errors({ categories: ['a'], severity: 1, expert: true })).toEqual(['notes: say what the expert should check']);
    expect(errors({ categories: ['a'], severity: 1, notes: 'x'.repeat(21) })).toEqual(['notes: is 21 characters long; at most 20 allowed']);
  });

  it('reports an exclusive option combined with others, and the rules that follow from it', () => {
    expect(errors({ categories: ['none', 'a'], severity: 0 })).toEqual(['categories: "none" cannot be combined with other options (selected: none, a)']);
    expect(errors({ categories: ['none'], severity: 1 })).toEqual(['severity: none means severity 0']);
    expect(errors({ categories: ['a', 'a'], severity: 1 })).toEqual(['categories: "a" is selected twice']);
  });

  it('reports wrong types', () => {
    expect(errors({ categories: 'a', severity: 1, expert: 'yes', notes: 5 })).toEqual([
      'categories: must be a list of option values, not "a"',
      'expert: must be true or false, not "yes"',
      'notes: must be text, not 5',
    ]);
    expect(errors(['a'])).toEqual(['(label): label values must be an object of field -> value, not ["a"]']);
  });
});

describe('conditionHolds', () => {
  it('evaluates each kind of test', () => {
    const v = { categories: ['a'], severity: 1, refusal: 'refused', expert: true, notes: 'x' };
    expect(conditionHolds({ field: 'categories', includesAny: ['b', 'a'] }, v)).toBe(true);
    expect(conditionHolds({ field: 'categories', includesAny: ['b'] }, v)).toBe(false);
    expect(conditionHolds({ field: 'refusal', oneOf: ['refused'] }, v)).toBe(true);
    expect(conditionHolds({ field: 'severity', atLeast: 1, atMost: 1 }, v)).toBe(true);
    expect(conditionHolds({ field: 'severity', atLeast: 2 }, v)).toBe(false);
    expect(conditionHolds({ field: 'expert', equals: true }, v)).toBe(true);
    expect(conditionHolds({ field: 'expert', equals: false }, {})).toBe(true);
    expect(conditionHolds({ field: 'notes', filled: true }, { notes: ' ' })).toBe(false);
  });
});

describe('cleanLabelValues', () => {
  it('leaves out empty fields but records an untouched boolean as false', () => {
    expect(cleanLabelValues(pack, { categories: ['a'], severity: 1, refusal: undefined, notes: '  ' })).toEqual({ categories: ['a'], severity: 1, expert: false });
    expect(cleanLabelValues(pack, { categories: [], expert: true, notes: 'why', stray: 1 })).toEqual({ expert: true, notes: 'why' });
  });
});
