import { create } from 'zustand';
import type { FlagsView, FlagView } from '../../shared/api/types';
import { api, errorMessage } from '../api/client';
import { notify, notifyError } from '../stores/notices';

// The Flagged view's data: raters' flags (open, resolved or all) with skips and flags per rater.
// Resolving is an owner's or adjudicator's act the engine checks; this store only asks.

export type FlagStatus = 'open' | 'resolved' | 'all';

interface FlagsState {
  status: FlagStatus;
  view: FlagsView | null;
  error: string | null;
  /** The flag whose resolution is being written (its form waits for the engine). */
  resolving: string | null;
  load(status?: FlagStatus): Promise<void>;
  resolve(flag: FlagView, note: string): Promise<boolean>;
}

export const useFlags = create<FlagsState>((set, get) => ({
  status: 'open',
  view: null,
  error: null,
  resolving: null,

  async load(status = get().status) {
    set({ status, error: null });
    try {
      const view = await api.flags({ status });
      if (get().status === status) set({ view });
    } catch (e) {
      set({ error: errorMessage(e) });
      notifyError('Could not load the flags', e);
    }
  },

  async resolve(flag, note) {
    set({ resolving: flag.flagId });
    try {
      await api.resolveFlag({ raterId: flag.raterId, sampleId: flag.sampleId, note });
      notify('success', `Resolved ${flag.raterName}’s flag`, `${flag.sampleId} is back in their queue with your note.`);
      await get().load();
      return true;
    } catch (e) {
      notifyError('Could not resolve the flag', e);
      return false;
    } finally {
      set({ resolving: null });
    }
  },
}));
