import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueFilter } from '../../shared/api/types';
import { sendBack } from '../adjudication/adjudicate';
import { createBatch } from '../batches/createBatch';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { saveLabel } from './labels';
import { markItem } from './marks';
import { queueCounts, queueItem, queueLength, queuePage } from './queue';
import type { Workspace } from './workspace';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every state of the rater's queue, read item by item through the full queue listing. */
function statesByListing(ws: Workspace, rater: string): Record<QueueFilter, number> {
  const page = queuePage(ws, { raterId: rater, filter: 'all', search: '', offset: 0, limit: 10_000 });
  const count = (st: string) => page.items.filter((i) => i.state === st).length;
  return { all: page.items.length, done: count('done'), todo: count('todo'), skipped: count('skipped'), flagged: count('flagged') };
}

describe("a rater's queue once batches exist", () => {
  it('counts each state as the item-by-item listing does, with work inside and outside the assignments', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'concord-queue-'));
    dirs.push(dir);
    const ws = await makeWorkspace(dir, 60, ['r1', 'r2']);
    // Earlier work in the open pool (s0..s4), before any batch exists: it stays in r1's queue after.
    saveLabel(ws, { sampleId: 's0', raterId: 'r1', values: harmLabel(['none'], 0), timeSpentMs: 1 });
    saveLabel(ws, { sampleId: 's1', raterId: 'r1', values: harmLabel(['none'], 0), timeSpentMs: 1 });
    markItem(ws, { raterId: 'r1', sampleId: 's2', mark: 'skipped' });
    markItem(ws, { raterId: 'r1', sampleId: 's3', mark: 'flagged', comment: 'unclear' });
    createBatch(ws, { name: 'a', size: 20, seed: 1, overlap: { k: 2 }, raters: ['r1', 'r2'] }, TEST_OWNER);
    createBatch(ws, { name: 'b', size: 20, seed: 2, overlap: { k: 2 }, raters: ['r1', 'r2'], filters: { excludeBatched: false } }, TEST_OWNER);
    const assigned = ws.db.prepare("SELECT sample_id FROM assignments WHERE rater_id = 'r1' ORDER BY queue_pos").pluck().all() as string[];
    // Work on assigned items: labels, a skip, a flag, and a label sent back (to do again).
    for (const s of assigned.slice(0, 6)) saveLabel(ws, { sampleId: s, raterId: 'r1', values: harmLabel(['none'], 0), timeSpentMs: 1 });
    markItem(ws, { raterId: 'r1', sampleId: assigned[7], mark: 'skipped' });
    markItem(ws, { raterId: 'r1', sampleId: assigned[8], mark: 'flagged', comment: 'odd' });
    sendBack(ws, { sampleId: assigned[0], reason: 'look again' }, TEST_OWNER);

    const counts = queueCounts(ws, 'r1');
    expect(counts).toEqual(statesByListing(ws, 'r1'));
    expect(counts.all).toBe(queueLength(ws, 'r1'));
    expect(counts.all).toBeGreaterThan(assigned.length); // the earlier pool work follows the assignments
    expect(counts.done + counts.todo + counts.skipped + counts.flagged).toBe(counts.all);
    // One sample found by id among many assignments, in the newest batch it is in.
    const twice = ws.db.prepare("SELECT sample_id FROM assignments WHERE rater_id = 'r1' GROUP BY sample_id HAVING count(*) > 1 LIMIT 1").pluck().get() as string | undefined;
    if (twice) {
      const last = ws.db.prepare("SELECT max(queue_pos) FROM assignments WHERE rater_id = 'r1' AND sample_id = ?").pluck().get(twice) as number;
      expect(queueItem(ws, 'r1', twice)?.position).toBe(last - 1);
    }
    ws.close();
  });
});
