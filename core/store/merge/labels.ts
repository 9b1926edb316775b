import { compareStamps } from '../../../shared/clock/hlc';
import type { ConcordEvent } from '../../../shared/events';
import { prepared } from '../prepared';
import type { SqliteDb } from '../sqlite';
import { skipEndsAt } from './marks';

// A label is one rater's label of one sample under one guideline version, whichever machines its
// submissions came from. Its facts are sets (its submissions and revisions in label_revisions, undos
// in label_undos, the item's send-backs in sent_backs); every fact that arrives recomputes the
// label from them, so the order facts arrive in never matters:
// - its id is the label id of its first submission by clock; every submission's id stays an alias;
// - a revision stands unless undone or made before the item's latest send-back (by clock);
// - its value is the newest standing revision by clock; with none standing it is retracted and
//   reads as the newest one not undone (else its first submission).

interface Revision {
  event_id: string;
  hlc: string;
  value: string;
  time_spent_ms: number;
  at: string;
  undone: number;
  submitted_as: string | null;
}

const stamp = (r: { hlc: string; event_id: string }) => ({ hlc: r.hlc, id: r.event_id });
const newest = <T extends { hlc: string; event_id: string }>(xs: (T | undefined)[]): T | undefined =>
  xs.reduce<T | undefined>((a, b) => (!b ? a : !a || compareStamps(stamp(b), stamp(a)) > 0 ? b : a), undefined);

/** The label a label id belongs to, or undefined when no submission named it. */
export function canonicalLabelId(db: SqliteDb, labelId: string): string | undefined {
  return prepared(db, 'SELECT canonical_id FROM label_aliases WHERE label_id = ?').pluck().get(labelId) as string | undefined;
}

function addRevision(db: SqliteDb, labelId: string, e: ConcordEvent<'label.submitted' | 'label.revised'>, submittedAs: string | null, value = JSON.stringify(e.payload.values)): void {
  prepared(
    db,
    `INSERT INTO label_revisions (label_id, event_id, value, time_spent_ms, at, author, hlc, submitted_as) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(labelId, e.id, value, e.payload.timeSpentMs, e.ts, e.author, e.hlc, submittedAs);
}

export function labelSubmitted(db: SqliteDb, e: ConcordEvent<'label.submitted'>): string | void {
  const p = e.payload;
  // What decides the label, in one statement: the label of this (sample, rater, version), the
  // label its id names already, and whether the item was ever sent back.
  const facts = prepared(
    db,
    `SELECT (SELECT id FROM labels WHERE sample_id = :sample AND rater_id = :rater AND guideline_id = :gid AND guideline_version = :gv) AS existing,
            (SELECT canonical_id FROM label_aliases WHERE label_id = :label) AS named,
            EXISTS (SELECT 1 FROM sent_backs WHERE sample_id = :sample AND guideline_id = :gid AND guideline_version = :gv) AS sentBack`,
  ).get({ sample: p.sampleId, rater: p.raterId, gid: p.guideline.id, gv: p.guideline.version, label: p.labelId }) as { existing: string | null; named: string | null; sentBack: number };
  const existing = facts.existing ?? undefined;
  const named = facts.named ?? undefined;
  if (named !== undefined && named !== existing) return `label id "${p.labelId}" already names another label (of another sample, rater or guideline version)`;
  if (!existing && !facts.sentBack) {
    // The common case: the first submission of a label, on an item never sent back. The rules give
    // it this submission's value, time and id, unrevised and standing: written as such, without
    // the recomputation (convergence.test.ts holds it to the same state as recomputeLabel).
    const value = JSON.stringify(p.values);
    prepared(
      db,
      `INSERT INTO labels (id, sample_id, rater_id, guideline_id, guideline_version, value, time_spent_ms, revision, created_at, revised_at, last_event_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, NULL, ?)`,
    ).run(p.labelId, p.sampleId, p.raterId, p.guideline.id, p.guideline.version, value, p.timeSpentMs, e.ts, e.id);
    prepared(db, 'INSERT INTO label_aliases (label_id, canonical_id) VALUES (?, ?)').run(p.labelId, p.labelId);
    addRevision(db, p.labelId, e, p.labelId, value);
    skipEndsAt(db, p.raterId, p.sampleId, e);
    return;
  }
  let labelId = existing;
  if (!labelId) {
    labelId = p.labelId;
    // Placeholder values: recomputeLabel below fills every derived column.
    prepared(
      db,
      `INSERT INTO labels (id, sample_id, rater_id, guideline_id, guideline_version, value, time_spent_ms, revision, created_at, revised_at, last_event_id)
       VALUES (?, ?, ?, ?, ?, '{}', 0, 0, ?, NULL, ?)`,
    ).run(labelId, p.sampleId, p.raterId, p.guideline.id, p.guideline.version, e.ts, e.id);
  }
  prepared(db, 'INSERT OR IGNORE INTO label_aliases (label_id, canonical_id) VALUES (?, ?)').run(p.labelId, labelId);
  addRevision(db, labelId, e, p.labelId);
  const first = prepared(db, 'SELECT submitted_as FROM label_revisions WHERE label_id = ? AND submitted_as IS NOT NULL ORDER BY hlc, event_id LIMIT 1')
    .pluck()
    .get(labelId) as string;
  if (first !== labelId) renameLabel(db, labelId, first);
  recomputeLabel(db, first);
  skipEndsAt(db, p.raterId, p.sampleId, e);
}

/** The same rater's submission from another machine came first by clock: the label takes its id. */
function renameLabel(db: SqliteDb, from: string, to: string): void {
  // Children first, so no foreign key ever points at a missing label.
  const revisions = prepared(db, 'SELECT * FROM label_revisions WHERE label_id = ?').all(from) as Record<string, unknown>[];
  prepared(db, 'DELETE FROM label_revisions WHERE label_id = ?').run(from);
  prepared(db, 'UPDATE labels SET id = ? WHERE id = ?').run(to, from);
  const insert = prepared(
    db,
    `INSERT INTO label_revisions (label_id, event_id, value, time_spent_ms, at, author, undone, hlc, submitted_as)
     VALUES (:label_id, :event_id, :value, :time_spent_ms, :at, :author, :undone, :hlc, :submitted_as)`,
  );
  for (const r of revisions) insert.run({ ...r, label_id: to });
  prepared(db, 'UPDATE label_aliases SET canonical_id = ? WHERE canonical_id = ?').run(to, from);
}

/** Checks that an event acting on a label (by its id) names the label's rater, when it names one. */
function labelOf(db: SqliteDb, labelId: string, raterId: string | undefined): { id: string; rater_id: string; sample_id: string } | string {
  const id = canonicalLabelId(db, labelId)!;
  const label = prepared(db, 'SELECT id, rater_id, sample_id FROM labels WHERE id = ?').get(id) as { id: string; rater_id: string; sample_id: string };
  if (raterId !== undefined && raterId !== label.rater_id) return `it names rater "${raterId}", but label ${labelId} is rater "${label.rater_id}"'s`;
  return label;
}

export function labelRevised(db: SqliteDb, e: ConcordEvent<'label.revised'>): string | void {
  const label = labelOf(db, e.payload.labelId, e.payload.raterId);
  if (typeof label === 'string') return label;
  addRevision(db, label.id, e, null);
  recomputeLabel(db, label.id);
  skipEndsAt(db, label.rater_id, label.sample_id, e);
}

export function labelUndone(db: SqliteDb, e: ConcordEvent<'label.undone'>): string | void {
  const label = labelOf(db, e.payload.labelId, e.payload.raterId);
  if (typeof label === 'string') return label;
  const owner = prepared(db, 'SELECT label_id FROM label_revisions WHERE event_id = ?').pluck().get(e.payload.revisionEventId) as string;
  if (owner !== label.id) return `revision ${e.payload.revisionEventId} is not one of label ${e.payload.labelId}'s`;
  prepared(db, 'INSERT OR IGNORE INTO label_undos (event_id, revision_event_id, hlc, at) VALUES (?, ?, ?, ?)').run(e.id, e.payload.revisionEventId, e.hlc, e.ts);
  prepared(db, 'UPDATE label_revisions SET undone = 1 WHERE event_id = ?').run(e.payload.revisionEventId);
  recomputeLabel(db, label.id);
}

export function itemSentBack(db: SqliteDb, e: ConcordEvent<'adjudication.sent_back'>): void {
  const p = e.payload;
  prepared(
    db,
    `INSERT OR IGNORE INTO sent_backs (event_id, sample_id, guideline_id, guideline_version, hlc, reason, author, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.id, p.sampleId, p.guideline.id, p.guideline.version, e.hlc, p.reason, e.author, e.ts);
  const ids = prepared(db, 'SELECT id FROM labels WHERE sample_id = ? AND guideline_id = ? AND guideline_version = ?').pluck().all(p.sampleId, p.guideline.id, p.guideline.version) as string[];
  for (const id of ids) recomputeLabel(db, id);
}

/** Derives a label's columns from its facts (the rules at the top of this file). */
export function recomputeLabel(db: SqliteDb, labelId: string): void {
  const label = prepared(db, 'SELECT sample_id, guideline_id, guideline_version FROM labels WHERE id = ?').get(labelId) as {
    sample_id: string;
    guideline_id: string;
    guideline_version: string;
  };
  const revisions = prepared(
    db,
    'SELECT event_id, hlc, value, time_spent_ms, at, undone, submitted_as FROM label_revisions WHERE label_id = ? ORDER BY hlc, event_id',
  ).all(labelId) as Revision[];
  const sentBack = prepared(
    db,
    'SELECT event_id, hlc, at FROM sent_backs WHERE sample_id = ? AND guideline_id = ? AND guideline_version = ? ORDER BY hlc DESC, event_id DESC LIMIT 1',
  ).get(label.sample_id, label.guideline_id, label.guideline_version) as { event_id: string; hlc: string; at: string } | undefined;
  const lastUndo = prepared(
    db,
    `SELECT u.event_id, u.hlc, u.at FROM label_undos u JOIN label_revisions r ON r.event_id = u.revision_event_id
     WHERE r.label_id = ? ORDER BY u.hlc DESC, u.event_id DESC LIMIT 1`,
  ).get(labelId) as { event_id: string; hlc: string; at: string } | undefined;

  const first = revisions.find((r) => r.submitted_as !== null) ?? revisions[0];
  const after = (r: { hlc: string; event_id: string }, than: { hlc: string; event_id: string }) => compareStamps(stamp(r), stamp(than)) > 0;
  const standing = revisions.filter((r) => !r.undone && (!sentBack || after(r, sentBack)));
  const shown = standing.at(-1) ?? revisions.filter((r) => !r.undone).at(-1) ?? first;
  // Revised when anything but its first submission touched it: the newest such event's time.
  const touched = newest<{ hlc: string; event_id: string; at: string }>([
    ...revisions.filter((r) => r !== first),
    lastUndo,
    sentBack && after(sentBack, first) ? sentBack : undefined,
  ]);
  prepared(
    db,
    `UPDATE labels SET value = ?, time_spent_ms = ?, revision = ?, created_at = ?, revised_at = ?, last_event_id = ?, retracted = ? WHERE id = ?`,
  ).run(
    shown.value,
    revisions.reduce((s, r) => s + r.time_spent_ms, 0),
    revisions.length,
    first.at,
    touched?.at ?? null,
    shown.event_id,
    standing.length ? 0 : 1,
    labelId,
  );
}
