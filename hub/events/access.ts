import type { ConcordEvent, EventType } from '../../shared/events';
import type { Role } from '../../shared/auth/roles';
import type { HubTx, Reader } from '../store/types';

// Who may push which event, and who may read it: the hub enforces both whatever the client does.

export interface Pusher {
  id: string;
  roles: Role[];
}

// TODO(merge): replaced by shared/auth's event-permission rule once issue 12's convergence lands.
const typeRoles: Record<EventType, Role[]> = {
  'workspace.created': ['owner'],
  'guideline.published': ['owner'],
  'guideline.activated': ['owner'],
  'workspace.setting': ['owner'],
  'samples.imported': ['owner'],
  'rater.created': ['owner'],
  'rater.roles_set': ['owner'],
  'label.submitted': ['rater', 'owner'],
  'label.revised': ['rater', 'owner'],
  'label.undone': ['rater', 'owner'],
  'item.marked': ['rater', 'owner'],
  'item.unmarked': ['rater', 'owner'],
  'gold.set': ['owner'],
  'gold.cleared': ['owner'],
  'batch.created': ['owner'],
  'batch.requeued': ['owner'],
  'adjudication.sent_back': ['adjudicator'],
  'guideline.gap_flagged': ['adjudicator'],
  'adjudication.recorded': ['adjudicator'],
};

const isOwner = (p: Pusher) => p.roles.includes('owner');

/**
 * Why this member may not push this event, or null when it may. A member pushes only events it
 * authored, of types its roles allow; a rater's labels and marks only for items assigned to it and
 * only its own. Owners may also push history authored by others: an owner's workspace becoming the
 * project's source carries labels made on it by local profiles, and labels imported from other tools.
 */
export async function pushRefusal(event: ConcordEvent, member: Pusher, tx: HubTx): Promise<string | null> {
  if (event.author !== member.id && !isOwner(member)) {
    return `${member.id} may push only events it authored; this one is authored by "${event.author}"`;
  }
  const allowed = typeRoles[event.type];
  if (!member.roles.some((r) => allowed.includes(r))) {
    return `${event.type} needs the ${allowed.join(' or ')} role; ${member.id} has ${member.roles.join(', ') || 'no role'}`;
  }
  if (isOwner(member)) return null;
  // A rater (or adjudicator) pushing rater events: only its own, only on its assignments.
  switch (event.type) {
    case 'label.submitted':
    case 'item.marked':
    case 'item.unmarked': {
      const p = event.payload as { raterId: string; sampleId: string };
      if (p.raterId !== member.id) return `${member.id} may push only its own labels and marks, not ${p.raterId}'s`;
      if (!(await tx.isAssigned(member.id, p.sampleId))) return `sample "${p.sampleId}" is not assigned to ${member.id}`;
      return null;
    }
    case 'label.revised':
    case 'label.undone': {
      const labelId = (event.payload as { labelId: string }).labelId;
      const owner = await tx.labelRater(labelId);
      if (owner === undefined) return `label ${labelId} is not on the hub (push its submission first)`;
      if (owner !== member.id) return `label ${labelId} is ${owner}'s, not ${member.id}'s`;
      return null;
    }
    default:
      return null;
  }
}

const staffOnly: Reader[] = ['staff'];

/**
 * Who may read an event. Everyone: the workspace, guidelines and settings. Staff (owners and
 * adjudicators): everything else. A rater also reads its own profile, labels and marks, send-backs
 * of items assigned to it, and re-queues of its batches; its samples and batches reach it as
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
