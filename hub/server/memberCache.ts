import type { Member } from '../store/types';

// Who a token belongs to, remembered for a moment. Every request is authenticated, and fifty
// replicas syncing every 100 ms ask a thousand times a second: on PostgreSQL each ask is a round
// trip, a quarter of a sync's. A member revoked or re-invited through this hub is forgotten at once;
// a change made elsewhere (`concord-hub member revoke`, another hub on the same database) takes
// effect within TTL_MS. Unknown tokens are never remembered, so a new invitation works at once.

const TTL_MS = 1000;
/** Beyond this many remembered tokens, the expired ones are dropped. */
const PRUNE_AT = 10_000;

export interface MemberCache {
  byTokenHash(hash: string): Promise<Member | undefined>;
  forget(project: string, member: string): void;
}

export function memberCache(lookup: (hash: string) => Promise<Member | undefined>, ttlMs = TTL_MS): MemberCache {
  const known = new Map<string, { member: Member; until: number }>();
  return {
    async byTokenHash(hash) {
      const now = Date.now();
      const hit = known.get(hash);
      if (hit && hit.until > now) return hit.member;
      const member = await lookup(hash);
      if (!member) {
        known.delete(hash);
        return undefined;
      }
      if (known.size >= PRUNE_AT) for (const [h, e] of known) if (e.until <= now) known.delete(h);
      known.set(hash, { member, until: now + ttlMs });
      return member;
    },
    forget(project, member) {
      for (const [h, e] of known) if (e.member.project === project && e.member.id === member) known.delete(h);
    },
  };
}
