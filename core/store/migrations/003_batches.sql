-- 003: labeling batches and their assignments (issue: sampling and assignment).
CREATE TABLE batches (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  guideline_id      TEXT NOT NULL,
  guideline_version TEXT NOT NULL,    -- the version the batch is labeled under (re-queueing moves it)
  options           TEXT NOT NULL,    -- JSON: size, seed, strategy, overlap, gold share, filters, pool
  created_at        TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  seq               INTEGER NOT NULL  -- creation order
) STRICT;

CREATE TABLE batch_items (
  batch_id  TEXT NOT NULL REFERENCES batches(id),
  sample_id TEXT NOT NULL REFERENCES samples(id),
  position  INTEGER NOT NULL,
  gold      INTEGER NOT NULL,
  PRIMARY KEY (batch_id, sample_id)
) STRICT, WITHOUT ROWID;

-- A rater's queue: their assignments across batches in order (queue_pos is per rater, 1-based).
CREATE TABLE assignments (
  rater_id  TEXT NOT NULL REFERENCES raters(id),
  sample_id TEXT NOT NULL REFERENCES samples(id),
  batch_id  TEXT NOT NULL REFERENCES batches(id),
  queue_pos INTEGER NOT NULL,
  PRIMARY KEY (rater_id, sample_id, batch_id)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX assignments_queue ON assignments(rater_id, queue_pos);
