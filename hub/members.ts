import type { Role } from '../shared/auth/roles';
import type { ConcordEvent } from '../shared/events';
import type { InvitationResponse, NewMember } from '../shared/hub/api';
import { clockOf } from './events/hubClock';
import { readersOf } from './events/access';
import { newToken } from './server/tokens';
import type { HubStore } from './store/types';

// Members are the hub's: adding, re-inviting and revoking one changes the hub's table and announces
// the change to the project's replicas as profile events, so every replica knows who is who.

const DEFAULT_EXPIRY_HOURS = 24 * 7;

async function announce(store: HubStore, project: string, event: ConcordEvent): Promise<void> {
  await store.transaction(project, async (tx) => {
    await tx.append({ id: event.id, type: event.type, author: event.author, body: JSON.stringify(event), readers: await readersOf(event, tx) });
  });
}

const expiry = (hours = DEFAULT_EXPIRY_HOURS) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** Adds a member with a fresh token (shown once; the hub keeps its hash) and announces its profile. */
export async function addMember(store: HubStore, project: string, m: NewMember, by: string): Promise<InvitationResponse> {
  if (!(await store.projectName(project))) throw new Error(`no project "${project}"`);
  if (await store.getMember(project, m.id)) throw new Error(`member "${m.id}" already exists in this project`);
  const { token, hash } = newToken();
  const expiresAt = expiry(m.expiresInHours);
  await store.addMember(project, { id: m.id, name: m.name, roles: m.roles as Role[], tokenHash: hash, expiresAt });
  await announce(store, project, clockOf(store).event('rater.created', by, { raterId: m.id, name: m.name, roles: m.roles }));
  return { member: m.id, token, expiresAt };
}

/** A new token for a member (the old one stops working, a revoked member is let back in). */
export async function inviteAgain(store: HubStore, project: string, id: string, hours?: number): Promise<InvitationResponse | undefined> {
  const member = await store.getMember(project, id);
  if (!member) return undefined;
  const { token, hash } = newToken();
  const expiresAt = expiry(hours);
  await store.setMemberToken(project, id, hash, expiresAt);
  if (member.revokedAt) await announce(store, project, clockOf(store).event('rater.roles_set', 'hub', { raterId: id, roles: member.roles }));
  return { member: id, token, expiresAt };
}

/** Revokes a member: its next sync is refused; what it pushed stays. Replicas see it with no roles. */
export async function revokeMember(store: HubStore, project: string, id: string, by: string): Promise<boolean> {
  const member = await store.getMember(project, id);
  if (!member) return false;
  if (member.revokedAt) return true;
  await store.revokeMember(project, id);
  await announce(store, project, clockOf(store).event('rater.roles_set', by, { raterId: id, roles: [] }));
  return true;
}
