// Worker thread entry: checkpoints a workspace's WAL until told to stop (see backgroundCheckpoints.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointJob } from './backgroundCheckpoints';
import { openSqlite } from './sqlite';

const { file } = workerData as CheckpointJob;
const db = openSqlite(file);
let stopping = false;
parentPort!.once('message', () => (stopping = true));

async function run() {
  try {
    // PASSIVE never blocks the writer: it copies what committed frames it can and returns.
    while (!stopping) {
      db.pragma('wal_checkpoint(PASSIVE)');
      await sleep(10);
    }
  } finally {
    db.close();
  }
}

void run();
