import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createBatch } from '../batches/createBatch';
import { runConcord } from '../testing/cli';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { concordBin } from '../testing/cli';
import { saveLabel } from '../workspace/labels';
import { openWorkspace } from '../workspace/workspace';
import { startTestHub, type TestHub } from '../../hub/testing/hub';
import { readHubConnection } from './hubConnection';
import { hubClient } from './hubClient';
import { syncWorkspace } from './sync';

// `concord connect` and `concord sync` as a user runs them: joining, moving to a new hub address
// or token, refusals, a revoked member, and a large join interrupted and resumed.

const tempDir = useTempDirs();
const root = fileURLToPath(new URL('../../', import.meta.url));
const hubs: TestHub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
});

async function team(samples = 6) {
  const dir = tempDir();
  const hub = await startTestHub('sqlite', dir);
  hubs.push(hub);
  await hub.member('r1', ['rater']);
  await hub.member('r2', ['rater']);
  const owner = await makeWorkspace(path.join(dir, 'owner'), samples, ['r1', 'r2']);
  createBatch(owner, { name: 'B', size: samples, seed: 1, overlap: { k: 2 }, raters: ['r1', 'r2'] }, TEST_OWNER);
  const ownerDir = owner.dir;
  owner.close();
  const c = await runConcord(['connect', '--workspace', ownerDir, '--hub', hub.url, '--token', hub.tokens.olga, '--json']);
  expect(c.code).toBe(0);
  return { dir, hub, ownerDir };
}

describe('concord connect and sync', () => {
  it('joins, says what it did, keeps the token out of the log and the output, and moves to a new address and token without losing anything', async () => {
    const { dir, hub } = await team();
    const replica = path.join(dir, 'r1');
    const joined = await runConcord(['connect', '--workspace', replica, '--hub', hub.url, '--token', hub.tokens.r1, '--json']);
    expect(joined.code).toBe(0);
    expect(JSON.parse(joined.stdout)).toMatchObject({ mode: 'replica', member: 'r1', roles: ['rater'], pushed: 0, pending: 0, rejected: 0 });
    expect(joined.stdout + joined.stderr).not.toContain(hub.tokens.r1);
    const ws = openWorkspace(replica);
    const sample = ws.db.prepare('SELECT id FROM samples LIMIT 1').pluck().get() as string;
    saveLabel(ws, { raterId: 'r1', sampleId: sample, values: harmLabel(['none'], 0), timeSpentMs: 3 });
    expect(ws.db.prepare(`SELECT count(*) FROM events WHERE payload LIKE ?`).pluck().get(`%${hub.tokens.r1}%`)).toBe(0);
    ws.close();

    // The hub moves (another address for it) and r1 gets a new token: connect again, same project and member.
    const again = await hub.call(hub.tokens.olga, 'POST', '/v1/members/r1/invitation');
    const moved = hub.url.replace('127.0.0.1', 'localhost');
    const updated = await runConcord(['connect', '--workspace', replica, '--hub', moved, '--token', again.body.token, '--json']);
    expect(updated.code).toBe(0);
    expect(JSON.parse(updated.stdout)).toMatchObject({ mode: 'updated', member: 'r1', pushed: 1, pending: 0 });
    expect(readHubConnection(replica)).toMatchObject({ url: moved, token: again.body.token, member: 'r1' });
    // The old token no longer works; the new one does, at the new address.
    expect((await hub.call(hub.tokens.r1, 'GET', '/v1/me')).status).toBe(401);
    expect((await runConcord(['sync', '--workspace', replica, '--json'])).code).toBe(0);
  });

  it('refuses, in one line, what cannot be: another member`s token on a replica, a rater making a workspace its source, a wrong token, no hub', async () => {
    const { dir, hub, ownerDir } = await team();
    const replica = path.join(dir, 'r1');
    expect((await runConcord(['connect', '--workspace', replica, '--hub', hub.url, '--token', hub.tokens.r1])).code).toBe(0);
    const cases: [string[], number, RegExp][] = [
      [['connect', '--workspace', replica, '--hub', hub.url, '--token', hub.tokens.r2], 2, /is r1's replica of project .*this token is r2's/],
      [['connect', '--workspace', ownerDir, '--hub', hub.url, '--token', hub.tokens.r2], 2, /r1's replica|only an owner's workspace can become a project's source|is olga's/],
      [['connect', '--workspace', path.join(dir, 'x'), '--hub', hub.url, '--token', 'cch_nope'], 2, /does not accept this token/],
      [['connect', '--workspace', path.join(dir, 'y'), '--hub', 'not a url', '--token', 't'], 2, /--hub must be a URL/],
      [['connect', '--workspace', path.join(dir, 'z'), '--hub', 'http://127.0.0.1:9', '--token', 't'], 1, /cannot reach the hub/],
      [['sync', '--workspace', path.join(dir, 'nothing')], 2, /no workspace|not connected/],
    ];
    for (const [args, code, why] of cases) {
      const r = await runConcord(args);
      expect([args.slice(0, 3).join(' '), r.code]).toEqual([args.slice(0, 3).join(' '), code]);
      expect(r.stderr).toMatch(why);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a revoked member`s sync is refused with a clear message, and its changes stay on its machine', async () => {
    const { dir, hub } = await team();
    const replica = path.join(dir, 'r1');
    expect((await runConcord(['connect', '--workspace', replica, '--hub', hub.url, '--token', hub.tokens.r1])).code).toBe(0);
    const ws = openWorkspace(replica);
    const sample = ws.db.prepare('SELECT id FROM samples LIMIT 1').pluck().get() as string;
    saveLabel(ws, { raterId: 'r1', sampleId: sample, values: harmLabel(['none'], 0), timeSpentMs: 3 });
    ws.close();
    expect((await hub.call(hub.tokens.olga, 'POST', '/v1/members/r1/revoke')).status).toBe(200);
    const r = await runConcord(['sync', '--workspace', replica, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/r1's access to this project was revoked.*1 change\(s\) are saved here/);
    expect(JSON.parse(r.stdout)).toMatchObject({ pending: 1 });
  });

  it('on a replica the CLI acts as its member: import-labels takes only that member`s lines, which then sync like the app`s labels', async () => {
    const { dir, hub, ownerDir } = await team();
    const replica = path.join(dir, 'r1');
    expect((await runConcord(['connect', '--workspace', replica, '--hub', hub.url, '--token', hub.tokens.r1])).code).toBe(0);
    const ws = openWorkspace(replica);
    const [a, b] = ws.db.prepare('SELECT id FROM samples ORDER BY ordinal LIMIT 2').pluck().all() as string[];
    ws.close();
    const file = path.join(dir, 'vendor.jsonl');
    const line = (sample: string, rater: string) => JSON.stringify({ sample, rater, values: harmLabel(['none'], 0) });
    writeFileSync(file, [line(a, 'r1'), line(b, 'r2')].join('\n'));
    const refused = await runConcord(['import-labels', '--workspace', replica, '--file', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/line 2: "rater": "r2" is not r1: as r1, only your own labels come in/);
    writeFileSync(file, line(a, 'r1'));
    expect((await runConcord(['import-labels', '--workspace', replica, '--file', file, '--json'])).code).toBe(0);
    const as = await runConcord(['import-labels', '--workspace', replica, '--file', file, '--as', 'olga']);
    expect(as.code).toBe(2);
    expect(as.stderr).toMatch(/r1's replica of a team project: it acts only as r1, not as "olga"/);
    const check = openWorkspace(replica);
    expect(check.db.prepare(`SELECT author FROM events WHERE type = 'label.submitted'`).pluck().all()).toEqual(['r1']);
    check.close();
    expect(JSON.parse((await runConcord(['sync', '--workspace', replica, '--json'])).stdout)).toMatchObject({ pushed: 1, pending: 0, rejected: 0 });
    expect((await runConcord(['sync', '--workspace', ownerDir])).code).toBe(0);
    const owner = openWorkspace(ownerDir);
    expect(owner.db.prepare(`SELECT rater_id FROM labels WHERE sample_id = ?`).pluck().all(a)).toEqual(['r1']);
    owner.close();
  });

  it("counts a replica's own events served back as pulled and marks them received, without storing them again", async () => {
    const { dir, hub } = await team();
    const replica = path.join(dir, 'r1');
    expect((await runConcord(['connect', '--workspace', replica, '--hub', hub.url, '--token', hub.tokens.r1])).code).toBe(0);
    const ws = openWorkspace(replica);
    try {
      const samples = ws.db.prepare('SELECT id FROM samples LIMIT 3').pluck().all() as string[];
      for (const s of samples) saveLabel(ws, { raterId: 'r1', sampleId: s, values: harmLabel(['none'], 0), timeSpentMs: 3 });
      const events = ws.db.prepare('SELECT count(*) FROM events').pluck().get();
      const report = await syncWorkspace(ws, hubClient(hub.url, hub.tokens.r1));
      // The three labels went up and came back in the pull (the hub serves a rater its own labels).
      expect(report).toMatchObject({ pushed: 3, pulled: 3 });
      expect(ws.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(events);
      expect(ws.db.prepare(`SELECT count(*) FROM sync_received r JOIN events e ON e.seq = r.seq WHERE e.type = 'label.submitted'`).pluck().get()).toBe(3);
      expect(await syncWorkspace(ws, hubClient(hub.url, hub.tokens.r1))).toMatchObject({ pushed: 0, pulled: 0 });
    } finally {
      ws.close();
    }
  });

  it('a large join is paged with progress and resumes where it stopped after kill -9', { timeout: 300_000 }, async () => {
    const { dir, hub, ownerDir } = await team(1200);
    // 2,400 label events: five pages for a staff member joining.
    for (const r of ['r1', 'r2']) {
      const replica = path.join(dir, r);
      expect((await runConcord(['connect', '--workspace', replica, '--hub', hub.url, '--token', hub.tokens[r]])).code).toBe(0);
      const ws = openWorkspace(replica);
      for (const s of ws.db.prepare('SELECT id FROM samples').pluck().all() as string[]) saveLabel(ws, { raterId: r, sampleId: s, values: harmLabel(['none'], 0), timeSpentMs: 1 });
      ws.close();
      expect((await runConcord(['sync', '--workspace', replica])).code).toBe(0);
    }
    await hub.member('adam', ['adjudicator']);
    const adamDir = path.join(dir, 'adam');
    // Kill the join after its first page has been applied.
    const child = spawn(process.execPath, [concordBin, 'connect', '--workspace', adamDir, '--hub', hub.url, '--token', hub.tokens.adam, '--progress'], { cwd: root });
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        if (/pull: \d+ event/.test(String(d))) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.on('exit', r));
    const partial = openWorkspace(adamDir);
    const had = partial.db.prepare(`SELECT count(*) FROM events WHERE type = 'label.submitted'`).pluck().get() as number;
    partial.close();
    expect(had).toBeGreaterThan(0);
    expect(had).toBeLessThan(2400);
    const resumed = await runConcord(['sync', '--workspace', adamDir, '--json']);
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout);
    const ws = openWorkspace(adamDir);
    expect(ws.db.prepare(`SELECT count(*) FROM events WHERE type = 'label.submitted'`).pluck().get()).toBe(2400);
    expect(ws.db.prepare('SELECT count(*) FROM labels').pluck().get()).toBe(2400);
    ws.close();
    // It pulled only what it did not have.
    const total = JSON.parse(readFileSync(path.join(ownerDir, 'hub.json'), 'utf8')) && (await hub.store.lastSeq(hub.project));
    expect(report.pulled).toBeLessThan(total);
  });
});
