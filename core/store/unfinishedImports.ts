import Database from 'better-sqlite3';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareStamps } from '../../shared/clock/hlc';
import { replicaId } from './localMeta';
import { applyWaitingFor } from './merge/apply';
import { awaitedSamplesNowVisible, placeAgainAfter } from './merge/samples';
import { prepared } from './prepared';
import { nativeBinding, type SqliteDb } from './sqlite';
import { isBusyError, sleepSync, writeTransaction } from './transaction';

// An import too large for one transaction writes its rows in several, and none of them may be seen
// until the last one lands (migration 005 explains the view that hides them; the merge rules for
// `samples.imported` and `samples.import_committed`, core/store/merge/samples.ts, keep it). This
// module is the rest of the store's side of it: saying which events must stay on this machine, and
// discarding what a dead import left behind.

/**
 * The one rule for what may leave this machine (bundles, sync): every event except the
 * `samples.imported` events of imports that have not finished here. Those are the rows a crashed or
 * running import wrote; they are discarded, or joined by their commit, on this machine, and another
 * machine must never see part of an import. `UNSHAREABLE_EVENTS_SQL` is the same rule for queries:
 * `SELECT ... FROM events WHERE seq NOT IN (${UNSHAREABLE_EVENTS_SQL})`.
 */
export function isShareable(db: SqliteDb, event: { seq: number; type: string }): boolean {
  if (event.type !== 'samples.imported') return true;
  return prepared(db, 'SELECT 1 FROM unfinished_import_events WHERE seq = ?').get(event.seq) === undefined;
}

/** The seqs of the events that must not leave this machine (see isShareable). */
export const UNSHAREABLE_EVENTS_SQL = 'SELECT seq FROM unfinished_import_events';

/**
 * How many samples readers see, without counting through the view: SQLite counts a whole table
 * from its b-tree pages (1M rows: ~3 ms), but a view with a WHERE clause row by row (~30 ms, on every
 * queue page). An unfinished import's rows are exactly the ranges its events record.
 */
export function visibleSampleCount(db: SqliteDb): number {
  return prepared(
    db,
    'SELECT (SELECT count(*) FROM sample_rows) - (SELECT coalesce(sum(last_ordinal - first_ordinal + 1), 0) FROM unfinished_import_events)',
  )
    .pluck()
    .get() as number;
}

export interface UnfinishedImport {
  id: string;
  file: string | null;
  /** Import events written so far, and the rows they added. */
  events: number;
  rows: number;
  /** Written by this replica (its events' origin): only such an import can be running or dead here. */
  local: boolean;
}

export function listUnfinishedImports(db: SqliteDb): UnfinishedImport[] {
  const rows = prepared(
    db,
    `SELECT i.id, i.file, count(*) AS events, coalesce(sum(u.last_ordinal - u.first_ordinal + 1), 0) AS rows,
            max(e.origin = ?) AS local
     FROM imports i JOIN unfinished_import_events u ON u.import_key = i.key JOIN events e ON e.seq = u.seq
     WHERE i.committed = 0 GROUP BY i.key ORDER BY i.key`,
  ).all(replicaId(db)) as (Omit<UnfinishedImport, 'local'> & { local: number })[];
  return rows.map((r) => ({ ...r, local: r.local === 1 }));
}

/** Events deleted per transaction when discarding: ~10,000 rows, a few milliseconds of lock. */
const DISCARD_EVENTS_PER_TRANSACTION = 20;

/**
 * Removes an unfinished import: its events (which never left this machine: isShareable) and its
 * rows, a few events per transaction so other writers get in between. Interrupted, it leaves the
 * rest still unfinished and hidden, and the next discard finishes the job. Its last transaction
 * leaves the samples as if the import had never run: an id it held goes to a later import that has
 * it too, and the events waiting for such a sample apply. Returns the rows removed.
 */
export function discardImport(db: SqliteDb, importId: string): number {
  const key = prepared(db, 'SELECT key FROM imports WHERE id = ? AND committed = 0').pluck().get(importId) as number | undefined;
  if (key === undefined) return 0;
  const next = prepared(
    db,
    'SELECT u.seq, u.first_ordinal AS first, u.last_ordinal AS last, e.hlc, e.id FROM unfinished_import_events u JOIN events e ON e.seq = u.seq WHERE u.import_key = ? ORDER BY u.seq DESC LIMIT ?',
  );
  let removed = 0;
  let earliest: { hlc: string; id: string } | undefined;
  for (;;) {
    const done = writeTransaction(db, () => {
      const events = next.all(key, DISCARD_EVENTS_PER_TRANSACTION) as { seq: number; first: number | null; last: number | null; hlc: string; id: string }[];
      for (const e of events) {
        if (e.first !== null) removed += prepared(db, 'DELETE FROM sample_rows WHERE ordinal BETWEEN ? AND ? AND event_seq = ?').run(e.first, e.last, e.seq).changes;
        prepared(db, 'DELETE FROM events WHERE seq = ?').run(e.seq);
        prepared(db, 'DELETE FROM unfinished_import_events WHERE seq = ?').run(e.seq);
        if (!earliest || compareStamps(e, earliest) < 0) earliest = { hlc: e.hlc, id: e.id };
      }
      const last = events.length < DISCARD_EVENTS_PER_TRANSACTION;
      if (last) {
        prepared(db, 'DELETE FROM imports WHERE key = ?').run(key);
        if (earliest) placeAgainAfter(db, earliest);
        applyWaitingFor(db, awaitedSamplesNowVisible(db));
      }
      return last;
    });
    if (done) return removed;
    sleepSync(2); // SQLite's locks are not fair: leave a gap a waiting writer's next look can catch
  }
}

// Whether an unfinished import is still running is told by a lock the importing process holds for
// as long as it runs: an exclusive lock on a small SQLite file beside the workspace. The operating
// system drops it when the process dies, however it dies, so no pid or clock is trusted.

const LEASE_PREFIX = '.concord-import-';
const LEASE_SUFFIX = '.lock';

function leaseFile(db: SqliteDb, importId: string): string {
  return path.join(path.dirname(db.name), `${LEASE_PREFIX}${importId}${LEASE_SUFFIX}`);
}

/** Held by a running import from before its first transaction: `release` when it has committed or been discarded. */
export function holdImportLease(db: SqliteDb, importId: string): { release(): void } {
  const file = leaseFile(db, importId);
  const lock = new Database(file, { nativeBinding: nativeBinding() });
  lock.prepare('BEGIN EXCLUSIVE').run();
  return {
    release() {
      if (!lock.open) return;
      lock.close();
      rmSync(file, { force: true });
    },
  };
}

/** Whether the process importing `importId` is alive (holds its lease). */
function leaseHeld(db: SqliteDb, importId: string): boolean {
  const file = leaseFile(db, importId);
  if (!existsSync(file)) return false;
  let lock: Database.Database;
  try {
    lock = new Database(file, { fileMustExist: true, timeout: 0, nativeBinding: nativeBinding() });
  } catch {
    return false; // removed by its owner as we looked: it has finished
  }
  try {
    lock.prepare('BEGIN EXCLUSIVE').run();
    lock.prepare('ROLLBACK').run();
    return false;
  } catch (e) {
    if (isBusyError(e)) return true;
    throw e;
  } finally {
    lock.close();
  }
}

/** Lease files whose import died before its first transaction, left for a minute in case one is just starting. */
function removeStaleLeases(db: SqliteDb): void {
  const dir = path.dirname(db.name);
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(LEASE_PREFIX) || !name.endsWith(LEASE_SUFFIX)) continue;
    const id = name.slice(LEASE_PREFIX.length, -LEASE_SUFFIX.length);
    const file = path.join(dir, name);
    try {
      if (Date.now() - statSync(file).mtimeMs > 60_000 && !leaseHeld(db, id)) rmSync(file, { force: true });
    } catch {
      /* gone already */
    }
  }
}

/**
 * What opening a workspace does about imports that did not finish: an import this replica ran whose
 * process is gone is discarded (its rows were never visible; importing the file again brings them
 * in), one still running is left alone, and one received from another replica waits for its commit. Returns a sentence for the user per import discarded.
 */
export function recoverUnfinishedImports(db: SqliteDb): string[] {
  const notes: string[] = [];
  for (const imp of listUnfinishedImports(db)) {
    // One received from another replica (its commit not here yet: a bundle cut short) is not ours to end.
    if (!imp.local || leaseHeld(db, imp.id)) continue;
    discardImport(db, imp.id);
    rmSync(leaseFile(db, imp.id), { force: true });
    notes.push(
      `discarded an unfinished import of ${imp.file ?? 'a file'} (${imp.rows.toLocaleString('en-US')} row(s) written before the process importing it stopped; none was ever visible). Import the file again to bring its rows in.`,
    );
  }
  removeStaleLeases(db);
  return notes;
}
