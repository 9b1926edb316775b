import type { ItemState, QueueFilter, QueueItem, QueuePage } from '../../shared/api/types';
import { normalizeRow } from '../../shared/samples/normalize';
import { prepared } from '../store/prepared';
import { storedRowReader } from './samples';
import type { Workspace } from './workspace';

// A rater's queue: every sample in import order (samples.ordinal). Item state is per rater:
// done = a standing label of theirs, else skipped/flagged from item_marks, else todo.

const stateSql = `CASE WHEN EXISTS (SELECT 1 FROM labels l WHERE l.rater_id = :rater AND l.sample_id = s.id AND l.retracted = 0) THEN 'done'
                       ELSE coalesce((SELECT m.mark FROM item_marks m WHERE m.rater_id = :rater AND m.sample_id = s.id), 'todo') END`;

const filterSql: Record<QueueFilter, string> = {
  all: '1',
  done: `EXISTS (SELECT 1 FROM labels l WHERE l.rater_id = :rater AND l.sample_id = s.id AND l.retracted = 0)`,
  todo: `NOT EXISTS (SELECT 1 FROM labels l WHERE l.rater_id = :rater AND l.sample_id = s.id AND l.retracted = 0)
         AND NOT EXISTS (SELECT 1 FROM item_marks m WHERE m.rater_id = :rater AND m.sample_id = s.id)`,
  skipped: `s.id IN (SELECT sample_id FROM item_marks WHERE rater_id = :rater AND mark = 'skipped')
            AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.rater_id = :rater AND l.sample_id = s.id AND l.retracted = 0)`,
  flagged: `s.id IN (SELECT sample_id FROM item_marks WHERE rater_id = :rater AND mark = 'flagged')`,
};

export function queueCounts(ws: Workspace, raterId: string): Record<QueueFilter, number> {
  const one = (sql: string) => prepared(ws.db, sql).pluck().get({ rater: raterId }) as number;
  const all = one('SELECT count(*) FROM samples');
  const done = one(`SELECT count(*) FROM labels l WHERE l.rater_id = :rater AND l.retracted = 0`);
  const flagged = one(`SELECT count(*) FROM item_marks WHERE rater_id = :rater AND mark = 'flagged'`);
  const skipped = one(`SELECT count(*) FROM samples s WHERE ${filterSql.skipped}`);
  const flaggedNotDone = one(`SELECT count(*) FROM samples s WHERE ${filterSql.flagged} AND NOT (${filterSql.done})`);
  return { all, done, flagged, skipped, todo: all - done - skipped - flaggedNotDone };
}

function preview(text: string): string {
  return text.length > 160 ? text.slice(0, 160) : text;
}

/** One page of a rater's queue; search matches the sample id or its text (case-insensitive). */
export function queuePage(ws: Workspace, input: { raterId: string; filter: QueueFilter; search: string; offset: number; limit: number }): QueuePage {
  const { raterId, filter, offset, limit } = input;
  const search = input.search.trim();
  const counts = queueCounts(ws, raterId);
  const read = storedRowReader(ws);
  const toItem = (r: { id: string; ordinal: number; state: ItemState }): QueueItem => {
    const row = read(r.id)!;
    const n = normalizeRow(JSON.parse(row.raw), row.map, row.format);
    return {
      sampleId: r.id,
      position: r.ordinal - 1,
      state: r.state,
      preview: n.ok ? preview(n.sample.output) : '',
      model: n.ok ? (n.sample.model ?? null) : null,
    };
  };
  if (!search) {
    const rows = prepared(
      ws.db,
      `SELECT s.id, s.ordinal, ${stateSql} AS state FROM samples s WHERE ${filterSql[filter]} ORDER BY s.ordinal LIMIT :limit OFFSET :offset`,
    ).all({ rater: raterId, limit, offset }) as { id: string; ordinal: number; state: ItemState }[];
    return { filter, search, matching: counts[filter], offset, items: rows.map(toItem), counts };
  }
  // Search scans the stored rows in import order: fine for the workspaces people search by hand.
  const needle = search.toLowerCase();
  const matches: { id: string; ordinal: number; state: ItemState }[] = [];
  let matching = 0;
  const candidates = prepared(ws.db, `SELECT s.id, s.ordinal, ${stateSql} AS state FROM samples s WHERE ${filterSql[filter]} ORDER BY s.ordinal`).all({
    rater: raterId,
  }) as { id: string; ordinal: number; state: ItemState }[];
  for (const c of candidates) {
    const row = read(c.id)!;
    if (!c.id.toLowerCase().includes(needle) && !row.raw.toLowerCase().includes(needle)) continue;
    if (matching >= offset && matches.length < limit) matches.push(c);
    matching++;
  }
  return { filter, search, matching, offset, items: matches.map(toItem), counts };
}

/** The first item still to do at or after a queue position, wrapping around once. */
export function nextTodo(ws: Workspace, raterId: string, fromPosition: number): string | null {
  const sql = `SELECT s.id FROM samples s WHERE s.ordinal > :from AND ${filterSql.todo} ORDER BY s.ordinal LIMIT 1`;
  const after = prepared(ws.db, sql).pluck().get({ rater: raterId, from: fromPosition }) as string | undefined;
  if (after !== undefined) return after;
  return (prepared(ws.db, sql).pluck().get({ rater: raterId, from: 0 }) as string | undefined) ?? null;
}

export function itemState(ws: Workspace, raterId: string, sampleId: string): { state: ItemState; position: number } | undefined {
  return prepared(ws.db, `SELECT ${stateSql} AS state, s.ordinal - 1 AS position FROM samples s WHERE s.id = :id`).get({ rater: raterId, id: sampleId }) as
    | { state: ItemState; position: number }
    | undefined;
}
