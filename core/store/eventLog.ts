import { formatHlc, nodeOf, parseHlc, tick, type Hlc } from '../../shared/clock/hlc';
import type { Permission } from '../../shared/auth/eventPermissions';
import { uuidv7 } from '../../shared/ids';
import type { ConcordEvent, EventPayload, EventType, NewEvent } from '../../shared/events';
import type { SqliteDb } from './sqlite';
import { readEvents, type StoredEvent } from './eventRows';
import { replicaId, writeLocal } from './localMeta';
import { applyEvent, applyTogether, type Outcome } from './merge/apply';
import { prepared } from './prepared';
import { projectionTables } from './projections';
import { writeTransaction } from './transaction';

export { readEvents, type StoredEvent };

/** A new event's id, type, author and time: everything but its payload (and its clock, stamped when appended). */
export function eventEnvelope<T extends EventType>(type: T, author: string): Omit<NewEvent<T>, 'payload'> {
  return { id: uuidv7(), type, author, ts: new Date().toISOString() };
}

export function newEvent<T extends EventType>(type: T, author: string, payload: EventPayload<T>): NewEvent<T> {
  return { ...eventEnvelope(type, author), payload };
}

/**
 * The clock of one write transaction. A local event is stamped after the newest clock in the log,
 * read inside the transaction that appends it, so the CLI and the app writing one workspace stay in
 * order, and after every remote event this replica has stored (which is how receiving one advances
 * the clock). Remote events keep their own clocks.
 */
function transactionClock(db: SqliteDb) {
  const origin = replicaId(db);
  const node = nodeOf(origin);
  const newest = prepared(db, 'SELECT hlc FROM events ORDER BY hlc DESC LIMIT 1').pluck().get() as string | undefined;
  let last: Hlc | undefined = newest ? parseHlc(newest) : undefined;
  let lastText = newest ?? '';
  return {
    stamp<T extends EventType>(e: NewEvent<T>): ConcordEvent<T> {
      last = tick(last, Date.now(), node);
      lastText = formatHlc(last);
      return { ...e, hlc: lastText, origin };
    },
    saw(hlc: string) {
      if (hlc > lastText) {
        last = parseHlc(hlc);
        lastText = hlc;
      }
    },
  };
}

const hasClock = (e: ConcordEvent | NewEvent): e is ConcordEvent => typeof (e as ConcordEvent).hlc === 'string' && (e as ConcordEvent).hlc !== '';

/** Writes one event to the log; its seq, or undefined when its id was already there. */
function insertEvent(db: SqliteDb, e: Omit<ConcordEvent, 'payload'>, payloadJson: string | Buffer): number | undefined {
  // CAST: a payload given as bytes is UTF-8 JSON (the import checked), stored as TEXT like the rest.
  const info = prepared(
    db,
    `INSERT OR IGNORE INTO events (id, type, author, ts, hlc, origin, payload) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TEXT))`,
  ).run(e.id, e.type, e.author, e.ts, e.hlc, e.origin, payloadJson);
  return info.changes === 0 ? undefined : Number(info.lastInsertRowid);
}

type TransactionClock = ReturnType<typeof transactionClock>;

/**
 * Appends this replica's events (stamping the clock of those without one) and applies them, all in
 * one IMMEDIATE transaction (writeTransaction): an event that cannot apply rolls the whole write
 * back. An event whose id is already in the log is skipped entirely: applying twice changes nothing.
 * Returns how many events were new.
 */
export function appendEvents(db: SqliteDb, events: (ConcordEvent | NewEvent)[]): number {
  return writeTransaction(db, () => {
    const clock = transactionClock(db);
    let stored = 0;
    for (const e of events) if (appendOne(db, clock, e)) stored++;
    return stored;
  });
}

function appendOne(db: SqliteDb, clock: TransactionClock, e: ConcordEvent | NewEvent): boolean {
  const stamped = hasClock(e) ? e : clock.stamp(e);
  clock.saw(stamped.hlc);
  const seq = insertEvent(db, stamped, JSON.stringify(stamped.payload));
  if (seq === undefined) return false;
  applyEvent(db, { ...stamped, seq }, true);
  return true;
}

/** An event from another replica, with its payload's JSON text exactly as that replica stored it. */
export interface RemoteEvent {
  event: ConcordEvent;
  payloadJson: string;
}

export interface ReceiveReport {
  applied: number;
  duplicates: number;
  /** Stored, waiting for an event they refer to. */
  pending: string[];
  /** Not stored: their author may not write them. */
  rejected: { event: string; reason: string }[];
  /** Stored but not applied: they cannot apply. */
  setAside: { event: string; reason: string }[];
}

export const emptyReceiveReport = (): ReceiveReport => ({ applied: 0, duplicates: 0, pending: [], rejected: [], setAside: [] });

/**
 * Stores and applies events written elsewhere, in one IMMEDIATE transaction, each checked first by
 * `check` against what this replica knows at that point (events earlier in the list included). An
 * event never rolls back the others: one that cannot apply is set aside with its reason.
 */
export function receiveEvents(db: SqliteDb, events: RemoteEvent[], check?: (e: ConcordEvent) => Permission, report = emptyReceiveReport()): ReceiveReport {
  const known = prepared(db, 'SELECT 1 FROM events WHERE id = ?').pluck();
  const before = { applied: report.applied, duplicates: report.duplicates, pending: report.pending.length, rejected: report.rejected.length, setAside: report.setAside.length };
  const undo = () => {
    Object.assign(report, { applied: before.applied, duplicates: before.duplicates });
    report.pending.length = before.pending;
    report.rejected.length = before.rejected;
    report.setAside.length = before.setAside;
  };
  writeTransaction(db, () =>
    applyTogether(
      db,
      () => {
        for (const { event: e, payloadJson } of events) {
          // Without a check, the insert itself tells a duplicate (its id is in the log already).
          if (check && known.get(e.id)) {
            report.duplicates++;
            continue;
          }
          const allowed = check?.(e) ?? { ok: true };
          if (!allowed.ok) {
            report.rejected.push({ event: e.id, reason: allowed.reason });
            continue;
          }
          const seq = insertEvent(db, e, payloadJson);
          if (seq === undefined) {
            report.duplicates++;
            continue;
          }
          const outcome: Outcome = applyEvent(db, { ...e, seq }, false);
          if (outcome === 'applied') report.applied++;
          else if (outcome === 'pending') report.pending.push(e.id);
          else report.setAside.push({ event: e.id, reason: prepared(db, 'SELECT reason FROM set_aside WHERE event_id = ?').pluck().get(e.id) as string });
        }
      },
      undo,
    ),
  );
  return report;
}

/** Of these events, those still pending (a later event may have brought what they waited for). */
export function stillPending(db: SqliteDb, ids: string[]): string[] {
  const waiting = prepared(db, 'SELECT 1 FROM pending_events WHERE event_id = ?').pluck();
  return ids.filter((id) => waiting.get(id));
}

/** A `samples.imported` event without its rows, which the caller has as JSON bytes already. */
export type ImportedRowsEvent = Omit<NewEvent<'samples.imported'>, 'payload'> & {
  payload: Omit<EventPayload<'samples.imported'>, 'rows'>;
};

/** A `samples.imported` event and its rows as the bytes of a JSON array (core/import/rowsJson.ts). */
export interface ImportedRows {
  event: ImportedRowsEvent;
  rowsJson: Buffer;
}

/**
 * Appends `samples.imported` events whose rows are given as JSON bytes, in one transaction: each
 * stored payload is what JSON.stringify would write for the whole payload, built without turning a
 * million rows into strings and escaping them. Same clock, idempotency and IMMEDIATE transaction as
 * appendEvents. `after` are ordinary events appended in the same transaction (an import's commit).
 */
export function appendImportedRows(db: SqliteDb, batch: ImportedRows[], after: NewEvent[] = []): number {
  return writeTransaction(db, () => {
    const clock = transactionClock(db);
    let applied = 0;
    for (const { event, rowsJson } of batch) {
      const e = clock.stamp(event as NewEvent<'samples.imported'>) as unknown as ConcordEvent<'samples.imported'>;
      const head = JSON.stringify(e.payload);
      const seq = insertEvent(db, e, Buffer.concat([Buffer.from(`${head.slice(0, -1)},"rows":`), rowsJson, Buffer.from('}')]));
      if (seq === undefined) continue;
      // The merge rule reads only the ids: the rows stay bytes.
      applyEvent(db, { ...e, seq }, true);
      applied++;
    }
    for (const e of after) if (appendOne(db, clock, e)) applied++;
    return applied;
  });
}

/**
 * Drops every projection and replays the log: proof that the event log alone is the truth. Events
 * are replayed in this replica's order; the merge rules make any order give the same state.
 */
export function rebuildProjections(db: SqliteDb): number {
  return writeTransaction(db, () => {
    for (const t of projectionTables) db.exec(`DELETE FROM ${t}`);
    let n = 0;
    let after = 0;
    // Pages of events: a statement cannot be iterated while the same connection writes.
    for (;;) {
      const page = Array.from(readEvents(db, after, 200));
      if (page.length === 0) break;
      for (const e of page) applyEvent(db, e, false);
      n += page.length;
      after = page.at(-1)!.seq;
    }
    writeLocal(db, 'rebuild_pending', undefined);
    return n;
  });
}
