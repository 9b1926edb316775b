import type { Role } from '../auth/roles';
import type { GuidelineRef, LabelValues } from './types';

// What the owner's Team screen shows: the hub's members (who, roles, last sync, what their machine
// still holds as far as the hub knows), each one's progress per batch as the owner's replica has
// it, and the items two adjudicators decided concurrently. Built by the engine (core/team/).

/** Where a member stands with the hub. */
export type MemberStatus =
  /** Has synced at least once. */
  | 'active'
  /** Invited: the token has not been used yet (and works until `invitationExpiresAt`). */
  | 'invited'
  /** Invited, and the token expired unused: invite again. */
  | 'expired'
  /** Revoked: the hub refuses their next sync; what they pushed stays. */
  | 'revoked'
  /** A profile of this workspace only (no hub, or not a member of the hub's project). */
  | 'local';

/** One rater's work on one batch, as the owner's replica has it. */
export interface MemberBatchProgress {
  batchId: string;
  assigned: number;
  labelled: number;
  skipped: number;
  flagged: number;
  /** Assigned, and neither labelled, skipped nor flagged. */
  remaining: number;
}

export interface TeamMember {
  id: string;
  name: string;
  roles: Role[];
  status: MemberStatus;
  /** Since when the hub has them (null: a local profile). */
  createdAt: string | null;
  revokedAt: string | null;
  lastSyncAt: string | null;
  /** Changes still on their machine, as their last sync reported them (null: never reported). */
  reportedPending: number | null;
  /** Until when an unused invitation works (null: no invitation pending). */
  invitationExpiresAt: string | null;
  /** Whether this is the signed-in owner (who cannot revoke themselves). */
  you: boolean;
  progress: MemberBatchProgress[];
}

export interface TeamView {
  /** The hub this workspace syncs with, as which member; null: not connected (invites need a hub). */
  hub: { url: string; project: string; member: string } | null;
  /** Why the hub's member list could not be read just now (the rest is this workspace's). */
  hubError: string | null;
  /** When this workspace last synced: the progress below includes what reached the hub by then. */
  lastSyncedAt: string | null;
  batches: { batchId: string; name: string; items: number }[];
  members: TeamMember[];
}

/** A new member's invitation: the token is shown once, then only the hub's hash of it remains. */
export interface InvitationView {
  member: string;
  name: string;
  roles: Role[];
  token: string;
  hubUrl: string;
  expiresAt: string;
}

/** One of two (or more) adjudications of an item that none replaced: made concurrently, offline. */
export interface ConflictDecision {
  adjudicationId: string;
  adjudicator: string;
  adjudicatorName: string;
  values: LabelValues;
  reason: string;
  at: string;
}

export interface AdjudicationConflictView {
  sampleId: string;
  guideline: GuidelineRef;
  /** The decisions side by side, in clock order (the last one stands until the conflict is settled). */
  decisions: ConflictDecision[];
  /** The fields the decisions differ on. */
  fieldsInDispute: string[];
}
