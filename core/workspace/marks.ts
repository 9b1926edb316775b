import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import type { Workspace } from './workspace';

export type Mark = 'skipped' | 'flagged';

function checkExists(ws: Workspace, raterId: string, sampleId: string) {
  if (!prepared(ws.db, 'SELECT 1 FROM raters WHERE id = ?').get(raterId)) throw new InputError(`no rater "${raterId}"`);
  if (!prepared(ws.db, 'SELECT 1 FROM samples WHERE id = ?').get(sampleId)) throw new InputError(`no sample "${sampleId}"`);
}

/** Skip (come back later) or flag (with a comment for the owner) an item in a rater's queue; the rater authors it. */
export function markItem(ws: Workspace, input: { raterId: string; sampleId: string; mark: Mark; comment?: string }): void {
  checkExists(ws, input.raterId, input.sampleId);
  if (input.mark === 'flagged' && !input.comment?.trim()) throw new InputError('a flag needs a comment saying what is wrong');
  appendEvents(ws.db, [newEvent('item.marked', input.raterId, input)]);
}

export function clearMark(ws: Workspace, raterId: string, sampleId: string): void {
  checkExists(ws, raterId, sampleId);
  appendEvents(ws.db, [newEvent('item.unmarked', raterId, { raterId, sampleId })]);
}

export function getMark(ws: Workspace, raterId: string, sampleId: string): { mark: Mark; comment: string | null } | undefined {
  return prepared(ws.db, 'SELECT mark, comment FROM item_marks WHERE rater_id = ? AND sample_id = ?').get(raterId, sampleId) as
    | { mark: Mark; comment: string | null }
    | undefined;
}
