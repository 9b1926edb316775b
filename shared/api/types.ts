import type { Sample } from '../samples/schema';

// Data shapes that cross the renderer <-> engine boundary (JSON-serializable).

export type Role = 'rater' | 'adjudicator' | 'owner';

export interface Profile {
  id: string;
  name: string;
  roles: Role[];
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
}

export interface AppInfo {
  workspace: string;
  workspaceName: string;
  guideline: GuidelineRef;
  samples: number;
  /** Events written here that no sync has taken yet. */
  unsyncedChanges: number;
  /** Whether a sync hub is configured and reachable; false until sync exists. */
  online: boolean;
}

export interface SaveResult {
  labelId: string;
  revision: number;
  /** The next item still to do after this one, or null when the queue is done. */
  nextSampleId: string | null;
}
