import type { Role } from '../auth/roles';
import type { Sample } from '../samples/schema';
import type { ContentWarning } from '../samples/wellbeing';

export type { Role };

// Data shapes that cross the renderer <-> engine boundary (JSON-serializable).

export interface Profile {
  id: string;
  name: string;
  roles: Role[];
}

/** A signed-in session: who, and (over HTTP) the secret the client sends on every call from now on. */
export interface SignedIn {
  profile: Profile;
  /** Null in the desktop app, where the window itself is the session. */
  session: string | null;
}

export interface GuidelineRef {
  id: string;
  version: string;
}

/** A rater's view of one item: labeled (done), or marked skipped/flagged, or still to do. */
export type ItemState = 'todo' | 'done' | 'skipped' | 'flagged';
export type QueueFilter = ItemState | 'all';

export interface QueueItem {
  sampleId: string;
  /** 0-based position in the rater's queue (stable order: import order). */
  position: number;
  state: ItemState;
  /** First characters of the output, plain text, for the list. */
  preview: string;
  model: string | null;
  /** Set when the output starts blurred (shared/samples/wellbeing.ts): the list does not show its preview either. */
  contentWarning: ContentWarning | null;
  /** The adjudicator's note when the item was sent back to this rater, until they label it again. */
  sentBack: string | null;
}

export interface QueuePage {
  filter: QueueFilter;
  search: string;
  /** Items matching filter and search. */
  matching: number;
  offset: number;
  items: QueueItem[];
  counts: Record<QueueFilter, number>;
}

export type LabelValues = Record<string, unknown>;

export interface ItemLabel {
  labelId: string;
  values: LabelValues;
  revision: number;
  timeSpentMs: number;
  guideline: GuidelineRef;
  createdAt: string;
  revisedAt: string | null;
}

export interface ItemView {
  sample: Sample;
  position: number;
  total: number;
  state: ItemState;
  /** The guideline version this item is labeled under (its batch's, or the active one). */
  guideline: GuidelineRef;
  /** This rater's own label, never anyone else's: labeling is blind. */
  label: ItemLabel | null;
  flagComment: string | null;
  /** An adjudicator sent the item back to this rater: their note, until the rater labels it again. */
  sentBack: { reason: string; at: string } | null;
  /** An owner's or adjudicator's answer to this rater's flag (the flag is then resolved). */
  flagAnswer: { note: string; by: string; at: string } | null;
  /**
   * Set when graders score the output as likely graphic (blurred behind a content warning). Given
   * apart from `sample.scores`, which raters only get when the owner lets them see grader scores;
   * without that, the warning carries no score either (graphic: null).
   */
  contentWarning: ContentWarning | null;
}

export interface AppInfo {
  workspace: string;
  workspaceName: string;
  guideline: GuidelineRef;
  samples: number;
  /** Events written here that no sync has taken yet. */
  unsyncedChanges: number;
  /** Events received but waiting for one they refer to (a label before its sample arrived). */
  pendingEvents: number;
  /** Whether a sync hub is configured and reachable; false until sync exists. */
  online: boolean;
  /** The owner's choice: do raters see the automated graders' scores? */
  graderScoresVisibleToRaters: boolean;
}

export interface SaveResult {
  labelId: string;
  revision: number;
  /** The next item still to do after this one, or null when the queue is done. */
  nextSampleId: string | null;
}

// ---- Owners and adjudicators ----

export interface CreatedBatchView {
  batchId: string;
  name: string;
  guideline: GuidelineRef;
  items: number;
  /** How many of the items are gold items (reference-labeled, unknown to the raters). */
  gold: number;
  assignments: number;
  load: Record<string, number>;
  strata?: Record<string, number>;
}

/** The samples a new batch may draw from under some filters, and what there is to filter by. */
export interface BatchPoolView {
  /** Samples the filters leave (not in another batch, unless asked). */
  available: number;
  /** Gold items among them. */
  gold: number;
  models: { value: string; count: number }[];
  /** Metadata keys with a few distinct values (a filter menu each), with their counts. */
  metadata: { key: string; values: { value: string; count: number }[] }[];
  scores: string[];
}

export interface BatchSummary {
  batchId: string;
  name: string;
  guideline: GuidelineRef;
  createdAt: string;
  items: number;
  assignments: number;
  labeled: number;
  /** How it was drawn, in one line: "random · seed 7 · 3 raters per item · 10% gold · topic = weapons". */
  design: string;
  /** A newer published version than the batch's: the owner should choose continue or requeue. */
  newerVersion: string | null;
}

export interface GuidelineVersionInfo {
  id: string;
  version: string;
  title: string;
  publishedAt: string;
  active: boolean;
  labels: number;
  /** Guideline gaps adjudicators flagged against this version, open ones first, each in the order flagged. */
  notes: GapNoteView[];
}

/** A gap an adjudicator flagged in a guideline version, and its resolution once an owner settled it. */
export interface GapNoteView {
  /** The `guideline.gap_flagged` event's id: what a resolution names. */
  id: string;
  note: string;
  field: string | null;
  sampleId: string | null;
  /** The adjudicator's profile id and name. */
  author: string;
  authorName: string;
  at: string;
  resolution: { note: string; addressedIn: string | null; by: string; byName: string; at: string } | null;
}

export interface DraftCheck {
  ok: boolean;
  issues: { path: string; message: string }[];
  /** What publishing asks the owner to confirm (not a block): e.g. the rubric still naming the previous version. */
  warnings: { path: string; message: string }[];
}

/**
 * The guideline draft an owner is writing, as saved on this machine (never synced): the version it
 * started from, the editor's mode, and its document (the form's pack, or the JSON text).
 */
export interface SavedGuidelineDraft {
  base: { id: string; version: string };
  mode: 'form' | 'json';
  /** The form's pack (mode form) or the JSON text (mode json), as the editor held it. */
  pack?: unknown;
  json?: string;
  savedAt: string;
}

export interface ExportResult {
  file: string;
  rows: number;
  /** unresolved: rows whose raters' labels give no label the guideline allows (they carry no final values). */
  bySource: Record<'adjudicated' | 'aggregated' | 'single-rater' | 'unresolved', number>;
  /** Per guideline version: the aggregation method used, and why Dawid-Skene was not (when asked for). */
  aggregation: { version: string; method: 'majority' | 'dawid-skene'; fallback: string | null }[];
}

export interface DisagreementView {
  sampleId: string;
  raters: number;
  fields: string[];
  why: string;
  adjudicated: boolean;
  /** Aggregation cannot give it a label the guideline allows (a tie, a forbidden combination): the export has none until it is adjudicated. */
  unresolved: boolean;
  /** The output starts blurred when opened. */
  contentWarning: ContentWarning | null;
  /** Adjudicated concurrently on two machines (neither adjudicator saw the other's): the newest by clock stands until someone adjudicates again. */
  conflicting: boolean;
}

export interface AdjudicationItem {
  sample: import('../samples/schema').Sample;
  guideline: GuidelineRef;
  /** Each rater's label, named or anonymized ("Rater A") as the owner chose. */
  labels: { rater: string; values: LabelValues; timeSpentMs: number }[];
  fieldsInDispute: string[];
  /** The output starts blurred, as on the label screen. */
  contentWarning: ContentWarning | null;
  /** The current final label, if adjudicated before. */
  adjudication: { values: LabelValues; reason: string; adjudicator: string; at: string } | null;
  /** A gold item's reference label (raters never see it; owners and adjudicators do). */
  gold: { values: LabelValues; guideline: GuidelineRef } | null;
}

/** A rater's flag, as owners and adjudicators see it in the Flagged view. */
export interface FlagView {
  /** The `item.marked` event of the flag: what a resolution names. */
  flagId: string;
  raterId: string;
  raterName: string;
  sampleId: string;
  comment: string;
  at: string;
  /** First characters of the output (the list hides it when contentWarning says it starts blurred). */
  preview: string;
  contentWarning: ContentWarning | null;
  resolution: { note: string; by: string; byName: string; at: string } | null;
}

export interface FlagsView {
  flags: FlagView[];
  open: number;
  resolved: number;
  /** Per rater: items they skipped and have not labeled since, and their open flags. */
  raters: { raterId: string; name: string; skipped: number; flagged: number }[];
}

/** One batch opened from the list: its items, raters and progress (agreement comes from `agreement` with the batch). */
export interface BatchDetail {
  batch: BatchSummary;
  raters: { raterId: string; name: string; assigned: number; labeled: number; skipped: number; flagged: number }[];
  items: { sampleId: string; gold: boolean; preview: string; contentWarning: ContentWarning | null; raters: { raterId: string; state: ItemState }[] }[];
}

/** The dashboard's data: the agreement report plus the owner's threshold and agreement over time. */
export interface AgreementView {
  threshold: number;
  report: import('../agreement/reportTypes').AgreementReport;
  overTime: { day: string; labels: number; alpha: Record<string, number | null> }[];
}

/**
 * Where this app is before it has a workspace (core/launch/appEngine.ts): choosing one (the demo, a
 * local workspace, or joining a team), joining (the initial sync, resumed after a restart), or ready.
 */
export interface LaunchView {
  stage: 'choose' | 'joining' | 'ready';
  /** While joining (and when a join failed): the hub, and how far the initial sync is. */
  join: JoinProgress | null;
  /** On a member's replica of a team project: the member it acts as (the only one to sign in as). */
  member: string | null;
}

export interface JoinProgress {
  hub: string;
  member: string | null;
  projectName: string | null;
  /** What has arrived so far. */
  samples: number;
  guidelineVersions: number;
  events: number;
  /** How far the initial sync is, 0..1 (null until the hub has said how much there is). */
  fraction: number | null;
  /** The last problem (the join retries by itself while the hub is unreachable). */
  error: string | null;
}

/** A change of this member's that the hub refused: kept here, shown to its author with the reason. */
export interface RefusedChange {
  eventId: string;
  /** What the change was, in words ("label of sample x"). */
  what: string;
  sampleId: string | null;
  reason: string;
  at: string;
}

/** The truth for the status bar (core/sync/status.ts). */
export interface SyncStatusView {
  /**
   * local: no hub; synced: the hub has everything; waiting: changes not yet acknowledged (about to
   * go); syncing: a sync is running; offline: the hub cannot be reached; error: the hub refuses this
   * member (token) or a request, with what to do.
   */
  state: 'local' | 'synced' | 'waiting' | 'syncing' | 'offline' | 'error';
  hub: string | null;
  member: string | null;
  /** Local changes the hub has not acknowledged. */
  waiting: number;
  lastSyncedAt: string | null;
  /** How far this replica has pulled the hub's log: it moves only when the team's work arrives, so screens showing figures recompute then. */
  pulledThrough: number;
  /** Why the hub could not be reached, or refused. */
  problem: { kind: 'offline' | 'token' | 'refused'; message: string; action: string } | null;
  nextAttemptAt: string | null;
  /** The signed-in member's own changes the hub refused. */
  refused: RefusedChange[];
}
