// Saves the guideline draft on this machine while the owner edits it: one save shortly after they
// stop typing (not one per key), saves and the discard run one after another in the order asked
// (an older save never lands after a newer one, nor after the discard), and the state on screen
// says "saving" until the newest change is saved.

export interface DraftSaverOptions<T> {
  /** The draft as it is now (null: there is none any more). Read when the save runs, not when asked. */
  snapshot(): T | null;
  save(draft: T): Promise<{ savedAt: string }>;
  discard(): Promise<void>;
  onState(state: 'saving' | 'saved' | 'error', at: string | null, error?: string): void;
  delayMs?: number;
}

export function createDraftSaver<T>(o: DraftSaverOptions<T>) {
  const delay = o.delayMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  /** Bumped by every change: a finished save is "saved" only if nothing changed since it started. */
  let wanted = 0;

  const enqueue = (fn: () => Promise<unknown>) => {
    chain = chain.then(fn, fn);
    return chain;
  };

  const saveNow = () => {
    timer = undefined;
    return enqueue(async () => {
      const draft = o.snapshot();
      if (!draft) return;
      const mine = wanted;
      try {
        const { savedAt } = await o.save(draft);
        if (mine === wanted) o.onState('saved', savedAt);
      } catch (e) {
        o.onState('error', null, e instanceof Error ? e.message : String(e));
      }
    });
  };

  return {
    /** The draft changed: save it soon. */
    changed() {
      wanted++;
      o.onState('saving', null);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void saveNow(), delay);
    },
    /** The draft is gone: nothing pending is saved, and the saved copy is deleted. */
    discard() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      wanted++;
      void enqueue(() => o.discard().catch(() => undefined));
    },
    /** The page is going away: a save still waiting for its delay starts now. */
    flush() {
      if (timer) {
        clearTimeout(timer);
        void saveNow();
      }
    },
    /** Runs a pending save now and waits for every save asked so far. */
    async settle() {
      if (timer) {
        clearTimeout(timer);
        await saveNow();
      }
      await chain;
    },
  };
}
