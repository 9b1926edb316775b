import { z } from 'zod';
import { roleSchema } from '../auth/roles';
import { memberIdSchema } from '../hub/api';
import type { PackDiff } from '../guidelines/diff';
import type { GuidelinePack } from '../guidelines/schema';
import type { GradersView } from '../graders/types';
import { batchFiltersSchema } from '../sampling/batchFilters';
import { endpoint } from './define';
import type { AdjudicationConflictView, InvitationView, TeamView } from './team';
import type {
  BatchPoolView,
  AdjudicationItem,
  BatchDetail,
  FlagsView,
  AgreementView,
  AppInfo,
  BatchSummary,
  CreatedBatchView,
  DisagreementView,
  DraftCheck,
  ExportResult,
  GuidelineVersionInfo,
  ItemView,
  LaunchView,
  Profile,
  QueuePage,
  SaveResult,
  SavedGuidelineDraft,
  SignedIn,
  SyncStatusView,
} from './types';

const profileId = z.string().min(1).max(64);
const sampleId = z.string().min(1).max(1000);
const values = z.record(z.string(), z.unknown());
const guidelineRef = z.object({ id: z.string().min(1), version: z.string().min(1) });
const rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('any'), field: z.string().optional() }),
  z.object({ kind: z.literal('spread'), field: z.string().default('severity'), levels: z.number().int().min(1) }),
  z.object({ kind: z.literal('low-confidence'), threshold: z.number().gt(0).max(1), method: z.enum(['majority', 'dawid-skene']).default('dawid-skene') }),
]);

// Who may call what (shared/api/define.ts): the dispatcher refuses anyone else before the handler
// runs. The README's "Identity and roles" table says the same in words (a test keeps them equal).
const anyone = { roles: 'no-session', writes: false } as const;
/** Open to anyone at this machine, and only while the app has no workspace yet (its first run). */
const firstRun = { roles: 'no-session', writes: true } as const;
const signedIn = { roles: 'signed-in', writes: false } as const;
const rater = { read: { roles: ['rater'], writes: false }, write: { roles: ['rater'], writes: true } } as const;
const adjudicator = { write: { roles: ['adjudicator'], writes: true } } as const;
const owner = { read: { roles: ['owner'], writes: false }, write: { roles: ['owner'], writes: true } } as const;
/** Adjudicators read the labels of the items they adjudicate; owners read everything. */
const reviewers = { roles: ['adjudicator', 'owner'], writes: false } as const;
/** Owners and adjudicators answer raters' flags. */
const reviewerWrite = { roles: ['adjudicator', 'owner'], writes: true } as const;

/**
 * Every call the renderer may make, declared once. The engine implements it (core/api/handlers.ts);
 * Electron's IPC (electron/) and the local HTTP bridge (core/server/) are generated from it. No call
 * names its caller: the acting profile comes from the session (`signIn`).
 */
export const contract = {
  appInfo: endpoint<AppInfo>()(anyone, z.object({})),
  getGuideline: endpoint<GuidelinePack>()(signedIn, z.object({ id: z.string().min(1), version: z.string().min(1) })),

  // Sessions and people. Signing in as a local profile needs no password: the machine and its
  // workspace file are the boundary (README, "Identity and roles").
  listProfiles: endpoint<Profile[]>()(anyone, z.object({})),
  /** Who this session is signed in as (null: no one). */
  currentProfile: endpoint<Profile | null>()(anyone, z.object({})),
  /** Binds this session to a profile; over HTTP the answer carries the session secret the client then sends. */
  signIn: endpoint<SignedIn>()(anyone, z.object({ profileId })),
  signOut: endpoint<null>()(anyone, z.object({})),
  /** An owner adds a person; the first profile of a workspace with none needs no session and is its owner. */
  createProfile: endpoint<Profile>()(
    { ...owner.write, firstProfile: true },
    z.object({ id: profileId, name: z.string().trim().min(1).max(100), roles: z.array(roleSchema).min(1).default(['rater']) }),
  ),
  /** An owner grants or takes away roles: the profile's roles become exactly these. */
  setProfileRoles: endpoint<Profile>()(owner.write, z.object({ profileId, roles: z.array(roleSchema).min(1) })),

  // The first run: open the demo, create a local workspace, or join a team. Each answers only while
  // the app has no workspace (core/launch/appEngine.ts); then the workspace is this app's.
  /** Whether there is a workspace yet, and how far joining a team is. */
  launchState: endpoint<LaunchView>()(anyone, z.object({})),
  startDemo: endpoint<LaunchView>()(firstRun, z.object({})),
  /** A workspace on this machine only, with its first profile, its owner (who also rates and adjudicates). */
  startLocal: endpoint<LaunchView>()(firstRun, z.object({ name: z.string().trim().min(1).max(200), ownerId: profileId, ownerName: z.string().trim().min(1).max(100) })),
  /** Joins a hub project with an invitation: the hub says who the member is and their roles. */
  joinTeam: endpoint<LaunchView>()(
    firstRun,
    z.object({ hubUrl: z.string().trim().url('the hub address must be a URL, like https://hub.example.org'), token: z.string().trim().min(1).max(500) }),
  ),

  // Sync with the team's hub, run in the background by the engine (core/sync/background.ts).
  syncStatus: endpoint<SyncStatusView>()(signedIn, z.object({})),
  /** Syncs now (after a failure: without waiting for the backoff); needs a hub connection. */
  syncNow: endpoint<SyncStatusView>()({ roles: 'signed-in', writes: true }, z.object({})),
  /** The member's token entered again (wrong, expired or revoked); it must be the same member's. */
  setHubToken: endpoint<SyncStatusView>()({ roles: 'signed-in', writes: true }, z.object({ token: z.string().trim().min(1).max(500) })),

  // Raters: every call acts on the signed-in rater's own queue, labels and marks.
  queue: endpoint<QueuePage>()(
    rater.read,
    z.object({
      filter: z.enum(['all', 'todo', 'done', 'skipped', 'flagged']).default('all'),
      search: z.string().max(200).default(''),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
  /** The first item still to do, at or after a queue position. */
  nextTodo: endpoint<string | null>()(rater.read, z.object({ fromPosition: z.number().int().min(0).default(0) })),
  getItem: endpoint<ItemView>()(rater.read, z.object({ sampleId })),

  /** Submits a first label, or revises this rater's existing one (a revision keeps history). */
  saveLabel: endpoint<SaveResult>()(rater.write, z.object({ sampleId, values, timeSpentMs: z.number().int().min(0) })),
  skipItem: endpoint<{ nextSampleId: string | null }>()(rater.write, z.object({ sampleId })),
  flagItem: endpoint<{ nextSampleId: string | null }>()(rater.write, z.object({ sampleId, comment: z.string().trim().min(1).max(2000) })),
  clearMark: endpoint<null>()(rater.write, z.object({ sampleId })),
  /** Takes back this rater's most recent submission (it stays in the history); returns its sample. */
  undoLastSubmission: endpoint<{ sampleId: string } | null>()(rater.write, z.object({})),

  // Owners: batches, agreement, guideline versions, export.
  createBatch: endpoint<CreatedBatchView>()(
    owner.write,
    z.object({
      name: z.string().trim().min(1).max(200),
      size: z.number().int().min(1),
      seed: z.number().int(),
      strategy: z.enum(['random', 'stratified']).default('random'),
      stratifyBy: z.string().optional(),
      bins: z.number().int().min(2).max(20).default(5),
      overlap: z.object({ k: z.number().int().min(1), fraction: z.number().gt(0).max(1).default(1) }),
      goldShare: z.number().min(0).max(1).default(0),
      raters: z.array(profileId).min(1),
      filters: batchFiltersSchema.default({ excludeBatched: true }),
    }),
  ),
  /** How many samples (and gold items) a new batch could draw from under these filters, and what to filter by. */
  batchPool: endpoint<BatchPoolView>()(owner.read, z.object({ filters: batchFiltersSchema.default({ excludeBatched: true }) })),
  listBatches: endpoint<BatchSummary[]>()(owner.read, z.object({})),
  /** One batch: its items (each rater's state on each), its raters' progress. */
  batchDetail: endpoint<BatchDetail>()(owner.read, z.object({ batchId: z.string().min(1) })),
  /** Marks a sample as gold with its reference label (under the version its labels use, else the active one). */
  setGold: endpoint<null>()(owner.write, z.object({ sampleId, values })),
  clearGold: endpoint<null>()(owner.write, z.object({ sampleId })),
  /** After a new guideline version is published mid-batch: keep the batch on its version, or move it (items to do again). */
  setBatchVersion: endpoint<BatchSummary>()(owner.write, z.object({ batchId: z.string().min(1), action: z.enum(['continue', 'requeue']), guideline: guidelineRef.optional() })),
  agreement: endpoint<AgreementView>()(
    owner.read,
    z.object({ field: z.string().optional(), version: z.string().optional(), batch: z.string().optional(), bootstrap: z.number().int().min(0).max(10_000).default(200), seed: z.number().int().default(1) }),
  ),
  setAgreementThreshold: endpoint<{ threshold: number }>()(owner.write, z.object({ threshold: z.number().min(0).max(1) })),
  /** Whether raters see the graders' scores (off by default: they would anchor the human labels). */
  setGraderScoresVisible: endpoint<{ visible: boolean }>()(owner.write, z.object({ visible: z.boolean() })),
  listGuidelineVersions: endpoint<GuidelineVersionInfo[]>()(owner.read, z.object({})),
  diffGuidelines: endpoint<PackDiff>()(owner.read, z.object({ id: z.string().min(1), from: z.string().min(1), to: z.string().min(1) })),
  checkGuidelineDraft: endpoint<DraftCheck>()(owner.read, z.object({ pack: z.unknown() })),
  publishGuideline: endpoint<GuidelineVersionInfo>()(owner.write, z.object({ pack: z.unknown(), activate: z.boolean().default(true) })),
  // The draft being written, saved on this machine as it is edited (no event: like an export, a
  // local write that never syncs), so it survives a reload; one per owner.
  savedGuidelineDraft: endpoint<SavedGuidelineDraft | null>()(owner.read, z.object({})),
  saveGuidelineDraft: endpoint<{ savedAt: string }>()(
    owner.read,
    z.object({ base: guidelineRef, mode: z.enum(['form', 'json']), pack: z.unknown().optional(), json: z.string().max(4_000_000).optional() }),
  ),
  discardGuidelineDraft: endpoint<null>()(owner.read, z.object({})),
  /** Settles a gap note adjudicators flagged: how, and optionally the version of the guideline that addresses it. */
  resolveGuidelineGap: endpoint<null>()(
    owner.write,
    z.object({ gapId: z.string().min(1), note: z.string().trim().min(1, 'resolving a gap needs a note: how the guideline settles it').max(4000), addressedIn: z.string().min(1).optional() }),
  ),
  /** Automated graders against the final human labels (core/graders/graderReport.ts). */
  graders: endpoint<GradersView>()(
    owner.read,
    z.object({
      scores: z.array(z.string().min(1)).optional(),
      field: z.string().min(1).optional(),
      positive: z.string().optional(),
      severityAtLeast: z.number().int().optional(),
      threshold: z.number().min(0).max(1).default(0.5),
      recall: z.number().gt(0).max(1).optional(),
      batch: z.string().min(1).optional(),
      bootstrap: z.number().int().min(0).max(10_000).default(200),
      seed: z.number().int().default(1),
    }),
  ),
  /** Writes the export file into the workspace's exports/ folder (a file, not an event). */
  exportLabels: endpoint<ExportResult>()(
    owner.read,
    z.object({ format: z.enum(['jsonl', 'csv']).default('jsonl'), method: z.enum(['adjudicated-then-dawid-skene', 'adjudicated-then-majority']).default('adjudicated-then-dawid-skene') }),
  ),

  // The owner's Team screen: the hub's members through the owner's own hub connection (hub.json);
  // the engine makes every HTTP call, and the hub checks the owner's role again.
  team: endpoint<TeamView>()(owner.read, z.object({})),
  /** Adds a member on the hub; the answer holds their token, shown once. Then syncs, so the new profile is here. */
  inviteMember: endpoint<InvitationView>()(
    owner.write,
    z.object({ id: memberIdSchema, name: z.string().trim().min(1).max(100), roles: z.array(roleSchema).min(1), expiresInHours: z.number().int().min(1).max(24 * 365).optional() }),
  ),
  /** A new token for a member (the old one stops working; a revoked member is let back in). */
  reinviteMember: endpoint<InvitationView>()(owner.write, z.object({ memberId: memberIdSchema, expiresInHours: z.number().int().min(1).max(24 * 365).optional() })),
  /** The hub refuses the member's next sync; what they pushed stays. */
  revokeMember: endpoint<null>()(owner.write, z.object({ memberId: memberIdSchema })),
  /** Items two adjudicators decided concurrently (offline), with both decisions. */
  adjudicationConflicts: endpoint<AdjudicationConflictView[]>()(owner.read, z.object({})),
  /** Settles a conflict: one of the decisions (`choose`), or a new one (`values`); an owner's event that replaces them all. */
  settleConflict: endpoint<null>()(
    owner.write,
    z.object({ sampleId, choose: z.string().min(1).optional(), values: values.optional(), reason: z.string().trim().max(4000).default('') }),
  ),

  // Adjudicators: the signed-in adjudicator authors every adjudication, send-back and gap note.
  disagreements: endpoint<DisagreementView[]>()(reviewers, z.object({ rule })),
  adjudicationItem: endpoint<AdjudicationItem>()(reviewers, z.object({ sampleId, anonymize: z.boolean().default(true) })),
  adjudicate: endpoint<null>()(adjudicator.write, z.object({ sampleId, values, reason: z.string().trim().min(1, 'an adjudication needs a reason').max(4000) })),
  sendBack: endpoint<null>()(adjudicator.write, z.object({ sampleId, reason: z.string().trim().min(1).max(4000) })),
  /** Raters' flags with their comments (open, resolved or all), and skips and flags counted per rater. */
  flags: endpoint<FlagsView>()(reviewers, z.object({ status: z.enum(['open', 'resolved', 'all']).default('open') })),
  /** Answers a rater's open flag on an item: resolved, and the item is theirs to label again, with the note. */
  resolveFlag: endpoint<null>()(reviewerWrite, z.object({ raterId: profileId, sampleId, note: z.string().trim().min(1, 'resolving a flag needs a note for the rater').max(4000) })),
  flagGuidelineGap: endpoint<null>()(adjudicator.write, z.object({ sampleId: sampleId.optional(), field: z.string().optional(), note: z.string().trim().min(1).max(4000) })),
} as const;

export type ApiContract = typeof contract;
export type ApiName = keyof ApiContract;
