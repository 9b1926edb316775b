import { compareStamps } from '../../../shared/clock/hlc';
import type { ConcordEvent, EventPayload } from '../../../shared/events';
import { prepared } from '../prepared';
import type { SqliteDb } from '../sqlite';
import { anyPending } from './waiting';

// Samples: `sample_rows` indexes every imported row, `samples` (a view, migration 005) shows those
// not in an unfinished import.
//
// Order (sample_rows.ordinal: queue positions in the open pool, export order) is the import events'
// clock order, then each event's row order: ordinal is a row's rank by (import event hlc, event id,
// row index), hidden rows included, so an import's rows appear where its clocks put them. An id
// imported twice keeps the row of the earliest import by clock, whether that import has finished or
// not: the state depends only on which events are here, never on the order they came in (an
// import's later commit then shows the row; see placeImportedIds for the cost of this choice).
// Import events nearly always arrive in clock order (an owner's own imports; a replica receives
// them in the order they were written), and then placing one is an append. One that sorts before
// an import already placed renumbers the rows after it: rare, and linear in their number.
//
// An import in several transactions (importId) is unfinished until its `samples.import_committed`
// arrives, in either order: an unfinished event's rows are recorded in `unfinished_import_events` as
// the range of ordinals they hold (consecutive, since they share a clock), which the view leaves out
// and a commit deletes: finishing costs one row per event, whatever the import's size.

type Stamp = Pick<ConcordEvent, 'id' | 'hlc'>;
/** A `samples.imported` event as its rule reads it: the rows may be absent (appendImportedRows keeps them as bytes). */
type ImportEvent = Stamp & { payload: Omit<EventPayload<'samples.imported'>, 'rows'> };

function lastPlaced(db: SqliteDb): Stamp | undefined {
  return prepared(db, 'SELECT ev.hlc, ev.id FROM sample_rows s JOIN events ev ON ev.seq = s.event_seq ORDER BY s.ordinal DESC LIMIT 1').get() as Stamp | undefined;
}

/** Places the samples of the import event `e` (stored at `seq`), hidden while its import is unfinished. */
export function placeImportedIds(db: SqliteDb, e: ImportEvent, seq: number): void {
  const { ids, importId, source } = e.payload;
  const last = lastPlaced(db);
  if (!last || compareStamps(e, last) > 0) {
    // Every placed id is from an earlier import and keeps its row. One statement per event, the loop
    // in SQLite: a million single-row inserts cost twice as much. (`WHERE true` is SQLite's required
    // disambiguation between INSERT ... SELECT and an upsert.)
    const info = prepared(
      db,
      `INSERT INTO sample_rows (id, event_seq, row_index) SELECT value, ?, key FROM json_each(?) WHERE true ON CONFLICT (id) DO NOTHING`,
    ).run(seq, JSON.stringify(ids));
    // One statement appends consecutive ordinals, so the event's rows are the range ending at the last.
    const lastOrdinal = info.changes > 0 ? Number(info.lastInsertRowid) : null;
    if (importId !== undefined) noteImportEvent(db, seq, importId, source.file, lastOrdinal === null ? null : [lastOrdinal - info.changes + 1, lastOrdinal]);
    return;
  }
  // It sorts before rows already placed: it takes an id from a later import (even a finished one,
  // whose row is then hidden until this import finishes too: the price of an order-free rule, and
  // only when one id is imported on two machines at once), and the rows after it move up.
  // hlc has a fixed width, so `hlc || id` orders as (hlc, id) does.
  prepared(
    db,
    `INSERT INTO sample_rows (id, event_seq, row_index) SELECT value, ?, key FROM json_each(?) WHERE true
     ON CONFLICT (id) DO UPDATE SET event_seq = excluded.event_seq, row_index = excluded.row_index
     WHERE (SELECT ev.hlc || ev.id FROM events ev WHERE ev.seq = sample_rows.event_seq) > ?`,
  ).run(seq, JSON.stringify(ids), e.hlc + e.id);
  renumberFrom(db, e);
  if (importId !== undefined) noteImportEvent(db, seq, importId, source.file, null);
  refreshUnfinishedRanges(db);
}

/** The import `importId` has an event at `seq` holding `range` (its first and last ordinal; null: no row). */
function noteImportEvent(db: SqliteDb, seq: number, importId: string, file: string, range: [number, number] | null): void {
  // Its commit may have come first (and made the row without the file's name).
  prepared(db, 'INSERT INTO imports (id, file) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET file = coalesce(imports.file, excluded.file)').run(importId, file);
  const imp = prepared(db, 'SELECT key, committed FROM imports WHERE id = ?').get(importId) as { key: number; committed: number };
  if (imp.committed) return;
  prepared(db, 'INSERT INTO unfinished_import_events (seq, import_key, first_ordinal, last_ordinal) VALUES (?, ?, ?, ?)').run(seq, imp.key, range?.[0] ?? null, range?.[1] ?? null);
}

/** `samples.import_committed`: the import's rows become visible. Costs one row per event of the import, not per sample. */
export function importCommitted(db: SqliteDb, importId: string): void {
  prepared(db, 'INSERT INTO imports (id, committed) VALUES (?, 1) ON CONFLICT (id) DO UPDATE SET committed = 1').run(importId);
  prepared(db, 'DELETE FROM unfinished_import_events WHERE import_key = (SELECT key FROM imports WHERE id = ?)').run(importId);
}

/**
 * What an import event or commit makes present, for the events waiting on it: the waited-for samples
 * now visible. Asked of the pending events (few, and usually none), never of the rows (a million).
 */
export function awaitedSamplesNowVisible(db: SqliteDb): string[] {
  if (!anyPending(db)) return [];
  return prepared(
    db,
    `SELECT DISTINCT p.waits_for FROM pending_events p
     WHERE p.waits_for >= 'sample:' AND p.waits_for < 'sample;' AND EXISTS (SELECT 1 FROM samples s WHERE s.id = substr(p.waits_for, 8))`,
  )
    .pluck()
    .all() as string[];
}

/**
 * Gives the rows of imports at or after `e` their ranks again, after those before it. (`before` is
 * the highest ordinal before `e`: their count, except for a moment while an import is discarded a
 * few events per transaction, when its deleted rows leave a gap the last transaction closes.)
 */
function renumberFrom(db: SqliteDb, e: Stamp): void {
  const key = e.hlc + e.id;
  const before = prepared(db, 'SELECT coalesce(max(s.ordinal), 0) FROM sample_rows s JOIN events ev ON ev.seq = s.event_seq WHERE ev.hlc || ev.id < ?').pluck().get(key) as number;
  // Negative first: the new ranks never collide with the old ordinals on the way.
  prepared(db, 'UPDATE sample_rows SET ordinal = -ordinal WHERE event_seq IN (SELECT seq FROM events WHERE hlc || id >= ?)').run(key);
  prepared(
    db,
    `WITH ranked AS (
       SELECT s.id, ? + row_number() OVER (ORDER BY ev.hlc, ev.id, s.row_index) AS o
       FROM sample_rows s JOIN events ev ON ev.seq = s.event_seq WHERE ev.hlc || ev.id >= ?)
     UPDATE sample_rows SET ordinal = ranked.o FROM ranked WHERE sample_rows.id = ranked.id`,
  ).run(before, key);
}

/** After rows moved: each unfinished event's range is again the ordinals its rows hold (still consecutive: they share a clock). */
function refreshUnfinishedRanges(db: SqliteDb): void {
  if (prepared(db, 'SELECT NOT EXISTS (SELECT 1 FROM unfinished_import_events)').pluck().get() === 1) return;
  prepared(db, 'UPDATE unfinished_import_events SET first_ordinal = NULL, last_ordinal = NULL').run();
  // One pass over the rows (sample_rows has no index by event): renumbering took one already.
  prepared(
    db,
    `WITH r AS (SELECT event_seq, min(ordinal) AS first, max(ordinal) AS last FROM sample_rows
                WHERE event_seq IN (SELECT seq FROM unfinished_import_events) GROUP BY event_seq)
     UPDATE unfinished_import_events SET first_ordinal = r.first, last_ordinal = r.last FROM r WHERE unfinished_import_events.seq = r.event_seq`,
  ).run();
}

/**
 * After the events of an import were deleted (discarded: it never finished, and they never left this
 * machine), the samples read as if they had never come: an id they held goes to the earliest later
 * import that has it, and the rows after them close up. `from` is the earliest deleted event's stamp.
 * Free when nothing was imported after it (a crash in the last import).
 */
export function placeAgainAfter(db: SqliteDb, from: Stamp): void {
  const later = (prepared(db, `SELECT seq, hlc, id FROM events WHERE type = 'samples.imported' AND hlc >= ? ORDER BY hlc, id`).all(from.hlc) as (Stamp & { seq: number })[]).filter(
    (ev) => compareStamps(ev, from) > 0,
  );
  if (later.length === 0) return;
  // In clock order, each takes the ids no earlier import holds; renumbering then ranks them.
  const place = prepared(
    db,
    `INSERT INTO sample_rows (id, event_seq, row_index) SELECT value, ?, key FROM json_each((SELECT payload FROM events WHERE seq = ?), '$.ids') WHERE true
     ON CONFLICT (id) DO NOTHING`,
  );
  for (const ev of later) place.run(ev.seq, ev.seq);
  renumberFrom(db, from);
  refreshUnfinishedRanges(db);
}
