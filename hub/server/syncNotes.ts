import type { HubStore } from '../store/types';

// When each member last synced, and what it reported still holding, for the owner's Team screen.
// Noted in memory on every request and written once a second, so a hub serving many replicas that
// sync every few hundred ms does not write the members table on every request.

export interface SyncNotes {
  note(project: string, member: string, pending: number | null): void;
  /** Writes what is noted; called every second and when the hub stops. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export function syncNotes(store: HubStore, everyMs = 1000): SyncNotes {
  let dirty = new Map<string, { project: string; member: string; pending: number | null }>();
  const flush = async () => {
    const batch = dirty;
    dirty = new Map();
    for (const n of batch.values()) await store.noteSync(n.project, n.member, n.pending).catch(() => undefined);
  };
  const timer = setInterval(() => void flush(), everyMs);
  timer.unref();
  return {
    note(project, member, pending) {
      const key = `${project}\0${member}`;
      const before = dirty.get(key);
      dirty.set(key, { project, member, pending: pending ?? before?.pending ?? null });
    },
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
