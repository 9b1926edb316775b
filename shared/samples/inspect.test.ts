import { describe, expect, it } from 'vitest';
import { inspectScores, valueToFloat } from './inspect';
import { parseLooseJson } from './looseJson';

describe("Inspect's value_to_float", () => {
  it('maps grades, booleans, yes/no and numeric strings as inspect_ai/scorer/_metric.py does', () => {
    const cases: [unknown, number][] = [
      ['C', 1], ['P', 0.5], ['I', 0], ['N', 0], ['c', 0], // the grades are matched exactly, before lower-casing
      [true, 1], [false, 0], [0.25, 0.25], [3, 3],
      ['Yes', 1], ['TRUE', 1], ['no', 0], ['False', 0],
      ['0.75', 0.75], [' 1e3 ', 1000], ['1_000', 1000], ['-2.5', -2.5], ['.5', 0.5], ['5.', 5],
      ['nan', 0], ['inf', 0], ['0x10', 0], ['', 0], ['A', 0],
    ];
    for (const [v, want] of cases) expect([v, valueToFloat(v)]).toEqual([v, want]);
    expect(valueToFloat(Number.NaN)).toBeNaN();
    expect(valueToFloat(null)).toBeNaN();
  });

  it('flattens dict scores as scorer.key and leaves out unscored and list values', () => {
    expect(inspectScores({ a: { value: 'C' }, b: { value: { x: 'I', y: 0.5, z: null } }, c: { value: [1, 2] }, d: { value: null } })).toEqual({ a: 1, 'b.x': 0, 'b.y': 0.5 });
    expect(inspectScores(null)).toBeUndefined();
  });
});

describe('JSON with bare NaN', () => {
  it('reads NaN, Infinity and -Infinity outside strings as null and leaves strings alone', () => {
    expect(parseLooseJson('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN \\" Infinity", "d": 1}')).toEqual({ a: null, b: [null, null], c: 'NaN " Infinity', d: 1 });
    expect(() => parseLooseJson('{"a": nope}')).toThrow();
  });
});
