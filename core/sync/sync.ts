import { MAX_DRIFT_MS } from '../../shared/clock/hlc';
import { parseEvent, type ConcordEvent } from '../../shared/events';
import { MAX_PULL_EVENTS, MAX_PUSH_EVENTS } from '../../shared/hub/api';
import { withheldFromExport } from '../bundle/withheld';
import { emptyReceiveReport, receiveEvents, type RemoteEvent } from '../store/eventLog';
import { readLocal, writeLocal } from '../store/localMeta';
import { prepared } from '../store/prepared';
import type { SqliteDb } from '../store/sqlite';
import type { Workspace } from '../workspace/workspace';
import { EventJson, HubRefusal, HubUnreachable, type HubClient } from './hubClient';

// One sync with the hub: push this replica's outbox, then pull what the hub has for this member.
//
// The outbox is every event in the local log that the hub does not have yet as far as this replica
// knows: after the pushed-through mark, not received from the hub, not refused by it, and not an
// unfinished import's (core/bundle/withheld.ts). Pushes are bounded batches in log order, idempotent
// by event id: a push whose answer was lost is pushed again and counted by the hub as duplicates.
// An event the hub refuses is set aside with the hub's reason and never blocks the ones after it.
// Pulled pages are applied in one transaction with the cursor that follows them, so the cursor only
// moves past events that are committed here.

// As many events a request as the hub takes (shared/hub/api.ts): fewer round trips and commits.
const PUSH_EVENTS = MAX_PUSH_EVENTS;
const PUSH_BYTES = 8 * 1024 * 1024;
const PULL_PAGE = MAX_PULL_EVENTS;

export interface SyncProgress {
  phase: 'push' | 'pull';
  /** Events pushed or pulled so far in this sync. */
  done: number;
  /** Push: events still to push; pull: whether the hub has more. */
  remaining: number | null;
  /** Pull: the hub's seq this replica has reached, and the project's last (how far there is to go). */
  cursor?: number;
  head?: number;
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

const outboxSql = `FROM events e WHERE e.seq > :after AND e.seq <= :upTo
  AND NOT EXISTS (SELECT 1 FROM sync_received r WHERE r.seq = e.seq)
  AND NOT EXISTS (SELECT 1 FROM sync_rejected j WHERE j.event_id = e.id)`;

const pushedThrough = (db: SqliteDb) => Number(readLocal(db, 'sync.pushed_through') ?? 0);
const lastSeq = (db: SqliteDb) => (prepared(db, 'SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number);
const NO_LIMIT = Number.MAX_SAFE_INTEGER;
const pullCursor = (db: SqliteDb) => Number(readLocal(db, 'sync.pull_cursor') ?? 0);

/** How many local changes the hub does not have yet: what the status bar calls "waiting". */
export function unsyncedCount(db: SqliteDb): number {
  return prepared(db, `SELECT count(*) ${outboxSql}`).pluck().get({ after: pushedThrough(db), upTo: NO_LIMIT }) as number;
}

/** Outbox rows after a seq and up to another, in log order, with their payloads as stored. */
function outboxAfter(db: SqliteDb, after: number, upTo: number): OutboxRow[] {
  return prepared(db, `SELECT e.seq, e.id, e.type, e.author, e.ts, e.hlc, e.origin, e.payload ${outboxSql} ORDER BY e.seq LIMIT :limit`).all({ after, upTo, limit: PUSH_EVENTS }) as OutboxRow[];
}

/** The event as JSON, its payload the text the log stores (valid JSON, as written): not parsed and written again. */
const asEvent = (r: OutboxRow) => new EventJson(`${JSON.stringify({ id: r.id, type: r.type, author: r.author, ts: r.ts, hlc: r.hlc, origin: r.origin }).slice(0, -1)},"payload":${r.payload}}`);

function rejectEvent(db: SqliteDb, id: string, reason: string) {
  prepared(db, 'INSERT OR IGNORE INTO sync_rejected (event_id, reason, at) VALUES (?, ?, ?)').run(id, reason, new Date().toISOString());
}

async function push(ws: Workspace, hub: HubClient, report: SyncReport, onProgress?: (p: SyncProgress) => void) {
  const withheld = withheldFromExport(ws.db);
  let scanned = pushedThrough(ws.db);
  // What the log holds now: events written meanwhile go out with the next sync.
  const upTo = lastSeq(ws.db);
  // A withheld event (an unfinished import's) stops the pushed-through mark, so it goes out once it may.
  let blocked = false;
  for (;;) {
    const rows = outboxAfter(ws.db, scanned, upTo);
    if (rows.length === 0) {
      // Nothing (more) to push: the mark passes what was received, so the next outbox starts here.
      if (!blocked && upTo > pushedThrough(ws.db)) writeLocal(ws.db, 'sync.pushed_through', String(upTo));
      return;
    }
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
  // What this replica still has to push, for the owner's Team screen: pulling does not change it.
  const pending = unsyncedCount(ws.db);
  let next = hub.pull(pullCursor(ws.db), PULL_PAGE, pending);
  for (;;) {
    const page = await next;
    // The next page is asked for before this one is applied: the hub reads it meanwhile. Its cursor
    // is written only with it, after this one's.
    if (page.more) {
      next = hub.pull(page.next, PULL_PAGE, pending);
      next.catch(() => undefined); // if applying this page fails, the next one is dropped unread
    }
    if (page.events.length === 0 && page.next === pullCursor(ws.db)) return; // nothing new: nothing written
    const remote: RemoteEvent[] = [];
    const invalid: { event: string; reason: string }[] = [];
    // Events this log has already (its own, pushed and served back), found with one query: a
    // duplicate needs no parsing.
    const idOf = (event: unknown) => (event as { id?: unknown } | null)?.id;
    const sentIds = page.events.map(({ event }) => idOf(event)).filter((id): id is string => typeof id === 'string');
    const inLog = new Set(prepared(ws.db, 'SELECT id FROM events WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(sentIds)) as string[]);
    const known: string[] = [];
    for (const { event } of page.events) {
      const id = idOf(event);
      if (typeof id === 'string' && inLog.has(id)) {
        known.push(id);
        continue;
      }
      try {
        const e = parseEvent(event) as ConcordEvent;
        remote.push({ event: e, payloadJson: JSON.stringify(e.payload) });
      } catch (err) {
        invalid.push({ event: String(idOf(event) ?? '?'), reason: `the hub sent an event that is not valid here: ${(err as Error).message.slice(0, 300)}` });
      }
    }
    // The page, what it brought, and the cursor after it: one transaction.
    ws.db
      .transaction(() => {
        // With nothing left to push before this page, the mark passes what it brings (received
        // events are never pushed), so the outbox never scans them.
        const upToDate = pushedThrough(ws.db) >= lastSeq(ws.db);
        receiveEvents(ws.db, remote, undefined, emptyReceiveReport());
        const ids = JSON.stringify([...known, ...remote.map((r) => r.event.id)]);
        prepared(ws.db, 'INSERT OR IGNORE INTO sync_received (seq) SELECT seq FROM events WHERE id IN (SELECT value FROM json_each(?))').run(ids);
        for (const bad of invalid) rejectEvent(ws.db, bad.event, bad.reason);
        if (upToDate && remote.length) writeLocal(ws.db, 'sync.pushed_through', String(lastSeq(ws.db)));
        if (page.next !== pullCursor(ws.db)) writeLocal(ws.db, 'sync.pull_cursor', String(page.next));
      })
      .immediate();
    report.pulled += known.length + remote.length;
    onProgress?.({ phase: 'pull', done: report.pulled, remaining: page.more ? null : 0, cursor: page.next, head: page.head ?? page.next });
    if (!page.more) return;
  }
}

/** How stale the stored time of the last sync may get when syncs bring nothing (ms). */
const SYNCED_AT_EVERY_MS = 10_000;

/**
 * Records a successful sync. A sync that sent or brought nothing writes only when the stored time
 * is older than SYNCED_AT_EVERY_MS (or an error is recorded): a replica syncing every few seconds
 * with nothing new does not write its workspace each time, and "synced at" is at most that behind.
 */
function noteSynced(db: SqliteDb, changed: boolean) {
  const now = new Date();
  const last = Date.parse(readLocal(db, 'sync.last_synced_at') ?? '');
  if (changed || !(now.getTime() - last < SYNCED_AT_EVERY_MS)) writeLocal(db, 'sync.last_synced_at', now.toISOString());
  if (readLocal(db, 'sync.last_error') !== undefined) writeLocal(db, 'sync.last_error', undefined);
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
    noteSynced(ws.db, report.pushed + report.pulled > 0);
  } catch (e) {
    if (e instanceof HubUnreachable || e instanceof HubRefusal) writeLocal(ws.db, 'sync.last_error', e.message);
    finish();
    throw Object.assign(e as Error, { report });
  }
  finish();
  return report;
}

export { HubRefusal, HubUnreachable };
