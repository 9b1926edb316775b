import { uuidv7 } from '../../shared/ids';
import type { ConcordEvent, EventPayload, EventType } from '../../shared/events';
import type { SqliteDb } from './sqlite';
import { prepared } from './prepared';
import { project, projectionTables } from './projections';
import { projectImportRows } from './unfinishedImports';
import { writeTransaction } from './transaction';

/** A new event's id, type, author and time: everything but its payload. */
export function eventEnvelope<T extends EventType>(type: T, author: string): Omit<ConcordEvent<T>, 'payload'> {
  return { id: uuidv7(), type, author, ts: new Date().toISOString() };
}

export function newEvent<T extends EventType>(type: T, author: string, payload: EventPayload<T>): ConcordEvent<T> {
  return { ...eventEnvelope(type, author), payload };
}

/**
 * Appends events and applies them to the projections, all in one transaction.
 * An event whose id is already in the log is skipped entirely: applying twice changes nothing.
 * Returns how many events were new.
 */
export function appendEvents(db: SqliteDb, events: ConcordEvent[]): number {
  return writeTransaction(db, () => {
    let applied = 0;
    for (const e of events) if (appendOne(db, e)) applied++;
    return applied;
  });
}

function appendOne(db: SqliteDb, e: ConcordEvent): boolean {
  const seq = insertEvent(db, e, JSON.stringify(e.payload));
  if (seq === undefined) return false;
  project(db, e, seq);
  return true;
}

/** Writes one event to the log; its seq, or undefined when its id was already there. */
function insertEvent(db: SqliteDb, e: Omit<ConcordEvent, 'payload'>, payloadJson: string | Buffer): number | undefined {
  // CAST: a payload given as bytes is UTF-8 JSON (the import checked), stored as TEXT like the rest.
  const info = prepared(db, `INSERT OR IGNORE INTO events (id, type, author, ts, payload) VALUES (?, ?, ?, ?, CAST(? AS TEXT))`).run(
    e.id,
    e.type,
    e.author,
    e.ts,
    payloadJson,
  );
  return info.changes === 0 ? undefined : Number(info.lastInsertRowid);
}

/** A `samples.imported` event without its rows, which the caller has as JSON bytes already. */
export type ImportedRowsEvent = Omit<ConcordEvent<'samples.imported'>, 'payload'> & {
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
 * million rows into strings and escaping them. Same idempotency as appendEvents. `after` are
 * ordinary events appended in the same transaction (an import's commit).
 */
export function appendImportedRows(db: SqliteDb, batch: ImportedRows[], after: ConcordEvent[] = []): number {
  return writeTransaction(db, () => {
    let applied = 0;
    for (const { event: e, rowsJson } of batch) {
      const head = JSON.stringify(e.payload);
      const seq = insertEvent(db, e, Buffer.concat([Buffer.from(`${head.slice(0, -1)},"rows":`), rowsJson, Buffer.from('}')]));
      if (seq === undefined) continue;
      projectImportRows(db, seq, e.payload.ids, e.payload.importId, e.payload.source.file);
      applied++;
    }
    for (const e of after) if (appendOne(db, e)) applied++;
    return applied;
  });
}

export function* readEvents(db: SqliteDb, afterSeq = 0, limit = -1): Generator<ConcordEvent & { seq: number }> {
  const rows = prepared(db, `SELECT seq, id, type, author, ts, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?`).iterate(
    afterSeq,
    limit,
  ) as IterableIterator<{ seq: number; id: string; type: string; author: string; ts: string; payload: string }>;
  for (const r of rows) yield { ...r, type: r.type as EventType, payload: JSON.parse(r.payload) } as ConcordEvent & { seq: number };
}

/** Drops every projection and replays the log: proof that the event log alone is the truth. */
export function rebuildProjections(db: SqliteDb): number {
  return writeTransaction(db, () => {
    for (const t of projectionTables) db.exec(`DELETE FROM ${t}`);
    let n = 0;
    let after = 0;
    // Pages of events: a statement cannot be iterated while the same connection writes.
    for (;;) {
      const page = Array.from(readEvents(db, after, 200));
      if (page.length === 0) return n;
      for (const e of page) project(db, e, e.seq);
      n += page.length;
      after = page.at(-1)!.seq;
    }
  });
}
