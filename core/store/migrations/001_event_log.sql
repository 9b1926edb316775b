-- 001: the event log (source of truth) and the first projections derived from it.
-- Projections can be dropped and rebuilt by replaying `events` in `seq` order (see core/store/rebuild.ts).

CREATE TABLE events (
  seq     INTEGER PRIMARY KEY,          -- local order in which this replica applied the event
  id      TEXT NOT NULL UNIQUE,         -- UUIDv7, globally unique: applying an event twice is a no-op
  type    TEXT NOT NULL,
  author  TEXT NOT NULL,
  ts      TEXT NOT NULL,                -- ISO-8601 UTC on the author's clock
  payload TEXT NOT NULL                 -- JSON, shape per type (shared/events.ts)
) STRICT;
CREATE INDEX events_type ON events(type);

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE guidelines (
  id           TEXT NOT NULL,
  version      TEXT NOT NULL,
  title        TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,           -- canonical content hash: a published version never changes
  document     TEXT NOT NULL,           -- the whole pack (JSON)
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  event_id     TEXT NOT NULL,
  PRIMARY KEY (id, version)
) STRICT;

-- A sample's content lives once, in the `samples.imported` event that brought it (rows kept verbatim):
-- this projection only indexes it, so a million-row import writes each row's bytes once.
CREATE TABLE samples (
  ordinal     INTEGER PRIMARY KEY,      -- import order, 1-based: queue positions and keyset paging
  id          TEXT NOT NULL UNIQUE,
  event_seq   INTEGER NOT NULL,         -- the importing event (events.seq); no FK check: it is derived from it
  row_index   INTEGER NOT NULL          -- position in that event's `rows`
) STRICT;

CREATE TABLE raters (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  roles      TEXT NOT NULL,             -- JSON array: rater, adjudicator, owner
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE labels (
  id                TEXT PRIMARY KEY,
  sample_id         TEXT NOT NULL REFERENCES samples(id),
  rater_id          TEXT NOT NULL REFERENCES raters(id),
  guideline_id      TEXT NOT NULL,
  guideline_version TEXT NOT NULL,
  value             TEXT NOT NULL,      -- JSON object: field key -> value, per the guideline's schema
  time_spent_ms     INTEGER NOT NULL,   -- summed over the submission and every revision
  revision          INTEGER NOT NULL,   -- 1 on submission, +1 per revision
  created_at        TEXT NOT NULL,
  revised_at        TEXT,
  last_event_id     TEXT NOT NULL,      -- newest applied revision: later UUIDv7 wins when replicas merge
  retracted         INTEGER NOT NULL DEFAULT 0, -- 1 when every revision was undone: the item is to do again
  UNIQUE (sample_id, rater_id, guideline_id, guideline_version),
  FOREIGN KEY (guideline_id, guideline_version) REFERENCES guidelines(id, version)
) STRICT;
CREATE INDEX labels_rater ON labels(rater_id, sample_id);

CREATE TABLE label_revisions (
  label_id      TEXT NOT NULL REFERENCES labels(id),
  event_id      TEXT NOT NULL UNIQUE,
  value         TEXT NOT NULL,
  time_spent_ms INTEGER NOT NULL,
  at            TEXT NOT NULL,
  author        TEXT NOT NULL,
  undone        INTEGER NOT NULL DEFAULT 0  -- 1 once a rater's undo took this revision back
) STRICT;
CREATE INDEX label_revisions_label ON label_revisions(label_id);

-- A rater's skip or flag on an item (one mark per rater and sample; labeling clears a skip).
CREATE TABLE item_marks (
  rater_id  TEXT NOT NULL REFERENCES raters(id),
  sample_id TEXT NOT NULL REFERENCES samples(id),
  mark      TEXT NOT NULL CHECK (mark IN ('skipped', 'flagged')),
  comment   TEXT,
  at        TEXT NOT NULL,
  PRIMARY KEY (rater_id, sample_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE adjudications (
  id           TEXT PRIMARY KEY,         -- the event id
  sample_id    TEXT NOT NULL REFERENCES samples(id),
  adjudicator  TEXT NOT NULL,
  guideline_id      TEXT NOT NULL,
  guideline_version TEXT NOT NULL,
  value        TEXT NOT NULL,
  reason       TEXT NOT NULL,
  at           TEXT NOT NULL
) STRICT;
CREATE INDEX adjudications_sample ON adjudications(sample_id);
