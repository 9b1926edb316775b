-- 007: an event log that converges in any order (issue 12). Every event gets a hybrid logical clock
-- and the replica that wrote it; projections keep what their merge rules (core/store/merge/) need.
-- Events written before get clocks derived from their timestamps in log order, then the projections
-- are rebuilt under the new rules (core/store/migrationSteps.ts).

ALTER TABLE events ADD COLUMN hlc TEXT NOT NULL DEFAULT '';     -- shared/clock/hlc.ts: what merges order by
ALTER TABLE events ADD COLUMN origin TEXT NOT NULL DEFAULT '';  -- the replica that wrote the event
CREATE INDEX events_hlc ON events(hlc);

-- This copy of the workspace, never synced and never rebuilt: its replica id, and whether the
-- projections must be rebuilt (a migration changed their rules).
CREATE TABLE local_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Labels: one per (sample, rater, guideline version), whatever machine each submission came from.
ALTER TABLE label_revisions ADD COLUMN hlc TEXT NOT NULL DEFAULT '';
ALTER TABLE label_revisions ADD COLUMN submitted_as TEXT;        -- a submission: the label id it named; NULL for a revision
CREATE INDEX label_revisions_clock ON label_revisions(label_id, hlc);
-- Every label id a submission used, and the label it belongs to (the first submission's id).
CREATE TABLE label_aliases (
  label_id     TEXT PRIMARY KEY,
  canonical_id TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX label_aliases_canonical ON label_aliases(canonical_id);
CREATE TABLE label_undos (
  event_id          TEXT PRIMARY KEY,
  revision_event_id TEXT NOT NULL,
  hlc               TEXT NOT NULL,
  at                TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX label_undos_revision ON label_undos(revision_event_id);
CREATE TABLE sent_backs (
  event_id          TEXT PRIMARY KEY,
  sample_id         TEXT NOT NULL,
  guideline_id      TEXT NOT NULL,
  guideline_version TEXT NOT NULL,
  hlc               TEXT NOT NULL,
  reason            TEXT NOT NULL,
  author            TEXT NOT NULL,
  at                TEXT NOT NULL
) STRICT;
CREATE INDEX sent_backs_item ON sent_backs(sample_id, guideline_id, guideline_version, hlc);

ALTER TABLE adjudications ADD COLUMN hlc TEXT NOT NULL DEFAULT '';
ALTER TABLE adjudications ADD COLUMN supersedes TEXT;           -- JSON array of adjudication ids; NULL: every earlier one
-- Items whose adjudications were made concurrently (neither replaced the other): the owner settles them.
CREATE TABLE adjudication_conflicts (
  sample_id TEXT PRIMARY KEY,
  heads     TEXT NOT NULL                                        -- JSON array of the concurrent adjudication ids
) STRICT;

ALTER TABLE batches ADD COLUMN hlc TEXT NOT NULL DEFAULT '';
ALTER TABLE batches ADD COLUMN event_id TEXT NOT NULL DEFAULT '';
ALTER TABLE guidelines ADD COLUMN hlc TEXT NOT NULL DEFAULT '';
ALTER TABLE raters ADD COLUMN hlc TEXT NOT NULL DEFAULT '';      -- its first creation's: what "oldest profile" means

-- Registers (gold, marks, settings, roles, ...): the event whose clock currently holds each one.
CREATE TABLE merge_clocks (
  entity   TEXT PRIMARY KEY,
  hlc      TEXT NOT NULL,
  event_id TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Events stored but waiting for one they refer to (a revision before its submission, a label before
-- its sample): applied when it arrives.
CREATE TABLE pending_events (
  event_id  TEXT PRIMARY KEY,
  seq       INTEGER NOT NULL,                                   -- events.seq, to read it back
  waits_for TEXT NOT NULL                                       -- e.g. sample:s9, label:<id> (core/store/merge/dependencies.ts)
) STRICT;
CREATE INDEX pending_events_waits ON pending_events(waits_for);

-- Events stored but not applied, with why (a guideline version published twice with other content,
-- a revision naming another rater's label, ...). Kept in the log, so other replicas decide the same.
CREATE TABLE set_aside (
  event_id TEXT PRIMARY KEY,
  reason   TEXT NOT NULL
) STRICT;
