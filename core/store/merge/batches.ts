import { compareStamps } from '../../../shared/clock/hlc';
import type { ConcordEvent } from '../../../shared/events';
import { prepared } from '../prepared';
import type { SqliteDb } from '../sqlite';
import { newestWins } from './registers';
import { setAside } from './waiting';

// A rater's queue is their assignments ordered by (batch hlc, batch event id, item position): a
// batch that arrives after one it precedes by clock renumbers the queues it touches. A batch's
// guideline version is a register: its creation, then any re-queue, the latest by clock holding it.
// A batch id created twice (only a forged event could) is the first creation's by clock.

type Stamp = Pick<ConcordEvent, 'id' | 'hlc'>;
type Created = ConcordEvent<'batch.created'>;

const guidelineEntity = (batchId: string) => `batch-guideline:${batchId}`;

function insertBatch(db: SqliteDb, e: Created, seq: number): void {
  const p = e.payload;
  prepared(
    db,
    `INSERT INTO batches (id, name, guideline_id, guideline_version, options, created_at, created_by, seq, hlc, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.batchId, p.name, p.guideline.id, p.guideline.version, JSON.stringify(p.options), e.ts, e.author, seq, e.hlc, e.id);
  const item = prepared(db, 'INSERT INTO batch_items (batch_id, sample_id, position, gold) VALUES (?, ?, ?, ?)');
  const next = prepared(db, 'SELECT coalesce(max(queue_pos), 0) + 1 FROM assignments WHERE rater_id = ?').pluck();
  const assign = prepared(db, 'INSERT INTO assignments (rater_id, sample_id, batch_id, queue_pos) VALUES (?, ?, ?, ?)');
  p.items.forEach((it, i) => {
    item.run(p.batchId, it.sampleId, i + 1, it.gold ? 1 : 0);
    for (const r of it.raters) assign.run(r, it.sampleId, p.batchId, next.get(r));
  });
}

function removeBatch(db: SqliteDb, batchId: string): void {
  prepared(db, 'DELETE FROM assignments WHERE batch_id = ?').run(batchId);
  prepared(db, 'DELETE FROM batch_items WHERE batch_id = ?').run(batchId);
  prepared(db, 'DELETE FROM batches WHERE id = ?').run(batchId);
}

const ratersOf = (e: Created) => [...new Set(e.payload.items.flatMap((i) => i.raters))];

/** Each rater's queue_pos becomes their assignment's rank by (batch clock, item position) again. */
function renumberQueues(db: SqliteDb, raters: string[]): void {
  for (const r of raters) {
    prepared(db, 'UPDATE assignments SET queue_pos = -queue_pos WHERE rater_id = ?').run(r);
    prepared(
      db,
      `WITH ranked AS (
         SELECT a.sample_id, a.batch_id, row_number() OVER (ORDER BY b.hlc, b.event_id, i.position) AS pos
         FROM assignments a JOIN batches b ON b.id = a.batch_id JOIN batch_items i ON i.batch_id = a.batch_id AND i.sample_id = a.sample_id
         WHERE a.rater_id = ?)
       UPDATE assignments SET queue_pos = ranked.pos FROM ranked
       WHERE assignments.rater_id = ? AND assignments.sample_id = ranked.sample_id AND assignments.batch_id = ranked.batch_id`,
    ).run(r, r);
  }
}

export function batchCreated(db: SqliteDb, e: Created, seq: number, eventAt: (seq: number) => ConcordEvent): string | void {
  const current = prepared(db, 'SELECT event_id AS id, hlc, seq FROM batches WHERE id = ?').get(e.payload.batchId) as (Stamp & { seq: number }) | undefined;
  const reason = (winner: string) => `batch id "${e.payload.batchId}" was created first by event ${winner}`;
  if (current) {
    if (compareStamps(e, current) > 0) return reason(current.id);
    // This creation is the first by clock: the batch becomes this one, the other is set aside.
    const loser = eventAt(current.seq) as Created;
    removeBatch(db, e.payload.batchId);
    setAside(db, loser.id, reason(e.id));
    prepared(db, 'DELETE FROM merge_clocks WHERE entity = ?').run(guidelineEntity(e.payload.batchId));
    insertBatch(db, e, seq);
    newestWins(db, guidelineEntity(e.payload.batchId), e);
    for (const r of prepared(db, `SELECT seq FROM events WHERE type = 'batch.requeued' AND json_extract(payload, '$.batchId') = ?`).pluck().all(e.payload.batchId) as number[]) {
      const requeue = eventAt(r) as ConcordEvent<'batch.requeued'>;
      if (!prepared(db, 'SELECT 1 FROM pending_events WHERE seq = ?').get(r)) batchRequeued(db, requeue);
    }
    renumberQueues(db, [...new Set([...ratersOf(loser), ...ratersOf(e)])]);
    return;
  }
  insertBatch(db, e, seq);
  newestWins(db, guidelineEntity(e.payload.batchId), e);
  const later = prepared(db, 'SELECT 1 FROM batches WHERE hlc || event_id > ? LIMIT 1').get(e.hlc + e.id);
  if (later) renumberQueues(db, ratersOf(e));
}

export function batchRequeued(db: SqliteDb, e: ConcordEvent<'batch.requeued'>): void {
  if (!newestWins(db, guidelineEntity(e.payload.batchId), e)) return;
  prepared(db, 'UPDATE batches SET guideline_id = ?, guideline_version = ? WHERE id = ?').run(e.payload.guideline.id, e.payload.guideline.version, e.payload.batchId);
}
