import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBatch } from '../batches/createBatch';
import { createEngine } from '../api/handlers';
import { dispatch } from '../api/dispatch';
import { memorySession } from '../api/session';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { findLabel, submitLabel } from '../workspace/labels';
import { queuePage } from '../workspace/queue';
import { openWorkspace, type Workspace } from '../workspace/workspace';
import { startTestHub } from '../../hub/testing/hub';
import { serveHub, type ServingHub } from '../../hub/testing/process';
import { backoffDelay, startBackgroundSync, type BackgroundSync, type BackgroundSyncState } from './background';
import { connectWorkspace } from './connect';
import { hubClient } from './hubClient';
import { readHubConnection } from './hubConnection';
import { refusedChanges } from './status';
import { syncWorkspace, unsyncedCount } from './sync';

// The background sync against a real hub process on 127.0.0.1 that is stopped and restarted: a
// label is committed at once and pushed soon after; with the hub down it waits, backing off; once
// the hub is back it goes out and the backoff resets. A refused change stays here with its reason.

const tempDir = useTempDirs();
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** Polls a condition until it holds (the test's own deadline is the limit, not a timing guess). */
async function until(what: string, cond: () => boolean, limitMs = 30_000) {
  const end = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A project on a hub process (kept on its data folder and port, so it can be stopped and started again), its owner's source and r1's replica. */
async function team() {
  const dir = tempDir();
  const setup = await startTestHub('sqlite', dir);
  await setup.member('r1', ['rater']);
  await setup.member('r2', ['rater']);
  const tokens = { ...setup.tokens };
  const port = new URL(setup.url).port;
  await setup.close();
  const args = ['--data', path.join(dir, 'hub-data'), '--port', port, '--rate-limit', '1000000'];
  let hub: ServingHub = await serveHub(args);
  cleanup.push(() => hub.stop('SIGKILL'));
  const owner = await makeWorkspace(path.join(dir, 'owner'), 6, ['r1', 'r2']);
  createBatch(owner, { name: 'B', size: 6, seed: 1, overlap: { k: 1 }, raters: ['r1', 'r2'] }, TEST_OWNER);
  const ownerDir = owner.dir;
  owner.close();
  await connectWorkspace(ownerDir, hub.url, tokens.olga);
  const r1Dir = path.join(dir, 'r1');
  await connectWorkspace(r1Dir, hub.url, tokens.r1);
  return {
    dir,
    tokens,
    ownerDir,
    r1Dir,
    hubUrl: hub.url,
    stopHub: () => hub.stop('SIGKILL'),
    startHub: async () => {
      hub = await serveHub(args);
    },
  };
}

function background(ws: Workspace, onSync?: (s: BackgroundSyncState) => void): BackgroundSync {
  const sync = startBackgroundSync(ws, {
    client: () => {
      const c = readHubConnection(ws.dir)!;
      return hubClient(c.url, c.token, { timeoutMs: 5_000 });
    },
    pushDelayMs: 20,
    pullEveryMs: 300,
    backoff: { firstMs: 40, capMs: 320 },
    onSync,
  });
  cleanup.push(() => sync.stop());
  return sync;
}

describe('backoffDelay', () => {
  it('doubles from the first wait up to the cap, and is 0 without a failure', () => {
    const policy = { firstMs: 2_000, capMs: 60_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffDelay(n, policy))).toEqual([0, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });
});

describe('the background sync', () => {
  it('pushes a label soon after it is committed, waits out a stopped hub with growing waits, and catches up (backoff reset) once it is back', { timeout: 120_000 }, async () => {
    const t = await team();
    const ws = openWorkspace(t.r1Dir);
    cleanup.push(async () => ws.close());
    const delays: number[] = [];
    const sync = background(ws, (s) => {
      if (s.problem) delays.push(s.nextAttemptAt! - Date.now());
    });
    const engine = createEngine(ws, { sync });
    const session = memorySession('r1');
    const [a, b] = queuePage(ws, { raterId: 'r1', filter: 'todo', search: '', offset: 0, limit: 10 }).items.map((i) => i.sampleId);
    const save = (sampleId: string) => dispatch(engine, 'saveLabel', { sampleId, values: harmLabel(['none'], 0), timeSpentMs: 5 }, session);

    // Online: the call answers with the label committed; the background sync pushes it.
    expect(await save(a)).toMatchObject({ ok: true });
    expect(findLabel(ws, a, 'r1', { id: 'harm-taxonomy', version: '1.1.0' })).toBeDefined();
    await until('the label is pushed', () => unsyncedCount(ws.db) === 0 && !sync.state().running);
    expect(sync.state()).toMatchObject({ problem: null, failures: 0 });

    // The hub is killed: the next label is still committed at once, and waits here.
    await t.stopHub();
    expect(await save(b)).toMatchObject({ ok: true });
    expect(unsyncedCount(ws.db)).toBe(1);
    await until('four failed attempts', () => sync.state().failures >= 4);
    expect(sync.state().problem).toMatchObject({ kind: 'offline', message: expect.stringMatching(/cannot reach the hub/) });
    // Each wait doubles (40, 80, 160 ms), up to the cap (320 ms).
    const expected = [40, 80, 160, 320, 320];
    delays.slice(0, 4).forEach((d, i) => expect(d, `wait ${i + 1}`).toBeGreaterThan(expected[i] - 15));
    delays.slice(0, 4).forEach((d, i) => expect(d, `wait ${i + 1}`).toBeLessThanOrEqual(expected[i]));
    const status = await dispatch(engine, 'syncStatus', {}, session);
    expect(status).toMatchObject({ ok: true, value: { state: 'offline', waiting: 1, problem: { kind: 'offline', action: expect.stringMatching(/saved on this machine/) } } });

    // Back: the change goes out by itself, the backoff resets, and the owner pulls both labels.
    await t.startHub();
    await until('the waiting label is pushed after the restart', () => unsyncedCount(ws.db) === 0 && sync.state().problem === null);
    expect(sync.state().failures).toBe(0);
    expect((await dispatch(engine, 'syncStatus', {}, session)) as { value: unknown }).toMatchObject({ value: { state: 'synced', waiting: 0, problem: null } });
    const owner = openWorkspace(t.ownerDir);
    cleanup.push(async () => owner.close());
    await syncWorkspace(owner, hubClient(t.hubUrl, t.tokens.olga));
    for (const s of [a, b]) expect(findLabel(owner, s, 'r1', { id: 'harm-taxonomy', version: '1.1.0' })).toBeDefined();
  });

  it('a label is never held up by a sync in flight: the call answers while the hub has not', { timeout: 60_000 }, async () => {
    const t = await team();
    // A "hub" that accepts connections and never answers.
    const net = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = net.createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => (sockets.forEach((s) => s.destroy()), silent.close(r))));
    const ws = openWorkspace(t.r1Dir);
    cleanup.push(async () => ws.close());
    const url = `http://127.0.0.1:${(silent.address() as import('node:net').AddressInfo).port}`;
    const sync = startBackgroundSync(ws, { client: () => hubClient(url, t.tokens.r1, { timeoutMs: 3_000 }), pushDelayMs: 0 });
    cleanup.push(() => sync.stop());
    await until('a sync is in flight', () => sync.state().running && sockets.length > 0);
    const engine = createEngine(ws, { sync });
    const [a] = queuePage(ws, { raterId: 'r1', filter: 'todo', search: '', offset: 0, limit: 1 }).items.map((i) => i.sampleId);
    expect(await dispatch(engine, 'saveLabel', { sampleId: a, values: harmLabel(['none'], 0), timeSpentMs: 5 }, memorySession('r1'))).toMatchObject({ ok: true });
    expect(sync.state().running).toBe(true);
    expect(unsyncedCount(ws.db)).toBe(1);
  });

  it('a revoked token is an error that says to enter it again; the new one syncs; a refused label stays here, shown to its author with the reason', { timeout: 120_000 }, async () => {
    const t = await team();
    const ws = openWorkspace(t.r1Dir);
    cleanup.push(async () => ws.close());
    const sync = background(ws);
    const engine = createEngine(ws, { sync });
    const session = memorySession('r1');
    await until('first sync', () => sync.state().lastSuccessAt !== null);
    const owner = hubClient(t.hubUrl, t.tokens.olga);
    await owner.revoke('r1');
    await dispatch(engine, 'syncNow', {}, session);
    const refused = (await dispatch(engine, 'syncStatus', {}, session)) as { value: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(refused.value).toMatchObject({ state: 'error', problem: { kind: 'token', message: expect.stringMatching(/r1's access to this project was revoked/), action: expect.stringMatching(/Enter the invitation token again/) } });

    // A token of another member is refused as such; r1's new one works.
    expect(await dispatch(engine, 'setHubToken', { token: t.tokens.r2 }, session)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/this token is r2's .* enter r1's token/) } });
    const again = await owner.reinvite('r1');
    expect(await dispatch(engine, 'setHubToken', { token: again.token }, session)).toMatchObject({ ok: true, value: { state: 'synced', problem: null } });

    // A label for a sample the hub has not assigned to r1 (r2's: a replica that wrote one anyway) is refused, kept, and shown to r1.
    const r2Sample = (await new Promise<string>((resolve) => {
      const o = openWorkspace(t.ownerDir);
      resolve(o.db.prepare(`SELECT sample_id FROM assignments WHERE rater_id = 'r2' LIMIT 1`).pluck().get() as string);
      o.close();
    }));
    const seq = ws.db.prepare(`SELECT event_seq FROM samples LIMIT 1`).pluck().get();
    ws.db.prepare(`INSERT INTO sample_rows (ordinal, id, event_seq, row_index) VALUES (100000, ?, ?, 0)`).run(r2Sample, seq);
    const label = submitLabel(ws, { raterId: 'r1', sampleId: r2Sample, values: harmLabel(['none'], 0), timeSpentMs: 5 });
    sync.nudge();
    await until('the refusal is recorded', () => ws.db.prepare('SELECT count(*) FROM sync_rejected').pluck().get() === 1);
    const status = (await dispatch(engine, 'syncStatus', {}, session)) as { value: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(status.value.refused).toEqual([{ eventId: expect.any(String), what: `Label of sample ${r2Sample}`, sampleId: r2Sample, reason: expect.stringMatching(`sample "${r2Sample}" is not assigned to r1`), at: expect.any(String) }]);
    expect(status.value.waiting).toBe(0);
    expect(findLabel(ws, r2Sample, 'r1', label.guideline)).toBeDefined();
    // Only its author is shown it.
    expect(refusedChanges(ws, 'r2')).toEqual([]);
  });
});
