import { create } from 'zustand';
import type { Profile, Role } from '../../../shared/api/types';
import { api } from '../../api/client';
import { notify, notifyError } from '../../stores/notices';
import { useSession } from '../../stores/session';

// The owner's People panel: adding profiles and setting their roles. The engine refuses both to
// anyone but an owner; this store only asks, and keeps the session's profile list up to date.

interface PeopleState {
  /** The profile whose roles are being saved (its checkboxes wait for the engine). */
  saving: string | null;
  addProfile(p: Profile): Promise<boolean>;
  setRoles(profileId: string, roles: Role[]): Promise<void>;
}

function replaceProfile(profile: Profile) {
  useSession.setState((s) => ({ profiles: [...(s.profiles ?? []).filter((p) => p.id !== profile.id), profile] }));
}

export const usePeople = create<PeopleState>((set) => ({
  saving: null,

  async addProfile(p) {
    try {
      const profile = await api.createProfile({ id: p.id, name: p.name, roles: p.roles });
      replaceProfile(profile);
      notify('success', `Added ${profile.name}`, 'They can sign in on this computer now.');
      return true;
    } catch (e) {
      notifyError('Could not add the profile', e);
      return false;
    }
  },

  async setRoles(profileId, roles) {
    set({ saving: profileId });
    try {
      const profile = await api.setProfileRoles({ profileId, roles });
      replaceProfile(profile);
      // Your own roles changed: the header and the screens you may open follow at once.
      if (profileId === useSession.getState().rater?.id) await useSession.getState().refreshProfile();
    } catch (e) {
      notifyError('Could not change the roles', e);
    } finally {
      set({ saving: null });
    }
  },
}));
