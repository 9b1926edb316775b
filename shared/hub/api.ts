import { z } from 'zod';
import { roleSchema, type Role } from '../auth/roles';

// The hub's HTTP API (version 1), declared once: the hub validates requests with these schemas and
// the sync engine (core/sync) builds them. Documented in the README ("The hub's HTTP API").

export const HUB_API_VERSION = 'v1';

/** Most events one push may carry, and most bytes one request body may have. */
export const MAX_PUSH_EVENTS = 2000;
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Most events, and about most bytes, one pull page carries (a page always has at least one event). */
export const MAX_PULL_EVENTS = 2000;
export const MAX_PULL_BYTES = 4 * 1024 * 1024;

export const memberIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a member id is 1-64 letters, digits, ".", "_" or "-"');

export const pushRequestSchema = z.object({
  /** Events as the engine stores them; each is validated by shared/events' parseEvent. */
  events: z.array(z.unknown()).min(1).max(MAX_PUSH_EVENTS),
  /** How many local changes the client still holds after this push (for the owner's Team screen). */
  pending: z.number().int().min(0).optional(),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export interface PushResponse {
  stored: number;
  duplicates: number;
}

export const pullQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_EVENTS).default(500),
  /** Same as push's `pending`, for clients that only pull. */
  pending: z.coerce.number().int().min(0).optional(),
});

export interface PullResponse {
  events: { seq: number; event: unknown }[];
  /** The cursor to ask with next: the last seq of this page (or `after` when it is empty). */
  next: number;
  more: boolean;
}

export interface MeResponse {
  member: string;
  name: string;
  roles: Role[];
  project: string;
  projectName: string;
}

export const newMemberSchema = z.object({
  id: memberIdSchema,
  name: z.string().trim().min(1).max(100),
  roles: z.array(roleSchema).min(1),
  /** How long the invitation token stays valid if it is never used (hours; default 7 days). */
  expiresInHours: z.number().int().min(1).max(24 * 365).optional(),
});
export type NewMember = z.infer<typeof newMemberSchema>;

export interface MemberView {
  id: string;
  name: string;
  roles: Role[];
  createdAt: string;
  revokedAt: string | null;
  lastSyncAt: string | null;
  reportedPending: number | null;
}

export interface InvitationResponse {
  member: string;
  token: string;
  /** Until when the token works if it is never used. */
  expiresAt: string;
}

export type HubErrorCode = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited' | 'internal';

export interface HubErrorBody {
  error: { code: HubErrorCode; message: string; event?: string };
}

/** The header every hub answer carries: the hub's clock (ms since the epoch), so a client can tell its own is off. */
export const HUB_TIME_HEADER = 'x-concord-hub-time';
