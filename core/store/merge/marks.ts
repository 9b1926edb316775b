import { compareStamps } from '../../../shared/clock/hlc';
import type { ConcordEvent } from '../../../shared/events';
import { prepared } from '../prepared';
import type { SqliteDb } from '../sqlite';
import { newestWins, registerWriter } from './registers';

// A rater's mark on an item (skipped, flagged, or none) is a register: the latest mark event by
// clock holds it. A skip also ends when the rater labels the item after it (by clock); a flag stays
// until cleared, it is a note for the owner. A flag's resolution names the flag event it answers and
// is kept whatever arrives first (the first resolution by clock holds it): the flag it names is
// resolved once both are here, and a newer flag of the item is not.

const entity = (raterId: string, sampleId: string) => `mark:${raterId}:${sampleId}`;

function labelledAfter(db: SqliteDb, raterId: string, sampleId: string, e: { hlc: string; id: string }): boolean {
  const last = prepared(
    db,
    `SELECT r.hlc, r.event_id AS id FROM label_revisions r JOIN labels l ON l.id = r.label_id
     WHERE l.rater_id = ? AND l.sample_id = ? ORDER BY r.hlc DESC, r.event_id DESC LIMIT 1`,
  ).get(raterId, sampleId) as { hlc: string; id: string } | undefined;
  return last !== undefined && compareStamps(last, e) > 0;
}

export function markChanged(db: SqliteDb, e: ConcordEvent<'item.marked' | 'item.unmarked'>): void {
  const { raterId, sampleId } = e.payload;
  if (!newestWins(db, entity(raterId, sampleId), e)) return;
  const mark = 'mark' in e.payload ? e.payload : undefined;
  if (!mark || (mark.mark === 'skipped' && labelledAfter(db, raterId, sampleId, e))) {
    prepared(db, 'DELETE FROM item_marks WHERE rater_id = ? AND sample_id = ?').run(raterId, sampleId);
    return;
  }
  prepared(
    db,
    `INSERT INTO item_marks (rater_id, sample_id, mark, comment, at, event_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (rater_id, sample_id) DO UPDATE SET mark = excluded.mark, comment = excluded.comment, at = excluded.at, event_id = excluded.event_id`,
  ).run(raterId, sampleId, mark.mark, mark.comment ?? null, e.ts, e.id);
}

export function flagResolved(db: SqliteDb, e: ConcordEvent<'flag.resolved'>): void {
  const p = e.payload;
  prepared(
    db,
    `INSERT INTO flag_resolutions (flag_event_id, rater_id, sample_id, note, author, at, hlc, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (flag_event_id) DO UPDATE SET rater_id = excluded.rater_id, sample_id = excluded.sample_id, note = excluded.note,
       author = excluded.author, at = excluded.at, hlc = excluded.hlc, event_id = excluded.event_id
     WHERE excluded.hlc < flag_resolutions.hlc OR (excluded.hlc = flag_resolutions.hlc AND excluded.event_id < flag_resolutions.event_id)`,
  ).run(p.flagEventId, p.raterId, p.sampleId, p.note, e.author, e.ts, e.hlc, e.id);
}

/** A label event by the rater on the item: a skip made before it (by clock) ends. */
export function skipEndsAt(db: SqliteDb, raterId: string, sampleId: string, e: { hlc: string; id: string }): void {
  const writer = registerWriter(db, entity(raterId, sampleId));
  if (writer && compareStamps(e, writer) > 0) {
    prepared(db, `DELETE FROM item_marks WHERE rater_id = ? AND sample_id = ? AND mark = 'skipped'`).run(raterId, sampleId);
  }
}
