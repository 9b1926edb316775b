-- 015: the Guidelines screen (issue 15). A gap an adjudicator flagged (`guideline.gap_flagged`) can
-- be resolved by an owner (`guideline.gap_resolved`, core/store/merge/guidelineGaps.ts): the
-- resolution names the gap's event, so it holds whichever arrives first; the first by clock holds the row.
CREATE TABLE guideline_gap_resolutions (
  gap_event_id TEXT PRIMARY KEY,                  -- the guideline.gap_flagged event it resolves (guideline_notes.id)
  note         TEXT NOT NULL,                     -- how the owner settled it
  addressed_in TEXT,                              -- the version of the guideline that addresses it, when one does
  author       TEXT NOT NULL,
  at           TEXT NOT NULL,
  hlc          TEXT NOT NULL,
  event_id     TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The guideline draft an owner is writing, saved on this machine as it is edited so it survives a
-- reload (core/workspace/guidelineDrafts.ts). Local like local_meta: never an event, never synced,
-- never rebuilt from the log. One per profile: the editor holds one draft at a time.
CREATE TABLE guideline_drafts (
  profile_id   TEXT PRIMARY KEY,
  document     TEXT NOT NULL,                     -- the editor's draft as JSON (shared/api/types.ts SavedGuidelineDraft)
  saved_at     TEXT NOT NULL
) STRICT, WITHOUT ROWID;
