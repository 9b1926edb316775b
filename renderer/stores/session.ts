import { create } from 'zustand';
import type { AppInfo, Profile, Role } from '../../shared/api/types';
import { api, errorMessage } from '../api/client';
import { notifyError, useNotices } from './notices';

// Who is labeling (one rater profile per person; several can share a machine), which screen is up,
// and the engine's status for the status bar.

/** Rater: queue, label. Adjudicator: adjudicate. Owner: batches, dashboard, guidelines, export. */
export type Screen = 'signin' | 'queue' | 'label' | 'adjudicate' | 'batches' | 'dashboard' | 'guidelines' | 'export';

const RATER_KEY = 'concord.rater';

interface SessionState {
  profiles: Profile[] | null;
  /** Why the profiles could not be loaded (the sign-in screen offers to try again). */
  profilesError: string | null;
  rater: Profile | null;
  screen: Screen;
  info: AppInfo | null;
  /** When this rater signed in or last took a break (ms since epoch), for the break reminder. */
  sessionStart: number;
  loadProfiles(): Promise<void>;
  createProfile(id: string, name: string, roles?: Role[]): Promise<boolean>;
  signIn(profile: Profile): void;
  signOut(): void;
  go(screen: Screen): void;
  refreshInfo(): Promise<void>;
  restartBreakTimer(): void;
}

export const useSession = create<SessionState>((set, get) => ({
  profiles: null,
  profilesError: null,
  rater: null,
  screen: 'signin',
  info: null,
  sessionStart: Date.now(),

  async loadProfiles() {
    set({ profilesError: null });
    try {
      const profiles = await api.listProfiles({});
      set({ profiles });
      const remembered = sessionStorage.getItem(RATER_KEY);
      if (remembered && !get().rater) {
        const p = profiles.find((x) => x.id === remembered);
        if (p) get().signIn(p);
      }
    } catch (e) {
      set({ profiles: null, profilesError: errorMessage(e) });
      notifyError('Could not load rater profiles', e);
    }
  },

  async createProfile(id, name, roles = ['rater']) {
    try {
      const profile = await api.createProfile({ id, name, roles });
      set((s) => ({ profiles: [...(s.profiles ?? []).filter((p) => p.id !== profile.id), profile] }));
      get().signIn(profile);
      return true;
    } catch (e) {
      notifyError('Could not create the profile', e);
      return false;
    }
  },

  signIn(profile) {
    try {
      sessionStorage.setItem(RATER_KEY, profile.id);
    } catch {
      // Session-only memory is fine.
    }
    const first: Screen = profile.roles.includes('rater') ? 'queue' : profile.roles.includes('adjudicator') ? 'adjudicate' : 'dashboard';
    set({ rater: profile, screen: first, sessionStart: Date.now() });
  },

  signOut() {
    try {
      sessionStorage.removeItem(RATER_KEY);
    } catch {
      // Nothing to forget.
    }
    set({ rater: null, screen: 'signin' });
    useNotices.getState().clear();
  },

  go(screen) {
    set({ screen });
  },

  async refreshInfo() {
    try {
      set({ info: await api.appInfo({}) });
    } catch (e) {
      notifyError('Could not read the workspace status', e);
    }
  },

  restartBreakTimer() {
    set({ sessionStart: Date.now() });
  },
}));
