-- 004: adjudication workflow: items sent back for re-labeling, and guideline gaps found on the way.
CREATE TABLE guideline_notes (
  id                TEXT PRIMARY KEY,     -- the event id
  guideline_id      TEXT NOT NULL,
  guideline_version TEXT NOT NULL,
  sample_id         TEXT,
  field             TEXT,
  note              TEXT NOT NULL,
  author            TEXT NOT NULL,
  at                TEXT NOT NULL
) STRICT;
