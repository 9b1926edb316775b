-- 005: an import that spans several transactions is all or nothing, across crashes too.
-- Its rows are written and indexed as it goes, but readers see `samples`, a view that leaves out
-- the rows of unfinished imports; the import's last transaction appends `samples.import_committed`,
-- whose projection only deletes the import's few `unfinished_import_events` rows, so finishing costs
-- the same whatever the import's size. With no unfinished import the view's first test is true for
-- every row and the second is never evaluated. (core/store/unfinishedImports.ts)
--
-- The rows table is now `sample_rows` (tables referencing samples(id) now reference it: SQLite
-- renames foreign keys with the table). A new table must reference sample_rows(id): SQLite refuses a
-- foreign key to a view ("foreign key mismatch"), and store.test.ts checks that none does.
ALTER TABLE samples RENAME TO sample_rows;

-- One row per import that ran in several transactions (older and single-transaction imports have none).
CREATE TABLE imports (
  key       INTEGER PRIMARY KEY,
  id        TEXT NOT NULL UNIQUE,        -- the importId in its events
  file      TEXT,                        -- the source file's name, for messages
  committed INTEGER NOT NULL DEFAULT 0   -- 1 once its samples.import_committed event is applied
) STRICT;

-- The samples.imported events of unfinished imports, with the ordinals of the rows each added:
-- exactly the events that must not leave this machine (isShareable).
CREATE TABLE unfinished_import_events (
  seq           INTEGER PRIMARY KEY,     -- events.seq
  import_key    INTEGER NOT NULL REFERENCES imports(key),
  first_ordinal INTEGER,                 -- sample_rows.ordinal of its first row (NULL: it added none)
  last_ordinal  INTEGER                  -- and of its last: its rows are consecutive
) STRICT;
CREATE INDEX unfinished_import_events_import ON unfinished_import_events(import_key);
CREATE INDEX unfinished_import_events_first ON unfinished_import_events(first_ordinal);

CREATE VIEW samples AS
  SELECT ordinal, id, event_seq, row_index FROM sample_rows
  WHERE ordinal < (SELECT coalesce(min(first_ordinal), 9223372036854775807) FROM unfinished_import_events)
     OR event_seq NOT IN (SELECT seq FROM unfinished_import_events);
