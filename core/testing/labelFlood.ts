import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { SESSION_HEADER } from '../../shared/api/http';

// The browser build's server as a real process, and raters submitting labels to it over HTTP:
// what the contention test and `npm run bench:contention` measure CLI writers against.

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  url: string;
  token: string;
  child: ChildProcess;
  /** Everything the server wrote to stderr. */
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts `core/server/main.ts` on the workspace and waits for the line that says where it listens. */
export async function startServerProcess(workspace: string, staticDir: string, extraArgs: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'core/server/main.ts', '--workspace', workspace, '--static', staticDir, ...extraArgs], {
    cwd: root,
    env: { ...process.env, CONCORD_USER: 'server' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it listened: ${stderr}`)));
  });
  child.stdout!.resume();
  const { url, token } = JSON.parse(first) as { url: string; token: string };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    token,
    child,
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface Submission {
  /** When it was sent, in ms since the flood started. */
  at: number;
  ms: number;
  ok: boolean;
  error?: string;
}

const benign = { categories: ['none'], severity: 0, refusal: 'complied', needs_expert_review: false };

/**
 * Each rater submits a label for each of its samples in turn, one request at a time, pausing
 * `pauseMs` between them, until its samples run out or `stop` is called. Every request's latency
 * and outcome is recorded; a failure is anything but `200 {ok: true}`.
 */
export function floodLabels(server: { url: string; token: string }, raters: { id: string; samples: string[] }[], pauseMs = 10) {
  const start = performance.now();
  const submissions: Submission[] = [];
  let stopping = false;
  const call = (name: string, input: unknown, session?: string) =>
    fetch(`${server.url}api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...(session ? { [SESSION_HEADER]: session } : {}) },
      body: JSON.stringify(input),
    });
  /** Each rater is a tab of its own: signed in once, its session sent on every submit. */
  const signIn = async (profileId: string): Promise<string> => {
    const body = (await (await call('signIn', { profileId })).json()) as { ok: boolean; value?: { session: string }; error?: { message: string } };
    if (!body.ok || !body.value) throw new Error(`signIn ${profileId}: ${body.error?.message}`);
    return body.value.session;
  };
  const submit = async (session: string, sampleId: string) => {
    const sent = performance.now();
    let ok = false;
    let error: string | undefined;
    try {
      const res = await call('saveLabel', { sampleId, values: benign, timeSpentMs: 1000 }, session);
      const body = (await res.json().catch(() => undefined)) as { ok?: boolean; error?: { message: string } } | undefined;
      ok = res.status === 200 && body?.ok === true;
      if (!ok) error = `${res.status} ${body?.error?.message ?? ''}`;
    } catch (e) {
      error = (e as Error).message;
    }
    submissions.push({ at: sent - start, ms: performance.now() - sent, ok, ...(error ? { error } : {}) });
  };
  const loops = raters.map(async (r) => {
    const session = await signIn(r.id);
    for (const sampleId of r.samples) {
      if (stopping) return;
      await submit(session, sampleId);
      await new Promise((res) => setTimeout(res, pauseMs));
    }
  });
  return {
    /** ms since the flood started (to mark phases). */
    now: () => performance.now() - start,
    submissions,
    async stop(): Promise<Submission[]> {
      stopping = true;
      await Promise.all(loops);
      return submissions;
    },
  };
}

/** p50, p99 and max latency and the failures among some submissions. */
export function latencyStats(subs: Submission[]) {
  const ms = subs.map((s) => s.ms).sort((a, b) => a - b);
  const q = (p: number) => (ms.length ? ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)] : NaN);
  return { submits: subs.length, p50: q(0.5), p99: q(0.99), max: ms.at(-1) ?? NaN, failed: subs.filter((s) => !s.ok).length };
}
