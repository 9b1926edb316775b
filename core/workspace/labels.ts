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
}

export interface LabelRevision {
  eventId: string;
  values: LabelValues;
  timeSpentMs: number;
  at: string;
  author: string;
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

/** A rater's first label for a sample under a guideline version. */
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
  if (existing) throw new InputError(`rater "${input.raterId}" already labeled "${input.sampleId}" under ${guideline.id}@${guideline.version}: revise label ${existing.id}`);
  const labelId = uuidv7();
  appendEvents(ws.db, [
    newEvent('label.submitted', ws.author, {
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
  appendEvents(ws.db, [newEvent('label.revised', ws.author, { labelId: input.labelId, values: input.values, timeSpentMs: input.timeSpentMs })]);
  return getLabel(ws, input.labelId)!;
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
};

const columns = `id, sample_id, rater_id, guideline_id, guideline_version, value, time_spent_ms, revision, created_at, revised_at`;

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
  };
}

export function getLabel(ws: Workspace, labelId: string): Label | undefined {
  const r = prepared(ws.db, `SELECT ${columns} FROM labels WHERE id = ?`).get(labelId) as LabelRow | undefined;
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

export function labelHistory(ws: Workspace, labelId: string): LabelRevision[] {
  return (
    prepared(ws.db, `SELECT event_id, value, time_spent_ms, at, author FROM label_revisions WHERE label_id = ? ORDER BY event_id`).all(labelId) as {
      event_id: string;
      value: string;
      time_spent_ms: number;
      at: string;
      author: string;
    }[]
  ).map((r) => ({ eventId: r.event_id, values: JSON.parse(r.value), timeSpentMs: r.time_spent_ms, at: r.at, author: r.author }));
}
