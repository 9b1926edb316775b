import { mayWrite } from '../../shared/auth/eventPermissions';
import type { ConcordEvent } from '../../shared/events';
import type { Role } from '../../shared/auth/roles';
import type { HubTx, Reader, TxLookups } from '../store/types';

// Who may push which event, and who may read it: the hub enforces both whatever the client does.

export interface Pusher {
  id: string;
  roles: Role[];
}

const isOwner = (p: Pusher) => p.roles.includes('owner');

/** The events a rater may push only for items assigned to it. */
const onAssignedItems = new Set<string>(['label.submitted', 'item.marked', 'item.unmarked']);

/**
 * Why this member may not push this event, or null when it may. A member pushes only events it
 * authored, and only what its roles allow (shared/auth/eventPermissions.ts, the rule every replica
 * applies too); a rater's labels and marks only for items assigned to it. Owners may also push
 * history authored by others (an owner's workspace becoming the project's source carries labels
 * made on it by local profiles, and labels imported from other tools), each checked against the
 * roles the project gives its author.
 */
export async function pushRefusal(event: ConcordEvent, member: Pusher, tx: HubTx): Promise<string | null> {
  if (event.author !== member.id && !isOwner(member)) {
    return `${member.id} may push only events it authored; this one is authored by "${event.author}"`;
  }
  // History an owner pushes may be authored by names that were never profiles (workspaces written
  // before profiles were identities: the machine's user name): the owner vouches for it.
  const roles = event.author === member.id ? member.roles : ((await tx.profileRoles(event.author)) ?? member.roles);
  const labelId = (event.payload as { labelId?: unknown }).labelId;
  const labelRater = typeof labelId === 'string' && event.type !== 'label.submitted' ? await tx.labelRater(labelId) : undefined;
  const founding = event.type === 'workspace.created' && (await tx.workspaceId()) === null;
  // The hub always knows the project's owners: they are members.
  const permission = mayWrite(event, { roles, founding, ownerKnown: true, labelRater: (id) => (id === labelId ? labelRater : undefined) });
  if (!permission.ok) return permission.reason;
  if (isOwner(member)) return null;
  // A rater's labels and marks: only on items assigned to it.
  if (onAssignedItems.has(event.type)) {
    const sample = (event.payload as { sampleId: string }).sampleId;
    if (!(await tx.isAssigned(member.id, sample))) return `sample "${sample}" is not assigned to ${member.id}`;
  }
  return null;
}

/** What pushRefusal will ask of these events, for tx.preload to ask at once (a push of 2,000 labels: one query, not 2,000). */
export function lookupsFor(events: ConcordEvent[], member: Pusher): TxLookups {
  const p = (e: ConcordEvent) => e.payload as { sampleId?: unknown; labelId?: unknown };
  return {
    assignments: isOwner(member) ? [] : events.filter((e) => onAssignedItems.has(e.type) && typeof p(e).sampleId === 'string').map((e) => ({ rater: member.id, sample: p(e).sampleId as string })),
    labels: events.filter((e) => e.type !== 'label.submitted' && typeof p(e).labelId === 'string').map((e) => p(e).labelId as string),
  };
}

const staffOnly: Reader[] = ['staff'];

/**
 * Who may read an event. Everyone: the workspace, guidelines and settings. Staff (owners and
 * adjudicators): everything else. A rater also reads its own profile, labels and marks, the answers
 * to its flags, send-backs of items assigned to it, and re-queues of its batches; its samples and batches reach it as
 * events made for it alone (derived.ts), never another rater's labels, marks or rationale, nor gold.
 */
export async function readersOf(event: ConcordEvent, tx: HubTx): Promise<Reader[]> {
  const rater = (id: string): Reader => `rater:${id}`;
  switch (event.type) {
    case 'workspace.created':
    case 'guideline.published':
    case 'guideline.activated':
    case 'workspace.setting':
      return ['all'];
    case 'rater.created':
    case 'rater.roles_set':
    case 'label.submitted':
    case 'item.marked':
    case 'item.unmarked':
    case 'flag.resolved':
      return ['staff', rater((event.payload as { raterId: string }).raterId)];
    case 'label.revised':
    case 'label.undone': {
      const owner = await tx.labelRater((event.payload as { labelId: string }).labelId);
      return owner ? ['staff', rater(owner)] : staffOnly;
    }
    case 'adjudication.sent_back':
      return ['staff', ...(await tx.assignedRaters((event.payload as { sampleId: string }).sampleId)).map(rater)];
    case 'batch.requeued':
      return ['staff', ...(await tx.batchRaters((event.payload as { batchId: string }).batchId)).map(rater)];
    case 'adjudication.recorded':
    case 'adjudication.settled':
      // Final labels: never a rater's to read (they would see how their items were decided).
      return staffOnly;
    case 'guideline.gap_flagged':
    case 'guideline.gap_resolved':
      // Notes on the guideline for its next version: the owners' and adjudicators' working material.
      return staffOnly;
    default:
      return staffOnly;
  }
}

/** What the hub remembers of a stored event, for the access decisions of later ones. */
export async function remember(event: ConcordEvent, seq: number, tx: HubTx): Promise<void> {
  switch (event.type) {
    case 'workspace.created':
      await tx.setWorkspaceId((event as ConcordEvent<'workspace.created'>).payload.workspaceId);
      return;
    case 'samples.imported':
      await tx.indexSamples(seq, (event as ConcordEvent<'samples.imported'>).payload.ids);
      return;
    case 'label.submitted': {
      const p = (event as ConcordEvent<'label.submitted'>).payload;
      await tx.addLabel(p.labelId, p.raterId, p.sampleId);
      return;
    }
    case 'rater.created': {
      const p = (event as ConcordEvent<'rater.created'>).payload;
      await tx.setProfileRoles(p.raterId, p.roles, true);
      return;
    }
    case 'rater.roles_set': {
      const p = (event as ConcordEvent<'rater.roles_set'>).payload;
      await tx.setProfileRoles(p.raterId, p.roles, false);
      return;
    }
    case 'batch.created': {
      const p = (event as ConcordEvent<'batch.created'>).payload;
      await tx.addAssignments(
        p.batchId,
        p.items.flatMap((it) => it.raters.map((r) => ({ rater: r, sample: it.sampleId }))),
      );
      return;
    }
    default:
      return;
  }
}
