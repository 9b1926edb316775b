import { uuidv7 } from '../../shared/ids';
import { validateLabelValues } from '../../shared/guidelines/labelValues';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import { activeGuidelineRef, getGuideline, type GuidelineRef } from './guidelines';
import { getRater } from './raters';
import type { Workspace } from './workspace';

export type LabelValues = Record<string, unknown>;

export interface Label {
  id: string;
  sampleId: string;
  raterId: string;
  guideline: GuidelineRef;
  values: LabelValues;
  timeSpentMs: number;
  revision: number;
  createdAt: string;
  revisedAt: string | null;
  /** Every revision was undone: the item is to do again, the history stays. */
  retracted: boolean;
}

export interface LabelRevision {
  eventId: string;
  values: LabelValues;
  timeSpentMs: number;
  at: string;
  author: string;
  undone: boolean;
}

function checkValues(ws: Workspace, ref: GuidelineRef, values: LabelValues): void {
  const pack = getGuideline(ws, ref);
  if (!pack) throw new InputError(`guideline ${ref.id}@${ref.version} is not published in this workspace`);
  const errors = validateLabelValues(pack, values);
  if (errors.length) throw new InputError(`label does not follow ${ref.id}@${ref.version}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
}

function checkTime(ms: number): void {
  if (!Number.isInteger(ms) || ms < 0) throw new InputError(`time spent must be a whole number of milliseconds >= 0, not ${ms}`);
}

/** A rater's first label for a sample under a guideline version, authored by that rater. */
export function submitLabel(
  ws: Workspace,
  input: { sampleId: string; raterId: string; values: LabelValues; timeSpentMs: number; guideline?: GuidelineRef },
): Label {
  const guideline = input.guideline ?? activeGuidelineRef(ws);
  if (!guideline) throw new InputError('the workspace has no active guideline');
  if (!prepared(ws.db, 'SELECT 1 FROM samples WHERE id = ?').get(input.sampleId)) throw new InputError(`no sample "${input.sampleId}"`);
  if (!getRater(ws, input.raterId)) throw new InputError(`no rater "${input.raterId}"`);
  checkTime(input.timeSpentMs);
  checkValues(ws, guideline, input.values);
  const existing = findLabel(ws, input.sampleId, input.raterId, guideline);
  if (existing && !existing.retracted) {
    throw new InputError(`rater "${input.raterId}" already labeled "${input.sampleId}" under ${guideline.id}@${guideline.version}: revise label ${existing.id}`);
  }
  if (existing) return reviseLabel(ws, { labelId: existing.id, values: input.values, timeSpentMs: input.timeSpentMs });
  const labelId = uuidv7();
  appendEvents(ws.db, [
    newEvent('label.submitted', input.raterId, {
      labelId,
      sampleId: input.sampleId,
      raterId: input.raterId,
      guideline,
      values: input.values,
      timeSpentMs: input.timeSpentMs,
    }),
  ]);
  return getLabel(ws, labelId)!;
}

/** A revision keeps the history: every version stays in label_revisions and the event log. */
export function reviseLabel(ws: Workspace, input: { labelId: string; values: LabelValues; timeSpentMs: number }): Label {
  const label = getLabel(ws, input.labelId);
  if (!label) throw new InputError(`no label "${input.labelId}"`);
  checkTime(input.timeSpentMs);
  checkValues(ws, label.guideline, input.values);
  // A rater revises only their own label, so its rater is the author (and named, so a replica can
  // check that without the label).
  appendEvents(ws.db, [newEvent('label.revised', label.raterId, { labelId: label.id, values: input.values, timeSpentMs: input.timeSpentMs, raterId: label.raterId })]);
  return getLabel(ws, label.id)!;
}

type LabelRow = {
  id: string;
  sample_id: string;
  rater_id: string;
  guideline_id: string;
  guideline_version: string;
  value: string;
  time_spent_ms: number;
  revision: number;
  created_at: string;
  revised_at: string | null;
  retracted: number;
};

const columns = `id, sample_id, rater_id, guideline_id, guideline_version, value, time_spent_ms, revision, created_at, revised_at, retracted`;

function toLabel(r: LabelRow): Label {
  return {
    id: r.id,
    sampleId: r.sample_id,
    raterId: r.rater_id,
    guideline: { id: r.guideline_id, version: r.guideline_version },
    values: JSON.parse(r.value),
    timeSpentMs: r.time_spent_ms,
    revision: r.revision,
    createdAt: r.created_at,
    revisedAt: r.revised_at,
    retracted: r.retracted === 1,
  };
}

/** A label by its id, or by the id a submission of it made on another machine gave it. */
export function getLabel(ws: Workspace, labelId: string): Label | undefined {
  const r = prepared(ws.db, `SELECT ${columns} FROM labels WHERE id = (SELECT canonical_id FROM label_aliases WHERE label_id = ?)`).get(labelId) as LabelRow | undefined;
  return r && toLabel(r);
}

export function findLabel(ws: Workspace, sampleId: string, raterId: string, g: GuidelineRef): Label | undefined {
  const r = prepared(ws.db, `SELECT ${columns} FROM labels WHERE sample_id = ? AND rater_id = ? AND guideline_id = ? AND guideline_version = ?`).get(
    sampleId,
    raterId,
    g.id,
    g.version,
  ) as LabelRow | undefined;
  return r && toLabel(r);
}

/** Submits a rater's label for a sample, or revises it if they already have one. */
export function saveLabel(
  ws: Workspace,
  input: { sampleId: string; raterId: string; values: LabelValues; timeSpentMs: number; guideline?: GuidelineRef },
): Label {
  const guideline = input.guideline ?? activeGuidelineRef(ws);
  if (!guideline) throw new InputError('the workspace has no active guideline');
  const existing = findLabel(ws, input.sampleId, input.raterId, guideline);
  return existing
    ? reviseLabel(ws, { labelId: existing.id, values: input.values, timeSpentMs: input.timeSpentMs })
    : submitLabel(ws, { ...input, guideline });
}

/**
 * Undoes the rater's most recent standing submission or revision: a revision gives way to the one
 * before it, a first submission is retracted (the item is to do again). Returns the sample, or
 * undefined when there is nothing left to undo.
 */
export function undoLastSubmission(ws: Workspace, raterId: string): { sampleId: string } | undefined {
  const last = prepared(
    ws.db,
    `SELECT r.event_id, r.label_id, l.sample_id FROM label_revisions r JOIN labels l ON l.id = r.label_id
     WHERE l.rater_id = ? AND r.undone = 0 ORDER BY r.hlc DESC, r.event_id DESC LIMIT 1`,
  ).get(raterId) as { event_id: string; label_id: string; sample_id: string } | undefined;
  if (!last) return undefined;
  appendEvents(ws.db, [newEvent('label.undone', raterId, { labelId: last.label_id, revisionEventId: last.event_id, raterId })]);
  return { sampleId: last.sample_id };
}

/** Every submission and revision of a label, in clock order. */
export function labelHistory(ws: Workspace, labelId: string): LabelRevision[] {
  return (
    prepared(
      ws.db,
      `SELECT event_id, value, time_spent_ms, at, author, undone FROM label_revisions
       WHERE label_id = (SELECT canonical_id FROM label_aliases WHERE label_id = ?) ORDER BY hlc, event_id`,
    ).all(labelId) as {
      event_id: string;
      value: string;
      time_spent_ms: number;
      at: string;
      author: string;
      undone: number;
    }[]
  ).map((r) => ({ eventId: r.event_id, values: JSON.parse(r.value), timeSpentMs: r.time_spent_ms, at: r.at, author: r.author, undone: r.undone === 1 }));
}
