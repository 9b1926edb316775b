import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { memorySession } from '../api/session';
import { createBatch } from '../batches/createBatch';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { connectWorkspace } from '../sync/connect';
import { saveLabel } from '../workspace/labels';
import { openWorkspace } from '../workspace/workspace';
import { startTestHub, type TestHub } from '../../hub/testing/hub';
import { SESSION_HEADER } from '../../shared/api/http';
import { startAppEngine, type AppEngine } from './appEngine';

// The app's first run: the three ways in, each through the API, and a join that is cut off (the
// server process killed with SIGKILL mid-way through the initial sync) and resumes on the next start.

const tempDir = useTempDirs();
const root = fileURLToPath(new URL('../../', import.meta.url));
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function until(what: string, cond: () => boolean | Promise<boolean>, limitMs = 60_000) {
  const end = Date.now() + limitMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function engineIn(dir: string): Promise<AppEngine> {
  const app = await startAppEngine(dir);
  cleanup.push(() => app.close());
  return app;
}

/** A hub with a project whose source has `samples` items labeled by r1 and r2, and an adjudicator adam invited. */
async function project(samples: number, labeled = true) {
  const dir = tempDir();
  const hub = await startTestHub('sqlite', dir);
  cleanup.push(() => hub.close());
  for (const r of ['r1', 'r2']) await hub.member(r, ['rater'], r === 'r1' ? 'Rita One' : 'Rob Two');
  await hub.member('adam', ['adjudicator'], 'Adam Judge');
  const owner = await makeWorkspace(path.join(dir, 'owner'), samples, ['r1', 'r2']);
  createBatch(owner, { name: 'B', size: samples, seed: 1, overlap: { k: 2 }, raters: ['r1', 'r2'] }, TEST_OWNER);
  const ids = owner.db.prepare('SELECT id FROM samples').pluck().all() as string[];
  owner.close();
  await connectWorkspace(path.join(dir, 'owner', 'ws'), hub.url, hub.tokens.olga);
  if (labeled) {
    for (const r of ['r1', 'r2']) {
      const replica = path.join(dir, `replica-${r}`);
      await connectWorkspace(replica, hub.url, hub.tokens[r]);
      const ws = openWorkspace(replica);
      for (const s of ids) saveLabel(ws, { raterId: r, sampleId: s, values: harmLabel(['none'], 0), timeSpentMs: 1 });
      ws.close();
      await connectWorkspace(replica, hub.url, hub.tokens[r]);
    }
  }
  return { dir, hub };
}

describe('the first run', () => {
  it('offers the three ways in; until one is chosen nothing else answers; a local workspace starts with its owner', async () => {
    const dir = path.join(tempDir(), 'app');
    const app = await engineIn(dir);
    const session = memorySession();
    const call = (name: string, input: unknown = {}) => dispatch(app.engine, name, input, session);
    expect(await call('launchState')).toEqual({ ok: true, value: { stage: 'choose', join: null, member: null } });
    expect(await call('queue')).toMatchObject({ ok: false });
    expect(await call('listProfiles')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no workspace yet: open the demo, create a local workspace or join a team/) } });
    expect(await call('startLocal', { name: 'My study', ownerId: 'ana', ownerName: 'Ana Owner' })).toMatchObject({ ok: true, value: { stage: 'ready' } });
    expect(await call('signIn', { profileId: 'ana' })).toMatchObject({ ok: true, value: { profile: { id: 'ana', name: 'Ana Owner', roles: ['owner', 'adjudicator', 'rater'] } } });
    expect(await call('appInfo')).toMatchObject({ ok: true, value: { workspaceName: 'My study' } });
    expect(await call('syncStatus')).toMatchObject({ ok: true, value: { state: 'local' } });
    // The choice is made once.
    expect(await call('startDemo')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already has its workspace/) } });
  });

  it('joins a team: a refused invitation leaves nothing behind; an accepted one makes the replica, and only its member (with the hub`s roles) signs in there', { timeout: 120_000 }, async () => {
    const { dir: base, hub } = await project(4, false);
    const dir = path.join(base, 'app');
    const app = await engineIn(dir);
    const session = memorySession();
    const call = (name: string, input: unknown = {}) => dispatch(app.engine, name, input, session);
    expect(await call('joinTeam', { hubUrl: hub.url, token: 'cch_wrong' })).toMatchObject({
      ok: false,
      error: { kind: 'input', message: expect.stringMatching(/does not accept this invitation: this token is not valid on this hub/) },
    });
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    expect(await call('joinTeam', { hubUrl: 'not a url', token: 'x' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/must be a URL/) } });

    const joining = await call('joinTeam', { hubUrl: hub.url, token: hub.tokens.r1 });
    expect(joining).toMatchObject({ ok: true, value: { stage: expect.stringMatching(/joining|ready/), join: { member: 'r1', projectName: 'Test project' } } });
    await app.ready();
    const ready = await call('launchState');
    expect(ready).toEqual({ ok: true, value: { stage: 'ready', join: null, member: 'r1' } });
    expect(await call('signIn', { profileId: 'r1' })).toMatchObject({ ok: true, value: { profile: { id: 'r1', name: 'Rita One', roles: ['rater'] } } });
    expect(await call('queue')).toMatchObject({ ok: true, value: { counts: { all: 4, todo: 4 } } });
    expect(await call('syncStatus')).toMatchObject({ ok: true, value: { member: 'r1', waiting: 0 } });
  });
});

/** An HTTP proxy to the hub that can hold pulls (to cut a join off at a known point) and logs each pull's cursor. */
async function gate(target: string) {
  const pulls: number[] = [];
  let holdAfter = Infinity;
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (req.method === 'GET' && url.pathname === '/v1/events') {
      pulls.push(Number(url.searchParams.get('after')));
      if (pulls.length > holdAfter) return void held.push(res);
    }
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const up = http.request(new URL(req.url!, target), { method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode!, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pulls,
    hold: (n: number) => void (holdAfter = n),
    open: () => void (holdAfter = Infinity),
    held: () => held.length,
    close: () =>
      new Promise<void>((r) => {
        held.forEach((h) => h.destroy());
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The browser build's server on a folder, as a process (so it can be killed). */
async function serverProcess(dir: string) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'core/server/main.ts', '--workspace', dir, '--static', dir], { cwd: root });
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const first = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve(buf.slice(0, buf.indexOf('\n')));
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
  const { url, token } = JSON.parse(first) as { url: string; token: string };
  let secret: string | undefined;
  const call = async (name: string, input: unknown = {}) => {
    const res = await fetch(`${url}api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...(secret ? { [SESSION_HEADER]: secret } : {}) },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; value?: any; error?: { message: string } }; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (name === 'signIn' && body.ok) secret = body.value.session;
    return body;
  };
  return {
    call,
    kill: async () => {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

describe('a join cut off', () => {
  it('resumes where it stopped when the server is killed mid-way through the initial sync and started again', { timeout: 300_000 }, async () => {
    const { dir: base, hub } = await project(1200); // more events than one pull page (MAX_PULL_EVENTS)
    const proxy = await gate(hub.url);
    cleanup.push(() => proxy.close());
    const dir = path.join(base, 'app');
    // The first page of the initial sync is let through, the second is held: the join is mid-way.
    proxy.hold(1);
    const first = await serverProcess(dir);
    expect(await first.call('joinTeam', { hubUrl: proxy.url, token: (hub as TestHub).tokens.adam })).toMatchObject({ ok: true, value: { stage: 'joining', join: { member: 'adam' } } });
    await until('the second page is asked for', () => proxy.held() === 1);
    const mid = await first.call('launchState');
    expect(mid.value).toMatchObject({ stage: 'joining', join: { hub: proxy.url, events: expect.any(Number), fraction: expect.any(Number) } });
    expect(mid.value.join.events).toBeGreaterThan(0);
    expect(mid.value.join.fraction).toBeGreaterThan(0);
    expect(mid.value.join.fraction).toBeLessThan(1);
    expect(mid.value.join.samples).toBe(1200);
    expect(mid.value.join.guidelineVersions).toBe(2);
    await first.kill();

    // Started again: the join goes on from its cursor (no pull from the start again), then the workspace opens.
    proxy.open();
    const pullsBefore = proxy.pulls.length;
    const second = await serverProcess(dir);
    expect((await second.call('launchState')).value.stage).toMatch(/joining|ready/);
    await until('the join is through', async () => (await second.call('launchState')).value.stage === 'ready');
    const resumedFrom = proxy.pulls.slice(pullsBefore);
    expect(resumedFrom[0]).toBeGreaterThan(0);
    expect(resumedFrom).not.toContain(0);
    // Staff replicas hold every profile; only the member signs in.
    expect((await second.call('signIn', { profileId: 'r1' })).error?.message).toMatch(/adam's replica of a team project: only adam signs in here/);
    expect((await second.call('signIn', { profileId: 'adam' })).value.profile).toEqual({ id: 'adam', name: 'Adam Judge', roles: ['adjudicator'] });
    const status = await second.call('syncStatus');
    expect(status.value).toMatchObject({ member: 'adam', waiting: 0 });
    expect((await second.call('disagreements', { rule: { kind: 'any' } })).ok).toBe(true);
  });
});
