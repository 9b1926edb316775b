import { createHash, randomBytes } from 'node:crypto';
import type { Session } from '../../shared/api/define';

// The HTTP bridge's sessions: a random secret per signed-in tab, bound to one profile. Kept in
// memory (a restart signs everyone out) and looked up by the secret's hash, so the map holds no
// secret and a lookup's timing says nothing about one.

export interface SessionTable {
  /** The session a request's secret stands for (unknown or absent: a session signed in as no one). */
  sessionFor(secret: string | undefined): Session;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function createSessionTable(): SessionTable {
  const profiles = new Map<string, string>();
  return {
    sessionFor(secret) {
      let key = secret ? hash(secret) : undefined;
      return {
        get profileId() {
          return (key && profiles.get(key)) ?? null;
        },
        signIn(profileId) {
          // A new secret on every sign-in: the one this request carried, if any, ends here.
          if (key) profiles.delete(key);
          const fresh = randomBytes(32).toString('base64url');
          key = hash(fresh);
          profiles.set(key, profileId);
          return fresh;
        },
        signOut() {
          if (key) profiles.delete(key);
          key = undefined;
        },
      };
    },
  };
}
