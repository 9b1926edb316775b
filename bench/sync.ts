// npm run bench:sync -- [--store sqlite|postgres|both] [--labels N] [--raters N] [--seconds S] [--samples N]
// The hub on loopback, on each store:
//   1. push, then pull, of N (default 100,000) label events: ten raters' replicas push theirs one
//      after another; the owner's workspace then pulls them all (goal under 5 s each way);
//   2. R (default 50) simulated raters, each submitting a label and syncing every 100 ms for S
//      (default 60) seconds (goal: p99 under 100 ms, 0 errors): HTTP-level raters in one client
//      process (bench/syncClients.ts), and beside them one real replica doing the same through the
//      engine (syncWorkspace), reported apart;
//   3. an owner workspace of M (default 1,000,000) samples pushed to a new project (reported);
//   and the hub process's peak RSS. Every figure is printed with the load average (the machine is shared).
//   Data lives in .bench/ (gitignored).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSamples } from './data';
import { samplePeakRss } from './peakRss';
import { raterLoop, workspaceRater, type LoopResult } from './raters';
import { createBatch } from '../core/batches/createBatch';
import { importSamples } from '../core/import/importSamples';
import { appendEvents, newEvent } from '../core/store/eventLog';
import { connectWorkspace } from '../core/sync/connect';
import { hubClient } from '../core/sync/hubClient';
import { syncWorkspace } from '../core/sync/sync';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../core/testing/fixtures';
import { openWorkspace } from '../core/workspace/workspace';
import { addMember } from '../hub/members';
import { hubBin } from '../hub/testing/process';
import { buildCli } from '../core/testing/buildCli';
import { openPostgresHubStore } from '../hub/store/postgresStore';
import { openSqliteHubStore } from '../hub/store/sqliteStore';
import type { HubStore } from '../hub/store/types';
import { loadBundledPack } from '../core/guidelines/load';
import { activateGuideline, publishGuideline } from '../core/workspace/guidelines';
import { createWorkspace } from '../core/workspace/workspace';

const root = fileURLToPath(new URL('../', import.meta.url));
const benchDir = path.join(root, '.bench', 'sync');
const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'both' },
    labels: { type: 'string', default: '100000' },
    raters: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '60' },
    samples: { type: 'string', default: '1000000' },
  },
});
const LABELS = Number(values.labels);
const LIVE = Number(values.raters);
const SECONDS = Number(values.seconds);
const MILLION = Number(values.samples);
const PUSHERS = 10;

const now = () => performance.now() / 1000;
const load = () => `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** The hub as its own process, its peak RSS sampled from /proc. */
async function startHub(storeArgs: string[]) {
  const port = await freePort();
  // BENCH_HUB_PROF=DIR writes the hub's CPU profile there (node --cpu-prof).
  const prof = [...(process.env.BENCH_HUB_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HUB_PROF}`] : []), ...(process.env.BENCH_HUB_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  const child = spawn(process.execPath, [...prof, hubBin, 'serve', ...storeArgs, '--port', String(port), '--rate-limit', '10000000'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (c) => reject(new Error(`hub exited ${c}`)));
  });
  const rss = samplePeakRss(child.pid!, 100);
  return {
    url: `http://127.0.0.1:${port}`,
    peakMb: rss.peakMb,
    stop: () =>
      new Promise<void>((r) => {
        rss.stop();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

async function openStore(kind: string, dir: string, pgBase?: string): Promise<{ store: HubStore; args: string[] }> {
  if (kind === 'sqlite') return { store: openSqliteHubStore(path.join(dir, 'hub')), args: ['--data', path.join(dir, 'hub')] };
  const name = `bench_${Date.now()}`;
  const admin = new (await import('pg')).default.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgBase!);
  url.pathname = `/${name}`;
  return { store: await openPostgresHubStore(url.toString()), args: ['--postgres', url.toString()] };
}

async function benchStore(kind: string, pgBase?: string) {
  const dir = path.join(benchDir, kind);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log(`\n== ${kind} store ==`);
  const { store, args } = await openStore(kind, dir, pgBase);
  const project = await store.createProject('Bench');
  const tokens: Record<string, string> = {};
  const pushers = Array.from({ length: PUSHERS }, (_, i) => `p${i + 1}`);
  const live = Array.from({ length: LIVE }, (_, i) => `l${i + 1}`);
  const replicaRater = 'w1'; // the live raters' real replica
  for (const [id, roles] of [['olga', ['owner']], ...[...pushers, ...live, replicaRater].map((r) => [r, ['rater']])] as [string, ('owner' | 'rater')[]][]) {
    tokens[id] = (await addMember(store, project, { id, name: id, roles }, 'hub')).token;
  }
  await store.close();
  const hub = await startHub(args);
  try {
    await benchHub({ kind, dir, args, hub, pushers, live, replicaRater, tokens });
  } finally {
    await hub.stop();
  }
}

/** The three measures against a running hub whose members are made (benchStore stops the hub whatever happens). */
async function benchHub(b: {
  kind: string;
  dir: string;
  /** The hub's store arguments (`--data DIR` or `--postgres URL`). */
  args: string[];
  hub: Awaited<ReturnType<typeof startHub>>;
  pushers: string[];
  live: string[];
  replicaRater: string;
  tokens: Record<string, string>;
}) {
  const { kind, dir, args, hub, pushers, live, replicaRater, tokens } = b;
  // The owner: samples for the pushers (every item to all ten) and for the live raters.
  const perPusher = Math.ceil(LABELS / PUSHERS);
  const owner = await makeWorkspace(path.join(dir, 'owner'), perPusher, [...pushers, ...live, replicaRater]);
  createBatch(owner, { name: 'push', size: perPusher, seed: 1, overlap: { k: PUSHERS }, raters: pushers }, TEST_OWNER);
  // Enough items that no live rater runs out: ten labels a second each, five raters an item.
  const k = Math.min(LIVE + 1, 5);
  const liveItems = Math.min(perPusher, Math.ceil(((LIVE + 1) * SECONDS * 10) / k) + 100);
  createBatch(owner, { name: 'live', size: liveItems, seed: 2, overlap: { k }, raters: [...live, replicaRater], filters: { excludeBatched: false } }, TEST_OWNER);
  const assigned = owner.db.prepare("SELECT a.sample_id FROM assignments a JOIN batches b ON b.id = a.batch_id WHERE a.rater_id = ? AND b.name = 'live' ORDER BY a.queue_pos").pluck();
  const liveSamples = Object.fromEntries(live.map((r) => [r, assigned.all(r) as string[]]));
  const ownerDir = owner.dir;
  owner.close();
  await connectWorkspace(ownerDir, hub.url, tokens.olga);

  // 1. Push and pull of LABELS label events.
  for (const p of pushers) {
    const d = path.join(dir, `replica-${p}`);
    await connectWorkspace(d, hub.url, tokens[p]);
    const ws = openWorkspace(d);
    const items = ws.db.prepare('SELECT sample_id FROM assignments WHERE rater_id = ?').pluck().all(p) as string[];
    const g = { id: 'harm-taxonomy', version: '1.1.0' };
    appendEvents(
      ws.db,
      items.map((s, i) => newEvent('label.submitted', p, { labelId: `${p}-${i}`, sampleId: s, raterId: p, guideline: g, values: harmLabel(['none'], 0), timeSpentMs: 1000 })),
    );
    ws.close();
  }
  let t = now();
  let pushed = 0;
  for (const p of pushers) {
    const d = path.join(dir, `replica-${p}`);
    const ws = openWorkspace(d);
    pushed += (await syncWorkspace(ws, hubClient(hub.url, tokens[p]))).pushed;
    ws.close();
  }
  const pushSeconds = now() - t;
  const ownerWs = openWorkspace(ownerDir);
  t = now();
  const pulled = (await syncWorkspace(ownerWs, hubClient(hub.url, tokens.olga))).pulled;
  const pullSeconds = now() - t;
  ownerWs.close();
  console.log(`push of ${pushed.toLocaleString('en-US')} label events (${PUSHERS} replicas in turn): ${pushSeconds.toFixed(2)} s (goal < 5 s; ${load()})`);
  console.log(`pull of ${pulled.toLocaleString('en-US')} events by the owner: ${pullSeconds.toFixed(2)} s (goal < 5 s; ${load()})`);

  // 2. LIVE raters submitting and syncing every 100 ms: HTTP-level ones in one client process,
  //    and one real replica in this process.
  const replicaDir = path.join(dir, `replica-${replicaRater}`);
  await connectWorkspace(replicaDir, hub.url, tokens[replicaRater]);
  const clients = new Promise<LoopResult>((resolve, reject) => {
    const input = { url: hub.url, raters: live.map((id) => ({ id, token: tokens[id], samples: liveSamples[id] })), guideline: { id: 'harm-taxonomy', version: '1.1.0' }, seconds: SECONDS, intervalMs: 100 };
    // In a file: fifty raters' sample lists for a minute outgrow the argument list (E2BIG).
    const inputFile = path.join(dir, 'clients.json');
    writeFileSync(inputFile, JSON.stringify(input));
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/syncClients.ts', inputFile], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`clients exited ${code}`))));
  });
  // The replica starts with the clients' loops: they join (pull their shares) first.
  const replicaWs = openWorkspace(replicaDir);
  const replicaRun = new Promise<void>((resolve) => setTimeout(resolve, 2000)).then(() => {
    const end = Date.now() + (SECONDS - 2) * 1000;
    return raterLoop(workspaceRater(replicaWs, replicaRater, hubClient(hub.url, tokens[replicaRater])), 100, () => Date.now() < end);
  });
  const [http, replica] = await Promise.all([clients, replicaRun]);
  replicaWs.close();
  const figures = (r: LoopResult) =>
    r.latencies.length
      ? `${r.latencies.length.toLocaleString('en-US')} rounds, ${r.labels.toLocaleString('en-US')} labels, p50 ${pct(r.latencies, 50).toFixed(1)} ms, p95 ${pct(r.latencies, 95).toFixed(1)} ms, p99 ${pct(r.latencies, 99).toFixed(1)} ms, max ${Math.max(...r.latencies).toFixed(1)} ms, ${r.errors} errors`
      : `no rounds, ${r.errors} errors`;
  console.log(`${LIVE} raters (HTTP, one client process), label + sync every 100 ms for ${SECONDS} s: ${figures(http)} (goal p99 < 100 ms, 0 errors; ${load()})`);
  console.log(`  beside them, one real replica (saveLabel + syncWorkspace) every 100 ms: ${figures(replica)}`);
  for (const m of [...http.messages, ...replica.messages]) console.log(`  error: ${m}`);

  // 3. A million-sample owner workspace becomes a project's source.
  if (MILLION > 0) {
    const file = path.join(root, '.bench', `samples-${MILLION}.jsonl`);
    if (!existsSync(file)) {
      console.log(`generating ${MILLION.toLocaleString('en-US')} rows ...`);
      generateSamples(MILLION, file);
    }
    const s2 = kind === 'sqlite' ? openSqliteHubStore(path.join(dir, 'hub')) : await openPostgresHubStore(args[1]);
    const big = await s2.createProject('Million');
    const token = (await addMember(s2, big, { id: 'mona', name: 'Mona', roles: ['owner'] }, 'hub')).token;
    await s2.close();
    const wsDir = path.join(dir, 'million');
    const ws = createWorkspace(wsDir, { owner: { id: 'mona', name: 'Mona', roles: ['owner'] } });
    publishGuideline(ws, loadBundledPack('harm-taxonomy', '1.1.0'), 'mona');
    activateGuideline(ws, { id: 'harm-taxonomy', version: '1.1.0' }, 'mona');
    await importSamples(ws, { file }, 'mona');
    ws.close();
    t = now();
    const r = await connectWorkspace(wsDir, hub.url, token);
    console.log(`owner workspace of ${MILLION.toLocaleString('en-US')} samples becomes a project's source: ${r.sync.pushed.toLocaleString('en-US')} events pushed in ${(now() - t).toFixed(1)} s (${load()})`);
  }
  console.log(`hub peak RSS: ${hub.peakMb().toFixed(0)} MB`);
}

async function main() {
  mkdirSync(benchDir, { recursive: true });
  buildCli(); // the hub runs as `npx concord-hub` does, from the compiled build
  const kinds = values.store === 'both' ? ['sqlite', 'postgres'] : [values.store!];
  // A PostgreSQL of its own with the default durability (the tests' server runs with fsync off).
  // BENCH_POSTGRES=URL uses a server already running (e.g. one with statement logging on).
  let pg: string | undefined = process.env.BENCH_POSTGRES;
  let pgDir: string | undefined;
  if (kinds.includes('postgres') && !pg) {
    const out = spawnSync('bash', ['scripts/test-postgres.sh'], { cwd: root, encoding: 'utf8', env: { ...process.env, PG_DURABLE: '1' } });
    pg = /CONCORD_TEST_POSTGRES=(\S+)/.exec(out.stdout)?.[1];
    pgDir = /CONCORD_TEST_POSTGRES_DIR=(\S+)/.exec(out.stdout)?.[1];
    if (!pg) throw new Error(`could not start PostgreSQL: ${out.stderr}`);
  }
  try {
    for (const k of kinds) await benchStore(k, pg);
  } finally {
    if (pgDir) spawnSync('bash', ['scripts/test-postgres.sh', 'stop', pgDir], { cwd: root });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
