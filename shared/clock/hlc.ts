// A hybrid logical clock (Kulkarni, Demirbas, Madappa, Avva, Leone 2014, "Logical Physical Clocks and
// Consistent Snapshots in Globally Distributed Databases", algorithm of Fig. 5): the physical time in
// ms as the replica last knew it (`ms`, never behind any clock it has seen) plus a counter that orders
// events within one ms, plus the node that made it. An event stamped after a replica has seen another
// always sorts after it, whatever the machines' wall clocks say, and the physical part stays close to
// real time, so a clock hours off shows as hours ahead, not as a broken order.
//
// Encoded as a fixed-width string that sorts as the clock does:
//   2026-11-24T10:15:30.123Z-0001-9f86d081884c7d65
//   ISO-8601 ms (24 chars) - counter (4 hex) - node (16 hex)
// Pure functions over values: the store keeps the last clock in its event log (core/store/eventLog.ts).

export interface Hlc {
  /** Physical time in ms since the epoch, as far as the stamping replica knew. */
  ms: number;
  /** Orders events within one ms: 0..MAX_COUNTER. */
  counter: number;
  /** 16 lowercase hex digits naming the replica (see nodeOf). */
  node: string;
}

export const MAX_COUNTER = 0xffff;
/** The largest time the encoding holds: 9999-12-31T23:59:59.999Z. */
const MAX_MS = 253402300799999;
/** A remote clock this far ahead of ours says one machine's clock is off (Actual Budget allows 5 minutes too). */
export const MAX_DRIFT_MS = 5 * 60_000;
export const HLC_LENGTH = 46;

const pattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;

export function formatHlc(c: Hlc): string {
  return `${new Date(c.ms).toISOString()}-${c.counter.toString(16).padStart(4, '0')}-${c.node}`;
}

/** The clock a string encodes, or undefined when it is not one (wrong shape, or a date that does not exist). */
export function parseHlc(s: string): Hlc | undefined {
  const m = pattern.exec(s);
  if (!m) return undefined;
  const ms = Date.parse(m[1]);
  if (!Number.isFinite(ms) || ms < 0 || new Date(ms).toISOString() !== m[1]) return undefined;
  return { ms, counter: parseInt(m[2], 16), node: m[3] };
}

export function isHlc(s: string): boolean {
  return parseHlc(s) !== undefined;
}

/** The node part of a replica's clock: the last 16 hex digits of its id (a UUID's random bits). */
export function nodeOf(replicaId: string): string {
  const hex = replicaId.toLowerCase().replace(/[^0-9a-f]/g, '');
  if (hex.length < 16) throw new Error(`a replica id needs at least 16 hex digits: "${replicaId}"`);
  return hex.slice(-16);
}

const clampMs = (ms: number) => Math.min(MAX_MS, Math.max(0, Math.floor(ms)));

/** A counter past its 16 bits carries into the ms: the clock runs a little ahead rather than failing. */
function normalize(ms: number, counter: number, node: string): Hlc {
  return counter > MAX_COUNTER ? { ms: Math.min(MAX_MS, ms + 1), counter: 0, node } : { ms, counter, node };
}

/** The clock of a new local event: after `last` (the newest clock this replica has seen) and not behind `nowMs`. */
export function tick(last: Hlc | undefined, nowMs: number, node: string): Hlc {
  const pt = clampMs(nowMs);
  if (!last || pt > last.ms) return { ms: pt, counter: 0, node };
  return normalize(last.ms, last.counter + 1, node);
}

/**
 * The local clock after receiving a remote event stamped `remote` (Kulkarni et al.'s receive rule):
 * ahead of both clocks and not behind `nowMs`. The event itself keeps its own clock.
 */
export function receive(local: Hlc | undefined, remote: Hlc, nowMs: number, node: string): Hlc {
  const pt = clampMs(nowMs);
  const l = local?.ms ?? -1;
  const ms = Math.max(l, remote.ms, pt);
  if (ms === l && ms === remote.ms) return normalize(ms, Math.max(local!.counter, remote.counter) + 1, node);
  if (ms === l) return normalize(ms, local!.counter + 1, node);
  if (ms === remote.ms) return normalize(ms, remote.counter + 1, node);
  return { ms, counter: 0, node };
}

/** How far a clock's physical part is ahead of `nowMs` (0 when it is not): above MAX_DRIFT_MS, a clock is off. */
export function aheadOf(clock: Hlc | string, nowMs: number): number {
  const c = typeof clock === 'string' ? parseHlc(clock) : clock;
  return c ? Math.max(0, c.ms - nowMs) : 0;
}

/** Orders two events by (clock, id): the total order every merge rule uses. */
export function compareStamps(a: { hlc: string; id: string }, b: { hlc: string; id: string }): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
