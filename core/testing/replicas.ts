import path from 'node:path';
import type { ConcordEvent } from '../../shared/events';
import { readEventRows } from '../store/eventRows';
import { receiveEvents, type ReceiveReport } from '../store/eventLog';
import { createReplica, type Workspace } from '../workspace/workspace';

// Copies of one workspace on "other machines" for tests: each its own database and replica id,
// events carried between them as a bundle would carry them (without the file).

export function eventsOf(ws: Workspace): { event: ConcordEvent; payloadJson: string }[] {
  const out: { event: ConcordEvent; payloadJson: string }[] = [];
  for (let after = 0; ; ) {
    const rows = readEventRows(ws.db, after, 1000);
    if (!rows.length) return out;
    for (const r of rows) out.push({ event: { ...r, payload: JSON.parse(r.payload) } as ConcordEvent, payloadJson: r.payload });
    after = rows[rows.length - 1].seq;
  }
}

/** Every event `from` has that `to` lacks, applied at `to` (no permission check: tests of merging). */
export function ship(from: Workspace, to: Workspace): ReceiveReport {
  return receiveEvents(to.db, eventsOf(from));
}

/** A new replica of `ws` in its own folder (who writes there is each write's `by`, as everywhere). */
export function replicaOf(ws: Workspace, dir: string): Workspace {
  const r = createReplica(path.join(dir, `replica-${Math.random().toString(36).slice(2, 8)}`));
  ship(ws, r);
  return r;
}
