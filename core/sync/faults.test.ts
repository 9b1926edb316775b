import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createBatch } from '../batches/createBatch';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { concordBin } from '../testing/cli';
import { queuePage } from '../workspace/queue';
import { saveLabel } from '../workspace/labels';
import { openWorkspace } from '../workspace/workspace';
import { addMember } from '../../hub/members';
import type { StoreKind } from '../../hub/testing/hub';
import { freshPostgresDatabase } from '../../hub/testing/postgres';
import { openPostgresHubStore } from '../../hub/store/postgresStore';
import { openSqliteHubStore } from '../../hub/store/sqliteStore';
import { startFaultyProxy, type FaultyProxy } from '../../hub/testing/faultyProxy';
import { serveHub, type ServingHub } from '../../hub/testing/process';
import { connectWorkspace } from './connect';
import { unsyncedCount } from './sync';
import { mulberry32 } from '../../shared/stats/random';

// Real faults between replicas and the hub: a proxy that drops requests, drops answers after the
// hub committed, duplicates, reorders, delays and truncates; sync clients killed with SIGKILL
// mid-push; the hub killed with SIGKILL mid-request and restarted. Over 10,000 label events (and
// revisions on top), nothing acknowledged is lost and nothing is stored twice: counted at the end
// in the owner's workspace and in the hub's log.

const tempDir = useTempDirs();
const root = fileURLToPath(new URL('../../', import.meta.url));
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** `concord sync` as a real process; resolves with its exit code (null when killed). */
function syncProcess(dir: string): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [concordBin, 'sync', '--workspace', dir, '--json'], { cwd: root, stdio: 'ignore' });
  return { child, done: new Promise((r) => child.on('exit', (code) => r(code))) };
}

const RATERS = ['r1', 'r2', 'r3', 'r4'];
const ITEMS = 2500; // x 4 raters each = 10,000 label submissions

describe.each(['sqlite', 'postgres'] as StoreKind[])('sync under real faults (%s store)', (kind) => {
  it('loses nothing and stores nothing twice over 10,000 label events', { timeout: 900_000 }, async () => {
    const dir = tempDir();
    const random = mulberry32(kind === 'sqlite' ? 11 : 12);
    // The hub's store, its members, then the hub as a process we can kill.
    const pgUrl = kind === 'postgres' ? await freshPostgresDatabase() : undefined;
    const storeArgs = pgUrl ? ['--postgres', pgUrl] : ['--data', path.join(dir, 'hub-data')];
    const store = pgUrl ? await openPostgresHubStore(pgUrl) : openSqliteHubStore(path.join(dir, 'hub-data'));
    const project = await store.createProject('Faults');
    const tokens: Record<string, string> = {};
    for (const [id, roles] of [['olga', ['owner']], ...RATERS.map((r) => [r, ['rater']])] as [string, ('owner' | 'rater')[]][]) {
      tokens[id] = (await addMember(store, project, { id, name: id, roles }, 'hub')).token;
    }
    await store.close();
    const port = await freePort();
    let hub: ServingHub | undefined = await serveHub([...storeArgs, '--port', String(port), '--rate-limit', '1000000']);
    cleanup.push(() => hub?.stop('SIGKILL') ?? Promise.resolve());
    const restartHub = async () => {
      hub = await serveHub([...storeArgs, '--port', String(port), '--rate-limit', '1000000']);
    };
    const proxy: FaultyProxy = await startFaultyProxy(`http://127.0.0.1:${port}`, { seed: kind === 'sqlite' ? 5 : 6, faultRate: 0.35 });
    cleanup.push(() => proxy.close());

    // The owner's source workspace: every item assigned to all four raters.
    const owner = await makeWorkspace(path.join(dir, 'owner'), ITEMS, RATERS);
    createBatch(owner, { name: 'All', size: ITEMS, seed: 1, overlap: { k: RATERS.length }, raters: RATERS }, TEST_OWNER);
    const ownerDir = owner.dir;
    owner.close();
    await connectWorkspace(ownerDir, `http://127.0.0.1:${port}`, tokens.olga);
    const replica = (r: string) => path.join(dir, `replica-${r}`);
    for (const r of RATERS) await connectWorkspace(replica(r), proxy.url, tokens[r]).catch(async () => connectWorkspace(replica(r), `http://127.0.0.1:${port}`, tokens[r]));

    // Rounds: each rater labels a share of its queue (and revises some), then everyone syncs through
    // the faulty proxy, some clients are killed mid-sync, and now and then the hub is killed.
    const made: Record<string, { submissions: number; revisions: number }> = Object.fromEntries(RATERS.map((r) => [r, { submissions: 0, revisions: 0 }]));
    let clientKills = 0;
    let hubKills = 0;
    const ROUNDS = 5;
    for (let round = 0; round < ROUNDS; round++) {
      for (const r of RATERS) {
        const ws = openWorkspace(replica(r));
        try {
          const todo = queuePage(ws, { raterId: r, filter: 'todo', search: '', offset: 0, limit: 500 }).items.slice(0, Math.ceil(ITEMS / ROUNDS));
          for (const it of todo) {
            saveLabel(ws, { raterId: r, sampleId: it.sampleId, values: harmLabel(['none'], 0), timeSpentMs: 10 });
            made[r].submissions++;
            if (random() < 0.05) {
              saveLabel(ws, { raterId: r, sampleId: it.sampleId, values: harmLabel(['violence_weapons'], 1), timeSpentMs: 5 });
              made[r].revisions++;
            }
          }
        } finally {
          ws.close();
        }
      }
      const syncs = RATERS.map((r) => ({ r, ...syncProcess(replica(r)) }));
      for (const s of syncs) {
        if (random() < 0.5) {
          setTimeout(() => {
            if (s.child.exitCode === null) {
              clientKills++;
              s.child.kill('SIGKILL');
            }
          }, 40 + random() * 400);
        }
      }
      if (random() < 0.6) {
        await new Promise((res) => setTimeout(res, 50 + random() * 400));
        hubKills++;
        await hub!.stop('SIGKILL');
        await restartHub();
      }
      await Promise.all(syncs.map((s) => s.done));
    }
    expect([clientKills > 0, hubKills > 0]).toEqual([true, true]);
    // Every fault met a push at least once (the proxy deals each to the first pushes), and more came at random.
    expect(Object.entries(proxy.pushCounts).filter(([fault, n]) => fault !== 'pass' && n === 0)).toEqual([]);
    expect(Object.values(proxy.counts).reduce((a, b) => a + b, 0) - proxy.counts.pass).toBeGreaterThan(6);

    // Heal and sync until everyone is through (a client killed mid-push pushes again: duplicates).
    proxy.heal();
    for (const r of RATERS) {
      let code: number | null = null;
      for (let attempt = 0; attempt < 5 && code !== 0; attempt++) code = await syncProcess(replica(r)).done;
      expect([r, code]).toEqual([r, 0]);
      const ws = openWorkspace(replica(r));
      try {
        expect([r, unsyncedCount(ws.db)]).toEqual([r, 0]);
      } finally {
        ws.close();
      }
    }
    expect(await syncProcess(ownerDir).done).toBe(0);

    // Count: every submission and revision made is in the owner's workspace exactly once.
    const ws = openWorkspace(ownerDir);
    try {
      const submissions = RATERS.reduce((a, r) => a + made[r].submissions, 0);
      const revisions = RATERS.reduce((a, r) => a + made[r].revisions, 0);
      expect(submissions).toBe(ITEMS * RATERS.length);
      const count = (type: string) => ws.db.prepare('SELECT count(*) FROM events WHERE type = ?').pluck().get(type) as number;
      expect(count('label.submitted')).toBe(submissions);
      expect(count('label.revised')).toBe(revisions);
      for (const r of RATERS) {
        expect(ws.db.prepare('SELECT count(*) FROM labels WHERE rater_id = ? AND retracted = 0').pluck().get(r)).toBe(made[r].submissions);
      }
      expect(ws.db.prepare('SELECT count(*) FROM label_revisions').pluck().get()).toBe(submissions + revisions);
      // And the hub's own log holds each of them once.
      const { client } = await import('./connect').then((m) => m.connectedHub(ownerDir));
      let after = 0;
      const ids = new Set<string>();
      let labelEvents = 0;
      for (;;) {
        const page = await client.pull(after, 2000);
        for (const e of page.events) {
          const ev = e.event as { id: string; type: string };
          if (ev.type.startsWith('label.')) labelEvents++;
          ids.add(ev.id);
        }
        after = page.next;
        if (!page.more) break;
      }
      expect(labelEvents).toBe(submissions + revisions);
      console.log(`${kind}: ${submissions} submissions + ${revisions} revisions through ${JSON.stringify(proxy.counts)} (pushes: ${JSON.stringify(proxy.pushCounts)}), ${clientKills} client kills, ${hubKills} hub kills`);
    } finally {
      ws.close();
    }
  });
});
