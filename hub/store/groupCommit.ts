// Group commit, for both stores. The hub acknowledges a push only once it is durable (SQLite:
// synchronous = FULL; PostgreSQL: its defaults), and a commit's fsync costs the same for one push as
// for twenty. So transactions wait in a queue; while one commit is under way the next ones queue up,
// and those then run together in one transaction, each in a savepoint of its own, and share its
// commit. A job that fails is rolled back to its savepoint alone and the others go on; each job's
// promise settles only after the commit, so nothing is answered as stored before it is. A commit
// that fails fails every job in it.

/** Most jobs one commit takes. */
const GROUP_MAX = 64;

/** A store's side of it: one transaction at a time, C its state (a connection, the project's seq). */
export interface GroupTransactions<C> {
  begin(): Promise<C>;
  /** False once the transaction is gone (SQLite rolls back by itself on some errors, a connection breaks). */
  isOpen(c: C): boolean;
  savepoint(c: C): Promise<void>;
  release(c: C): Promise<void>;
  rollbackToSavepoint(c: C): Promise<void>;
  commit(c: C): Promise<void>;
  rollback(c: C): Promise<void>;
  /** After the group, whatever became of it (a connection goes back to its pool). */
  end?(c: C): void;
}

type Job<C> = { run: (c: C) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };

export type Writer<C> = <T>(job: (c: C) => Promise<T>) => Promise<T>;

export function groupCommitWriter<C>(store: GroupTransactions<C>): Writer<C> {
  const waiting: Job<C>[] = [];
  let draining = false;

  async function runGroup(group: Job<C>[]) {
    const alone = group.length === 1;
    let done: [Job<C>, unknown][] = [];
    let c: C | undefined;
    // The transaction was rolled back as a whole: the jobs of the group before this one went with it.
    const lost = (e: unknown) => {
      for (const [j] of done) j.reject(e);
      done = [];
    };
    const close = () => {
      if (c !== undefined) store.end?.(c);
      c = undefined;
    };
    try {
      for (const job of group) {
        try {
          if (c !== undefined && !store.isOpen(c)) close();
          if (c === undefined) c = await store.begin();
          if (!alone) await store.savepoint(c);
        } catch (e) {
          job.reject(e);
          if (c !== undefined && !store.isOpen(c)) close();
          continue;
        }
        try {
          const result = await job.run(c);
          if (!alone) await store.release(c);
          done.push([job, result]);
        } catch (e) {
          job.reject(e);
          try {
            if (!store.isOpen(c)) lost(e);
            else if (alone) await store.rollback(c);
            else await store.rollbackToSavepoint(c);
          } catch (again) {
            if (store.isOpen(c)) await store.rollback(c).catch(() => undefined);
            lost(again);
          }
        }
      }
      if (c === undefined || !store.isOpen(c)) return;
      try {
        await store.commit(c);
      } catch (e) {
        if (store.isOpen(c)) await store.rollback(c).catch(() => undefined);
        lost(e);
        return;
      }
      for (const [j, result] of done) j.resolve(result);
    } finally {
      close();
    }
  }

  async function drain() {
    draining = true;
    try {
      while (waiting.length) await runGroup(waiting.splice(0, GROUP_MAX));
    } finally {
      draining = false;
    }
  }

  return <T>(run: (c: C) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ run: run as (c: C) => Promise<unknown>, resolve: resolve as (v: unknown) => void, reject });
      if (!draining) void drain();
    });
}
