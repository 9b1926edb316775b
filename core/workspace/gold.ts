import type { NewEvent } from '../../shared/events';
import { validateLabelValues } from '../../shared/guidelines/labelValues';
import type { GuidelinePack } from '../../shared/guidelines/schema';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import { activeGuidelineRef, getGuideline, type GuidelineRef } from './guidelines';
import type { LabelValues } from './labels';
import type { Workspace } from './workspace';

export interface GoldLabel {
  sampleId: string;
  guideline: GuidelineRef;
  values: LabelValues;
}

/** A checked `gold.set` event by an owner (`by`) for one sample, not yet written (guideline packs parsed once per `packs`). */
export function goldEvent(
  ws: Workspace,
  input: { sampleId: string; values: LabelValues; guideline?: GuidelineRef },
  by: string,
  packs = new Map<string, GuidelinePack | undefined>(),
): NewEvent<'gold.set'> {
  const guideline = input.guideline ?? activeGuidelineRef(ws);
  if (!guideline) throw new InputError('the workspace has no active guideline');
  const key = `${guideline.id}@${guideline.version}`;
  if (!packs.has(key)) packs.set(key, getGuideline(ws, guideline));
  const pack = packs.get(key);
  if (!pack) throw new InputError(`guideline ${guideline.id}@${guideline.version} is not published in this workspace`);
  if (!prepared(ws.db, 'SELECT 1 FROM samples WHERE id = ?').get(input.sampleId)) throw new InputError(`no sample "${input.sampleId}"`);
  const errors = validateLabelValues(pack, input.values);
  if (errors.length) throw new InputError(`gold label for "${input.sampleId}": ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  return newEvent('gold.set', by, { sampleId: input.sampleId, guideline, values: input.values });
}

/** An owner (`by`) marks a sample as gold with its reference label (validated against the guideline). */
export function setGold(ws: Workspace, input: { sampleId: string; values: LabelValues; guideline?: GuidelineRef }, by: string): void {
  appendEvents(ws.db, [goldEvent(ws, input, by)]);
}

export function clearGold(ws: Workspace, sampleId: string, by: string): void {
  appendEvents(ws.db, [newEvent('gold.cleared', by, { sampleId })]);
}

export function listGold(ws: Workspace): GoldLabel[] {
  return (
    prepared(ws.db, 'SELECT sample_id, guideline_id, guideline_version, value FROM gold_labels ORDER BY sample_id').all() as {
      sample_id: string;
      guideline_id: string;
      guideline_version: string;
      value: string;
    }[]
  ).map((r) => ({ sampleId: r.sample_id, guideline: { id: r.guideline_id, version: r.guideline_version }, values: JSON.parse(r.value) }));
}
