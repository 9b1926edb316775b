import { startWorker } from '../threads/startWorker';
import type { SqliteDb } from './sqlite';

/** What checkpointWorker receives. */
export interface CheckpointJob {
  file: string;
}

/**
 * For the length of a bulk write (a large import), moves WAL checkpoints off this thread: a worker
 * with its own connection checkpoints continuously while this connection's automatic checkpoints
 * are off, so commits only append to the WAL. Copying the WAL into the database and syncing it was
 * ~1.1 s of a 1M-row import's ~3 s writing pass, and the second core is idle while it writes.
 * (SQLite's docs suggest this arrangement: https://sqlite.org/wal.html, "Application-Initiated
 * Checkpoints".) `stop` restores automatic checkpoints; if the worker cannot start, they come
 * back at once and the write goes on as usual.
 */
export function startBackgroundCheckpoints(db: SqliteDb): { stop(): Promise<void> } {
  const interval = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const restore = () => db.pragma(`wal_autocheckpoint = ${interval}`);
  db.pragma('wal_autocheckpoint = 0');
  const worker = startWorker(new URL('./checkpointWorker.ts', import.meta.url), { file: db.name } satisfies CheckpointJob);
  const exited = new Promise<void>((resolve) => {
    worker.on('error', restore);
    worker.on('exit', () => {
      restore();
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
