import type { AdjudicationConflictView } from '../../shared/api/team';
import { validateLabelValues } from '../../shared/guidelines/labelValues';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { adjudicationHeads } from '../store/merge/adjudications';
import { prepared } from '../store/prepared';
import { getGuideline } from '../workspace/guidelines';
import type { Workspace } from '../workspace/workspace';

// Items adjudicated concurrently (two adjudicators, or one on two machines, each offline and not
// seeing the other's decision): the merge rules keep both and mark the item (adjudication_conflicts,
// core/store/merge/adjudications.ts). The owner sees the decisions side by side and settles the item
// with an adjudication.settled event that replaces them all, on every replica, in any order.

type Row = { id: string; adjudicator: string; name: string | null; gid: string; gver: string; value: string; reason: string; at: string };

function decisions(ws: Workspace, ids: string[]): Row[] {
  return prepared(
    ws.db,
    `SELECT a.id, a.adjudicator, r.name, a.guideline_id AS gid, a.guideline_version AS gver, a.value, a.reason, a.at
     FROM adjudications a LEFT JOIN raters r ON r.id = a.adjudicator
     WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.hlc, a.id`,
  ).all(JSON.stringify(ids)) as Row[];
}

const canon = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].map(String).sort() : (v ?? null));

export function listConflicts(ws: Workspace): AdjudicationConflictView[] {
  const conflicts = prepared(ws.db, 'SELECT sample_id AS sampleId, heads FROM adjudication_conflicts ORDER BY sample_id').all() as { sampleId: string; heads: string }[];
  return conflicts.map(({ sampleId, heads }) => {
    const rows = decisions(ws, JSON.parse(heads));
    const values = rows.map((r) => JSON.parse(r.value) as Record<string, unknown>);
    const keys = [...new Set(values.flatMap((v) => Object.keys(v)))];
    const last = rows.at(-1)!;
    return {
      sampleId,
      guideline: { id: last.gid, version: last.gver },
      decisions: rows.map((r, i) => ({ adjudicationId: r.id, adjudicator: r.adjudicator, adjudicatorName: r.name ?? r.adjudicator, values: values[i], reason: r.reason, at: r.at })),
      fieldsInDispute: keys.filter((k) => new Set(values.map((v) => canon(v[k]))).size > 1),
    };
  });
}

/**
 * Settles a conflicting item: the decision `choose` names, or new `values`. The event replaces every
 * adjudication the item has that none replaced, so the conflict ends here and wherever it arrives.
 */
export function settleConflict(ws: Workspace, input: { sampleId: string; choose?: string; values?: Record<string, unknown>; reason: string }, by: string): void {
  const conflict = listConflicts(ws).find((c) => c.sampleId === input.sampleId);
  if (!conflict) throw new InputError(`"${input.sampleId}" has no conflicting adjudications to settle`);
  if ((input.choose === undefined) === (input.values === undefined)) throw new InputError('settle a conflict either by choosing one decision (choose) or by writing a new one (values), not both');
  let values: Record<string, unknown>;
  let reason = input.reason.trim();
  if (input.choose !== undefined) {
    const chosen = conflict.decisions.find((d) => d.adjudicationId === input.choose);
    if (!chosen) throw new InputError(`"${input.choose}" is not one of the conflicting decisions on "${input.sampleId}"`);
    values = chosen.values;
    reason ||= `${chosen.adjudicatorName}'s decision: ${chosen.reason}`;
  } else {
    if (!reason) throw new InputError('a new decision needs a reason');
    const pack = getGuideline(ws, conflict.guideline);
    if (!pack) throw new InputError(`guideline ${conflict.guideline.id}@${conflict.guideline.version} is not published`);
    const errors = validateLabelValues(pack, input.values!);
    if (errors.length) throw new InputError(`the new decision: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    values = input.values!;
  }
  appendEvents(ws.db, [
    newEvent('adjudication.settled', by, {
      sampleId: input.sampleId,
      guideline: conflict.guideline,
      values,
      reason,
      supersedes: adjudicationHeads(ws.db, input.sampleId),
      ...(input.choose !== undefined ? { chosen: input.choose } : {}),
    }),
  ]);
}
