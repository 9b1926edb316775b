import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { nativeBinding, type SqliteDb } from './sqlite';

/**
 * The checkpointing worker: a few lines of plain JavaScript, so it loads no TypeScript and needs no
 * bundle entry of its own (~10 MB of memory instead of ~25 MB for a worker that loads our modules).
 * PASSIVE never blocks the writer: it copies what committed frames it can and returns.
 */
const checkpointLoop = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { nativeBinding: workerData.nativeBinding });
let stopping = false;
parentPort.once('message', () => (stopping = true));
(function next() {
  if (stopping) return db.close();
  db.pragma('wal_checkpoint(PASSIVE)');
  setTimeout(next, 10);
})();
`;

/**
 * For the length of a bulk write (a large import), moves WAL checkpoints off this thread: a worker
 * with its own connection checkpoints continuously while this connection's automatic checkpoints
 * are off, so commits only append to the WAL. Copying the WAL into the database and syncing it was
 * ~1.1 s of a 1M-row import's ~3 s writing pass, and the second core is idle while it writes.
 * (SQLite's docs suggest this arrangement: https://sqlite.org/wal.html, "Application-Initiated
 * Checkpoints".) `stop` restores automatic checkpoints; if the worker fails, they come back at
 * once and the write goes on as usual.
 */
export function startBackgroundCheckpoints(db: SqliteDb): { stop(): Promise<void> } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(checkpointLoop, { eval: true, execArgv: [], workerData: { file: db.name, driver, nativeBinding: nativeBinding() } });
  const resume = pauseAutoCheckpoints(db);
  const exited = new Promise<void>((resolve) => {
    worker.on('error', resume);
    worker.on('exit', () => {
      resume();
      resolve();
    });
  });
  return {
    stop() {
      worker.postMessage('stop');
      return exited;
    },
  };
}

/** Connections whose automatic checkpoints are off, with how many bulk writes asked and the interval to restore. */
const paused = new WeakMap<SqliteDb, { count: number; interval: number }>();

/** Turns a connection's automatic checkpoints off until every caller has resumed them (each once). */
function pauseAutoCheckpoints(db: SqliteDb): () => void {
  let pause = paused.get(db);
  if (!pause) {
    pause = { count: 0, interval: db.pragma('wal_autocheckpoint', { simple: true }) as number };
    paused.set(db, pause);
    db.pragma('wal_autocheckpoint = 0');
  }
  pause.count++;
  let resumed = false;
  return () => {
    if (resumed) return;
    resumed = true;
    if (--pause.count > 0) return;
    paused.delete(db);
    if (db.open) db.pragma(`wal_autocheckpoint = ${pause.interval}`);
  };
}
