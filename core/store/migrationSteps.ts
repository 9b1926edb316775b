import { formatHlc, nodeOf, tick, type Hlc } from '../../shared/clock/hlc';
import { isUuid } from '../../shared/ids';
import { replicaId, writeLocal } from './localMeta';
import type { SqliteDb } from './sqlite';

// Migrations are SQL files (core/store/migrations/NNN_name.sql). When one also needs code, it is a
// step here under the migration's number: it runs right after that file's SQL, in the same
// transaction. A step that changes what the merge rules derive asks for a rebuild of the
// projections, which runs once after every migration is applied (and again on the next open, if
// the process stopped before it finished).

export type MigrationStep = (db: SqliteDb) => void;

/** Marks the projections for a rebuild once the migrations are done. */
export function requestRebuild(db: SqliteDb): void {
  writeLocal(db, 'rebuild_pending', '1');
}

/** The origin events written before replicas existed are given: the workspace's own id (its only machine). */
export const LEGACY_ORIGIN_FALLBACK = '00000000-0000-4000-8000-000000000000';

/**
 * 007: events written before event clocks get them, derived from their timestamps in log order
 * exactly as the clock stamps new events (each after the one before it, never behind its own
 * timestamp), and the origin of the workspace's id: the same events give the same clocks on every
 * copy. The events of an import unfinished here (migration 005: it was running, or its process died)
 * get this replica's origin instead: they were written on this machine and never left it, and
 * opening the workspace discards only an unfinished import of its own replica's (not one received
 * without its commit yet). Then the projections are rebuilt under the new merge rules.
 */
function backfillEventClocks(db: SqliteDb): void {
  const workspaceId = db.prepare(`SELECT value FROM meta WHERE key = 'workspace_id'`).pluck().get() as string | undefined;
  const legacy = workspaceId && isUuid(workspaceId) ? workspaceId : LEGACY_ORIGIN_FALLBACK;
  const unfinished = new Set(db.prepare('SELECT seq FROM unfinished_import_events').pluck().all() as number[]);
  const local = unfinished.size ? replicaId(db) : legacy;
  const page = db.prepare('SELECT seq, ts FROM events WHERE seq > ? ORDER BY seq LIMIT 10000');
  const update = db.prepare('UPDATE events SET hlc = ?, origin = ? WHERE seq = ?');
  let last: Hlc | undefined;
  let any = false;
  for (let after = 0; ; ) {
    const rows = page.all(after) as { seq: number; ts: string }[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const origin = unfinished.has(r.seq) ? local : legacy;
      const ms = Date.parse(r.ts);
      last = tick(last, Number.isFinite(ms) ? ms : (last?.ms ?? 0), nodeOf(origin));
      update.run(formatHlc(last), origin, r.seq);
    }
    after = rows[rows.length - 1].seq;
    any = true;
  }
  if (any) requestRebuild(db);
}

/** 012: marks remember the event that wrote them (a flag's resolution names it): rebuilt from the log when there are any. */
function markEventIds(db: SqliteDb): void {
  if (db.prepare('SELECT 1 FROM item_marks LIMIT 1').get()) requestRebuild(db);
}

export const migrationSteps: Record<number, MigrationStep> = {
  7: backfillEventClocks,
  12: markEventIds,
};
