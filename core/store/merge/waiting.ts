import { describeWaitingFor } from './dependencies';
import { prepared } from '../prepared';
import type { SqliteDb } from '../sqlite';

// Events stored but not (yet) applied: pending ones wait for an event they refer to; set-aside ones
// cannot apply (the reason says why). Both are projections: a rebuild decides them again.

export function park(db: SqliteDb, eventId: string, seq: number, key: string): void {
  prepared(db, 'INSERT INTO pending_events (event_id, seq, waits_for) VALUES (?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET waits_for = excluded.waits_for').run(eventId, seq, key);
}

export function anyPending(db: SqliteDb): boolean {
  return prepared(db, 'SELECT EXISTS (SELECT 1 FROM pending_events)').pluck().get() === 1;
}

/** Takes out of pending the events waiting for any of these keys; their seqs. */
export function wake(db: SqliteDb, keys: string[]): number[] {
  if (keys.length === 0 || !anyPending(db)) return [];
  const json = JSON.stringify(keys);
  const seqs = prepared(db, 'SELECT seq FROM pending_events WHERE waits_for IN (SELECT value FROM json_each(?)) ORDER BY seq').pluck().all(json) as number[];
  if (seqs.length) prepared(db, 'DELETE FROM pending_events WHERE waits_for IN (SELECT value FROM json_each(?))').run(json);
  return seqs;
}

export function setAside(db: SqliteDb, eventId: string, reason: string): void {
  prepared(db, 'INSERT INTO set_aside (event_id, reason) VALUES (?, ?) ON CONFLICT (event_id) DO UPDATE SET reason = excluded.reason').run(eventId, reason);
}

/** A rule changed its mind (an earlier event arrived and wins now): the event applies again. */
export function takeBack(db: SqliteDb, eventId: string): void {
  prepared(db, 'DELETE FROM set_aside WHERE event_id = ?').run(eventId);
}

export interface WaitingEvent {
  event: string;
  type: string;
  /** Pending: what it waits for, in words. Set aside: why it cannot apply. */
  reason: string;
}

export function listPending(db: SqliteDb, limit = 100): WaitingEvent[] {
  return (
    prepared(db, 'SELECT p.event_id AS event, e.type, p.waits_for AS key FROM pending_events p JOIN events e ON e.seq = p.seq ORDER BY p.seq LIMIT ?').all(limit) as {
      event: string;
      type: string;
      key: string;
    }[]
  ).map((r) => ({ event: r.event, type: r.type, reason: `waits for ${describeWaitingFor(r.key)}` }));
}

export function listSetAside(db: SqliteDb, limit = 100): WaitingEvent[] {
  return prepared(db, 'SELECT s.event_id AS event, e.type, s.reason FROM set_aside s JOIN events e ON e.id = s.event_id ORDER BY e.seq LIMIT ?').all(limit) as WaitingEvent[];
}

export function countWaiting(db: SqliteDb): { pending: number; setAside: number } {
  return {
    pending: prepared(db, 'SELECT count(*) FROM pending_events').pluck().get() as number,
    setAside: prepared(db, 'SELECT count(*) FROM set_aside').pluck().get() as number,
  };
}
