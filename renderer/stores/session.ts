import { create } from 'zustand';
import type { AppInfo, Profile, Role } from '../../shared/api/types';
import { api, errorMessage } from '../api/client';
import { notifyError, useNotices } from './notices';

// Who is signed in (the engine binds the session: this store only mirrors what it answered), which
// screen is up, and the engine's status for the status bar. Several people can share a machine:
// each signs in as their own profile, in their own window or tab.

/** Rater: queue, label. Adjudicator: adjudicate. Adjudicator or owner: flagged. Owner: batches, dashboard, guidelines, export, people, team. */
export type Screen = 'signin' | 'queue' | 'label' | 'adjudicate' | 'flagged' | 'batches' | 'dashboard' | 'guidelines' | 'export' | 'people' | 'team';

interface SessionState {
  profiles: Profile[] | null;
  /** Why the profiles could not be loaded (the sign-in screen offers to try again). */
  profilesError: string | null;
  /** The signed-in profile, as the engine last told it. */
  rater: Profile | null;
  /** False until the engine has said whether this window or tab is already signed in. */
  resumed: boolean;
  screen: Screen;
  info: AppInfo | null;
  /** When this rater signed in or last took a break (ms since epoch), for the break reminder. */
  sessionStart: number;
  loadProfiles(): Promise<void>;
  /** Picks up the session this window or tab already has (after a reload). */
  resume(): Promise<void>;
  /** A workspace with no profile at all: its first one, who becomes its owner. */
  createFirstProfile(id: string, name: string): Promise<boolean>;
  signIn(profileId: string): Promise<void>;
  signOut(): Promise<void>;
  /** Reads the signed-in profile again (an owner may just have changed its roles). */
  refreshProfile(): Promise<void>;
  go(screen: Screen): void;
  refreshInfo(): Promise<void>;
  restartBreakTimer(): void;
}

/** Where a profile starts: its own queue if it rates, else the first section its roles open. */
export function firstScreen(roles: readonly Role[]): Screen {
  return roles.includes('rater') ? 'queue' : roles.includes('adjudicator') ? 'adjudicate' : 'dashboard';
}

export const useSession = create<SessionState>((set, get) => {
  const enter = (profile: Profile) => set({ rater: profile, screen: firstScreen(profile.roles), sessionStart: Date.now() });

  return {
    profiles: null,
    profilesError: null,
    rater: null,
    resumed: false,
    screen: 'signin',
    info: null,
    sessionStart: Date.now(),

    async loadProfiles() {
      set({ profilesError: null });
      try {
        set({ profiles: await api.listProfiles({}) });
      } catch (e) {
        set({ profiles: null, profilesError: errorMessage(e) });
        notifyError('Could not load the profiles', e);
      }
    },

    async resume() {
      try {
        const profile = await api.currentProfile({});
        if (profile && !get().rater) enter(profile);
      } catch (e) {
        notifyError('Could not read who is signed in', e);
      } finally {
        set({ resumed: true });
      }
    },

    async createFirstProfile(id, name) {
      try {
        // The engine makes the first profile of a workspace its owner; a solo owner also rates and adjudicates.
        const profile = await api.createProfile({ id, name, roles: ['owner', 'adjudicator', 'rater'] });
        set((s) => ({ profiles: [...(s.profiles ?? []).filter((p) => p.id !== profile.id), profile] }));
        await get().signIn(profile.id);
        return true;
      } catch (e) {
        notifyError('Could not create the profile', e);
        return false;
      }
    },

    async signIn(profileId) {
      try {
        const { profile } = await api.signIn({ profileId });
        enter(profile);
      } catch (e) {
        notifyError('Could not sign in', e);
      }
    },

    async signOut() {
      try {
        await api.signOut({});
      } catch (e) {
        notifyError('Could not sign out', e);
      }
      set({ rater: null, screen: 'signin' });
      useNotices.getState().clear();
      void get().loadProfiles();
    },

    async refreshProfile() {
      try {
        const profile = await api.currentProfile({});
        if (!profile) {
          set({ rater: null, screen: 'signin' });
          return;
        }
        const { screen } = get();
        set({ rater: profile, screen: mayOpen(screen, profile.roles) ? screen : firstScreen(profile.roles) });
      } catch (e) {
        notifyError('Could not read your profile', e);
      }
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
  };
});

/** The sections a profile may open, by role, in the header's order. Raters only ever see their own queue. */
export const SECTIONS: { screen: Screen; label: string; role: Role; alsoFor?: Role }[] = [
  { screen: 'queue', label: 'Label', role: 'rater' },
  { screen: 'adjudicate', label: 'Adjudicate', role: 'adjudicator' },
  { screen: 'flagged', label: 'Flagged', role: 'adjudicator', alsoFor: 'owner' },
  { screen: 'batches', label: 'Batches', role: 'owner' },
  { screen: 'dashboard', label: 'Agreement', role: 'owner' },
  { screen: 'guidelines', label: 'Guidelines', role: 'owner' },
  { screen: 'export', label: 'Export', role: 'owner' },
  { screen: 'people', label: 'People', role: 'owner' },
  { screen: 'team', label: 'Team', role: 'owner' },
];

const opens = (s: (typeof SECTIONS)[number], roles: readonly Role[]) => roles.includes(s.role) || (s.alsoFor !== undefined && roles.includes(s.alsoFor));

export function sectionsFor(roles: readonly Role[]) {
  return SECTIONS.filter((s) => opens(s, roles));
}

/** Whether a profile with these roles may be on this screen (the label screen belongs to the queue). */
function mayOpen(screen: Screen, roles: readonly Role[]): boolean {
  const section = SECTIONS.find((s) => s.screen === (screen === 'label' ? 'queue' : screen));
  return !section || opens(section, roles);
}
