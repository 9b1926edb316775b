import type { Role } from '../../shared/auth/roles';
import type { InvitationView, MemberStatus, TeamMember, TeamView } from '../../shared/api/team';
import type { MemberView } from '../../shared/hub/api';
import { InputError } from '../errors';
import { readLocal } from '../store/localMeta';
import { prepared } from '../store/prepared';
import { connectedHub } from '../sync/connect';
import { readHubConnection } from '../sync/hubConnection';
import { HubRefusal, HubUnreachable, type HubClient } from '../sync/hubClient';
import { syncWorkspace } from '../sync/sync';
import { listRaters } from '../workspace/raters';
import type { Workspace } from '../workspace/workspace';
import { progressByMember } from './progress';

// The owner's Team screen, engine side. The hub is reached through the workspace's own connection
// (hub.json: the owner's token), never from the renderer; the hub checks the owner role again.

function statusOf(m: MemberView, now: number): MemberStatus {
  if (m.revokedAt) return 'revoked';
  if (m.lastSyncAt) return 'active';
  if (m.invitationExpiresAt && Date.parse(m.invitationExpiresAt) < now) return 'expired';
  return 'invited';
}

/** A hub failure as the owner should read it: what happened, and that nothing changed. */
function hubFailure(e: unknown, what: string): never {
  if (e instanceof HubUnreachable) throw new InputError(`${what}: ${e.message}. Nothing changed; try again when the hub is reachable`);
  if (e instanceof HubRefusal) throw new InputError(`${what}: the hub refused: ${e.message}`);
  throw e;
}

function hubOf(ws: Workspace): HubClient {
  if (!readHubConnection(ws.dir)) throw new InputError('this workspace is not connected to a hub: invitations and revocations go through the team’s hub (connect it with concord connect)');
  return connectedHub(ws.dir).client;
}

/** Members, roles, last sync, what their machines still hold, and progress per batch. */
export async function teamView(ws: Workspace, you: string): Promise<TeamView> {
  const connection = readHubConnection(ws.dir);
  const progress = progressByMember(ws);
  const profiles = new Map(listRaters(ws).map((p) => [p.id, p]));
  let hubMembers: MemberView[] | null = null;
  let hubError: string | null = null;
  if (connection) {
    try {
      hubMembers = await connectedHub(ws.dir).client.members();
    } catch (e) {
      if (!(e instanceof HubUnreachable || e instanceof HubRefusal)) throw e;
      hubError = e instanceof HubRefusal ? `the hub refused to list the members: ${e.message}` : `${e.message}; showing this workspace's profiles and progress as of its last sync`;
    }
  }
  const now = Date.now();
  const member = (id: string, name: string, roles: Role[], hub: MemberView | null): TeamMember => ({
    id,
    name,
    roles,
    status: hub ? statusOf(hub, now) : 'local',
    createdAt: hub?.createdAt ?? null,
    revokedAt: hub?.revokedAt ?? null,
    lastSyncAt: hub?.lastSyncAt ?? null,
    reportedPending: hub?.reportedPending ?? null,
    invitationExpiresAt: hub && !hub.lastSyncAt && !hub.revokedAt ? (hub.invitationExpiresAt ?? null) : null,
    you: id === (connection?.member ?? you) || id === you,
    progress: progress.get(id) ?? [],
  });
  const members: TeamMember[] = hubMembers
    ? hubMembers.map((m) => member(m.id, m.name, m.roles, m))
    : [...profiles.values()].map((p) => member(p.id, p.name, p.roles, null));
  // Profiles with work here that the hub does not list (labels imported for a vendor, say) still show.
  if (hubMembers) {
    for (const id of progress.keys()) {
      if (members.some((m) => m.id === id)) continue;
      const p = profiles.get(id);
      members.push(member(id, p?.name ?? id, p?.roles ?? [], null));
    }
  }
  const batches = prepared(ws.db, 'SELECT b.id AS batchId, b.name, (SELECT count(*) FROM batch_items i WHERE i.batch_id = b.id) AS items FROM batches b ORDER BY b.hlc, b.event_id').all() as TeamView['batches'];
  return {
    hub: connection ? { url: connection.url, project: connection.project, member: connection.member } : null,
    hubError,
    lastSyncedAt: readLocal(ws.db, 'sync.last_synced_at') ?? null,
    batches,
    members,
  };
}

/** Brings the hub's announcement of a change (a new member, a revocation) here; a failed sync is retried by the next one. */
async function syncAfter(ws: Workspace, hub: HubClient): Promise<void> {
  await syncWorkspace(ws, hub).catch(() => undefined);
}

export async function inviteMember(ws: Workspace, input: { id: string; name: string; roles: Role[]; expiresInHours?: number }): Promise<InvitationView> {
  const hub = hubOf(ws);
  const r = await hub.invite({ id: input.id, name: input.name, roles: input.roles, ...(input.expiresInHours ? { expiresInHours: input.expiresInHours } : {}) }).catch((e) => hubFailure(e, `could not invite ${input.id}`));
  await syncAfter(ws, hub);
  return { member: r.member, name: input.name, roles: input.roles, token: r.token, hubUrl: hub.url, expiresAt: r.expiresAt };
}

export async function reinviteMember(ws: Workspace, input: { memberId: string; expiresInHours?: number }): Promise<InvitationView> {
  const hub = hubOf(ws);
  const members = await hub.members().catch((e) => hubFailure(e, `could not invite ${input.memberId} again`));
  const m = members.find((x) => x.id === input.memberId);
  if (!m) throw new InputError(`no member "${input.memberId}" on the hub`);
  const r = await hub.reinvite(input.memberId, input.expiresInHours).catch((e) => hubFailure(e, `could not invite ${input.memberId} again`));
  await syncAfter(ws, hub);
  return { member: r.member, name: m.name, roles: m.roles, token: r.token, hubUrl: hub.url, expiresAt: r.expiresAt };
}

export async function revokeMember(ws: Workspace, memberId: string, by: string): Promise<void> {
  const hub = hubOf(ws);
  const connection = readHubConnection(ws.dir)!;
  if (memberId === connection.member || memberId === by) throw new InputError('an owner cannot revoke themselves; ask another owner');
  await hub.revoke(memberId).catch((e) => hubFailure(e, `could not revoke ${memberId}`));
  await syncAfter(ws, hub);
}
