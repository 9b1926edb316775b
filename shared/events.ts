import { z } from 'zod';
import { roleSchema } from './auth/roles';
import { sourceFormats } from './samples/normalize';
import { isHlc } from './clock/hlc';
import { isUuid } from './ids';

// Every write that matters is one of these events. They are immutable, carry a UUIDv7 id, a hybrid
// logical clock (shared/clock/hlc.ts) and the id of the replica that wrote them, and are the unit of
// sync: a replica that has applied an event id ignores it the second time. How each type merges when
// events arrive in any order is core/store/merge/rules.ts.

const labelValues = z.record(z.string(), z.unknown());
const guidelineRef = z.object({ id: z.string().min(1), version: z.string().min(1) });

export const eventPayloadSchemas = {
  'workspace.created': z.object({ workspaceId: z.string(), name: z.string() }),
  'guideline.published': z.object({
    // The pack document is validated by shared/guidelines before it is published.
    pack: z.object({ id: z.string(), version: z.string(), title: z.string() }).passthrough(),
    fingerprint: z.string(),
  }),
  'guideline.activated': guidelineRef,
  /** A workspace-wide setting an owner chose (e.g. the agreement threshold the dashboard marks). */
  'workspace.setting': z.object({ key: z.enum(['agreementThreshold', 'graderScoresVisibleToRaters']), value: z.unknown() }),
  // Rows are the source rows as JSON objects: a JSONL line's bytes as they were in the file, a CSV
  // record as an object of its cells. (Workspaces made before 2026-11-23 hold each row as a string of
  // that JSON; readers take both.) `map` and `format` say how to read a canonical sample out of each
  // (shared/samples/normalize.ts).
  'samples.imported': z
    .object({
      source: z.object({ file: z.string(), format: z.enum(sourceFormats) }),
      map: z.record(z.string(), z.string()),
      ids: z.array(z.string().min(1)),
      rows: z.array(z.union([z.record(z.string(), z.unknown()), z.string()])),
      /** Set when the import took several transactions: its rows count once `samples.import_committed` names it. */
      importId: z.string().min(1).optional(),
    })
    .refine((p) => p.ids.length === p.rows.length, 'ids and rows must have the same length'),
  /** The last event of an import that took several transactions: its rows are now visible. */
  'samples.import_committed': z.object({ importId: z.string().min(1), rows: z.number().int().min(0) }),
  'rater.created': z.object({
    raterId: z.string().min(1),
    name: z.string().min(1),
    roles: z.array(roleSchema),
  }),
  /** An owner grants or takes away roles: the profile's roles become exactly these. */
  'rater.roles_set': z.object({ raterId: z.string().min(1), roles: z.array(roleSchema) }),
  'label.submitted': z.object({
    labelId: z.string().min(1),
    sampleId: z.string().min(1),
    raterId: z.string().min(1),
    guideline: guidelineRef,
    values: labelValues,
    timeSpentMs: z.number().int().nonnegative(),
  }),
  'label.revised': z.object({
    labelId: z.string().min(1),
    values: labelValues,
    timeSpentMs: z.number().int().nonnegative(),
    /** Whose label it is, so a replica can check the author without the label (absent in events before 2026-12). */
    raterId: z.string().min(1).optional(),
  }),
  // Takes back one revision (a rater's undo). With every revision undone the label is retracted.
  'label.undone': z.object({ labelId: z.string().min(1), revisionEventId: z.string().min(1), raterId: z.string().min(1).optional() }),
  'item.marked': z.object({
    raterId: z.string().min(1),
    sampleId: z.string().min(1),
    mark: z.enum(['skipped', 'flagged']),
    comment: z.string().optional(),
  }),
  'item.unmarked': z.object({ raterId: z.string().min(1), sampleId: z.string().min(1) }),
  /**
   * An owner or adjudicator answers a rater's flag: the flag (the `item.marked` event it names) is
   * resolved, and the item is the rater's to do again, with the note. A later flag is open again.
   */
  'flag.resolved': z.object({ raterId: z.string().min(1), sampleId: z.string().min(1), flagEventId: z.string().min(1), note: z.string().min(1) }),
  'gold.set': z.object({ sampleId: z.string().min(1), guideline: guidelineRef, values: labelValues }),
  'gold.cleared': z.object({ sampleId: z.string().min(1) }),
  'batch.created': z.object({
    batchId: z.string().min(1),
    name: z.string().min(1),
    guideline: guidelineRef,
    options: z.record(z.string(), z.unknown()),
    items: z.array(z.object({ sampleId: z.string().min(1), gold: z.boolean(), raters: z.array(z.string().min(1)).min(1) })),
  }),
  // A guideline version published mid-batch: the owner moves the batch onto it (its items are to do
  // again under the new version) or keeps it on the old one (no event).
  'batch.requeued': z.object({ batchId: z.string().min(1), guideline: guidelineRef }),
  // An adjudicator returns an item to its raters: their labels are retracted (kept in history).
  'adjudication.sent_back': z.object({ sampleId: z.string().min(1), guideline: guidelineRef, reason: z.string().min(1) }),
  'guideline.gap_flagged': z.object({
    guideline: guidelineRef,
    sampleId: z.string().optional(),
    field: z.string().optional(),
    note: z.string().min(1),
  }),
  /**
   * An owner settles a gap note (the `guideline.gap_flagged` event it names): how, and the version
   * of the guideline that addresses it when one does. The note stays listed, as resolved.
   */
  'guideline.gap_resolved': z.object({ gapEventId: z.string().min(1), note: z.string().min(1), addressedIn: z.string().min(1).optional() }),
  'adjudication.recorded': z.object({
    sampleId: z.string().min(1),
    guideline: guidelineRef,
    values: labelValues,
    reason: z.string().min(1, 'an adjudication needs a reason'),
    /**
     * The adjudications of the item this one replaces (those its adjudicator saw as current). Two
     * that supersede neither each other are concurrent: the item is then marked conflicting. Absent
     * in events before 2026-12, which replace every earlier adjudication of the item.
     */
    supersedes: z.array(z.string().min(1)).optional(),
  }),
  // An owner settles a conflict (adjudications of one item made concurrently, offline): the item's
  // final label becomes `values`, replacing every adjudication named in `supersedes`. `chosen` is
  // the adjudication the owner picked, when they picked one rather than writing a new decision.
  'adjudication.settled': z.object({
    sampleId: z.string().min(1),
    guideline: guidelineRef,
    values: labelValues,
    reason: z.string().min(1, 'settling a conflict needs a reason'),
    supersedes: z.array(z.string().min(1)).min(2),
    chosen: z.string().min(1).optional(),
  }),
} as const;

export type EventType = keyof typeof eventPayloadSchemas;
export type EventPayload<T extends EventType> = z.infer<(typeof eventPayloadSchemas)[T]>;
export type WorkspaceSettingKey = EventPayload<'workspace.setting'>['key'];

export interface ConcordEvent<T extends EventType = EventType> {
  id: string; // UUIDv7
  type: T;
  author: string;
  ts: string; // ISO-8601 UTC on the author's wall clock: shown to people, never used to order a merge
  /** Hybrid logical clock (shared/clock/hlc.ts): what merges order events by, with the id. */
  hlc: string;
  /** The id of the replica (workspace copy on one machine) that wrote the event. */
  origin: string;
  payload: EventPayload<T>;
}

/** An event as code makes it: the event log stamps its clock and origin when it is appended. */
export type NewEvent<T extends EventType = EventType> = Omit<ConcordEvent<T>, 'hlc' | 'origin'>;

export const eventEnvelopeSchema = z.object({
  id: z.string().refine(isUuid, 'must be a UUID in lowercase hex'),
  type: z.enum(Object.keys(eventPayloadSchemas) as [EventType, ...EventType[]]),
  author: z.string().min(1),
  ts: z.string().datetime(),
  hlc: z.string().refine(isHlc, 'must be a hybrid logical clock: ISO-8601 ms, 4 hex, 16 hex (e.g. 2026-11-24T10:15:30.123Z-0001-9f86d081884c7d65)'),
  origin: z.string().refine(isUuid, 'must be a replica id (a UUID in lowercase hex)'),
  payload: z.unknown(),
});

/** Validates an event from outside this process (sync, label import): envelope and payload. */
export function parseEvent(input: unknown): ConcordEvent {
  const envelope = eventEnvelopeSchema.parse(input);
  const payload = eventPayloadSchemas[envelope.type].parse(envelope.payload);
  return { ...envelope, payload } as ConcordEvent;
}
