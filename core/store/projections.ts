import type { SqliteDb } from './sqlite';
import { prepared } from './prepared';

// Current-state tables derived from events. How each event type changes them, whatever order events
// arrive in, is core/store/merge/rules.ts; this file keeps the writes several rules share, and the
// list of tables a rebuild empties.

export function setMeta(db: SqliteDb, key: string, value: string): void {
  prepared(db, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
    key,
    value,
  );
}

/** The samples projection of one import event: its ids, pointing at their rows in the event. */
export function projectImportedIds(db: SqliteDb, seq: number, ids: string[]): void {
  // One statement per event, the loop in SQLite: a million single-row inserts cost twice as much.
  // (`WHERE true` is SQLite's required disambiguation between INSERT ... SELECT and an upsert.)
  prepared(
    db,
    `INSERT INTO samples (id, event_seq, row_index) SELECT value, ?, key FROM json_each(?) WHERE true ON CONFLICT (id) DO NOTHING`,
  ).run(seq, JSON.stringify(ids));
}

/** The tables the merge rules write, child tables first: what a rebuild empties before replaying. */
export const projectionTables = [
  'guideline_notes',
  'assignments',
  'batch_items',
  'batches',
  'gold_labels',
  'item_marks',
  'label_undos',
  'label_revisions',
  'label_aliases',
  'sent_backs',
  'adjudication_conflicts',
  'adjudications',
  'labels',
  'raters',
  'samples',
  'guidelines',
  'meta',
  'merge_clocks',
  'pending_events',
  'set_aside',
];
