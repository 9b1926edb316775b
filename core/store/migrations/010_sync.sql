-- 010: the sync engine's own bookkeeping (core/sync): never synced, never rebuilt from the log.
-- Events this replica received from the hub: they are the hub's already, so they are never pushed.
CREATE TABLE sync_received (
  seq INTEGER PRIMARY KEY               -- events.seq
) STRICT;
-- Events the hub refused, with its reason: kept here (and in the log), reported, and not pushed again.
CREATE TABLE sync_rejected (
  event_id TEXT PRIMARY KEY,
  reason   TEXT NOT NULL,
  at       TEXT NOT NULL
) STRICT;
