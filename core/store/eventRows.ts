import type { ConcordEvent, EventType } from '../../shared/events';
import { prepared } from './prepared';
import type { SqliteDb } from './sqlite';

// Reading events back out of the log.

export type StoredEvent = ConcordEvent & { seq: number };

/** An event as the log stores it: its payload the JSON text as written. */
export interface EventRow {
  seq: number;
  id: string;
  type: string;
  author: string;
  ts: string;
  hlc: string;
  origin: string;
  payload: string;
}

const columns = 'seq, id, type, author, ts, hlc, origin, payload';
const toEvent = (r: EventRow): StoredEvent => ({ ...r, type: r.type as EventType, payload: JSON.parse(r.payload) }) as StoredEvent;

export function* readEvents(db: SqliteDb, afterSeq = 0, limit = -1): Generator<StoredEvent> {
  const rows = prepared(db, `SELECT ${columns} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`).iterate(afterSeq, limit) as IterableIterator<EventRow>;
  for (const r of rows) yield toEvent(r);
}

/** Events as stored, their payload left as its JSON text (for bundles: the bytes as written). */
export function readEventRows(db: SqliteDb, afterSeq: number, limit: number): EventRow[] {
  return prepared(db, `SELECT ${columns} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`).all(afterSeq, limit) as EventRow[];
}

export function eventAt(db: SqliteDb, seq: number): StoredEvent {
  const r = prepared(db, `SELECT ${columns} FROM events WHERE seq = ?`).get(seq) as EventRow | undefined;
  if (!r) throw new Error(`no event at seq ${seq}`);
  return toEvent(r);
}
