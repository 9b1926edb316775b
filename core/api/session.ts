import type { Session } from '../../shared/api/define';

/**
 * A session held in memory by whoever owns the connection: one per Electron window, one per test
 * caller. (The HTTP bridge keeps its sessions by secret: core/server/sessions.ts.)
 */
export function memorySession(profileId: string | null = null): Session {
  let current = profileId;
  return {
    get profileId() {
      return current;
    },
    signIn(id) {
      current = id;
      return null;
    },
    signOut() {
      current = null;
    },
  };
}
