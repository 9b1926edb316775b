import type { RefusedChange, SyncStatusView } from '../../shared/api/types';
import { readLocal } from '../store/localMeta';
import { prepared } from '../store/prepared';
import type { Workspace } from '../workspace/workspace';
import type { BackgroundSyncState, SyncProblem } from './background';
import { readHubConnection } from './hubConnection';
import { unsyncedCount } from './sync';

// What the status bar says about sync, from the store (what the hub has acknowledged, what it
// refused) and the background sync's live state (running, failing, next attempt).

/** What the user can do about a problem, in one sentence. */
function actionFor(problem: SyncProblem): string {
  if (problem.kind === 'offline') return 'Keep working: everything is saved on this machine and goes out when the hub is back.';
  if (problem.kind === 'token') return 'Enter the invitation token again (ask the project’s owner for a new one if it was revoked or expired).';
  return 'Nothing is lost: the changes stay on this machine. Ask the project’s owner if it keeps happening.';
}

type RefusedRow = { id: string; type: string; payload: string; reason: string; at: string };

function describe(type: string, sampleId: string | null): string {
  const on = sampleId ? ` of sample ${sampleId}` : '';
  if (type === 'label.submitted' || type === 'label.revised') return `Label${on}`;
  if (type === 'item.marked' || type === 'item.unmarked') return `Mark${on}`;
  return `${type}${on}`;
}

/** The changes this author made that the hub refused, newest first. */
export function refusedChanges(ws: Workspace, author: string): RefusedChange[] {
  const rows = prepared(
    ws.db,
    `SELECT e.id, e.type, e.payload, j.reason, j.at FROM sync_rejected j JOIN events e ON e.id = j.event_id WHERE e.author = ? ORDER BY j.at DESC, e.seq DESC LIMIT 50`,
  ).all(author) as RefusedRow[];
  return rows.map((r) => {
    const sampleId = (JSON.parse(r.payload) as { sampleId?: unknown }).sampleId;
    const sample = typeof sampleId === 'string' ? sampleId : null;
    return { eventId: r.id, what: describe(r.type, sample), sampleId: sample, reason: r.reason, at: r.at };
  });
}

export function syncStatus(ws: Workspace, live: BackgroundSyncState | undefined, author: string): SyncStatusView {
  const connection = readHubConnection(ws.dir);
  const refused = connection ? refusedChanges(ws, author) : [];
  const waiting = unsyncedCount(ws.db);
  const lastSyncedAt = readLocal(ws.db, 'sync.last_synced_at') ?? null;
  const pulledThrough = Number(readLocal(ws.db, 'sync.pull_cursor') ?? 0);
  const base = { hub: connection?.url ?? null, member: connection?.member ?? null, waiting, lastSyncedAt, pulledThrough, refused, nextAttemptAt: null, problem: null };
  if (!connection) return { ...base, state: 'local' };
  const nextAttemptAt = live?.nextAttemptAt ? new Date(live.nextAttemptAt).toISOString() : null;
  const problem = live?.problem ? { ...live.problem, action: actionFor(live.problem) } : null;
  const state: SyncStatusView['state'] = problem
    ? problem.kind === 'offline'
      ? 'offline'
      : 'error'
    : live?.running
      ? 'syncing'
      : waiting > 0
        ? 'waiting'
        : lastSyncedAt
          ? 'synced'
          : 'waiting';
  return { ...base, state, problem, nextAttemptAt };
}
