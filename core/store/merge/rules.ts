import type { ConcordEvent, EventType } from '../../../shared/events';
import { eventAt } from '../eventRows';
import { prepared } from '../prepared';
import type { SqliteDb } from '../sqlite';
import { adjudicationRecorded } from './adjudications';
import { batchCreated, batchRequeued } from './batches';
import type { Dependency } from './dependencies';
import { guidelinePublished } from './guidelines';
import { gapResolved } from './guidelineGaps';
import { itemSentBack, labelRevised, labelSubmitted, labelUndone } from './labels';
import { flagResolved, markChanged } from './marks';
import { newestWins } from './registers';
import { awaitedSamplesNowVisible, importCommitted, placeImportedIds } from './samples';
import { guidelineActivated, raterCreated, rolesSet, settingWritten, workspaceCreated } from './workspace';

// How each event type merges: one rule per type. Every rule gives the same state for the same set
// of events whatever order they arrive in (core/store/merge/convergence.test.ts checks it): "by
// clock" is by (hlc, event id), never by arrival or wall-clock time. The README has them as a table.
//
// needs:    what the event refers to; until each is present it waits (pending_events).
// apply:    changes the projections; returns a reason when the event cannot apply (it is set aside).
// provides: what the event makes present, so the events waiting for it apply (asked after apply).

export interface MergeRule<T extends EventType> {
  needs?: (e: ConcordEvent<T>) => Iterable<Dependency>;
  apply: (db: SqliteDb, e: ConcordEvent<T>, seq: number) => string | void;
  provides?: (e: ConcordEvent<T>, db: SqliteDb) => string[];
}

const sample = (id: string): Dependency => ({ kind: 'sample', id });
const rater = (id: string): Dependency => ({ kind: 'rater', id });
const guideline = (g: { id: string; version: string }): Dependency => ({ kind: 'guideline', id: g.id, version: g.version });
const at = (db: SqliteDb) => (seq: number) => eventAt(db, seq);

export const mergeRules: { [T in EventType]: MergeRule<T> } = {
  /** The first by clock names the workspace; one naming another workspace is set aside. */
  'workspace.created': { apply: (db, e) => workspaceCreated(db, e, at(db)) },
  /** Last writer by clock, per key. */
  'workspace.setting': { apply: settingWritten },
  /** The first publication of a version by clock is the version; later ones with other content are set aside. */
  'guideline.published': { apply: (db, e) => guidelinePublished(db, e, at(db)), provides: (e) => [`guideline:${e.payload.pack.id}@${e.payload.pack.version}`] },
  /** Last writer by clock. */
  'guideline.activated': { needs: (e) => [guideline(e.payload)], apply: guidelineActivated },
  /**
   * Samples in (import clock, row) order; an id imported twice keeps the earliest import's row. One
   * event of an import in several transactions (importId) is hidden until the import's commit.
   */
  'samples.imported': { apply: (db, e, seq) => placeImportedIds(db, e, seq), provides: (_e, db) => awaitedSamplesNowVisible(db) },
  /** Shows the rows of the import's events, those here and those still to come: before or after them, the same. */
  'samples.import_committed': { apply: (db, e) => importCommitted(db, e.payload.importId), provides: (_e, db) => awaitedSamplesNowVisible(db) },
  /** The first creation by clock is the profile (a later one of the same id changes nothing); its roles stand until one is set. */
  'rater.created': { apply: raterCreated, provides: (e) => [`rater:${e.payload.raterId}`] },
  /** Last writer by clock among the profile's role changes (a creation never undoes one). */
  'rater.roles_set': { needs: (e) => [rater(e.payload.raterId)], apply: rolesSet },
  /** One label per (sample, rater, guideline version): submissions from several machines join it, its id the first's by clock. */
  'label.submitted': {
    needs: (e) => [sample(e.payload.sampleId), rater(e.payload.raterId), guideline(e.payload.guideline)],
    apply: labelSubmitted,
    provides: (e) => [`label:${e.payload.labelId}`, `revision:${e.id}`],
  },
  /** The newest standing revision by clock is the label's value, whatever the arrival order. */
  'label.revised': { needs: (e) => [{ kind: 'label', id: e.payload.labelId }], apply: labelRevised, provides: (e) => [`revision:${e.id}`] },
  /** Takes back one revision; the newest one still standing shows, none standing retracts the label. */
  'label.undone': {
    needs: (e) => [{ kind: 'label', id: e.payload.labelId }, { kind: 'revision', id: e.payload.revisionEventId }],
    apply: labelUndone,
  },
  /** Last writer by clock per (rater, sample); a skip also ends at the rater's next label by clock. */
  'item.marked': { needs: (e) => [rater(e.payload.raterId), sample(e.payload.sampleId)], apply: markChanged },
  'item.unmarked': { apply: markChanged },
  /** A set keyed by the flag event it answers: the first by clock holds it; it resolves that flag only. */
  'flag.resolved': { apply: flagResolved },
  /** Last writer by clock per sample (a clear included). */
  'gold.set': {
    needs: (e) => [sample(e.payload.sampleId), guideline(e.payload.guideline)],
    apply(db, e) {
      if (!newestWins(db, `gold:${e.payload.sampleId}`, e)) return;
      const p = e.payload;
      prepared(
        db,
        `INSERT INTO gold_labels (sample_id, guideline_id, guideline_version, value, set_by, at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sample_id) DO UPDATE SET guideline_id = excluded.guideline_id, guideline_version = excluded.guideline_version,
           value = excluded.value, set_by = excluded.set_by, at = excluded.at, event_id = excluded.event_id`,
      ).run(p.sampleId, p.guideline.id, p.guideline.version, JSON.stringify(p.values), e.author, e.ts, e.id);
    },
  },
  'gold.cleared': {
    apply(db, e) {
      if (newestWins(db, `gold:${e.payload.sampleId}`, e)) prepared(db, 'DELETE FROM gold_labels WHERE sample_id = ?').run(e.payload.sampleId);
    },
  },
  /** Queues in (batch clock, item position) order; a batch id is its first creation's by clock. */
  'batch.created': {
    needs: (e) => [
      guideline(e.payload.guideline),
      ...[...new Set(e.payload.items.flatMap((i) => i.raters))].map(rater),
      ...e.payload.items.map((i) => sample(i.sampleId)),
    ],
    apply: (db, e, seq) => batchCreated(db, e, seq, at(db)),
    provides: (e) => [`batch:${e.payload.batchId}`],
  },
  /** The batch's guideline version: last writer by clock, its creation included. */
  'batch.requeued': { needs: (e) => [{ kind: 'batch', id: e.payload.batchId }, guideline(e.payload.guideline)], apply: batchRequeued },
  /** Retracts the item's labels made before it by clock, not those made after. */
  'adjudication.sent_back': { apply: itemSentBack },
  /** A set of notes. */
  'guideline.gap_flagged': {
    apply(db, e) {
      const p = e.payload;
      prepared(
        db,
        'INSERT OR IGNORE INTO guideline_notes (id, guideline_id, guideline_version, sample_id, field, note, author, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(e.id, p.guideline.id, p.guideline.version, p.sampleId ?? null, p.field ?? null, p.note, e.author, e.ts);
    },
  },
  /** A set keyed by the gap event it settles: the first by clock holds it. */
  'guideline.gap_resolved': { apply: gapResolved },
  /** All kept; the newest by clock is current; ones that replace none of each other mark the item conflicting. */
  'adjudication.recorded': { needs: (e) => [sample(e.payload.sampleId)], apply: adjudicationRecorded },
  /** Kept like an adjudication (by the owner) replacing the ones it names: the conflict ends wherever all of them are. */
  'adjudication.settled': { needs: (e) => [sample(e.payload.sampleId)], apply: adjudicationRecorded },
};
