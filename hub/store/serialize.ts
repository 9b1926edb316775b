/** Runs async jobs one at a time, in the order they were queued: a single writer for a store that needs one. */
export function serialize(): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (job) => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}
