import { describe, expect, it } from 'vitest';
import { parseFieldMap, readPath } from './fieldMap';
import { normalizeRow, validateRow } from './normalize';

const rows: Record<string, unknown>[] = [
  { id: 'a', input: 'q', output: 'o' },
  { id: 7, input: 'q', output: 'o' },
  { id: 7.5, input: 'q', output: 'o' },
  { id: '', input: 'q', output: 'o' },
  { id: 'a\ud800', input: 'q', output: 'o' },
  { id: '\udc00b', input: 'q', output: 'o' },
  { id: '\ud83d\ude00', input: 'q', output: 'o' },
  { id: true, input: 'q', output: 'o' },
  { input: 'q', output: 'o' },
  { id: 'a', input: [{ role: 'user', content: 'x' }], output: 'o' },
  { id: 'a', input: [{ role: '', content: 'x' }], output: 'o' },
  { id: 'a', input: [{ role: 'user' }], output: 'o' },
  { id: 'a', input: [], output: 'o' },
  { id: 'a', input: 5, output: 'o' },
  { id: 'a', input: 'q', output: null },
  { id: 'a', input: 'q', output: 'o', model: null, metadata: null, scores: null },
  { id: 'a', input: 'q', output: 'o', model: 3 },
  { id: 'a', input: 'q', output: 'o', metadata: [1] },
  { id: 'a', input: 'q', output: 'o', metadata: { deep: { x: 1 } } },
  { id: 'a', input: 'q', output: 'o', scores: { t: 0.5, u: 1 } },
  { id: 'a', input: 'q', output: 'o', scores: { t: '0.5' } },
  { id: 'a', input: 'q', output: 'o', scores: [0.5] },
  { id: 'a', input: 'q', output: 'o', extra: { anything: true } },
];

describe('validateRow', () => {
  it('agrees with normalizeRow (the zod schema) on valid and invalid rows alike', () => {
    for (const row of rows) {
      const slow = normalizeRow(row, {}, 'jsonl');
      const fast = validateRow(row, {}, 'jsonl');
      expect({ row, ok: fast.ok }).toEqual({ row, ok: slow.ok });
      if (slow.ok && fast.ok) expect(fast.id).toBe(slow.sample.id);
      if (!slow.ok && !fast.ok) expect(fast.error).toBe(slow.error);
    }
  });
});

describe('sample ids', () => {
  it('must be valid Unicode: a lone surrogate has no UTF-8 form, so two such ids would be stored as the same one', () => {
    expect(normalizeRow({ id: 'a\ud800', input: 'q', output: 'o' }, {}, 'jsonl')).toEqual({
      ok: false,
      error: '"id": not valid Unicode (a lone surrogate, such as an unpaired \\ud800 escape)',
    });
    expect(validateRow({ id: '\ud83d\ude00', input: 'q', output: 'o' }, {}, 'jsonl')).toEqual({ ok: true, id: '\ud83d\ude00' });
  });
});

describe('field maps', () => {
  it('parse field=path pairs and reject unknown fields and malformed pairs', () => {
    expect(parseFieldMap('id=sample_id, output=response.text')).toEqual({ id: 'sample_id', output: 'response.text' });
    expect(() => parseFieldMap('label=x')).toThrow(/"label" is not a sample field/);
    expect(() => parseFieldMap('id')).toThrow(/not of the form field=path/);
    expect(() => parseFieldMap('id=a,id=b')).toThrow(/names "id" twice/);
  });

  it('read a literal dotted key before descending into objects', () => {
    expect(readPath({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
    expect(readPath({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(readPath({ a: [1] }, 'a.0')).toBeUndefined();
  });

  it('say which source path is missing or wrong when a map is used', () => {
    const map = parseFieldMap('id=meta.key,output=response.text');
    expect(normalizeRow({ meta: {}, input: 'q', response: { text: 'o' } }, map, 'jsonl')).toEqual({ ok: false, error: 'missing "meta.key" (mapped to id)' });
    expect(normalizeRow({ meta: { key: 'k' }, input: 'q', response: { text: 1 } }, map, 'jsonl')).toEqual({
      ok: false,
      error: '"response.text": expected a string, got number',
    });
  });
});
