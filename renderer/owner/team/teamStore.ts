import { create } from 'zustand';
import type { AdjudicationConflictView, InvitationView, TeamView } from '../../../shared/api/team';
import type { Role } from '../../../shared/auth/roles';
import type { GuidelinePack } from '../../../shared/guidelines/schema';
import { api, errorMessage } from '../../api/client';
import { notify, notifyError } from '../../stores/notices';
import { useSession } from '../../stores/session';

// The owner's Team screen. Every hub call (members, invite, revoke) is the engine's, through the
// workspace's own hub connection: this store only asks, and shows what the engine answered.

interface TeamState {
  view: TeamView | null;
  loadError: string | null;
  loading: boolean;
  /** The invitation just made: its token is shown once, then forgotten (closing the dialog drops it). */
  invitation: InvitationView | null;
  inviting: boolean;
  /** The member being revoked or re-invited. */
  busyMember: string | null;
  conflicts: AdjudicationConflictView[] | null;
  /** Guideline packs the conflicts' values are read with, by "id@version". */
  packs: Record<string, GuidelinePack>;
  settling: string | null;
  load(): Promise<void>;
  invite(input: { id: string; name: string; roles: Role[]; expiresInHours?: number }): Promise<string | null>;
  reinvite(memberId: string): Promise<void>;
  revoke(memberId: string): Promise<boolean>;
  dropInvitation(): void;
  settle(input: { sampleId: string; choose?: string; values?: Record<string, unknown>; reason: string }): Promise<boolean>;
}

export const useTeam = create<TeamState>((set, get) => ({
  view: null,
  loadError: null,
  loading: false,
  invitation: null,
  inviting: false,
  busyMember: null,
  conflicts: null,
  packs: {},
  settling: null,

  async load() {
    set({ loading: true });
    try {
      const [view, conflicts] = await Promise.all([api.team({}), api.adjudicationConflicts({})]);
      const packs = { ...get().packs };
      for (const c of conflicts) {
        const key = `${c.guideline.id}@${c.guideline.version}`;
        if (!packs[key]) packs[key] = await api.getGuideline(c.guideline);
      }
      set({ view, conflicts, packs, loadError: null });
    } catch (e) {
      set({ loadError: errorMessage(e) });
    } finally {
      set({ loading: false });
    }
  },

  async invite(input) {
    set({ inviting: true });
    try {
      const invitation = await api.inviteMember(input);
      set({ invitation });
      void get().load();
      void useSession.getState().loadProfiles();
      return null;
    } catch (e) {
      return errorMessage(e);
    } finally {
      set({ inviting: false });
    }
  },

  async reinvite(memberId) {
    set({ busyMember: memberId });
    try {
      set({ invitation: await api.reinviteMember({ memberId }) });
      void get().load();
    } catch (e) {
      notifyError(`Could not invite ${memberId} again`, e);
    } finally {
      set({ busyMember: null });
    }
  },

  async revoke(memberId) {
    set({ busyMember: memberId });
    try {
      await api.revokeMember({ memberId });
      notify('success', `Revoked ${memberId}`, 'Their next sync is refused. What they already synced stays.');
      await get().load();
      return true;
    } catch (e) {
      notifyError(`Could not revoke ${memberId}`, e);
      return false;
    } finally {
      set({ busyMember: null });
    }
  },

  dropInvitation() {
    set({ invitation: null });
  },

  async settle(input) {
    set({ settling: input.sampleId });
    try {
      await api.settleConflict(input);
      notify('success', 'Conflict settled', `${input.sampleId} has one final label now, on every machine once it syncs.`);
      await get().load();
      return true;
    } catch (e) {
      notifyError('Could not settle the conflict', e);
      return false;
    } finally {
      set({ settling: null });
    }
  },
}));
