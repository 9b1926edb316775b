import type { ConcordEvent } from '../../../shared/events';
import { prepared } from '../prepared';
import type { SqliteDb } from '../sqlite';

// Every adjudication of an item is kept; the current one is the newest by clock. One replaces the
// adjudications it names in `supersedes` (every earlier one, for events that predate the field).
// When more than one is replaced by none (two adjudicators decided concurrently, on two machines),
// the item is conflicting (adjudication_conflicts) until an adjudication replaces them all, or an
// owner settles it (adjudication.settled: kept the same way, by the owner, naming what it replaces).

export function adjudicationRecorded(db: SqliteDb, e: ConcordEvent<'adjudication.recorded' | 'adjudication.settled'>): void {
  const p = e.payload;
  prepared(
    db,
    `INSERT OR IGNORE INTO adjudications (id, sample_id, adjudicator, guideline_id, guideline_version, value, reason, at, hlc, supersedes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.id, p.sampleId, e.author, p.guideline.id, p.guideline.version, JSON.stringify(p.values), p.reason, e.ts, e.hlc, p.supersedes ? JSON.stringify(p.supersedes) : null);
  settleConflict(db, p.sampleId);
}

/**
 * SQL: the id of the current adjudication of `a.sample_id` (alias the outer row `a`), the newest by
 * clock. Whatever reads "the final label" of an item uses this, so all agree across replicas.
 */
export const CURRENT_ADJUDICATION_ID = '(SELECT b.id FROM adjudications b WHERE b.sample_id = a.sample_id ORDER BY b.hlc DESC, b.id DESC LIMIT 1)';

/** The adjudications of an item that none replaced, in clock order. */
export function adjudicationHeads(db: SqliteDb, sampleId: string): string[] {
  const rows = prepared(db, 'SELECT id, supersedes FROM adjudications WHERE sample_id = ? ORDER BY hlc, id').all(sampleId) as { id: string; supersedes: string | null }[];
  const replaced = new Set<string>();
  rows.forEach((r, i) => {
    const names: string[] = r.supersedes === null ? rows.slice(0, i).map((x) => x.id) : JSON.parse(r.supersedes);
    for (const id of names) replaced.add(id);
  });
  return rows.map((r) => r.id).filter((id) => !replaced.has(id));
}

function settleConflict(db: SqliteDb, sampleId: string): void {
  const heads = adjudicationHeads(db, sampleId);
  if (heads.length > 1) {
    prepared(db, 'INSERT INTO adjudication_conflicts (sample_id, heads) VALUES (?, ?) ON CONFLICT (sample_id) DO UPDATE SET heads = excluded.heads').run(sampleId, JSON.stringify(heads));
  } else {
    prepared(db, 'DELETE FROM adjudication_conflicts WHERE sample_id = ?').run(sampleId);
  }
}
