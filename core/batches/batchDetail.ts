import type { BatchDetail, ItemState } from '../../shared/api/types';
import { contentWarning } from '../../shared/samples/wellbeing';
import { prepared } from '../store/prepared';
import { getSample } from '../workspace/samples';
import { openMark } from '../workspace/reviewNotes';
import type { Workspace } from '../workspace/workspace';

// One batch as its owner opens it: every item with each assigned rater's state on it (under the
// batch's guideline version, as in the rater's own queue), and each rater's progress.

const stateSql = `CASE
  WHEN EXISTS (SELECT 1 FROM labels l WHERE l.rater_id = a.rater_id AND l.sample_id = a.sample_id AND l.guideline_id = b.guideline_id
               AND l.guideline_version = b.guideline_version AND l.retracted = 0) THEN 'done'
  WHEN EXISTS (SELECT 1 FROM item_marks m WHERE m.rater_id = a.rater_id AND m.sample_id = a.sample_id AND m.mark = 'flagged' AND ${openMark('m')}) THEN 'flagged'
  WHEN EXISTS (SELECT 1 FROM item_marks m WHERE m.rater_id = a.rater_id AND m.sample_id = a.sample_id AND m.mark = 'skipped') THEN 'skipped'
  ELSE 'todo' END`;

/** The items and raters of a batch (its summary is the caller's: the same row as the list's). */
export function batchItemsAndRaters(ws: Workspace, batchId: string): Omit<BatchDetail, 'batch'> {
  const cells = prepared(
    ws.db,
    `SELECT a.sample_id AS sampleId, a.rater_id AS raterId, ${stateSql} AS state
     FROM assignments a JOIN batches b ON b.id = a.batch_id WHERE a.batch_id = ? ORDER BY a.rater_id`,
  ).all(batchId) as { sampleId: string; raterId: string; state: ItemState }[];
  const bySample = new Map<string, { raterId: string; state: ItemState }[]>();
  for (const c of cells) {
    const list = bySample.get(c.sampleId) ?? [];
    list.push({ raterId: c.raterId, state: c.state });
    bySample.set(c.sampleId, list);
  }
  const items = (prepared(ws.db, 'SELECT sample_id AS sampleId, gold FROM batch_items WHERE batch_id = ? ORDER BY position').all(batchId) as { sampleId: string; gold: number }[]).map(
    (i) => {
      const sample = getSample(ws, i.sampleId);
      // The list hides an output that starts blurred, as the queue does (contentWarning).
      return { sampleId: i.sampleId, gold: i.gold === 1, preview: sample?.output.slice(0, 120) ?? '', contentWarning: contentWarning(sample?.scores), raters: bySample.get(i.sampleId) ?? [] };
    },
  );
  const names = new Map((prepared(ws.db, 'SELECT id, name FROM raters').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  const perRater = new Map<string, BatchDetail['raters'][number]>();
  for (const c of cells) {
    const r = perRater.get(c.raterId) ?? { raterId: c.raterId, name: names.get(c.raterId) ?? c.raterId, assigned: 0, labeled: 0, skipped: 0, flagged: 0 };
    r.assigned++;
    if (c.state === 'done') r.labeled++;
    if (c.state === 'skipped') r.skipped++;
    if (c.state === 'flagged') r.flagged++;
    perRater.set(c.raterId, r);
  }
  return { items, raters: [...perRater.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}
