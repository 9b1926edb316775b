import type { Workspace } from '../workspace/workspace';
import { HubRefusal, HubUnreachable, type HubClient } from './hubClient';
import { syncWorkspace, unsyncedCount, type SyncReport } from './sync';

// Sync in the background, in the engine's process (the HTTP bridge's server, Electron's main
// process; never the renderer). A local change is committed first (the API call has answered by
// then) and nudges a sync a moment later; a sync pushes and then pulls, so every push is followed by
// a pull, and pulls also run periodically. A failure backs off exponentially up to a cap; a success
// resets it. Only one sync runs at a time, and nothing here is awaited by a call that labels.

export interface BackoffPolicy {
  /** The wait after the first failure (ms); it doubles with each further one. */
  firstMs: number;
  /** The longest wait (ms). */
  capMs: number;
}

/** The wait after `failures` consecutive failures: first, 2x, 4x ... up to the cap. */
export function backoffDelay(failures: number, policy: BackoffPolicy): number {
  if (failures <= 0) return 0;
  return Math.min(policy.capMs, policy.firstMs * 2 ** Math.min(failures - 1, 30));
}

/** Why the last sync failed, in the terms the status bar speaks. */
export type SyncProblem =
  /** The hub could not be reached or failed: everything is kept here and goes out later. */
  | { kind: 'offline'; message: string }
  /** The hub does not accept this member's token (wrong, expired, revoked): it must be entered again. */
  | { kind: 'token'; message: string }
  /** The hub refused the request for another reason (a conflict, too large, too many). */
  | { kind: 'refused'; message: string };

export function problemOf(e: unknown): SyncProblem {
  if (e instanceof HubRefusal) return e.status === 401 ? { kind: 'token', message: e.message } : { kind: 'refused', message: e.message };
  if (e instanceof HubUnreachable) return { kind: 'offline', message: e.message };
  return { kind: 'refused', message: (e as Error).message };
}

export interface BackgroundSyncState {
  /** A sync is in flight. */
  running: boolean;
  /** When the last sync finished without error (ISO), in this process. */
  lastSuccessAt: string | null;
  /** Consecutive failures (0 after a success). */
  failures: number;
  problem: SyncProblem | null;
  /** When the next sync is due (ms since epoch), or null when none is scheduled. */
  nextAttemptAt: number | null;
  lastReport: SyncReport | null;
}

export interface BackgroundSync {
  /** A local change was committed: push it soon (unless the hub is being waited out after a failure). */
  nudge(): void;
  /** Syncs now (after the one in flight, if any), whatever the backoff: answers the state after it. */
  syncNow(): Promise<BackgroundSyncState>;
  state(): BackgroundSyncState;
  stop(): Promise<void>;
}

export interface BackgroundSyncOptions {
  /** The hub client to sync with, read afresh for each sync (a token entered again applies at once); undefined: not connected. */
  client: () => HubClient | undefined;
  /** How long after a change its push starts (ms): changes made in a burst go out together. */
  pushDelayMs?: number;
  /** How often to pull when nothing happens (ms). */
  pullEveryMs?: number;
  backoff?: BackoffPolicy;
  /** After each sync, successful or not. */
  onSync?: (state: BackgroundSyncState) => void;
}

export const DEFAULT_SYNC_TIMING = { pushDelayMs: 1_000, pullEveryMs: 15_000, backoff: { firstMs: 2_000, capMs: 60_000 } } as const;

export function startBackgroundSync(ws: Workspace, options: BackgroundSyncOptions): BackgroundSync {
  const pushDelayMs = options.pushDelayMs ?? DEFAULT_SYNC_TIMING.pushDelayMs;
  const pullEveryMs = options.pullEveryMs ?? DEFAULT_SYNC_TIMING.pullEveryMs;
  const backoff = options.backoff ?? DEFAULT_SYNC_TIMING.backoff;
  const state: BackgroundSyncState = { running: false, lastSuccessAt: null, failures: 0, problem: null, nextAttemptAt: null, lastReport: null };
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  /** Runs a sync at `delay` from now, or sooner if one is already due sooner. */
  function schedule(delay: number) {
    if (stopped) return;
    const due = Date.now() + delay;
    if (timer && state.nextAttemptAt !== null && state.nextAttemptAt <= due) return;
    clearTimeout(timer);
    state.nextAttemptAt = due;
    timer = setTimeout(() => void run(), delay);
    timer.unref?.();
  }

  async function once() {
    const client = options.client();
    if (!client) return;
    state.running = true;
    try {
      state.lastReport = await syncWorkspace(ws, client);
      state.failures = 0;
      state.problem = null;
      state.lastSuccessAt = new Date().toISOString();
    } catch (e) {
      state.failures++;
      state.problem = problemOf(e);
      state.lastReport = (e as { report?: SyncReport }).report ?? state.lastReport;
    } finally {
      state.running = false;
    }
  }

  function run(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (inFlight) {
      again = true;
      return inFlight;
    }
    clearTimeout(timer);
    timer = undefined;
    state.nextAttemptAt = null;
    inFlight = (async () => {
      do {
        again = false;
        await once();
      } while (again && !stopped && state.problem === null);
      inFlight = undefined;
      if (stopped) return;
      // What to do next: wait out a failure; push what was written during the sync; else pull later.
      if (state.problem) schedule(backoffDelay(state.failures, backoff));
      else schedule(unsyncedCount(ws.db) > 0 ? pushDelayMs : pullEveryMs);
      options.onSync?.({ ...state });
    })();
    return inFlight;
  }

  schedule(0);
  return {
    nudge() {
      if (stopped) return;
      if (inFlight) {
        // Written while a sync runs: it may have missed it, so go again once this one is done.
        if (state.problem === null) again = true;
        return;
      }
      if (state.problem === null) schedule(pushDelayMs);
    },
    async syncNow() {
      if (inFlight) await inFlight;
      await run();
      return { ...state };
    },
    state: () => ({ ...state }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      state.nextAttemptAt = null;
      await inFlight;
    },
  };
}
