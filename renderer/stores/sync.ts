import { create } from 'zustand';
import type { SyncStatusView } from '../../shared/api/types';
import { api, errorMessage } from '../api/client';

// Sync as the engine reports it (core/sync/status.ts): the status bar polls it. The sync itself runs
// in the engine, in the background; nothing here waits for the network or makes a request of its own.

interface SyncState {
  status: SyncStatusView | null;
  /** Why the status could not be read (the engine itself is unreachable). */
  error: string | null;
  refresh(): Promise<void>;
  syncNow(): Promise<void>;
  /** The member's token entered again; answers the error to show, or null when it was accepted. */
  setToken(token: string): Promise<string | null>;
}

export const useSync = create<SyncState>((set) => ({
  status: null,
  error: null,
  async refresh() {
    try {
      set({ status: await api.syncStatus({}), error: null });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
  async syncNow() {
    try {
      set({ status: { ...(useSync.getState().status as SyncStatusView), state: 'syncing' } });
      set({ status: await api.syncNow({}), error: null });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
  async setToken(token) {
    try {
      set({ status: await api.setHubToken({ token }), error: null });
      return null;
    } catch (e) {
      return errorMessage(e);
    }
  },
}));
