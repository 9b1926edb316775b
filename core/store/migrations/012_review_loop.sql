-- 012: the review loop reaches people (issue 15). A rater's flag can be resolved by an owner or an
-- adjudicator (`flag.resolved`, core/store/merge/marks.ts): the resolution names the flag event it
-- answers, so a later flag of the same item is open again. A mark remembers the event that wrote it
-- (the projections are rebuilt to fill it in for the marks already there).
ALTER TABLE item_marks ADD COLUMN event_id TEXT NOT NULL DEFAULT '';

CREATE TABLE flag_resolutions (
  flag_event_id TEXT PRIMARY KEY,                 -- the item.marked event of the flag it resolves
  rater_id      TEXT NOT NULL,
  sample_id     TEXT NOT NULL,
  note          TEXT NOT NULL,                    -- what the reviewer answers the rater
  author        TEXT NOT NULL,
  at            TEXT NOT NULL,
  hlc           TEXT NOT NULL,
  event_id      TEXT NOT NULL                     -- the first resolution by clock holds the row
) STRICT, WITHOUT ROWID;

-- A rater's labels an adjudicator sent back (retracted): found without reading every label of theirs.
CREATE INDEX labels_retracted ON labels(rater_id, sample_id) WHERE retracted = 1;
