import type { ConcordEvent } from '../../../shared/events';
import { prepared } from '../prepared';
import type { SqliteDb } from '../sqlite';

// A gap note's resolution names the gap event it settles and is kept whatever arrives first (the
// note is joined when read): the first resolution by clock holds it, so two owners resolving one
// gap on two machines agree on whose note stands.

export function gapResolved(db: SqliteDb, e: ConcordEvent<'guideline.gap_resolved'>): void {
  const p = e.payload;
  prepared(
    db,
    `INSERT INTO guideline_gap_resolutions (gap_event_id, note, addressed_in, author, at, hlc, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (gap_event_id) DO UPDATE SET note = excluded.note, addressed_in = excluded.addressed_in, author = excluded.author,
       at = excluded.at, hlc = excluded.hlc, event_id = excluded.event_id
     WHERE excluded.hlc < guideline_gap_resolutions.hlc OR (excluded.hlc = guideline_gap_resolutions.hlc AND excluded.event_id < guideline_gap_resolutions.event_id)`,
  ).run(p.gapEventId, p.note, p.addressedIn ?? null, e.author, e.ts, e.hlc, e.id);
}
