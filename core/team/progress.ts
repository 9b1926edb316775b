import type { MemberBatchProgress } from '../../shared/api/team';
import { prepared } from '../store/prepared';
import type { Workspace } from '../workspace/workspace';

// Each rater's work per batch, as this replica has it: an assignment is labelled when the rater has
// a standing label under the batch's guideline version, else flagged or skipped by their mark (the
// same order of precedence as the rater's own queue, core/workspace/queue.ts), else remaining.

const progressSql = `
  SELECT a.batch_id AS batchId, a.rater_id AS rater, count(*) AS assigned,
         coalesce(sum(st = 'done'), 0) AS labelled, coalesce(sum(st = 'skipped'), 0) AS skipped,
         coalesce(sum(st = 'flagged'), 0) AS flagged, coalesce(sum(st = 'todo'), 0) AS remaining
  FROM (
    SELECT a.batch_id, a.rater_id,
      CASE
        WHEN EXISTS (SELECT 1 FROM labels l WHERE l.rater_id = a.rater_id AND l.sample_id = a.sample_id
                       AND l.guideline_id = b.guideline_id AND l.guideline_version = b.guideline_version AND l.retracted = 0) THEN 'done'
        WHEN EXISTS (SELECT 1 FROM item_marks m WHERE m.rater_id = a.rater_id AND m.sample_id = a.sample_id AND m.mark = 'flagged') THEN 'flagged'
        WHEN EXISTS (SELECT 1 FROM item_marks m WHERE m.rater_id = a.rater_id AND m.sample_id = a.sample_id AND m.mark = 'skipped') THEN 'skipped'
        ELSE 'todo'
      END AS st
    FROM assignments a JOIN batches b ON b.id = a.batch_id
  ) a
  GROUP BY a.batch_id, a.rater_id`;

/** Progress per batch for every rater with assignments, keyed by rater id, batches in creation order. */
export function progressByMember(ws: Workspace): Map<string, MemberBatchProgress[]> {
  const order = new Map((prepared(ws.db, 'SELECT id FROM batches ORDER BY hlc, event_id').pluck().all() as string[]).map((id, i) => [id, i]));
  const rows = prepared(ws.db, progressSql).all() as (MemberBatchProgress & { rater: string })[];
  rows.sort((x, y) => (order.get(x.batchId) ?? 0) - (order.get(y.batchId) ?? 0));
  const out = new Map<string, MemberBatchProgress[]>();
  for (const { rater, ...p } of rows) {
    const list = out.get(rater) ?? [];
    list.push(p);
    out.set(rater, list);
  }
  return out;
}
