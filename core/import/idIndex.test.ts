import { describe, expect, it } from 'vitest';
import { IdIndex, IdList } from './idIndex';

describe('IdIndex', () => {
  it('keeps ids in order, finds duplicates with their first line, across growth and rehashing', () => {
    const index = new IdIndex();
    const ids = Array.from({ length: 50_000 }, (_, i) => (i % 7 === 0 ? `ünï-${i}` : `s${i}`));
    ids.forEach((id, i) => expect(index.add(id, i + 1)).toBeUndefined());
    expect(index.size).toBe(ids.length);
    expect(index.add('s5', 99_999)).toBe(6);
    expect(index.add('ünï-49994', 99_999)).toBe(49_995);
    expect(index.add('s', 100_000)).toBeUndefined(); // a prefix of stored ids is a different id
    expect(index.size).toBe(ids.length + 1);
    for (const i of [0, 1, 7, 12_345, 49_999]) {
      expect(index.id(i)).toBe(ids[i]);
      expect(index.line(i)).toBe(i + 1);
    }
    expect(index.id(ids.length)).toBe('s');
  });

  it('adds another list in order, shifting its lines and reporting ids it already had', () => {
    const index = new IdIndex();
    index.add('a', 1);
    index.add('ü', 2);
    const other = new IdList();
    for (const [id, line] of [['b', 1], ['ü', 2], ['c', 3], ['b', 4], ['a', 5]] as const) other.push(id, line);
    const duplicates: [string, number, number][] = [];
    index.addAll(other.data(), 10, (id, line, first) => duplicates.push([id, line, first]));
    expect(duplicates).toEqual([['ü', 12, 2], ['b', 14, 11], ['a', 15, 1]]);
    expect(Array.from({ length: index.size }, (_, i) => [index.id(i), index.line(i)])).toEqual([['a', 1], ['ü', 2], ['b', 11], ['c', 13]]);
  });
});
