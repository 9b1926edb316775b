import type Database from 'better-sqlite3';

// The SQLite store's one writer. Jobs (a push, a member added, the sync notes) run one at a time on
// the write connection, in the order they came. The hub acknowledges a push only once it is on disk
// (synchronous = FULL: the commit waits for fsync), and a commit's fsync costs the same for one push
// as for twenty: so the jobs that queued up while one commit was under way run together in the
// next transaction, each in a savepoint of its own, and share its commit (group commit). A job that
// fails is rolled back to its savepoint alone; each job's promise settles only after the commit, so
// nothing is answered as stored before it is. A commit that fails fails every job in it.

/** Most jobs one commit takes. */
const GROUP_MAX = 64;

type Job = { run: () => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };

export type Writer = <T>(job: () => Promise<T>) => Promise<T>;

export function groupCommitWriter(db: Database.Database): Writer {
  const waiting: Job[] = [];
  let draining = false;

  async function runGroup(group: Job[]) {
    const alone = group.length === 1;
    let done: [Job, unknown][] = [];
    // SQLite rolled the whole transaction back (an I/O error, a full disk): the jobs of the group
    // before this one went with it.
    const lost = (e: unknown) => {
      for (const [j] of done) j.reject(e);
      done = [];
    };
    for (const job of group) {
      try {
        if (!db.inTransaction) db.exec('BEGIN IMMEDIATE');
        if (!alone) db.exec('SAVEPOINT job');
      } catch (e) {
        job.reject(e);
        continue;
      }
      try {
        const result = await job.run();
        if (!alone) db.exec('RELEASE job');
        done.push([job, result]);
      } catch (e) {
        job.reject(e);
        try {
          if (!db.inTransaction) lost(e);
          else if (alone) db.exec('ROLLBACK');
          else db.exec('ROLLBACK TO job; RELEASE job');
        } catch (again) {
          if (db.inTransaction) db.exec('ROLLBACK');
          lost(again);
        }
      }
    }
    if (!db.inTransaction) return;
    try {
      db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      lost(e);
      return;
    }
    for (const [j, result] of done) j.resolve(result);
  }

  async function drain() {
    draining = true;
    try {
      while (waiting.length) await runGroup(waiting.splice(0, GROUP_MAX));
    } finally {
      draining = false;
    }
  }

  return <T>(run: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ run, resolve: resolve as (v: unknown) => void, reject });
      if (!draining) void drain();
    });
}
