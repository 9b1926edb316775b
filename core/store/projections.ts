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

/**
 * The tables the merge rules write, child tables first: what a rebuild empties before replaying.
 * Samples are `sample_rows` (with the imports that hide some of them); `samples` is a view of it
 * (migration 005).
 */
export const projectionTables = [
  'guideline_gap_resolutions',
  'guideline_notes',
  'assignments',
  'batch_items',
  'batches',
  'gold_labels',
  'item_marks',
  'flag_resolutions',
  'label_undos',
  'label_revisions',
  'label_aliases',
  'sent_backs',
  'adjudication_conflicts',
  'adjudications',
  'labels',
  'raters',
  'unfinished_import_events',
  'imports',
  'sample_rows',
  'guidelines',
  'meta',
  'merge_clocks',
  'pending_events',
  'set_aside',
];
