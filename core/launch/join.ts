import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { JoinProgress } from '../../shared/api/types';
import { InputError } from '../errors';
import { prepared } from '../store/prepared';
import { backoffDelay, type BackoffPolicy } from '../sync/background';
import { connectWorkspace } from '../sync/connect';
import { HUB_FILE } from '../sync/hubConnection';
import { HubRefusal, HubUnreachable, hubClient } from '../sync/hubClient';
import { DB_FILE } from '../workspace/workspace';

// Joining a team from the first-run screen: the hub says who the invitation is for (name, roles),
// then the member's replica is made in the app's workspace folder and the initial sync brings the
// project in, page by page. A join marker (mode 0600: it holds the token until hub.json does) is
// written first and removed once the initial sync is through, so a join cut off at any point
// (the process killed) resumes where it stopped when the app starts again: every pulled page is
// committed with its cursor (core/sync/sync.ts).

const MARKER = '.concord-join.json';
const markerSchema = z.object({ url: z.string().url(), token: z.string().min(1) });

export function pendingJoin(dir: string): z.infer<typeof markerSchema> | undefined {
  const file = path.join(dir, MARKER);
  if (!existsSync(file)) return undefined;
  const parsed = markerSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

function writeMarker(dir: string, url: string, token: string) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, MARKER);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify({ url, token }) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** The hub's answer to an invitation, before anything is written here: refusals become the form's error. */
export async function checkInvitation(url: string, token: string) {
  try {
    return await hubClient(url, token).me();
  } catch (e) {
    if (e instanceof HubRefusal) throw new InputError(`the hub at ${url} does not accept this invitation: ${e.message}`);
    if (e instanceof HubUnreachable) throw new InputError(`${e.message}. Check the address, and that this computer is online`);
    throw e;
  }
}

/** Starts a join: the marker first, so a join cut off from here on resumes. */
export function beginJoin(dir: string, url: string, token: string) {
  writeMarker(dir, url, token);
}

/** Removes what a refused join made (only a fresh replica: it holds nothing of anyone's yet but the hub's). */
function abandonJoin(dir: string) {
  for (const f of [HUB_FILE, DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, MARKER]) rmSync(path.join(dir, f), { force: true });
}

export interface JoinRun {
  progress: JoinProgress;
  /** Resolves when the initial sync is through (true) or the hub refused the join (false: progress.error says why). */
  done: Promise<boolean>;
  cancel(): void;
}

/**
 * Runs (or resumes) the initial sync of the join the marker names, retrying with backoff while the
 * hub cannot be reached; `onProgress` after each committed page.
 */
export function runJoin(dir: string, opts: { backoff?: BackoffPolicy; onProgress?: (p: JoinProgress) => void } = {}): JoinRun {
  const join = pendingJoin(dir);
  if (!join) throw new InputError(`no join is under way in ${dir}`);
  const backoff = opts.backoff ?? { firstMs: 1_000, capMs: 30_000 };
  const progress: JoinProgress = { hub: join.url, member: null, projectName: null, samples: 0, guidelineVersions: 0, events: 0, fraction: null, error: null };
  let cancelled = false;
  let wake: () => void = () => {};
  // Cut off between making the replica and saving its hub.json: the replica holds nothing yet; start it again.
  if (!existsSync(path.join(dir, HUB_FILE))) for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) rmSync(path.join(dir, f), { force: true });
  const done = (async () => {
    for (let failures = 0; !cancelled; ) {
      try {
        const start = { cursor: -1 };
        const result = await connectWorkspace(dir, join.url, join.token, {
          onProgress(p, ws) {
            if (p.phase !== 'pull') return;
            const count = (sql: string) => prepared(ws.db, sql).pluck().get() as number;
            progress.samples = count('SELECT count(*) FROM samples');
            progress.guidelineVersions = count('SELECT count(*) FROM guidelines');
            progress.events = count('SELECT count(*) FROM events');
            if (p.cursor !== undefined && p.head !== undefined) {
              if (start.cursor < 0) start.cursor = Math.max(0, p.cursor - 1);
              progress.fraction = p.head <= start.cursor ? 1 : Math.min(1, (p.cursor - start.cursor) / (p.head - start.cursor));
            }
            progress.error = null;
            opts.onProgress?.({ ...progress });
          },
        });
        progress.member = result.member;
        progress.projectName = result.projectName;
        progress.fraction = 1;
        progress.error = null;
        rmSync(path.join(dir, MARKER), { force: true });
        opts.onProgress?.({ ...progress });
        return true;
      } catch (e) {
        if (e instanceof HubUnreachable) {
          failures++;
          progress.error = `${e.message}; trying again in ${Math.round(backoffDelay(failures, backoff) / 1000)} s`;
          opts.onProgress?.({ ...progress });
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, backoffDelay(failures, backoff)).unref?.();
          });
          continue;
        }
        progress.error = (e as Error).message;
        abandonJoin(dir);
        opts.onProgress?.({ ...progress });
        return false;
      }
    }
    return false;
  })();
  return {
    progress,
    done,
    cancel() {
      cancelled = true;
      wake();
    },
  };
}
