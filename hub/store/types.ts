import type { Role } from '../../shared/auth/roles';

// The hub's storage, behind one interface with two implementations (SQLite, PostgreSQL) that pass
// one conformance suite (store.conformance.test.ts). The store knows tables, locks and sequences;
// what an event means (who may push it, who may read it) lives in hub/access and hub/events.

export interface Member {
  project: string;
  id: string;
  name: string;
  roles: Role[];
  /** Until when the member's token works if it is never used (an invitation); null: no expiry. */
  tokenExpiresAt: string | null;
  createdAt: string;
  revokedAt: string | null;
  /** When this member's replica last pushed or pulled. */
  lastSyncAt: string | null;
  /** Changes still on the member's machine, as its last sync reported them. */
  reportedPending: number | null;
}

/**
 * Who may read a stored event: everyone in the project, staff (owners and adjudicators), or one
 * rater. An event lists every reader class it is for; a member reads the union of its classes.
 */
export type Reader = 'all' | 'staff' | `rater:${string}`;

export interface NewEventRow {
  id: string;
  type: string;
  author: string;
  /** The event's JSON exactly as it will be served. */
  body: string;
  readers: Reader[];
}

export interface StoredEvent {
  seq: number;
  body: string;
}

/** What the access checks of a push will ask, asked at once (HubTx.preload). */
export interface TxLookups {
  /** (rater, sample) pairs: is the sample assigned to the rater? */
  assignments: { rater: string; sample: string }[];
  /** Label ids: whose label is it? */
  labels: string[];
  /** Event ids: is it stored already? */
  events?: string[];
}

/** What the hub remembers of a project's events to decide who may push and read what. */
export interface HubTx {
  readonly project: string;
  /** Which of these event ids are stored already. */
  existingIds(ids: string[]): Promise<Set<string>>;
  /** Stores an event under the next sequence number of the project (gap-free, under the project's lock). */
  append(row: NewEventRow): Promise<number>;
  workspaceId(): Promise<string | null>;
  setWorkspaceId(id: string): Promise<void>;
  addAssignments(batchId: string, rows: { rater: string; sample: string }[]): Promise<void>;
  isAssigned(rater: string, sample: string): Promise<boolean>;
  /** Raters a sample is assigned to, in any batch. */
  assignedRaters(sample: string): Promise<string[]>;
  /** Raters a batch assigns items to. */
  batchRaters(batchId: string): Promise<string[]>;
  /** Roles the project's events give a profile (rater.created, rater.roles_set), for events owners push on others' behalf. */
  setProfileRoles(id: string, roles: Role[], onlyIfNew: boolean): Promise<void>;
  profileRoles(id: string): Promise<Role[] | undefined>;
  addLabel(labelId: string, rater: string, sample: string): Promise<void>;
  labelRater(labelId: string): Promise<string | undefined>;
  /** Records where each imported sample's row lives (event seq, row index). */
  indexSamples(seq: number, ids: string[]): Promise<void>;
  samplePlaces(ids: string[]): Promise<{ id: string; seq: number; rowIndex: number }[]>;
  eventBody(seq: number): Promise<string>;
  /** Of these samples, the ones a rater has already been sent. */
  samplesSentTo(rater: string, ids: string[]): Promise<Set<string>>;
  markSamplesSent(rater: string, ids: string[]): Promise<void>;
  /** Asks these at once, so existingIds, isAssigned and labelRater answer them from memory (a hint: answers are the same without it). */
  preload(lookups: TxLookups): Promise<void>;
}

export interface HubStore {
  readonly kind: 'sqlite' | 'postgres';
  /** This hub's replica id: the origin of the events the hub writes itself. */
  readonly origin: string;
  createProject(name: string): Promise<string>;
  projectName(project: string): Promise<string | undefined>;
  addMember(project: string, member: { id: string; name: string; roles: Role[]; tokenHash: string; expiresAt?: string | null }): Promise<void>;
  listMembers(project: string): Promise<Member[]>;
  getMember(project: string, id: string): Promise<Member | undefined>;
  /** Marks a member revoked (its token stops working); false if there is no such member. */
  revokeMember(project: string, id: string): Promise<boolean>;
  /** Replaces a member's token (a new invitation, unrevoking it); the old one stops working. */
  setMemberToken(project: string, id: string, tokenHash: string, expiresAt?: string | null): Promise<boolean>;
  /** The member a token hash belongs to, revoked or not. */
  memberByTokenHash(tokenHash: string): Promise<Member | undefined>;
  noteSync(project: string, member: string, reportedPending: number | null): Promise<void>;
  /** Runs fn in one transaction holding the project's append lock: all of it commits, or none. */
  transaction<T>(project: string, fn: (tx: HubTx) => Promise<T>): Promise<T>;
  /** Events after a sequence number that any of these reader classes may read, in order. */
  read(project: string, readers: Reader[], after: number, limit: number): Promise<StoredEvent[]>;
  lastSeq(project: string): Promise<number>;
  /** A consistent copy of everything, taken while serving. */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

export class HubStoreError extends Error {
  override name = 'HubStoreError';
}
