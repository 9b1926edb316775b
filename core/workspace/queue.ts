import type { ItemState, QueueFilter, QueueItem, QueuePage } from '../../shared/api/types';
import { normalizeRow } from '../../shared/samples/normalize';
import { contentWarning } from '../../shared/samples/wellbeing';
import { InputError } from '../errors';
import { prepared } from '../store/prepared';
import { activeGuidelineRef, type GuidelineRef } from './guidelines';
import { openMark, sentBackLabel, sentBackNote } from './reviewNotes';
import { sampleCount, storedRowReader } from './samples';
import { graderScoresVisibleToRaters } from './settings';
import type { Workspace } from './workspace';

// A rater's queue. Once an owner has created batches, it is the rater's assignments in order, each
// under its batch's guideline version, followed by the rater's own earlier work outside them (items
// they labeled, skipped or flagged before, each under the version of their label, else the active
// one), so nothing they did leaves their view. Before that (a fresh or demo workspace) it is every
// sample in import order under the active guideline. An item is done when the rater has a standing
// label under the item's guideline version; otherwise it is skipped or flagged (item_marks; a flag a
// reviewer resolved no longer counts), or still to do.

const poolSource = `SELECT s.id AS id, s.ordinal AS pos, :gid AS gid, :gver AS gver FROM samples s`;
const assignedSource = `SELECT a.sample_id AS id, a.queue_pos AS pos, b.guideline_id AS gid, b.guideline_version AS gver
                        FROM assignments a JOIN batches b ON b.id = a.batch_id WHERE a.rater_id = :rater`;
/**
 * The rater's own work outside their assignments, after them (positions from :assigned + 1): a
 * standing label, or one an adjudicator sent back, under that label's version (the newest label of
 * the sample), else a mark under the active version (:gid, NULL when there is none).
 */
const historySource = `SELECT h.id AS id, :assigned + row_number() OVER (ORDER BY s.ordinal) AS pos, h.gid AS gid, h.gver AS gver FROM (
    SELECT o.id, o.gid, o.gver, row_number() OVER (PARTITION BY o.id ORDER BY o.at DESC, o.gver DESC) AS pick FROM (
      SELECT l.sample_id AS id, l.guideline_id AS gid, l.guideline_version AS gver, l.created_at AS at FROM labels l
        WHERE l.rater_id = :rater AND (l.retracted = 0 OR ${sentBackLabel('l')})
      UNION ALL
      SELECT m.sample_id, :gid, :gver, '' FROM item_marks m WHERE m.rater_id = :rater AND :gid IS NOT NULL
    ) o WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.rater_id = :rater AND a.sample_id = o.id)
  ) h JOIN samples s ON s.id = h.id WHERE h.pick = 1`;

const labeled = `EXISTS (SELECT 1 FROM labels l WHERE l.rater_id = :rater AND l.sample_id = q.id AND l.guideline_id = q.gid
                           AND l.guideline_version = q.gver AND l.retracted = 0)`;
const marked = (mark: string) => `EXISTS (SELECT 1 FROM item_marks m WHERE m.rater_id = :rater AND m.sample_id = q.id AND m.mark = '${mark}' AND ${openMark('m')})`;
const stateSql = `CASE WHEN ${labeled} THEN 'done' WHEN ${marked('flagged')} THEN 'flagged' WHEN ${marked('skipped')} THEN 'skipped' ELSE 'todo' END`;
const filterSql: Record<QueueFilter, string> = {
  all: '1',
  done: labeled,
  todo: `NOT ${labeled} AND NOT EXISTS (SELECT 1 FROM item_marks m WHERE m.rater_id = :rater AND m.sample_id = q.id AND ${openMark('m')})`,
  skipped: `NOT ${labeled} AND ${marked('skipped')}`,
  flagged: `NOT ${labeled} AND ${marked('flagged')}`,
};

interface Source {
  sql: string;
  params: Record<string, string | number | null>;
  pool: boolean;
}

const hasBatches = (ws: Workspace) => prepared(ws.db, 'SELECT 1 FROM batches LIMIT 1').get() !== undefined;

/** The whole queue: the open pool, or the assignments followed by the rater's own earlier work. */
function sourceFor(ws: Workspace, raterId: string): Source {
  const active = activeGuidelineRef(ws);
  if (hasBatches(ws)) {
    const assigned = prepared(ws.db, 'SELECT coalesce(max(queue_pos), 0) FROM assignments WHERE rater_id = ?').pluck().get(raterId) as number;
    return {
      sql: `${assignedSource} UNION ALL ${historySource}`,
      params: { rater: raterId, assigned, gid: active?.id ?? null, gver: active?.version ?? null },
      pool: false,
    };
  }
  if (!active) throw new InputError('the workspace has no active guideline');
  return { sql: poolSource, params: { rater: raterId, gid: active.id, gver: active.version }, pool: true };
}

/**
 * Whether the rater's earlier work outside their assignments holds an item to do (one sent back to
 * them): the hot path (next item, an assigned item) reads only the assignments unless it does.
 */
function historyHasTodo(ws: Workspace, raterId: string): boolean {
  return (
    prepared(
      ws.db,
      `SELECT 1 FROM labels l WHERE l.rater_id = ? AND l.retracted = 1 AND ${sentBackLabel('l')}
       AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.rater_id = l.rater_id AND a.sample_id = l.sample_id) LIMIT 1`,
    ).get(raterId) !== undefined
  );
}

export function queueCounts(ws: Workspace, raterId: string): Record<QueueFilter, number> {
  const src = sourceFor(ws, raterId);
  if (!src.pool) {
    // Only the items the rater has touched (a label or a mark) can be anything but to do: their
    // states are read from those few rows, not from every assignment of a large batch.
    const touched = `${assignedSource} AND a.sample_id IN (SELECT sample_id FROM labels WHERE rater_id = :rater UNION SELECT sample_id FROM item_marks WHERE rater_id = :rater)`;
    const c = prepared(
      ws.db,
      `SELECT coalesce(sum(st = 'done'), 0) AS done, coalesce(sum(st = 'skipped'), 0) AS skipped, coalesce(sum(st = 'flagged'), 0) AS flagged
       FROM (SELECT ${stateSql} AS st FROM (${touched} UNION ALL ${historySource}) q)`,
    ).get(src.params) as { done: number; skipped: number; flagged: number };
    const all = lengthOf(ws, raterId, src);
    return { all, done: c.done, skipped: c.skipped, flagged: c.flagged, todo: all - c.done - c.skipped - c.flagged };
  }
  // The open pool can hold a million samples: count from the labels and marks, not the samples.
  const all = sampleCount(ws);
  const done = prepared(ws.db, 'SELECT count(*) FROM labels WHERE rater_id = :rater AND guideline_id = :gid AND guideline_version = :gver AND retracted = 0')
    .pluck()
    .get(src.params) as number;
  const marks = (mark: string) =>
    prepared(
      ws.db,
      `SELECT count(*) FROM item_marks m WHERE m.rater_id = :rater AND m.mark = '${mark}' AND ${openMark('m')} AND NOT EXISTS
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

type Row = { id: string; pos: number; gid: string; gver: string; state: ItemState };

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
      sentBack: r.state === 'todo' ? (sentBackNote(ws, raterId, r.id, { id: r.gid, version: r.gver })?.reason ?? null) : null,
    };
  };
  const select = `SELECT q.id, q.pos, q.gid, q.gver, ${stateSql} AS state FROM (${src.sql}) q`;
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
  const first = (sql: string, from: number) =>
    (prepared(ws.db, `SELECT q.id FROM (${sql}) q WHERE q.pos > :from AND ${filterSql.todo} ORDER BY q.pos LIMIT 1`).pluck().get({ ...src.params, from }) as string | undefined) ?? null;
  if (src.pool) return first(src.sql, fromPosition) ?? first(src.sql, 0);
  // Assignments first; the earlier work (after them) only when it holds an item sent back.
  const history = historyHasTodo(ws, raterId);
  const next = (from: number) => first(assignedSource, from) ?? (history ? first(src.sql, from) : null);
  return next(fromPosition) ?? next(0);
}

/** Where an item stands in a rater's queue, and the guideline version it is labeled under there. */
export function queueItem(ws: Workspace, raterId: string, sampleId: string): { state: ItemState; position: number; guideline: GuidelineRef } | undefined {
  const src = sourceFor(ws, raterId);
  const find = (sql: string) =>
    // `+q.pos`: ordering by the position index would walk every assignment of the rater to find one
    // sample; the sample's own rows (one per batch it is in) are found by key and sorted instead.
    prepared(ws.db, `SELECT q.pos, q.gid, q.gver, ${stateSql} AS state FROM (${sql}) q WHERE q.id = :id ORDER BY +q.pos DESC LIMIT 1`).get({
      ...src.params,
      id: sampleId,
    }) as { pos: number; gid: string; gver: string; state: ItemState } | undefined;
  // An assigned item is found among the assignments alone; only another one needs the earlier work.
  const r = src.pool ? find(src.sql) : (find(assignedSource) ?? find(src.sql));
  return r && { state: r.state, position: r.pos - 1, guideline: { id: r.gid, version: r.gver } };
}

export function queueLength(ws: Workspace, raterId: string): number {
  return lengthOf(ws, raterId, sourceFor(ws, raterId));
}

function lengthOf(ws: Workspace, raterId: string, src: Source): number {
  if (src.pool) return sampleCount(ws);
  // Counted apart: the assignments from their index, the earlier work (a few rows) on its own.
  const assigned = prepared(ws.db, 'SELECT count(*) FROM assignments WHERE rater_id = ?').pluck().get(raterId) as number;
  return assigned + (prepared(ws.db, `SELECT count(*) FROM (${historySource})`).pluck().get(src.params) as number);
}
