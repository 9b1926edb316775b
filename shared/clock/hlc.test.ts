import { describe, expect, it } from 'vitest';
import { aheadOf, formatHlc, HLC_LENGTH, MAX_COUNTER, MAX_DRIFT_MS, nodeOf, parseHlc, receive, tick, type Hlc } from './hlc';

const node = 'aaaaaaaaaaaaaaaa';
const other = 'bbbbbbbbbbbbbbbb';
const t0 = Date.parse('2026-11-24T10:00:00.000Z');

describe('hybrid logical clock', () => {
  it('encodes as a fixed-width string that sorts as the clock does, and parses back', () => {
    const clocks: Hlc[] = [
      { ms: 0, counter: 0, node },
      { ms: t0, counter: 0, node },
      { ms: t0, counter: 9, node },
      { ms: t0, counter: 10, node },
      { ms: t0, counter: 0xabc, node: other },
      { ms: t0 + 1, counter: 0, node },
      { ms: Date.parse('9999-12-31T23:59:59.999Z'), counter: MAX_COUNTER, node },
    ];
    const texts = clocks.map(formatHlc);
    expect(texts.every((t) => t.length === HLC_LENGTH)).toBe(true);
    expect([...texts].sort()).toEqual(texts);
    expect(texts.map(parseHlc)).toEqual(clocks);
    expect(formatHlc({ ms: t0, counter: 1, node })).toBe('2026-11-24T10:00:00.000Z-0001-aaaaaaaaaaaaaaaa');
  });

  it('refuses strings that are not clocks', () => {
    for (const bad of ['', 'x', '2026-11-24T10:00:00.000Z-0001-AAAAAAAAAAAAAAAA', '2026-02-30T10:00:00.000Z-0001-aaaaaaaaaaaaaaaa', '2026-11-24T10:00:00Z-0001-aaaaaaaaaaaaaaaa', '2026-11-24T10:00:00.000Z-001-aaaaaaaaaaaaaaaa']) {
      expect(parseHlc(bad), bad).toBeUndefined();
    }
  });

  it('ticks forward with physical time, and counts within a ms or while the wall clock goes back', () => {
    const a = tick(undefined, t0, node);
    expect(a).toEqual({ ms: t0, counter: 0, node });
    const b = tick(a, t0, node);
    expect(b).toEqual({ ms: t0, counter: 1, node });
    const c = tick(b, t0 - 60_000, node); // the wall clock was set back a minute
    expect(c).toEqual({ ms: t0, counter: 2, node });
    expect(tick(c, t0 + 5, node)).toEqual({ ms: t0 + 5, counter: 0, node });
    // A full counter carries into the ms rather than failing.
    expect(tick({ ms: t0, counter: MAX_COUNTER, node }, t0, node)).toEqual({ ms: t0 + 1, counter: 0, node });
  });

  it('receives: the local clock moves past a remote one, and a new event sorts after both', () => {
    const local = { ms: t0, counter: 3, node };
    const ahead = { ms: t0 + 1000, counter: 7, node: other };
    const after = receive(local, ahead, t0, node);
    expect(after).toEqual({ ms: t0 + 1000, counter: 8, node });
    expect(formatHlc(tick(after, t0, node)) > formatHlc(ahead)).toBe(true);
    expect(receive(local, { ms: t0, counter: 9, node: other }, t0, node)).toEqual({ ms: t0, counter: 10, node });
    expect(receive(local, { ms: t0 - 5, counter: 9, node: other }, t0, node)).toEqual({ ms: t0, counter: 4, node });
    expect(receive(local, { ms: t0 - 5, counter: 9, node: other }, t0 + 7, node)).toEqual({ ms: t0 + 7, counter: 0, node });
  });

  it('tells when a remote clock is far ahead of this machine', () => {
    expect(aheadOf(formatHlc({ ms: t0 + 3 * 3600_000, counter: 0, node: other }), t0)).toBe(3 * 3600_000);
    expect(aheadOf({ ms: t0 - 10, counter: 0, node }, t0)).toBe(0);
    expect(aheadOf({ ms: t0 + MAX_DRIFT_MS + 1, counter: 0, node }, t0) > MAX_DRIFT_MS).toBe(true);
  });

  it("takes a replica's node from its id", () => {
    expect(nodeOf('0194f3a2-b4c5-7d6e-8f70-123456789abc')).toBe('8f70123456789abc');
    expect(() => nodeOf('short')).toThrow();
  });
});
