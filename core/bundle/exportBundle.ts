import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../errors';
import { writeFileAtomic } from '../export/writeAtomic';
import { readEventRows } from '../store/eventRows';
import { replicaId } from '../store/localMeta';
import { prepared } from '../store/prepared';
import type { Workspace } from '../workspace/workspace';
import { BUNDLE_VERSION, cursorSchema, eventLine, type BundleCursor, type BundleHeader } from './format';
import { withheldFromExport } from './withheld';

export interface BundleExportSummary {
  file: string;
  cursor: string;
  workspace: string;
  events: number;
  /** The log position the bundle started after (0: from the start). */
  after: number;
  /** Events left out because they must not leave this machine yet (an unfinished import's). */
  withheld: number;
}

export function cursorFileFor(bundle: string): string {
  return `${bundle}.cursor`;
}

function readCursor(file: string, workspace: string, replica: string): number {
  let parsed: BundleCursor;
  try {
    parsed = cursorSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new InputError(`cannot read ${file}: no such file`);
    throw new InputError(`${file} is not a bundle cursor: ${e instanceof z.ZodError ? z.prettifyError(e).replace(/\n/g, '; ') : err.message}`);
  }
  if (parsed.workspace !== workspace) throw new InputError(`${file} is a cursor of workspace ${parsed.workspace}, not of this one (${workspace})`);
  if (parsed.replica !== replica) throw new InputError(`${file} was saved by another copy of this workspace (replica ${parsed.replica}); a cursor counts one replica's log`);
  return parsed.seq;
}

/**
 * Writes the events this replica has (those after a cursor, with `since`) as a bundle, atomically,
 * and saves beside it the cursor a later export starts after. The cursor never passes a withheld
 * event, so it goes out in a later bundle once it may.
 */
export function exportBundle(
  ws: Workspace,
  opts: { out: string; since?: string; withhold?: (e: { seq: number; id: string; type: string }) => boolean },
): BundleExportSummary {
  const db = ws.db;
  const workspace = prepared(db, `SELECT value FROM meta WHERE key = 'workspace_id'`).pluck().get() as string | undefined;
  if (!workspace) throw new InputError(`${ws.dir} has no workspace yet: nothing to export`);
  const replica = replicaId(db);
  const after = opts.since ? readCursor(opts.since, workspace, replica) : 0;
  const withhold = opts.withhold ?? withheldFromExport(db);
  // One read transaction: the bundle is one consistent snapshot of the log while others write.
  return db.transaction(() => {
    const name = prepared(db, `SELECT value FROM meta WHERE key = 'workspace_name'`).pluck().get() as string | undefined;
    // First the envelopes only (no payloads): which events go, so the header can count them.
    const page = prepared(db, 'SELECT seq, id, type FROM events WHERE seq > ? ORDER BY seq LIMIT 10000');
    const held = new Set<number>();
    let last = after;
    let count = 0;
    let firstHeld: number | undefined;
    for (;;) {
      const envelopes = page.all(last) as { seq: number; id: string; type: string }[];
      if (envelopes.length === 0) break;
      for (const e of envelopes) {
        if (withhold(e)) {
          held.add(e.seq);
          firstHeld ??= e.seq;
        } else count++;
      }
      last = envelopes[envelopes.length - 1].seq;
    }
    const cursor = firstHeld === undefined ? last : firstHeld - 1;
    const header: BundleHeader = { concord_bundle: BUNDLE_VERSION, workspace, name, origin: replica, events: count, after, created: new Date().toISOString() };
    writeFileAtomic(opts.out, (put) => {
      put(JSON.stringify(header) + '\n');
      for (let at = after; at < last; ) {
        const rows = readEventRows(db, at, 500);
        if (rows.length === 0) break;
        for (const r of rows) if (r.seq <= last && !held.has(r.seq)) put(eventLine(r) + '\n');
        at = rows[rows.length - 1].seq;
      }
    });
    const cursorFile = cursorFileFor(opts.out);
    writeFileAtomic(cursorFile, (put) => put(JSON.stringify({ concord_cursor: 1, workspace, replica, seq: cursor } satisfies BundleCursor) + '\n'));
    return { file: opts.out, cursor: cursorFile, workspace, events: count, after, withheld: held.size };
  })();
}
