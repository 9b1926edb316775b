-- 002: gold items. An owner marks a sample as gold with a reference label; raters see gold items
-- as ordinary items (nothing in the rater API reads this table). Rater accuracy is measured on them.
CREATE TABLE gold_labels (
  sample_id         TEXT PRIMARY KEY REFERENCES samples(id),
  guideline_id      TEXT NOT NULL,
  guideline_version TEXT NOT NULL,
  value             TEXT NOT NULL,      -- JSON, per the guideline's schema
  set_by            TEXT NOT NULL,
  at                TEXT NOT NULL,
  event_id          TEXT NOT NULL,
  FOREIGN KEY (guideline_id, guideline_version) REFERENCES guidelines(id, version)
) STRICT;
