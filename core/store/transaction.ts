import { WorkspaceBusyError } from '../errors';
import { prepared } from './prepared';
import { BUSY_TIMEOUT_MS, type SqliteDb } from './sqlite';

// Every write to a workspace goes through writeTransaction: one place that decides how a writer
// takes the lock, so no write can start as a read and fail when it tries to become a write.

/** How long a writer waits for another to let go of the workspace (CONCORD_WRITE_WAIT_MS overrides it). */
export function writeWaitMs(): number {
  const fromEnv = Number(process.env.CONCORD_WRITE_WAIT_MS);
  return Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : BUSY_TIMEOUT_MS;
}

/** SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT, BUSY_RECOVERY, BUSY_TIMEOUT). */
export function isBusyError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const pause = new Int32Array(new SharedArrayBuffer(4));
/** Blocks this thread for `ms` (better-sqlite3 is synchronous: so is waiting for its lock). */
export function sleepSync(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}

/** Waiting writers look again this often. */
const POLL_MS = 1;

/**
 * Takes the write lock (BEGIN IMMEDIATE), looking again every millisecond for up to writeWaitMs().
 * SQLite's own busy handler backs off to 100 ms sleeps, so a waiter would miss the short gaps
 * between another process's chunked commits and wait for its whole run; polling catches the first.
 */
function beginImmediate(db: SqliteDb): void {
  const begin = prepared(db, 'BEGIN IMMEDIATE');
  try {
    begin.run();
    return;
  } catch (e) {
    if (!isBusyError(e)) throw e;
  }
  const deadline = Date.now() + writeWaitMs();
  db.pragma('busy_timeout = 0');
  try {
    for (;;) {
      sleepSync(POLL_MS);
      try {
        begin.run();
        return;
      } catch (e) {
        if (!isBusyError(e)) throw e;
        if (Date.now() >= deadline) throw new WorkspaceBusyError(db.name, writeWaitMs());
      }
    }
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Runs fn in one IMMEDIATE write transaction: committed if fn returns, rolled back if it throws.
 * Inside another write transaction it is a savepoint of that one. A workspace that stays busy past
 * the wait is a WorkspaceBusyError (a failure, never bad input), and nothing of fn is written.
 */
export function writeTransaction<T>(db: SqliteDb, fn: () => T): T {
  if (db.inTransaction) return db.transaction(fn)();
  beginImmediate(db);
  try {
    const result = fn();
    prepared(db, 'COMMIT').run();
    return result;
  } catch (e) {
    if (db.inTransaction) prepared(db, 'ROLLBACK').run();
    throw e;
  }
}
