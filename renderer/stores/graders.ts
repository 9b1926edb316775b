import { create } from 'zustand';
import type { GradersView } from '../../shared/graders/types';
import { api, errorMessage } from '../api/client';

// The dashboard's Graders section: the engine's grader report (core/graders/graderReport.ts) for the
// default human positive, on the dashboard's batch scope with its resamples and seed. Only the newest
// request's answer is kept.

interface GradersState {
  view: GradersView | null;
  loading: boolean;
  error: string | null;
  load(scope: { batch: string | null; bootstrap: number; seed: number }): Promise<void>;
}

let request = 0;

export const useGraders = create<GradersState>((set) => ({
  view: null,
  loading: false,
  error: null,
  async load({ batch, bootstrap, seed }) {
    const mine = ++request;
    set({ loading: true, error: null });
    try {
      const view = await api.graders({ batch: batch ?? undefined, bootstrap, seed });
      if (mine === request) set({ view, loading: false });
    } catch (e) {
      if (mine === request) set({ loading: false, error: errorMessage(e) });
    }
  },
}));
