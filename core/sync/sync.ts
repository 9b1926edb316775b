import { MAX_DRIFT_MS } from '../../shared/clock/hlc';
import { parseEvent, type ConcordEvent } from '../../shared/events';
import { withheldFromExport } from '../bundle/withheld';
import { emptyReceiveReport, receiveEvents, type RemoteEvent } from '../store/eventLog';
import { readLocal, writeLocal } from '../store/localMeta';
import { prepared } from '../store/prepared';
import type { SqliteDb } from '../store/sqlite';
import type { Workspace } from '../workspace/workspace';
import { HubRefusal, HubUnreachable, type HubClient } from './hubClient';

// One sync with the hub: push this replica's outbox, then pull what the hub has for this member.
//
// The outbox is every event in the local log that the hub does not have yet as far as this replica
// knows: after the pushed-through mark, not received from the hub, not refused by it, and not an
// unfinished import's (core/bundle/withheld.ts). Pushes are bounded batches in log order, idempotent
// by event id: a push whose answer was lost is pushed again and counted by the hub as duplicates.
// An event the hub refuses is set aside with the hub's reason and never blocks the ones after it.
// Pulled pages are applied in one transaction with the cursor that follows them, so the cursor only
// moves past events that are committed here.

const PUSH_EVENTS = 500;
const PUSH_BYTES = 8 * 1024 * 1024;
const PULL_PAGE = 500;

export interface SyncProgress {
  phase: 'push' | 'pull';
  /** Events pushed or pulled so far in this sync. */
  done: number;
  /** Push: events still to push; pull: whether the hub has more. */
  remaining: number | null;
}

export interface SyncReport {
  pushed: number;
  pulled: number;
  /** Local changes the hub does not have yet (0 after a full sync, unless some are withheld). */
  pending: number;
  /** Events the hub refused (kept here, with the hub's reason), in all. */
  rejected: number;
  /** Refused in this sync, with the reasons. */
  refusals: { event: string; reason: string }[];
  /** Received events waiting for one they refer to. */
  waiting: number;
  /** The hub's clock minus this machine's, when this machine's is off by more than 5 minutes. */
  clockOffMs: number | null;
}

type OutboxRow = { seq: number; id: string; type: string; author: string; ts: string; hlc: string; origin: string; payload: string };

const outboxSql = `FROM events e WHERE e.seq > :after
  AND NOT EXISTS (SELECT 1 FROM sync_received r WHERE r.seq = e.seq)
  AND NOT EXISTS (SELECT 1 FROM sync_rejected j WHERE j.event_id = e.id)`;

const pushedThrough = (db: SqliteDb) => Number(readLocal(db, 'sync.pushed_through') ?? 0);
const pullCursor = (db: SqliteDb) => Number(readLocal(db, 'sync.pull_cursor') ?? 0);

/** How many local changes the hub does not have yet: what the status bar calls "waiting". */
export function unsyncedCount(db: SqliteDb): number {
  return prepared(db, `SELECT count(*) ${outboxSql}`).pluck().get({ after: pushedThrough(db) }) as number;
}

/** Outbox rows after a seq, in log order, with their payloads as stored. */
function outboxAfter(db: SqliteDb, after: number): OutboxRow[] {
  return prepared(db, `SELECT e.seq, e.id, e.type, e.author, e.ts, e.hlc, e.origin, e.payload ${outboxSql} ORDER BY e.seq LIMIT :limit`).all({ after, limit: PUSH_EVENTS }) as OutboxRow[];
}

const asEvent = (r: OutboxRow) => ({ id: r.id, type: r.type, author: r.author, ts: r.ts, hlc: r.hlc, origin: r.origin, payload: JSON.parse(r.payload) });

function rejectEvent(db: SqliteDb, id: string, reason: string) {
  prepared(db, 'INSERT OR IGNORE INTO sync_rejected (event_id, reason, at) VALUES (?, ?, ?)').run(id, reason, new Date().toISOString());
}

async function push(ws: Workspace, hub: HubClient, report: SyncReport, onProgress?: (p: SyncProgress) => void) {
  const withheld = withheldFromExport(ws.db);
  let scanned = pushedThrough(ws.db);
  // A withheld event (an unfinished import's) stops the pushed-through mark, so it goes out once it may.
  let blocked = false;
  for (;;) {
    const rows = outboxAfter(ws.db, scanned);
    if (rows.length === 0) return;
    let events: OutboxRow[] = [];
    let bytes = 0;
    for (const r of rows) {
      if (events.length && bytes + r.payload.length > PUSH_BYTES) break;
      scanned = r.seq;
      if (withheld(r)) blocked = true;
      else {
        events.push(r);
        bytes += r.payload.length + 300;
      }
    }
    while (events.length) {
      try {
        await hub.push(events.map(asEvent), Math.max(0, unsyncedCount(ws.db) - events.length));
        report.pushed += events.length;
        break;
      } catch (e) {
        // The hub names the event it refused: set it aside and push the rest without it.
        if (e instanceof HubRefusal && e.event && (e.status === 400 || e.status === 403) && events.some((r) => r.id === e.event)) {
          rejectEvent(ws.db, e.event, e.message);
          report.refusals.push({ event: e.event, reason: e.message });
          events = events.filter((r) => r.id !== e.event);
          continue;
        }
        throw e;
      }
    }
    if (!blocked) writeLocal(ws.db, 'sync.pushed_through', String(scanned));
    onProgress?.({ phase: 'push', done: report.pushed, remaining: unsyncedCount(ws.db) });
  }
}

async function pull(ws: Workspace, hub: HubClient, report: SyncReport, onProgress?: (p: SyncProgress) => void) {
  for (;;) {
    const page = await hub.pull(pullCursor(ws.db), PULL_PAGE, unsyncedCount(ws.db));
    const remote: RemoteEvent[] = [];
    const invalid: { event: string; reason: string }[] = [];
    for (const { event } of page.events) {
      try {
        const e = parseEvent(event) as ConcordEvent;
        remote.push({ event: e, payloadJson: JSON.stringify(e.payload) });
      } catch (err) {
        invalid.push({ event: String((event as { id?: unknown })?.id ?? '?'), reason: `the hub sent an event that is not valid here: ${(err as Error).message.slice(0, 300)}` });
      }
    }
    // The page, what it brought, and the cursor after it: one transaction.
    ws.db
      .transaction(() => {
        receiveEvents(ws.db, remote, undefined, emptyReceiveReport());
        const ids = JSON.stringify(remote.map((r) => r.event.id));
        prepared(ws.db, 'INSERT OR IGNORE INTO sync_received (seq) SELECT seq FROM events WHERE id IN (SELECT value FROM json_each(?))').run(ids);
        for (const bad of invalid) rejectEvent(ws.db, bad.event, bad.reason);
        writeLocal(ws.db, 'sync.pull_cursor', String(page.next));
      })
      .immediate();
    report.pulled += remote.length;
    onProgress?.({ phase: 'pull', done: report.pulled, remaining: page.more ? null : 0 });
    if (!page.more) return;
  }
}

/**
 * Pushes the outbox and pulls what is new. Throws HubUnreachable when the hub cannot be reached (the
 * outbox stays: nothing is lost) and HubRefusal when it refuses the member (a revoked or wrong token).
 */
export async function syncWorkspace(ws: Workspace, hub: HubClient, opts: { onProgress?: (p: SyncProgress) => void } = {}): Promise<SyncReport> {
  const report: SyncReport = { pushed: 0, pulled: 0, pending: 0, rejected: 0, refusals: [], waiting: 0, clockOffMs: null };
  const finish = () => {
    report.pending = unsyncedCount(ws.db);
    report.rejected = prepared(ws.db, 'SELECT count(*) FROM sync_rejected').pluck().get() as number;
    report.waiting = prepared(ws.db, 'SELECT count(*) FROM pending_events').pluck().get() as number;
    const offset = hub.clockOffsetMs();
    report.clockOffMs = offset !== null && Math.abs(offset) > MAX_DRIFT_MS ? Math.round(offset) : null;
  };
  try {
    await push(ws, hub, report, opts.onProgress);
    await pull(ws, hub, report, opts.onProgress);
    writeLocal(ws.db, 'sync.last_synced_at', new Date().toISOString());
    writeLocal(ws.db, 'sync.last_error', undefined);
  } catch (e) {
    if (e instanceof HubUnreachable || e instanceof HubRefusal) writeLocal(ws.db, 'sync.last_error', e.message);
    finish();
    throw Object.assign(e as Error, { report });
  }
  finish();
  return report;
}

export { HubRefusal, HubUnreachable };
