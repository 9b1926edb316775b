import { create } from 'zustand';
import type { LaunchView } from '../../shared/api/types';
import { api, errorMessage } from '../api/client';
import { useSession } from './session';

// The app's first run as the engine reports it (core/launch/appEngine.ts): choosing a way in,
// joining a team (the initial sync's progress, polled), or ready. This store only mirrors the
// engine's answers; the choice itself is made there.

const POLL_MS = 400;

interface LaunchState {
  view: LaunchView | null;
  /** Why the last choice was refused (shown on the form that made it). */
  error: string | null;
  busy: boolean;
  load(): Promise<void>;
  startDemo(): Promise<void>;
  startLocal(name: string, ownerId: string, ownerName: string): Promise<void>;
  join(hubUrl: string, token: string): Promise<void>;
}

let polling: ReturnType<typeof setTimeout> | undefined;

export const useLaunch = create<LaunchState>((set, get) => {
  /** Takes the engine's answer; once the workspace is open, the session part of the app starts. */
  const take = async (view: LaunchView, signInAs?: string) => {
    const was = get().view?.stage;
    set({ view, error: null });
    clearTimeout(polling);
    if (view.stage === 'joining') polling = setTimeout(() => void get().load(), POLL_MS);
    if (view.stage === 'ready' && was !== 'ready') {
      const session = useSession.getState();
      // A member's replica signs its member in: who they are and their roles come from the hub.
      const who = signInAs ?? (was === 'joining' ? (view.member ?? undefined) : undefined);
      if (who) await session.signIn(who);
      await Promise.all([session.resume(), session.loadProfiles(), session.refreshInfo()]);
    }
  };
  const attempt = async (run: () => Promise<LaunchView>, signInAs?: string) => {
    set({ busy: true, error: null });
    try {
      await take(await run(), signInAs);
    } catch (e) {
      set({ error: errorMessage(e) });
    } finally {
      set({ busy: false });
    }
  };

  return {
    view: null,
    error: null,
    busy: false,
    async load() {
      try {
        await take(await api.launchState({}));
      } catch (e) {
        set({ error: errorMessage(e) });
        polling = setTimeout(() => void get().load(), POLL_MS * 5);
      }
    },
    startDemo: () => attempt(() => api.startDemo({})),
    startLocal: (name, ownerId, ownerName) => attempt(() => api.startLocal({ name, ownerId, ownerName }), ownerId),
    join: (hubUrl, token) => attempt(() => api.joinTeam({ hubUrl, token })),
  };
});
