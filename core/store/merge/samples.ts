import { compareStamps } from '../../../shared/clock/hlc';
import type { ConcordEvent } from '../../../shared/events';
import { prepared } from '../prepared';
import { projectImportedIds } from '../projections';
import type { SqliteDb } from '../sqlite';

// Sample order (samples.ordinal: queue positions in the open pool, export order) is the import
// events' clock order, then each event's row order: ordinal is a sample's rank by (import event hlc,
// event id, row index). An id imported twice keeps the row of the earliest import by clock.
// Import events nearly always arrive in clock order (an owner's own imports; a replica receives
// them in the order they were written), and then placing one is an append. One that sorts before
// an import already placed renumbers the samples after it: rare, and linear in their number.

type Stamp = Pick<ConcordEvent, 'id' | 'hlc'>;

function lastPlaced(db: SqliteDb): Stamp | undefined {
  return prepared(db, 'SELECT ev.hlc, ev.id FROM samples s JOIN events ev ON ev.seq = s.event_seq ORDER BY s.ordinal DESC LIMIT 1').get() as Stamp | undefined;
}

/** Places the samples of the import event `e` (stored at `seq`). */
export function placeImportedIds(db: SqliteDb, e: Stamp, seq: number, ids: string[]): void {
  const last = lastPlaced(db);
  if (!last || compareStamps(e, last) > 0) {
    projectImportedIds(db, seq, ids); // every placed id is from an earlier import, and keeps its row
    return;
  }
  // hlc has a fixed width, so `hlc || id` orders as (hlc, id) does.
  prepared(
    db,
    `INSERT INTO samples (id, event_seq, row_index) SELECT value, ?, key FROM json_each(?) WHERE true
     ON CONFLICT (id) DO UPDATE SET event_seq = excluded.event_seq, row_index = excluded.row_index
     WHERE (SELECT ev.hlc || ev.id FROM events ev WHERE ev.seq = samples.event_seq) > ?`,
  ).run(seq, JSON.stringify(ids), e.hlc + e.id);
  renumberFrom(db, e);
}

/** Gives the samples of imports at or after `e` their ranks again (those before keep 1..n). */
function renumberFrom(db: SqliteDb, e: Stamp): void {
  const key = e.hlc + e.id;
  const before = prepared(db, 'SELECT count(*) FROM samples s JOIN events ev ON ev.seq = s.event_seq WHERE ev.hlc || ev.id < ?').pluck().get(key) as number;
  // Negative first: the new ranks never collide with the old ordinals on the way.
  prepared(db, 'UPDATE samples SET ordinal = -ordinal WHERE event_seq IN (SELECT seq FROM events WHERE hlc || id >= ?)').run(key);
  prepared(
    db,
    `WITH ranked AS (
       SELECT s.id, ? + row_number() OVER (ORDER BY ev.hlc, ev.id, s.row_index) AS o
       FROM samples s JOIN events ev ON ev.seq = s.event_seq WHERE ev.hlc || ev.id >= ?)
     UPDATE samples SET ordinal = ranked.o FROM ranked WHERE samples.id = ranked.id`,
  ).run(before, key);
}
