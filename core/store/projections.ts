import type { ConcordEvent, EventType } from '../../shared/events';
import type { SqliteDb } from './sqlite';
import { prepared } from './prepared';
import { projectImportCommitted, projectImportRows } from './unfinishedImports';

// Current-state tables derived from events. Each projector runs inside the transaction that
// appended its event, exactly once per event id (core/store/eventLog.ts guarantees that).
// Projectors must be deterministic functions of (state, event) so a replay rebuilds the same state.

/** `seq` is the event's position in this replica's log, for projections that point back into it. */
type Projector<T extends EventType> = (db: SqliteDb, event: ConcordEvent<T>, seq: number) => void;

const projectors: { [T in EventType]: Projector<T> } = {
  'workspace.created'(db, e) {
    setMeta(db, 'workspace_id', e.payload.workspaceId);
    setMeta(db, 'workspace_name', e.payload.name);
  },

  'workspace.setting'(db, e) {
    setMeta(db, `setting.${e.payload.key}`, JSON.stringify(e.payload.value));
  },

  'guideline.published'(db, e) {
    const { pack, fingerprint } = e.payload;
    prepared(
      db,
      `INSERT INTO guidelines (id, version, title, fingerprint, document, published_at, published_by, event_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id, version) DO NOTHING`,
    ).run(pack.id, pack.version, pack.title, fingerprint, JSON.stringify(pack), e.ts, e.author, e.id);
  },

  'guideline.activated'(db, e) {
    setMeta(db, 'active_guideline', JSON.stringify({ id: e.payload.id, version: e.payload.version }));
  },

  'samples.imported'(db, e, seq) {
    projectImportRows(db, seq, e.payload.ids, e.payload.importId, e.payload.source.file);
  },

  'samples.import_committed'(db, e) {
    projectImportCommitted(db, e.payload.importId);
  },

  'rater.created'(db, e) {
    prepared(db, `INSERT INTO raters (id, name, roles, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`).run(
      e.payload.raterId,
      e.payload.name,
      JSON.stringify(e.payload.roles),
      e.ts,
    );
  },

  'rater.roles_set'(db, e) {
    prepared(db, 'UPDATE raters SET roles = ? WHERE id = ?').run(JSON.stringify(e.payload.roles), e.payload.raterId);
  },

  'label.submitted'(db, e) {
    const p = e.payload;
    const value = JSON.stringify(p.values);
    clearSkip(db, p.raterId, p.sampleId);
    prepared(
      db,
      `INSERT INTO labels (id, sample_id, rater_id, guideline_id, guideline_version, value, time_spent_ms,
                           revision, created_at, revised_at, last_event_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, NULL, ?)`,
    ).run(p.labelId, p.sampleId, p.raterId, p.guideline.id, p.guideline.version, value, p.timeSpentMs, e.ts, e.id);
    recordRevision(db, e, p.labelId, value, p.timeSpentMs);
  },

  'label.revised'(db, e) {
    const p = e.payload;
    const value = JSON.stringify(p.values);
    // Replicas may receive revisions in any order: the newest event id (UUIDv7, time-ordered) wins,
    // older ones only add to the history and the time spent.
    prepared(
      db,
      `UPDATE labels SET
         value         = CASE WHEN ? > last_event_id THEN ? ELSE value END,
         revised_at    = CASE WHEN ? > last_event_id THEN ? ELSE revised_at END,
         last_event_id = MAX(last_event_id, ?),
         time_spent_ms = time_spent_ms + ?,
         revision      = revision + 1,
         retracted     = 0
       WHERE id = ?`,
    ).run(e.id, value, e.id, e.ts, e.id, p.timeSpentMs, p.labelId);
    recordRevision(db, e, p.labelId, value, p.timeSpentMs);
    const label = prepared(db, 'SELECT rater_id, sample_id FROM labels WHERE id = ?').get(p.labelId) as { rater_id: string; sample_id: string } | undefined;
    if (label) clearSkip(db, label.rater_id, label.sample_id);
  },

  'label.undone'(db, e) {
    prepared(db, 'UPDATE label_revisions SET undone = 1 WHERE event_id = ? AND label_id = ?').run(e.payload.revisionEventId, e.payload.labelId);
    // The label now reads as its newest revision still standing, or is retracted if none is.
    const standing = prepared(
      db,
      'SELECT event_id, value, at FROM label_revisions WHERE label_id = ? AND undone = 0 ORDER BY event_id DESC LIMIT 1',
    ).get(e.payload.labelId) as { event_id: string; value: string; at: string } | undefined;
    if (standing) {
      prepared(db, 'UPDATE labels SET value = ?, last_event_id = ?, revised_at = ?, retracted = 0 WHERE id = ?').run(
        standing.value,
        standing.event_id,
        e.ts,
        e.payload.labelId,
      );
    } else {
      prepared(db, 'UPDATE labels SET retracted = 1, revised_at = ? WHERE id = ?').run(e.ts, e.payload.labelId);
    }
  },

  'item.marked'(db, e) {
    const p = e.payload;
    prepared(
      db,
      `INSERT INTO item_marks (rater_id, sample_id, mark, comment, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (rater_id, sample_id) DO UPDATE SET mark = excluded.mark, comment = excluded.comment, at = excluded.at`,
    ).run(p.raterId, p.sampleId, p.mark, p.comment ?? null, e.ts);
  },

  'item.unmarked'(db, e) {
    prepared(db, 'DELETE FROM item_marks WHERE rater_id = ? AND sample_id = ?').run(e.payload.raterId, e.payload.sampleId);
  },

  'gold.set'(db, e) {
    const p = e.payload;
    prepared(
      db,
      `INSERT INTO gold_labels (sample_id, guideline_id, guideline_version, value, set_by, at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sample_id) DO UPDATE SET guideline_id = excluded.guideline_id, guideline_version = excluded.guideline_version,
         value = excluded.value, set_by = excluded.set_by, at = excluded.at, event_id = excluded.event_id`,
    ).run(p.sampleId, p.guideline.id, p.guideline.version, JSON.stringify(p.values), e.author, e.ts, e.id);
  },

  'gold.cleared'(db, e) {
    prepared(db, 'DELETE FROM gold_labels WHERE sample_id = ?').run(e.payload.sampleId);
  },

  'batch.created'(db, e, seq) {
    const p = e.payload;
    prepared(
      db,
      `INSERT INTO batches (id, name, guideline_id, guideline_version, options, created_at, created_by, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(p.batchId, p.name, p.guideline.id, p.guideline.version, JSON.stringify(p.options), e.ts, e.author, seq);
    const item = prepared(db, 'INSERT INTO batch_items (batch_id, sample_id, position, gold) VALUES (?, ?, ?, ?)');
    const next = prepared(db, 'SELECT coalesce(max(queue_pos), 0) + 1 FROM assignments WHERE rater_id = ?').pluck();
    const assign = prepared(db, 'INSERT INTO assignments (rater_id, sample_id, batch_id, queue_pos) VALUES (?, ?, ?, ?)');
    p.items.forEach((it, i) => {
      item.run(p.batchId, it.sampleId, i + 1, it.gold ? 1 : 0);
      for (const r of it.raters) assign.run(r, it.sampleId, p.batchId, next.get(r));
    });
  },

  'batch.requeued'(db, e) {
    prepared(db, 'UPDATE batches SET guideline_id = ?, guideline_version = ? WHERE id = ?').run(e.payload.guideline.id, e.payload.guideline.version, e.payload.batchId);
  },

  'adjudication.sent_back'(db, e) {
    const p = e.payload;
    prepared(db, 'UPDATE labels SET retracted = 1, revised_at = ? WHERE sample_id = ? AND guideline_id = ? AND guideline_version = ?').run(
      e.ts,
      p.sampleId,
      p.guideline.id,
      p.guideline.version,
    );
  },

  'guideline.gap_flagged'(db, e) {
    const p = e.payload;
    prepared(db, 'INSERT INTO guideline_notes (id, guideline_id, guideline_version, sample_id, field, note, author, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      e.id,
      p.guideline.id,
      p.guideline.version,
      p.sampleId ?? null,
      p.field ?? null,
      p.note,
      e.author,
      e.ts,
    );
  },

  'adjudication.recorded'(db, e) {
    prepared(
      db,
      `INSERT INTO adjudications (id, sample_id, adjudicator, guideline_id, guideline_version, value, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(e.id, e.payload.sampleId, e.author, e.payload.guideline.id, e.payload.guideline.version, JSON.stringify(e.payload.values), e.payload.reason, e.ts);
  },
};

function recordRevision(db: SqliteDb, e: ConcordEvent, labelId: string, value: string, timeSpentMs: number) {
  prepared(
    db,
    `INSERT INTO label_revisions (label_id, event_id, value, time_spent_ms, at, author) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(labelId, e.id, value, timeSpentMs, e.ts, e.author);
}

/** Labeling an item ends its skip; a flag stays until cleared (it is a note for the owner). */
function clearSkip(db: SqliteDb, raterId: string, sampleId: string) {
  prepared(db, `DELETE FROM item_marks WHERE rater_id = ? AND sample_id = ? AND mark = 'skipped'`).run(raterId, sampleId);
}

function setMeta(db: SqliteDb, key: string, value: string) {
  prepared(db, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
    key,
    value,
  );
}

export function project(db: SqliteDb, event: ConcordEvent, seq: number): void {
  (projectors[event.type] as Projector<EventType>)(db, event, seq);
}

/** The tables `project` writes, child tables first: what a rebuild empties before replaying. */
export const projectionTables = ['guideline_notes', 'assignments', 'batch_items', 'batches', 'gold_labels', 'item_marks', 'label_revisions', 'adjudications', 'labels', 'raters', 'unfinished_import_events', 'imports', 'sample_rows', 'guidelines', 'meta'];
