import { validateLabelValues } from '../../shared/guidelines/labelValues';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { adjudicationHeads } from '../store/merge/adjudications';
import { prepared } from '../store/prepared';
import { activeGuidelineRef, getGuideline, type GuidelineRef } from '../workspace/guidelines';
import type { Workspace } from '../workspace/workspace';

function guidelineFor(ws: Workspace, sampleId: string, given?: GuidelineRef): GuidelineRef {
  if (given) return given;
  // The item's own labels say which version it was labeled under; else the active one.
  const v = prepared(ws.db, 'SELECT guideline_id AS id, guideline_version AS version FROM labels WHERE sample_id = ? ORDER BY created_at DESC LIMIT 1').get(sampleId) as
    | GuidelineRef
    | undefined;
  const ref = v ?? activeGuidelineRef(ws);
  if (!ref) throw new InputError('the workspace has no active guideline');
  return ref;
}

function checkSample(ws: Workspace, sampleId: string) {
  if (!prepared(ws.db, 'SELECT 1 FROM samples WHERE id = ?').get(sampleId)) throw new InputError(`no sample "${sampleId}"`);
}

/** The final label of an item, with the adjudicator's (`by`) required reason. It wins over aggregation. */
export function adjudicate(ws: Workspace, input: { sampleId: string; values: Record<string, unknown>; reason: string; guideline?: GuidelineRef }, by: string): void {
  checkSample(ws, input.sampleId);
  if (!input.reason.trim()) throw new InputError('an adjudication needs a reason');
  const guideline = guidelineFor(ws, input.sampleId, input.guideline);
  const pack = getGuideline(ws, guideline);
  if (!pack) throw new InputError(`guideline ${guideline.id}@${guideline.version} is not published`);
  const errors = validateLabelValues(pack, input.values);
  if (errors.length) throw new InputError(`adjudicated label: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  // It replaces the adjudications the adjudicator sees as current: after a concurrent pair, both.
  const supersedes = adjudicationHeads(ws.db, input.sampleId);
  appendEvents(ws.db, [
    newEvent('adjudication.recorded', by, { sampleId: input.sampleId, guideline, values: input.values, reason: input.reason.trim(), supersedes }),
  ]);
}

/** Returns the item to its raters for re-labeling: their labels are retracted, the history stays. */
export function sendBack(ws: Workspace, input: { sampleId: string; reason: string; guideline?: GuidelineRef }, by: string): void {
  checkSample(ws, input.sampleId);
  if (!input.reason.trim()) throw new InputError('sending an item back needs a reason');
  appendEvents(ws.db, [newEvent('adjudication.sent_back', by, { sampleId: input.sampleId, guideline: guidelineFor(ws, input.sampleId, input.guideline), reason: input.reason.trim() })]);
}

/** A gap in the guideline, noted for its next version. */
export function flagGuidelineGap(ws: Workspace, input: { note: string; sampleId?: string; field?: string; guideline?: GuidelineRef }, by: string): void {
  if (!input.note.trim()) throw new InputError('a guideline gap needs a note');
  const guideline = input.sampleId ? guidelineFor(ws, input.sampleId, input.guideline) : (input.guideline ?? activeGuidelineRef(ws));
  if (!guideline) throw new InputError('the workspace has no active guideline');
  appendEvents(ws.db, [newEvent('guideline.gap_flagged', by, { guideline, sampleId: input.sampleId, field: input.field, note: input.note.trim() })]);
}

/** Items adjudicated concurrently (on two machines, neither adjudicator seeing the other's): the owner settles them. */
export function conflictingAdjudications(ws: Workspace): Set<string> {
  return new Set(prepared(ws.db, 'SELECT sample_id FROM adjudication_conflicts').pluck().all() as string[]);
}

/** Every adjudication of an item in clock order: the last is the current one. */
export function adjudicationHistory(ws: Workspace, sampleId: string): { id: string; adjudicator: string; values: Record<string, unknown>; reason: string; at: string }[] {
  return (
    prepared(ws.db, 'SELECT id, adjudicator, value, reason, at FROM adjudications WHERE sample_id = ? ORDER BY hlc, id').all(sampleId) as {
      id: string;
      adjudicator: string;
      value: string;
      reason: string;
      at: string;
    }[]
  ).map((r) => ({ id: r.id, adjudicator: r.adjudicator, values: JSON.parse(r.value), reason: r.reason, at: r.at }));
}
