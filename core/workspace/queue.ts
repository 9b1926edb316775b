import type { ItemState, QueueFilter, QueueItem, QueuePage } from '../../shared/api/types';
import { normalizeRow } from '../../shared/samples/normalize';
import { contentWarning } from '../../shared/samples/wellbeing';
import { InputError } from '../errors';
import { prepared } from '../store/prepared';
import { activeGuidelineRef, type GuidelineRef } from './guidelines';
import { sampleCount, storedRowReader } from './samples';
import { graderScoresVisibleToRaters } from './settings';
import type { Workspace } from './workspace';

// A rater's queue. Once an owner has created batches, it is the rater's assignments in order, each
// under its batch's guideline version. Before that (a fresh or demo workspace) it is every sample in
// import order under the active guideline. An item is done when the rater has a standing label under
// the item's guideline version; otherwise it is skipped or flagged (item_marks), or still to do.

const poolSource = `SELECT s.id AS id, s.ordinal AS pos, :gid AS gid, :gver AS gver FROM samples s`;
const assignedSource = `SELECT a.sample_id AS id, a.queue_pos AS pos, b.guideline_id AS gid, b.guideline_version AS gver
                        FROM assignments a JOIN batches b ON b.id = a.batch_id WHERE a.rater_id = :rater`;

const labeled = `EXISTS (SELECT 1 FROM labels l WHERE l.rater_id = :rater AND l.sample_id = q.id AND l.guideline_id = q.gid
                           AND l.guideline_version = q.gver AND l.retracted = 0)`;
const marked = (mark: string) => `EXISTS (SELECT 1 FROM item_marks m WHERE m.rater_id = :rater AND m.sample_id = q.id AND m.mark = '${mark}')`;
const stateSql = `CASE WHEN ${labeled} THEN 'done' WHEN ${marked('flagged')} THEN 'flagged' WHEN ${marked('skipped')} THEN 'skipped' ELSE 'todo' END`;
const filterSql: Record<QueueFilter, string> = {
  all: '1',
  done: labeled,
  todo: `NOT ${labeled} AND NOT EXISTS (SELECT 1 FROM item_marks m WHERE m.rater_id = :rater AND m.sample_id = q.id)`,
  skipped: `NOT ${labeled} AND ${marked('skipped')}`,
  flagged: `NOT ${labeled} AND ${marked('flagged')}`,
};

interface Source {
  sql: string;
  params: Record<string, string | number>;
  pool: boolean;
}

function sourceFor(ws: Workspace, raterId: string): Source {
  const hasBatches = prepared(ws.db, 'SELECT 1 FROM batches LIMIT 1').get() !== undefined;
  if (hasBatches) return { sql: assignedSource, params: { rater: raterId }, pool: false };
  const active = activeGuidelineRef(ws);
  if (!active) throw new InputError('the workspace has no active guideline');
  return { sql: poolSource, params: { rater: raterId, gid: active.id, gver: active.version }, pool: true };
}

export function queueCounts(ws: Workspace, raterId: string): Record<QueueFilter, number> {
  const src = sourceFor(ws, raterId);
  if (!src.pool) {
    const c = prepared(
      ws.db,
      `SELECT count(*) AS all_, coalesce(sum(st = 'done'), 0) AS done, coalesce(sum(st = 'todo'), 0) AS todo,
              coalesce(sum(st = 'skipped'), 0) AS skipped, coalesce(sum(st = 'flagged'), 0) AS flagged
       FROM (SELECT ${stateSql} AS st FROM (${src.sql}) q)`,
    ).get(src.params) as { all_: number; done: number; todo: number; skipped: number; flagged: number };
    return { all: c.all_, done: c.done, todo: c.todo, skipped: c.skipped, flagged: c.flagged };
  }
  // The open pool can hold a million samples: count from the labels and marks, not the samples.
  const all = sampleCount(ws);
  const done = prepared(ws.db, 'SELECT count(*) FROM labels WHERE rater_id = :rater AND guideline_id = :gid AND guideline_version = :gver AND retracted = 0')
    .pluck()
    .get(src.params) as number;
  const marks = (mark: string) =>
    prepared(
      ws.db,
      `SELECT count(*) FROM item_marks m WHERE m.rater_id = :rater AND m.mark = '${mark}' AND NOT EXISTS
         (SELECT 1 FROM labels l WHERE l.rater_id = :rater AND l.sample_id = m.sample_id AND l.guideline_id = :gid AND l.guideline_version = :gver AND l.retracted = 0)`,
    )
      .pluck()
      .get(src.params) as number;
  const skipped = marks('skipped');
  const flagged = marks('flagged');
  return { all, done, skipped, flagged, todo: all - done - skipped - flagged };
}

function preview(text: string): string {
  return text.length > 160 ? text.slice(0, 160) : text;
}

type Row = { id: string; pos: number; state: ItemState };

/** One page of a rater's queue; search matches the sample id or its text (case-insensitive). */
export function queuePage(ws: Workspace, input: { raterId: string; filter: QueueFilter; search: string; offset: number; limit: number }): QueuePage {
  const { raterId, filter, offset, limit } = input;
  const search = input.search.trim();
  const src = sourceFor(ws, raterId);
  const counts = queueCounts(ws, raterId);
  const read = storedRowReader(ws);
  const withScore = graderScoresVisibleToRaters(ws);
  const toItem = (r: Row): QueueItem => {
    const row = read(r.id)!;
    const n = normalizeRow(JSON.parse(row.raw), row.map, row.format);
    return {
      sampleId: r.id,
      position: r.pos - 1,
      state: r.state,
      preview: n.ok ? preview(n.sample.output) : '',
      model: n.ok ? (n.sample.model ?? null) : null,
      // The label screen blurs this output: the list must not show it in clear either.
      contentWarning: n.ok ? contentWarning(n.sample.scores, { withScore }) : null,
    };
  };
  const select = `SELECT q.id, q.pos, ${stateSql} AS state FROM (${src.sql}) q`;
  if (!search) {
    // Positions in the open pool are contiguous, so the unfiltered list pages by key, not by OFFSET.
    const rows = (
      src.pool && filter === 'all'
        ? prepared(ws.db, `${select} WHERE q.pos > :offset ORDER BY q.pos LIMIT :limit`)
        : prepared(ws.db, `${select} WHERE ${filterSql[filter]} ORDER BY q.pos LIMIT :limit OFFSET :offset`)
    ).all({ ...src.params, limit, offset }) as Row[];
    return { filter, search, matching: counts[filter], offset, items: rows.map(toItem), counts };
  }
  // Search scans the stored rows in queue order: fine for the workspaces people search by hand.
  const needle = search.toLowerCase();
  const matches: Row[] = [];
  let matching = 0;
  for (const c of prepared(ws.db, `${select} WHERE ${filterSql[filter]} ORDER BY q.pos`).all(src.params) as Row[]) {
    if (!c.id.toLowerCase().includes(needle) && !read(c.id)!.raw.toLowerCase().includes(needle)) continue;
    if (matching >= offset && matches.length < limit) matches.push(c);
    matching++;
  }
  return { filter, search, matching, offset, items: matches.map(toItem), counts };
}

/** The first item still to do after a queue position, wrapping around once. */
export function nextTodo(ws: Workspace, raterId: string, fromPosition: number): string | null {
  const src = sourceFor(ws, raterId);
  const stmt = prepared(ws.db, `SELECT q.id FROM (${src.sql}) q WHERE q.pos > :from AND ${filterSql.todo} ORDER BY q.pos LIMIT 1`).pluck();
  return ((stmt.get({ ...src.params, from: fromPosition }) ?? stmt.get({ ...src.params, from: 0 })) as string | undefined) ?? null;
}

/** Where an item stands in a rater's queue, and the guideline version it is labeled under there. */
export function queueItem(ws: Workspace, raterId: string, sampleId: string): { state: ItemState; position: number; guideline: GuidelineRef } | undefined {
  const src = sourceFor(ws, raterId);
  const r = prepared(ws.db, `SELECT q.pos, q.gid, q.gver, ${stateSql} AS state FROM (${src.sql}) q WHERE q.id = :id ORDER BY q.pos DESC LIMIT 1`).get({
    ...src.params,
    id: sampleId,
  }) as { pos: number; gid: string; gver: string; state: ItemState } | undefined;
  return r && { state: r.state, position: r.pos - 1, guideline: { id: r.gid, version: r.gver } };
}

export function queueLength(ws: Workspace, raterId: string): number {
  const src = sourceFor(ws, raterId);
  if (src.pool) return sampleCount(ws);
  return prepared(ws.db, 'SELECT count(*) FROM assignments WHERE rater_id = ?').pluck().get(raterId) as number;
}
